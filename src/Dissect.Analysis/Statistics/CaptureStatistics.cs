using System.Globalization;
using System.Text;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Statistics;

/// <summary>
/// Per-capture statistics gathered frame by frame after dissection (protocol hierarchy, I/O intervals, Ethernet
/// and IP conversations and endpoints), printed in tshark's -z layouts. Memory grows with distinct protocols,
/// addresses and intervals, never with the number of frames.
/// </summary>
public sealed class CaptureStatistics
{
    sealed class PhsNode
    {
        public readonly string Name; public ulong Frames, Bytes;
        public readonly List<PhsNode> Children = new();
        public PhsNode(string name) { Name = name; }
        public PhsNode Child(string name)
        {
            foreach (var c in Children) if (c.Name == name) return c;
            var n = new PhsNode(name); Children.Add(n); return n;
        }
    }

    public sealed class PairStats
    {
        public Address A, B; public ulong FramesAB, BytesAB, FramesBA, BytesBA; public Timestamp First, Last;
    }

    readonly PhsNode _phs = new("");
    readonly Dictionary<(Address, Address), PairStats> _eth = new(), _ip = new(), _ipv6 = new();
    readonly List<PairStats> _ethOrder = new(), _ipOrder = new(), _ipv6Order = new();
    Timestamp _first, _last;
    bool _any;
    public ulong Frames { get; private set; }
    public ulong Bytes { get; private set; }

    public Timestamp First => _first;

    public void Observe(DissectContext ctx)
    {
        var frame = ctx.Frame;
        if (!_any) { _first = frame.Time; _any = true; }
        _last = frame.Time;
        Frames++; Bytes += (ulong)frame.OriginalLength;

        var node = _phs;
        string? previous = null;
        bool inIcmp = false, quoted = false;
        foreach (var p in ctx.ProtocolStack)
        {
            // IPv6 extension headers (ipv6.hopopts, ipv6.routing, ipv6.fraghdr, ipv6.dstopts) sit inside the IPv6
            // tree in tshark, and its hierarchy counts only top-level protocols.
            if (p is null || p.Abbrev == "frame" || p.Abbrev.StartsWith("ipv6.", StringComparison.Ordinal)) continue;
            // Wireshark's TLS and SSH dissect every record / packet of a segment in one call: one item of the tree
            // (other protocols, HTTP or DNS over TCP, get one item per PDU, nested like any next layer).
            if (p.Abbrev == previous && p.Abbrev is "tls" or "ssh") continue;
            previous = p.Abbrev;
            if (inIcmp)
            {
                // ICMP keeps its echo data and the quoted datagram inside its own tree; only the quoted datagram's
                // payload (data) reaches the top level, right under ICMP.
                if (p.Abbrev is "ip" or "ipv6") { quoted = true; continue; }
                if (!(quoted && p.Abbrev == "data")) continue;
            }
            node = node.Child(p.Abbrev);
            node.Frames++; node.Bytes += (ulong)frame.OriginalLength;
            if (p.Abbrev is "icmp" or "icmpv6") inIcmp = true;
        }

        // Every layer counts, as tshark's taps run once per layer: a tunnelled frame is in its outer and its inner
        // conversation. Only Ethernet layers count as Ethernet conversations (a Linux cooked header's link address
        // does not, as in tshark).
        foreach (var (src, dst) in ctx.StatsEthLayers) Pair(_eth, _ethOrder, src, dst, frame);
        foreach (var (src, dst) in ctx.StatsIpLayers)
        {
            if (src.Kind == AddressKind.IPv4) Pair(_ip, _ipOrder, src, dst, frame);
            else if (src.Kind == AddressKind.IPv6) Pair(_ipv6, _ipv6Order, src, dst, frame);
        }
    }

    static void Pair(Dictionary<(Address, Address), PairStats> map, List<PairStats> order, Address src, Address dst, in Frame frame)
    {
        bool srcFirst = src.CompareTo(dst) <= 0;
        var key = srcFirst ? (src, dst) : (dst, src);
        if (!map.TryGetValue(key, out var p))
        {
            p = new PairStats { A = src, B = dst, First = frame.Time };
            map[key] = p; order.Add(p);
        }
        p.Last = frame.Time;
        if (p.A == src) { p.FramesAB++; p.BytesAB += (ulong)frame.OriginalLength; }
        else { p.FramesBA++; p.BytesBA += (ulong)frame.OriginalLength; }
    }

