using System.Globalization;
using System.Text;
using Dissect.Analysis.Statistics;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Cli;

/// <summary>
/// `dissect stats KIND FILE [-Y FILTER] [-T json]`: tshark's -q -z reports (conv,eth|ip|ipv6|tcp|udp,
/// endpoints,…, io,phs (also "phs"), io,stat,INTERVAL, expert) and the per-connection TCP report (`tcp`).
/// </summary>
public static class StatsCommand
{
    public static int Run(string kind, string file, string? filterText, string? format, OutputTarget target, TextWriter stderr,
        DecodeAs? decodeAs = null)
    {
        var parts = kind.Split(',');
        string what = parts[0];
        // Pass 1 over the file: one sequential dissection with analysis; every report is fed per frame.
        using var pipeline = Pipeline.Open(file, new PipelineOptions
        {
            Fields = [],                       // replaced below once the filter is compiled
            WantColumns = what == "expert",
            DecodeAs = decodeAs,
        });
        // Only the per-connection report needs every conversation's full state at the end; the tables keep their
        // own rows, so the analysis may forget closed connections (memory bounded by open ones).
        pipeline.Analysis.Tcp.RetainAll = false;
        pipeline.Analysis.Udp.RetainAll = false;
        var filter = FilterSupport.Compile(filterText, pipeline.Registry);
        // Conversation, endpoint and per-connection reports read nothing above TCP and UDP: without a display filter
        // (which may name any field) the pass stops there (tunnels still opened), and the conversation tables need
        // only the stream numbers, not the sequence analysis.
        string type = parts.Length == 2 ? parts[1] : "";
        bool tables = what is "conv" or "endpoints";
        if (filter is null && (tables || what == "tcp"))
        {
            pipeline.Context.TransportOnly = true;
            pipeline.Analysis.Tcp.FullAnalysis = what == "tcp";
            // Each report needs at most one of the two conversation indexes.
            if (!(tables && type == "udp")) pipeline.Context.Udp = null;
            if (tables && type != "tcp") pipeline.Context.Tcp = null;
        }
        bool needCaps = (tables && type is "eth" or "ip" or "ipv6") || what == "phs" || (what == "io" && type == "phs");
        bool expert = what == "expert";
        // Experts need every field; otherwise only what the filter reads.
        pipeline.Fields.Select(expert ? null : filter?.Fields ?? []);

        var caps = new CaptureStatistics();
        IoStat? io = what == "io" && parts.Length >= 3 && parts[1] == "stat" ? IoStat.Parse(parts, pipeline.Registry, filter) : null;
        if (io is not null && io.NeedsFields) pipeline.Fields.Select(null);
        var tcpConv = new StreamConversationTable(tcp: true);
        var udpConv = new StreamConversationTable(tcp: false);
        var experts = new ExpertCounts();
        using var text = target.OpenText();
        // stats tcp: each connection's record is written as the analysis finishes with it, in stream order, so only
        // connections still open (or recently closed) are held, whatever the size of the capture.
        TcpConnectionReport.StreamingWriter? tcpReport = null;
        if (what == "tcp")
        {
            tcpReport = new TcpConnectionReport.StreamingWriter(text, format == "json");
            pipeline.Analysis.Tcp.RecordDone = tcpReport.Add;
            tcpReport.Release = pipeline.Analysis.Tcp.Reuse;   // written records serve later connections
        }
        Timestamp? start = null;
        while (pipeline.MoveNext())
        {
            if (start is null) { start = pipeline.Frame.Time; if (tcpReport is not null) tcpReport.CaptureStart = start.Value; }
            long rel = pipeline.Frame.Time.NanosecondsSince(start.Value);
            io?.Table.Frame(rel);
            if (filter is not null && !filter.Matches(pipeline.Fields)) continue;
            var ctx = pipeline.Context;
            io?.Observe(rel, (uint)pipeline.Frame.OriginalLength, pipeline.Fields);
            if (needCaps) caps.Observe(ctx);
            if (tables && type == "tcp") tcpConv.Observe(ctx, pipeline.Analysis);
            if (tables && type == "udp") udpConv.Observe(ctx, pipeline.Analysis);
            if (expert) CountExperts(pipeline.Fields, experts);
        }
        if (pipeline.Warning is { } w) stderr.WriteLine(Cli.Prefixed(w));
        var t0 = start ?? default;
        string filterLabel = filterText ?? "<No Filter>";
        var sb = new StringBuilder();
        switch (what)
        {
            case "conv" when parts.Length == 2 && parts[1] is "tcp" or "udp":
                (parts[1] == "tcp" ? tcpConv : udpConv).Write(text, Title(parts[1]), filterLabel, t0);
                break;
            case "conv" when parts.Length == 2:
                var rows = parts[1] switch
                {
                    "eth" or "ip" or "ipv6" => caps.Conversations(parts[1]),
                    _ => throw new CliException($"unknown conversation type \"{parts[1]}\": use eth, ip, ipv6, tcp or udp", ExitCodes.BadOption),
                };
                ConversationReport.Write(text, Title(parts[1]), rows, filterLabel, parts[1] is "tcp" or "udp" ? 26 : 20);
                break;
            case "endpoints" when parts.Length == 2:
                var conv = parts[1] switch
                {
                    "tcp" => tcpConv.Rows(t0),
                    "udp" => udpConv.Rows(t0),
                    "eth" or "ip" or "ipv6" => caps.Conversations(parts[1]),
                    _ => throw new CliException($"unknown endpoint type \"{parts[1]}\": use eth, ip, ipv6, tcp or udp", ExitCodes.BadOption),
                };
                sb.Append(RenderEndpoints(Title(parts[1]), conv, parts[1] is "tcp" or "udp", filterLabel));
                break;
            case "phs":
            case "io" when parts.Length == 2 && parts[1] == "phs":
                sb.Append(caps.RenderProtocolHierarchy(filterText ?? ""));
                break;
            case "io" when io is not null:
                sb.Append(io.Table.Render());
                break;
            case "expert":
                sb.Append(RenderExperts(experts));
                break;
            case "tcp":
                pipeline.Analysis.Tcp.Finish();
                tcpReport!.Finish();
                if (format == "json") text.Write('\n');
                break;
            default:
                throw new CliException($"unknown statistics \"{kind}\": use conv,TYPE, endpoints,TYPE, phs, io,stat,SECONDS, expert or tcp", ExitCodes.BadOption);
        }
        text.Write(sb.ToString());
        text.Flush();
        return pipeline.Warning is null ? ExitCodes.Ok : ExitCodes.BadFile;
    }

