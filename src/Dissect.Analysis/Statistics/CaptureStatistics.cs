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
    readonly List<(ulong Frames, ulong Bytes)> _io = new();
    readonly Dictionary<(Address, Address), PairStats> _eth = new(), _ip = new(), _ipv6 = new();
    readonly List<PairStats> _ethOrder = new(), _ipOrder = new(), _ipv6Order = new();
    long _intervalNs = 1_000_000_000;
    Timestamp _first, _last;
    bool _any;
    public ulong Frames { get; private set; }
    public ulong Bytes { get; private set; }

    /// <summary>I/O interval in nanoseconds (default 1 s). Set before the first frame.</summary>
    public long IntervalNs { get => _intervalNs; set => _intervalNs = Math.Max(1, value); }
    public Timestamp First => _first;

    public void Observe(DissectContext ctx)
    {
        var frame = ctx.Frame;
        if (!_any) { _first = frame.Time; _any = true; }
        _last = frame.Time;
        Frames++; Bytes += (ulong)frame.OriginalLength;

        var node = _phs;
        bool eth = false;
        foreach (var p in ctx.ProtocolStack)
        {
            if (p is not null && p.Abbrev == "eth") eth = true;
            // IPv6 extension headers (ipv6.hopopts, ipv6.routing, ipv6.fraghdr, ipv6.dstopts) sit inside the IPv6
            // tree in tshark, and its hierarchy counts only top-level protocols.
            if (p is null || p.Abbrev == "frame" || p.Abbrev.StartsWith("ipv6.", StringComparison.Ordinal)) continue;
            node = node.Child(p.Abbrev);
            node.Frames++; node.Bytes += (ulong)frame.OriginalLength;
        }

        long rel = frame.Time.NanosecondsSince(_first);
        int slot = (int)Math.Min(rel < 0 ? 0 : rel / _intervalNs, 10_000_000);
        while (_io.Count <= slot) _io.Add((0, 0));
        var io = _io[slot]; _io[slot] = (io.Frames + 1, io.Bytes + (ulong)frame.OriginalLength);

        // Only Ethernet frames count as Ethernet conversations (a Linux cooked header's link address does not, as in tshark).
        if (eth && ctx.DlSrc.Kind == AddressKind.Ether) Pair(_eth, _ethOrder, ctx.DlSrc, ctx.DlDst, frame);
        if (ctx.StatsNetSrc.Kind == AddressKind.IPv4) Pair(_ip, _ipOrder, ctx.StatsNetSrc, ctx.StatsNetDst, frame);
        else if (ctx.StatsNetSrc.Kind == AddressKind.IPv6) Pair(_ipv6, _ipv6Order, ctx.StatsNetSrc, ctx.StatsNetDst, frame);
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

    /// <summary>`tshark -q -z io,stat,INTERVAL` (frames and bytes per interval).</summary>
    public string RenderIo()
    {
        double durS = _any ? _last.NanosecondsSince(_first) / 1e9 : 0;
        string iv = (_intervalNs / 1e9).ToString("0.######", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "| IO Statistics",
            "|",
            $"| Duration: {durS.ToString("F6", CultureInfo.InvariantCulture)} secs",
            $"| Interval: {iv} secs",
            "|",
            "| Col 1: Frames and bytes",
        };
        // Body columns: interval label, frames, bytes.
        var rows = new List<(string Label, string Frames, string Bytes)>();
        for (int i = 0; i < _io.Count; i++)
        {
            long start = i * _intervalNs, end = start + _intervalNs;
            string s = FormatInterval(start), e = end / 1e9 > durS && i == _io.Count - 1 ? "Dur" : FormatInterval(end);
            rows.Add(($"{s} <> {e}", _io[i].Frames.ToString(CultureInfo.InvariantCulture), _io[i].Bytes.ToString(CultureInfo.InvariantCulture)));
        }
        int lw = Math.Max(8, rows.Count == 0 ? 0 : rows.Max(r => r.Label.Length));
        int fw = Math.Max(6, rows.Count == 0 ? 0 : rows.Max(r => r.Frames.Length));
        int bw = Math.Max(5, rows.Count == 0 ? 0 : rows.Max(r => r.Bytes.Length));
        int inner = 1 + lw + 1 + 1 + 1 + fw + 1 + 1 + 1 + bw + 1; // "| label | frames | bytes |" minus outer bars
        int width = Math.Max(inner, lines.Max(l => l.Length) + 2);
        var sb = new StringBuilder();
        sb.Append('\n').Append(new string('=', width + 2)).Append('\n');
        foreach (var l in lines) sb.Append(l.PadRight(width + 1)).Append("|\n");
        sb.Append('|').Append(new string('-', width)).Append("|\n");
        sb.Append("| ").Append(new string(' ', lw)).Append(" |").Append("1".PadRight(width - lw - 3)).Append("|\n");
        sb.Append("| ").Append("Interval".PadRight(lw)).Append(" | ").Append("Frames".PadLeft(fw)).Append(" | ").Append("Bytes".PadLeft(bw)).Append(" |\n");
        sb.Append('|').Append(new string('-', width)).Append("|\n");
        foreach (var r in rows)
            sb.Append("| ").Append(r.Label.PadRight(lw)).Append(" | ").Append(r.Frames.PadLeft(fw)).Append(" | ").Append(r.Bytes.PadLeft(bw)).Append(" |\n");
        sb.Append(new string('=', width + 2)).Append('\n');
        return sb.ToString();
    }

    string FormatInterval(long ns)
    {
        double s = ns / 1e9;
        return _intervalNs % 1_000_000_000 == 0 ? ((long)s).ToString(CultureInfo.InvariantCulture).PadLeft(2)
            : s.ToString("0.000", CultureInfo.InvariantCulture);
    }
}