    public IReadOnlyList<PairStats> Pairs(string kind) => kind switch
    {
        "eth" => _ethOrder, "ip" => _ipOrder, "ipv6" => _ipv6Order,
        _ => throw new ArgumentException("unknown conversation type " + kind),
    };

    /// <summary>Rows for the conversation table of eth, ip or ipv6 (A = sender of the first frame).</summary>
    public List<ConversationRow> Conversations(string kind)
        => Pairs(kind).Select(p => new ConversationRow(Name(p.A), Name(p.B), p.FramesBA, p.BytesBA, p.FramesAB, p.BytesAB,
                p.First.NanosecondsSince(_first), p.Last.NanosecondsSince(p.First), 0)).ToList().SortedLikeTshark();

    static string Name(in Address a)
        => a.Kind == AddressKind.Ether ? ConversationReport.EtherName(a.Bytes, a.ToString()) : a.ToString();

    /// <summary>`tshark -q -z io,phs`.</summary>
    public string RenderProtocolHierarchy(string filter = "")
    {
        var sb = new StringBuilder();
        sb.Append('\n').Append(new string('=', 67)).Append('\n');
        sb.Append("Protocol Hierarchy Statistics\n");
        sb.Append("Filter: ").Append(filter).Append("\n\n");
        void Walk(PhsNode n, int depth)
        {
            foreach (var c in n.Children)
            {
                var label = new string(' ', depth * 2) + c.Name;
                sb.Append(label.PadRight(41)).Append("frames:").Append(c.Frames.ToString(CultureInfo.InvariantCulture))
                  .Append(" bytes:").Append(c.Bytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
                Walk(c, depth + 1);
            }
        }
        Walk(_phs, 0);
        sb.Append(new string('=', 67)).Append('\n');
        return sb.ToString();
    }
}

/// <summary>What one io,stat column computes (tshark's calc types).</summary>
public enum IoCalc { Frames, Bytes, FramesAndBytes, Count, Sum, Min, Max, Avg }

/// <summary>How an io,stat column's field values are read and printed: unsigned or signed integers, doubles
/// (raw bits), relative times (nanoseconds).</summary>
public enum IoValueKind { Unsigned, Signed, Double, RelativeTime }

/// <summary>One io,stat column: its calc type, the kind of its field (for COUNT..AVG) and the text tshark prints
/// after "Col N:" (null: "Frames and bytes").</summary>
public sealed record IoColumn(IoCalc Calc, IoValueKind Kind, string? Text);

/// <summary>
/// `tshark -q -z io,stat,INTERVAL[,COLUMN...]` as tshark 4.0 computes and prints it: intervals of whole
/// microseconds counted from the first frame, an interval longer than the capture shrunk to the capture's
/// duration, the interval's decimal places as the argument gave them, the duration rounded to that precision
/// (the last row ends there and frames past the rounded duration fall in no row), column widths from the largest
/// value, and its quirks (the seconds-precision Duration line prints its microseconds with "%6u").
/// Memory grows with intervals × columns, never with frames.
/// </summary>
public sealed class IoStatistics
{
    struct Item { public uint Frames, Num; public ulong Counter; public double Double; }

    readonly ulong _intervalUs;            // ulong.MaxValue: the whole capture (io,stat,0)
    readonly int _precision;
    readonly IReadOnlyList<IoColumn> _cols;
    readonly List<Item>[] _items;
    readonly ulong[] _maxVals;
    readonly uint[] _maxFrame;
    long _maxRelNs;
    ulong _lastRelUs;

    /// <summary>Parses the interval as tshark does (seconds, rounded to whole microseconds; 0 = the whole
    /// capture; the decimal places typed count when the value has no finer digits). Null when invalid.</summary>
    public static IoStatistics? Create(string interval, IReadOnlyList<IoColumn> columns)
    {
        if (!double.TryParse(interval, System.Globalization.NumberStyles.Float, CultureInfo.InvariantCulture, out double f)
            || f < 0 || double.IsNaN(f) || double.IsInfinity(f)) return null;
        ulong us = f == 0 ? ulong.MaxValue : (ulong)(f * 1_000_000.0 + 0.5);
        if (us < 1) return null;
        int prec = 6;
        if (us != ulong.MaxValue)
            for (ulong i = 10; i < 10_000_000; i *= 10)
            {
                if (us % i > 0) break;
                prec--;
            }
        if (prec == 0)
        {
            int dot = interval.IndexOf('.');
            if (dot >= 0 && interval.Length - dot - 1 > 0) prec = Math.Min(interval.Length - dot - 1, 6);
        }
        return new IoStatistics(us, prec, columns);
    }