    /// <summary>`io,stat,INTERVAL[,COLUMN...]`: each COLUMN is a display filter, optionally led by a calc
    /// function as tshark takes them (FRAMES(), BYTES(), COUNT(field), SUM/MIN/MAX/AVG(field), then the filter);
    /// an empty COLUMN counts every frame.</summary>
    sealed class IoStat
    {
        public required IoStatistics Table;
        public required Dissect.Filter.DisplayFilter?[] Filters;
        public required FieldDef?[] Fields;
        readonly List<ulong> _values = new();
        public bool NeedsFields => Filters.Any(f => f is not null) || Fields.Any(f => f is not null);

        static readonly (string Name, IoCalc Calc)[] Calcs =
        [
            ("FRAMES", IoCalc.Frames), ("BYTES", IoCalc.Bytes), ("FRAMES BYTES", IoCalc.FramesAndBytes), ("COUNT", IoCalc.Count),
            ("SUM", IoCalc.Sum), ("MIN", IoCalc.Min), ("MAX", IoCalc.Max), ("AVG", IoCalc.Avg),
        ];

        public static IoStat Parse(string[] parts, FieldRegistry registry, Dissect.Filter.DisplayFilter? displayFilter)
        {
            // tshark: "io,stat,%lf," then every comma starts a column (an empty one counts all frames).
            var cols = new List<IoColumn>();
            var filters = new List<Dissect.Filter.DisplayFilter?>();
            var fields = new List<FieldDef?>();
            string rest = parts.Length > 3 ? string.Join(',', parts, 3, parts.Length - 3) : "";
            var texts = rest.Length == 0 ? [null] : rest.Split(',').Select(t => t.Length == 0 ? null : t).ToArray();
            foreach (var text in texts)
            {
                var calc = IoCalc.FramesAndBytes;
                var vk = IoValueKind.Unsigned;
                string? flt = text;
                FieldDef? field = null;
                if (text is not null)
                    foreach (var (name, c) in Calcs)
                    {
                        if (!text.StartsWith(name, StringComparison.Ordinal) || text.Length == name.Length || text[name.Length] != '(') continue;
                        calc = c;
                        int close = text.IndexOf(')', name.Length + 1);
                        if (close < 0) throw new CliException("Closing parenthesis missing from calculated expression.", ExitCodes.BadOption);
                        string fname = text.Substring(name.Length + 1, close - name.Length - 1);
                        if (c is IoCalc.Frames or IoCalc.Bytes)
                        {
                            if (fname.Length != 0) throw new CliException($"{name} does not require or allow a field name within the parens.", ExitCodes.BadOption);
                        }
                        else
                        {
                            if (fname.Length == 0) throw new CliException($"You didn't specify a field name for {name}(*).", ExitCodes.BadOption);
                            field = registry.Find(fname) ?? throw new CliException($"There is no field named '{fname}'.", ExitCodes.BadOption);
                            vk = KindOf(field, name, c);
                        }
                        flt = text.Substring(close + 1);
                        break;
                    }
                cols.Add(new IoColumn(calc, vk, text));
                filters.Add(string.IsNullOrEmpty(flt) ? null : FilterSupport.Compile(flt, registry));
                fields.Add(field);
            }
            // tshark reads a column's field only where the tree kept it: fields named in some filter (a column's or
            // -Y's) are kept; any other field counts nothing (COUNT(ip.ttl) alone prints 0, COUNT(ip.ttl)ip.ttl counts).
            var primed = new HashSet<FieldDef>();
            foreach (var f in filters.Append(displayFilter)) if (f is not null) primed.UnionWith(f.Fields);
            for (int i = 0; i < fields.Count; i++) if (fields[i] is { } d && !primed.Contains(d)) fields[i] = null;
            var table = IoStatistics.Create(parts[2], cols)
                ?? throw new CliException($"invalid interval \"{parts[2]}\" in io,stat: give seconds, e.g. io,stat,1 (0: the whole capture)", ExitCodes.BadOption);
            return new IoStat { Table = table, Filters = filters.ToArray(), Fields = fields.ToArray() };
        }

