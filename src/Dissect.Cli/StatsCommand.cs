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
    public static int Run(string kind, string file, string? filterText, string? format, OutputTarget target, TextWriter stderr)
    {
        var parts = kind.Split(',');
        string what = parts[0];
        // Pass 1 over the file: one sequential dissection with analysis; every report is fed per frame.
        using var pipeline = Pipeline.Open(file, new PipelineOptions
        {
            Fields = [],                       // replaced below once the filter is compiled
            WantColumns = what == "expert",
        });
        // Only the per-connection report needs every conversation's full state at the end; the tables keep their
        // own rows, so the analysis may forget closed connections (memory bounded by open ones).
        pipeline.Analysis.Tcp.RetainAll = what == "tcp";
        pipeline.Analysis.Udp.RetainAll = false;
        var filter = FilterSupport.Compile(filterText, pipeline.Registry);
        bool expert = what == "expert";
        // Experts need every field; otherwise only what the filter reads.
        pipeline.Fields.Select(expert ? null : filter?.Fields ?? []);

        var caps = new CaptureStatistics();
        if (what == "io" && parts.Length >= 3 && parts[1] == "stat")
        {
            if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double iv) || iv <= 0)
                throw new CliException($"invalid interval \"{parts[2]}\" in io,stat: give seconds, e.g. io,stat,1", ExitCodes.BadOption);
            caps.IntervalNs = (long)(iv * 1e9);
        }
        var tcpConv = new StreamConversationTable(tcp: true);
        var udpConv = new StreamConversationTable(tcp: false);
        var experts = new ExpertCounts();
        Timestamp? start = null;
        while (pipeline.MoveNext())
        {
            start ??= pipeline.Frame.Time;
            if (filter is not null && !filter.Matches(pipeline.Fields)) continue;
            var ctx = pipeline.Context;
            caps.Observe(ctx);
            tcpConv.Observe(ctx, pipeline.Analysis);
            udpConv.Observe(ctx, pipeline.Analysis);
            if (expert) CountExperts(pipeline.Fields, experts);
        }
        if (pipeline.Warning is { } w) stderr.WriteLine(Cli.Prefixed(w));
        var t0 = start ?? default;
        string filterLabel = filterText ?? "<No Filter>";
        var sb = new StringBuilder();
        switch (what)
        {
            case "conv" when parts.Length == 2:
                var rows = parts[1] switch
                {
                    "tcp" => tcpConv.Rows(t0),
                    "udp" => udpConv.Rows(t0),
                    "eth" or "ip" or "ipv6" => caps.Conversations(parts[1]),
                    _ => throw new CliException($"unknown conversation type \"{parts[1]}\": use eth, ip, ipv6, tcp or udp", ExitCodes.BadOption),
                };
                sb.Append(ConversationReport.Render(Title(parts[1]), rows, filterLabel, parts[1] is "tcp" or "udp" ? 26 : 20));
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
            case "io" when parts.Length == 3 && parts[1] == "stat":
                sb.Append(caps.RenderIo());
                break;
            case "expert":
                sb.Append(RenderExperts(experts));
                break;
            case "tcp":
                var report = TcpConnectionReport.Build(pipeline.Analysis, t0);
                sb.Append(format == "json" ? TcpConnectionReport.RenderJson(report) + "\n" : TcpConnectionReport.RenderText(report));
                break;
            default:
                throw new CliException($"unknown statistics \"{kind}\": use conv,TYPE, endpoints,TYPE, phs, io,stat,SECONDS, expert or tcp", ExitCodes.BadOption);
        }
        target.Text.Write(sb.ToString());
        target.Text.Flush();
        return pipeline.Warning is null ? ExitCodes.Ok : ExitCodes.BadFile;
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

    static void CountExperts(PacketFields f, ExpertCounts counts)
    {
        foreach (ref readonly var e in f.Entries)
        {
            if (!e.Field.IsExpert) continue;
            string proto = e.Field.Protocol?.ShortName ?? "";
            var key = (e.Field.Severity, ExpertGroup(e.Field), proto, e.Field.Name);
            if (!counts.Counts.TryGetValue(key, out int n)) counts.Order.Add(key);
            counts.Counts[key] = n + 1;
        }
    }

    /// <summary>tshark's expert group. FieldDef carries no group yet (a Core change, see the report), so the
    /// groups of the items Dissect raises are named here: malformed/short packets are "Malformed", TCP
    /// analysis and request/response items "Sequence", the rest "Protocol".</summary>
    static string ExpertGroup(FieldDef f)
        => f.Abbrev is "_ws.malformed" or "_ws.short" ? "Malformed"
         : f.Abbrev.StartsWith("tcp.", StringComparison.Ordinal) || f.Abbrev.StartsWith("http.", StringComparison.Ordinal) ? "Sequence"
         : "Protocol";

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