    IoStatistics(ulong intervalUs, int precision, IReadOnlyList<IoColumn> columns)
    {
        _intervalUs = intervalUs; _precision = precision; _cols = columns;
        _items = new List<Item>[columns.Count];
        for (int i = 0; i < _items.Length; i++) _items[i] = new List<Item> { default };
        _maxVals = new ulong[columns.Count];
        _maxFrame = new uint[columns.Count];
    }

    public IReadOnlyList<IoColumn> Columns => _cols;

    /// <summary>Every frame read (before any column filter): the capture's duration is the largest relative time.</summary>
    public void Frame(long relNs) { if (relNs > _maxRelNs) _maxRelNs = relNs; }

    /// <summary>A frame that matches column <paramref name="col"/>'s filter, with the values of its field (raw:
    /// integers as two's complement, doubles as bits, relative times in ns) for COUNT..AVG.</summary>
    public void Observe(int col, long relNs, uint packetLength, ReadOnlySpan<ulong> values)
    {
        ulong rel;
        if (relNs >= 0) { rel = (ulong)(relNs / 1_000_000_000) * 1_000_000 + (ulong)((relNs % 1_000_000_000 + 500) / 1000); _lastRelUs = rel; }
        else rel = _lastRelUs;
        var items = _items[col];
        // Frames earlier than the last interval seen go to that interval (tshark keeps only a cursor).
        while (_intervalUs != ulong.MaxValue && rel >= (ulong)(items.Count - 1) * _intervalUs + _intervalUs)
            items.Add(default);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items);
        ref var it = ref span[^1];
        it.Frames++;
        var c = _cols[col];
        switch (c.Calc)
        {
            case IoCalc.Frames: case IoCalc.Bytes: case IoCalc.FramesAndBytes:
                it.Counter += packetLength; break;
            case IoCalc.Count:
                it.Counter += (ulong)values.Length; break;
            case IoCalc.Sum:
                foreach (var v in values)
                    if (c.Kind == IoValueKind.Double) it.Double += BitConverter.UInt64BitsToDouble(v); else it.Counter += v;
                break;
            case IoCalc.Min:
                for (int i = 0; i < values.Length; i++)
                {
                    bool first = it.Frames == 1 && i == 0;
                    ulong v = values[i];
                    switch (c.Kind)
                    {
                        case IoValueKind.Double:
                            double d = BitConverter.UInt64BitsToDouble(v);
                            if (first || d < it.Double) it.Double = d; break;
                        case IoValueKind.Signed:
                            if (first || (long)v < (long)it.Counter) it.Counter = v; break;
                        default:
                            if (first || v < it.Counter) it.Counter = v; break;
                    }
                }
                break;
            case IoCalc.Max:
                foreach (var v in values)
                    switch (c.Kind)
                    {
                        case IoValueKind.Double:
                            double d = BitConverter.UInt64BitsToDouble(v);
                            if (d > it.Double) it.Double = d; break;
                        case IoValueKind.Signed:
                            if ((long)v > (long)it.Counter) it.Counter = v; break;
                        default:
                            if (v > it.Counter) it.Counter = v; break;
                    }
                break;
            case IoCalc.Avg:
                foreach (var v in values)
                {
                    it.Num++;
                    if (c.Kind == IoValueKind.Double) it.Double += BitConverter.UInt64BitsToDouble(v); else it.Counter += v;
                }
                break;
        }
        // The largest value of the column sets its width.
        switch (c.Calc)
        {
            case IoCalc.Frames: case IoCalc.FramesAndBytes:
                _maxFrame[col] = Math.Max(_maxFrame[col], it.Frames);
                if (c.Calc == IoCalc.FramesAndBytes) _maxVals[col] = Math.Max(_maxVals[col], it.Counter);
                break;
            case IoCalc.Bytes: case IoCalc.Count:
                _maxVals[col] = Math.Max(_maxVals[col], it.Counter); break;
            case IoCalc.Sum: case IoCalc.Min: case IoCalc.Max:
                _maxVals[col] = Math.Max(_maxVals[col], c.Kind == IoValueKind.Double ? ToU64(it.Double + 0.5) : it.Counter);
                break;
            case IoCalc.Avg:
                if (it.Num == 0) break;
                _maxVals[col] = Math.Max(_maxVals[col], c.Kind switch
                {
                    IoValueKind.Double => ToU64(it.Double) / it.Num,
                    IoValueKind.RelativeTime => (it.Counter / it.Num + 500_000_000) / 1_000_000_000,
                    _ => it.Counter / it.Num,
                });
                break;
        }
    }