        // tshark accepts integer fields for every calc, doubles for SUM/COUNT/MAX/MIN/AVG, relative times for those
        // (and LOAD, which Dissect does not offer), anything else for COUNT only.
        static IoValueKind KindOf(FieldDef f, string name, IoCalc c)
        {
            if (FieldDef.IsInteger(f.Kind) && f.Kind != FieldKind.FrameNum)
                return FieldDef.IsSigned(f.Kind) ? IoValueKind.Signed : IoValueKind.Unsigned;
            if (f.Kind == FieldKind.Double) return IoValueKind.Double;
            if (f.Kind == FieldKind.RelativeTime) return IoValueKind.RelativeTime;
            if (c == IoCalc.Count) return IoValueKind.Unsigned;
            throw new CliException($"{f.Abbrev} doesn't have integral values, so {name}(*) calculations are not supported on it.", ExitCodes.BadOption);
        }

        public void Observe(long relNs, uint length, PacketFields pf)
        {
            for (int j = 0; j < Filters.Length; j++)
            {
                if (Filters[j] is { } f && !f.Matches(pf)) continue;
                _values.Clear();
                if (Fields[j] is { } def)
                    foreach (ref readonly var e in pf.Entries)
                        if (ReferenceEquals(e.Field, def)) _values.Add(e.Value);
                Table.Observe(j, relNs, length, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_values));
            }
        }
    }

    static string Title(string type) => type switch
    {
        "eth" => "Ethernet", "ip" => "IPv4", "ipv6" => "IPv6", "tcp" => "TCP", "udp" => "UDP", _ => type,
    };

    // Expert counts keyed by (severity, group, protocol, summary), kept in order of first appearance as tshark
    // lists them within a severity.
    sealed class ExpertCounts
    {
        public readonly Dictionary<(ExpertSeverity, string, string, string), int> Counts = new();
        public readonly List<(ExpertSeverity Sev, string Group, string Proto, string Summary)> Order = new();
    }

    /// <summary>Counts a frame's expert items as tshark's expert tap does: by severity, group, protocol and summary,
    /// the summary being the item's formatted message when it carries one (a text that extends the item's name, as
    /// "Connection establish request (SYN): server port 8080" or "Duplicate ACK (#2)", or any text of an item marked
    /// FieldFlags.ExpertTextIsSummary, as HTTP's "GET / HTTP/1.1\r\n"), else its name; at most 239 characters. An item that
    /// has a formatted occurrence in the frame is counted by that one only (tcp.analysis.duplicate_ack is both the
    /// flag and, on the duplicate-ACK number, the expert item in Wireshark).</summary>
    static void CountExperts(PacketFields f, ExpertCounts counts)
    {
        var entries = f.Entries;
        List<FieldDef>? formatted = null;
        foreach (ref readonly var e in entries)
            if (e.Field.IsExpert && Message(f, e) is not null) (formatted ??= new()).Add(e.Field);
        foreach (ref readonly var e in entries)
        {
            if (!e.Field.IsExpert) continue;
            string? message = Message(f, e);
            if (message is null && formatted is not null && formatted.Contains(e.Field)) continue;
            string proto = e.Field.Protocol?.ShortName ?? "";
            var key = (e.Field.Severity, e.Field.ExpertGroupName, proto, message ?? e.Field.Name);
            if (!counts.Counts.TryGetValue(key, out int n)) counts.Order.Add(key);
            counts.Counts[key] = n + 1;
        }
    }

    static string? Message(PacketFields f, in FieldEntry e)
    {
        if (e.Text < 0 || e.Text >= f.Texts.Count) return null;
        string t = f.Texts[e.Text];
        if ((e.Field.Flags & FieldFlags.ExpertTextIsSummary) != 0) return Summary(t);
        return t.Length > e.Field.Name.Length && t.StartsWith(e.Field.Name, StringComparison.Ordinal) ? Summary(t) : null;

        // Wireshark formats a summary into a label of ITEM_LABEL_LENGTH (240) bytes: 239 characters at most.
        static string Summary(string t) => t.Length > 239 ? t[..239] : t;
    }

    static string RenderExperts(ExpertCounts counts)
    {
        var sb = new StringBuilder();
        foreach (var sev in new[] { ExpertSeverity.Error, ExpertSeverity.Warn, ExpertSeverity.Note, ExpertSeverity.Chat, ExpertSeverity.Comment })
        {
            var rows = counts.Order.Where(k => k.Sev == sev).ToList();
            if (rows.Count == 0) continue;
            string name = sev switch { ExpertSeverity.Error => "Errors", ExpertSeverity.Warn => "Warns", ExpertSeverity.Note => "Notes", ExpertSeverity.Chat => "Chats", _ => "Comments" };
            sb.Append('\n').Append(name).Append(" (").Append(rows.Sum(r => counts.Counts[r])).Append(")\n=============\n");
            sb.Append("   Frequency      Group           Protocol  Summary\n");
            foreach (var r in rows)
                sb.Append(counts.Counts[r].ToString(CultureInfo.InvariantCulture).PadLeft(12)).Append(r.Group.PadLeft(11))
                  .Append(r.Proto.PadLeft(19)).Append("  ").Append(r.Summary).Append('\n');
        }
        return sb.ToString();
    }

    static string RenderEndpoints(string title, List<ConversationRow> rows, bool ports, string filter)
    {
        var eps = new Dictionary<string, (ulong TxP, ulong TxB, ulong RxP, ulong RxB)>();
        var order = new List<string>();
        void Add(string ep, ulong txp, ulong txb, ulong rxp, ulong rxb)
        {
            if (!eps.TryGetValue(ep, out var v)) { order.Add(ep); v = default; }
            eps[ep] = (v.TxP + txp, v.TxB + txb, v.RxP + rxp, v.RxB + rxb);
        }
        foreach (var r in rows)
        {
            Add(r.A, r.FramesAB, r.BytesAB, r.FramesBA, r.BytesBA);
            Add(r.B, r.FramesBA, r.BytesBA, r.FramesAB, r.BytesAB);
        }
        var sb = new StringBuilder();
        sb.Append(new string('=', 80)).Append('\n').Append(title).Append(" Endpoints\nFilter:").Append(filter).Append('\n');
        sb.Append(ports ? "                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n"
                        : "                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
        foreach (var ep in order.OrderByDescending(e => eps[e].TxP + eps[e].RxP))
        {
            var v = eps[ep];
            string addr = ep, port = "";
            if (ports) { int i = ep.LastIndexOf(':'); addr = ep[..i]; port = ep[(i + 1)..]; }
            // tshark 4.0: "%-20s" address, then fixed-width numbers (a longer address pushes the row right).
            sb.Append(addr.PadRight(20));
            if (ports) sb.Append(port.PadLeft(11));
            sb.Append((v.TxP + v.RxP).ToString(CultureInfo.InvariantCulture).PadLeft(ports ? 11 : 12))
              .Append((v.TxB + v.RxB).ToString(CultureInfo.InvariantCulture).PadLeft(14))
              .Append(v.TxP.ToString(CultureInfo.InvariantCulture).PadLeft(11))
              .Append(v.TxB.ToString(CultureInfo.InvariantCulture).PadLeft(16))
              .Append(v.RxP.ToString(CultureInfo.InvariantCulture).PadLeft(12))
              .Append(v.RxB.ToString(CultureInfo.InvariantCulture).PadLeft(16)).Append("   \n");
        }
        sb.Append(new string('=', 80)).Append('\n');
        return sb.ToString();
    }
}