    static ulong ToU64(double d) => d <= 0 || double.IsNaN(d) ? 0 : d >= 1.8e19 ? ulong.MaxValue : (ulong)d;

    static int Magnitude(ulong v, int max)
    {
        int mag = 0;
        for (int i = 0; i < max; i++)
        {
            mag++;
            if ((v /= 10) == 0) break;
        }
        return mag;
    }

    static string Label(IoCalc c) => c switch
    {
        IoCalc.Frames => "FRAMES", IoCalc.Bytes => "BYTES", IoCalc.FramesAndBytes => "FRAMES BYTES",
        IoCalc.Count => "COUNT", IoCalc.Sum => "SUM", IoCalc.Min => "MIN", IoCalc.Max => "MAX", _ => "AVG",
    };

    // tshark's printcenter: the label centred in a column of width lenval (nothing at all when it is far too wide).
    static void Center(StringBuilder sb, string label, int lenval)
    {
        int len = 6 - ((lenval - label.Length) / 2 + 1);
        if (len > 0 && len < 6)
        {
            int pad = 6 - len;
            if ((lenval - label.Length) % 2 == 0) sb.Append(' ', pad).Append(label).Append(' ', pad).Append('|');
            else sb.Append(' ', pad + 1).Append(label).Append(' ', pad).Append('|');
        }
    }

    static string U(ulong v, int w) => v.ToString(CultureInfo.InvariantCulture).PadLeft(w);

    /// <summary>The table, byte for byte as tshark 4.0 prints it.</summary>
    public string Render()
    {
        int n = _cols.Count;
        long ns = _maxRelNs;
        ulong duration = (ulong)(ns / 1_000_000_000) * 1_000_000 + (ulong)((ns % 1_000_000_000 + 500) / 1000);
        ulong interval;
        bool whole = _intervalUs > duration || _intervalUs == ulong.MaxValue;
        interval = whole ? duration : _intervalUs;

        uint durSecsOrig = (uint)(duration / 1_000_000), durUsOrig = (uint)(duration % 1_000_000);
        uint durSecs = durSecsOrig;
        int durMag = Magnitude(durSecs, 5);
        int durMagFmt = durMag;                         // the number formats keep the unrounded magnitude
        int invlMag = Magnitude(interval / 1_000_000, 5);
        int prec, borderlen;
        if (interval == duration)
        {
            prec = durMag >= 2 ? 1 : durMag == 1 ? 3 : 6;
            borderlen = 30 + durMag + (prec == 0 ? 0 : prec + 1);
        }
        else
        {
            prec = _precision;
            borderlen = 25 + Math.Max(invlMag, durMag) + (prec == 0 ? 0 : prec + 1);
        }
        ulong dv = 1_000_000;
        for (int i = 0; i < prec; i++) dv /= 10;
        if (duration % dv > 5 * (dv / 10))
        {
            duration += 5 * (dv / 10);
            duration = duration / dv * dv;
            durSecs = (uint)(duration / 1_000_000);
            durMag = Magnitude(durSecs, 5);
        }
        if (whole) interval = duration;

        int invlColW = prec == 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
        invlColW = Math.Max(invlColW, 12);
        borderlen = Math.Max(borderlen, invlColW);

        // Column widths and formats.
        var fr = new int[n]; var val = new int[n];
        int tabrow = invlColW;
        for (int j = 0; j < n; j++)
        {
            var c = _cols[j];
            int namelen = c.Calc == IoCalc.FramesAndBytes ? 5 : Label(c.Calc).Length;
            if (c.Calc is IoCalc.Frames or IoCalc.FramesAndBytes)
            {
                fr[j] = Math.Max(6, Magnitude(_maxFrame[j], 15));
                tabrow += fr[j] + 3;
                if (c.Calc == IoCalc.FramesAndBytes)
                {
                    val[j] = Math.Max(5, Magnitude(_maxVals[j], 15));
                    tabrow += val[j] + 3;
                }
                continue;
            }
            if (c.Calc is IoCalc.Bytes or IoCalc.Count)
                val[j] = Math.Max(5, Magnitude(_maxVals[j], 15));
            else if (c.Kind == IoValueKind.Double)
                val[j] = Magnitude(_maxVals[j], 15) + 7;
            else if (c.Kind == IoValueKind.RelativeTime)
            {
                if (c.Calc != IoCalc.Avg) _maxVals[j] = (_maxVals[j] + 500_000_000) / 1_000_000_000;
                val[j] = Magnitude(_maxVals[j], 15) + 7;
            }
            else
                val[j] = Math.Max(namelen, Magnitude(_maxVals[j], 15));
            tabrow += val[j] + 3;
        }
        borderlen = Math.Max(borderlen, tabrow);

        int maxFilter = 0;
        foreach (var c in _cols) maxFilter = Math.Max(maxFilter, c.Text is null ? 26 : c.Text.Length + 11);
        if (maxFilter > borderlen && borderlen < 102) borderlen = Math.Min(maxFilter, 102);
        if (borderlen - tabrow == 1) borderlen++;

        var sb = new StringBuilder();
        sb.Append('\n').Append('=', borderlen).Append('\n');
        sb.Append("| IO Statistics").Append(' ', borderlen - 16).Append("|\n");
        sb.Append('|').Append(' ', borderlen - 2).Append("|\n");
        string Num(uint v, int w) => v.ToString(CultureInfo.InvariantCulture).PadLeft(w);
        string Frac(uint v) => v.ToString(CultureInfo.InvariantCulture).PadLeft(prec, '0');
        if (prec == 0)
        {
            sb.Append("| Duration: ").Append(Num(durSecsOrig, durMagFmt)).Append('.').Append(Num(durUsOrig, 6)).Append(" secs")
              .Append(' ', Math.Max(0, borderlen - 25 - durMag)).Append("|\n");
            sb.Append("| Interval: ").Append(Num((uint)(interval / 1_000_000), durMagFmt)).Append(" secs")
              .Append(' ', Math.Max(0, borderlen - 18 - durMag)).Append("|\n");
        }
        else
        {
            sb.Append("| Duration: ").Append(Num(durSecs, durMagFmt)).Append('.').Append(Frac((uint)(duration % 1_000_000 / dv))).Append(" secs")
              .Append(' ', Math.Max(0, borderlen - 19 - durMag - prec)).Append("|\n");
            sb.Append("| Interval: ").Append(Num((uint)(interval / 1_000_000), durMagFmt)).Append('.').Append(Frac((uint)(interval % 1_000_000 / dv))).Append(" secs")
              .Append(' ', Math.Max(0, borderlen - 19 - durMag - prec)).Append("|\n");
        }
        sb.Append('|').Append(' ', borderlen - 2).Append("|\n");

        for (int j = 0; j < n; j++)
        {
            sb.Append(j == 0 ? "| Col" : "|    ").Append((j + 1).ToString(CultureInfo.InvariantCulture).PadLeft(2)).Append(": ");
            var text = _cols[j].Text;
            if (text is null) { sb.Append("Frames and bytes").Append(' ', Math.Max(0, borderlen - 26)).Append("|\n"); continue; }
            if (text.Length + 11 <= borderlen) { sb.Append(text).Append(' ', borderlen - text.Length - 10).Append("|\n"); continue; }
            int maxW = borderlen - 11;
            while (true)
            {
                if (text.Length > maxW)
                {
                    string head = text.Substring(0, maxW);
                    int sp = head.LastIndexOf(' ');
                    int len = sp >= 0 ? sp : head.Length;
                    int next = sp >= 0 ? len + 1 : len;
                    sb.Append(head, 0, len).Append(' ', Math.Max(0, borderlen - len - 10)).Append("|\n");
                    sb.Append("|        ");
                    text = text.Substring(next);
                }
                else { sb.Append(text).Append(' ', Math.Max(0, borderlen - text.Length - 10)).Append("|\n"); break; }
            }
        }
        sb.Append("|-").Append('-', borderlen - 3).Append("|\n");

        string filler = tabrow < borderlen ? new string(' ', borderlen - tabrow - 1) + "|" : "";
        sb.Append('|').Append(' ', invlColW - 2).Append('|');
        for (int j = 0; j < n; j++)
        {
            int pad = _cols[j].Calc switch
            {
                IoCalc.FramesAndBytes => fr[j] + val[j] + 3,
                IoCalc.Frames => fr[j],
                _ => val[j],
            };
            sb.Append((j + 1).ToString(CultureInfo.InvariantCulture).PadRight(2)).Append(' ', pad).Append('|');
        }
        sb.Append(filler);
        sb.Append("\n| Interval").Append(' ', invlColW - 11).Append('|');
        for (int j = 0; j < n; j++)
        {
            var c = _cols[j];
            if (c.Calc == IoCalc.Frames) Center(sb, "FRAMES", fr[j]);
            else if (c.Calc == IoCalc.FramesAndBytes) { Center(sb, "Frames", fr[j]); Center(sb, "Bytes", val[j]); }
            else Center(sb, Label(c.Calc), val[j]);
        }
        sb.Append(filler);
        sb.Append("\n|-").Append('-', tabrow - 3).Append('|').Append(filler).Append('\n');

        int rows = interval == 0 || duration == 0 ? 0 : (int)Math.Min(duration / interval + (duration % interval > 0 ? 1UL : 0UL), 10_000_000);
        ulong t = 0;
        for (int i = 0; i < rows; i++)
        {
            bool last = i == rows - 1;
            ulong end = last ? duration : t + interval;
            if (prec == 0)
            {
                if (last)
                {
                    int maxw = durMag >= 3 ? durMag + 1 : 3;
                    sb.Append(durMag == 1 ? "|  " : "| ").Append(Num((uint)(t / 1_000_000), durMagFmt)).Append(" <> ").Append("Dur".PadRight(maxw)).Append('|');
                }
                else
                    sb.Append(durMag == 1 ? "|  " : "| ").Append(Num((uint)(t / 1_000_000), durMagFmt)).Append(" <> ")
                      .Append(Num((uint)(end / 1_000_000), durMagFmt)).Append(durMag == 1 ? "  |" : " |");
            }
            else
                sb.Append("| ").Append(Num((uint)(t / 1_000_000), durMagFmt)).Append('.').Append(Frac((uint)(t % 1_000_000 / dv)))
                  .Append(" <> ").Append(Num((uint)(end / 1_000_000), durMagFmt)).Append('.').Append(Frac((uint)(end % 1_000_000 / dv))).Append(" |");
            for (int j = 0; j < n; j++)
            {
                var c = _cols[j];
                var items = _items[j];
                Item it = i < items.Count ? items[i] : default;
                switch (c.Calc)
                {
                    case IoCalc.Frames: sb.Append(' ').Append(U(it.Frames, fr[j])).Append(" |"); break;
                    case IoCalc.FramesAndBytes: sb.Append(' ').Append(U(it.Frames, fr[j])).Append(" | ").Append(U(it.Counter, val[j])).Append(" |"); break;
                    case IoCalc.Bytes: case IoCalc.Count: sb.Append(' ').Append(U(it.Counter, val[j])).Append(" |"); break;
                    default:
                        ulong num = c.Calc == IoCalc.Avg ? Math.Max(1u, it.Num) : 1;
                        sb.Append(' ');
                        switch (c.Kind)
                        {
                            case IoValueKind.Double:
                                sb.Append((it.Double / num).ToString("F6", CultureInfo.InvariantCulture).PadLeft(val[j] - 7 + 7)); break;
                            case IoValueKind.RelativeTime:
                                ulong us = (it.Counter / num + 500) / 1000;
                                sb.Append(((uint)(us / 1_000_000)).ToString(CultureInfo.InvariantCulture).PadLeft(val[j] - 7)).Append('.')
                                  .Append((us % 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
                                break;
                            case IoValueKind.Signed:
                                sb.Append(((long)(it.Counter / num)).ToString(CultureInfo.InvariantCulture).PadLeft(val[j])); break;
                            default:
                                sb.Append(U(it.Counter / num, val[j])); break;
                        }
                        sb.Append(" |");
                        break;
                }
            }
            sb.Append(filler).Append('\n');
            t += interval;
        }
        sb.Append('=', borderlen).Append('\n');
        return sb.ToString();
    }
}
