using System.Text;
using Xunit.Abstractions;

namespace Dissect.Conformance.Tests;

/// <summary>
/// Differential tests against tshark 4.0: for every capture in ../shared/corpus and samples-pcap, Dissect's
/// -T fields values must equal the checked-in tshark references frame by frame, field by field, except the
/// differences listed (with reasons) in known-differences.tsv. Prints the agreement per field.
/// </summary>
public sealed class FieldConformance(ITestOutputHelper output)
{
    public static readonly string[] Foundation =
    [
        "frame.number", "frame.time_epoch", "frame.time_relative", "frame.cap_len", "frame.len", "eth.src", "eth.dst",
        "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "ip.proto", "ip.ttl", "ip.id", "ip.flags.mf", "ip.frag_offset",
        "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.flags", "tcp.window_size_value",
        "udp.srcport", "udp.dstport", "udp.length", "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
        "icmp.type", "icmp.code", "icmpv6.type",
    ];

    public static readonly string[] TcpAnalysis =
    [
        "tcp.stream", "udp.stream", "tcp.seq", "tcp.ack", "tcp.len", "tcp.nxtseq", "tcp.window_size",
        "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
        "tcp.analysis.duplicate_ack", "tcp.analysis.duplicate_ack_num", "tcp.analysis.out_of_order",
        "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment", "tcp.analysis.zero_window",
        "tcp.analysis.zero_window_probe", "tcp.analysis.window_full", "tcp.analysis.window_update",
        "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack", "tcp.analysis.acks_frame", "tcp.analysis.ack_rtt",
        "tcp.analysis.initial_rtt", "tcp.analysis.bytes_in_flight", "tcp.completeness",
    ];

    /// <summary>Application-protocol fields of the issue's list, and the Protocol column on every frame.</summary>
    public static readonly string[] Application =
    [
        "dns.id", "dns.flags.response", "dns.qry.name", "dns.qry.type", "dns.a", "dns.aaaa", "dns.time",
        "http.request.method", "http.request.uri", "http.response.code", "http.host",
        "tls.handshake.type", "tls.handshake.extensions_server_name",
        "quic.version", "quic.dcid", "quic.scid", "quic.long.packet_type",
        "rpc.xid", "rpc.msgtyp", "rpc.program", "rpc.procedure", "rpc.time",
        "vxlan.vni", "dhcp.option.dhcp", "_ws.col.Protocol",
    ];

    [Fact]
    public void Corpus_ApplicationFields_AgreeWithTshark() => RunCorpus("application", Application);

    [Fact]
    public void Samples_ApplicationFields_AgreeWithTshark() => Check("samples-application", Locations.Samples, Application);

    [Fact]
    public void Corpus_FoundationFields_AgreeWithTshark() => RunCorpus("foundation", Foundation);

    [Fact]
    public void Corpus_TcpAnalysisFields_AgreeWithTshark() => RunCorpus("tcp-analysis", TcpAnalysis);

    [Fact]
    public void Samples_FoundationFields_AgreeWithTshark() => Check("samples-foundation", Locations.Samples, Foundation);

    [Fact]
    public void Samples_TcpAnalysisFields_AgreeWithTshark() => Check("samples-tcp-analysis", Locations.Samples, TcpAnalysis);

    void RunCorpus(string name, string[] fields)
    {
        var corpus = Locations.Corpus;
        if (corpus is null)
        {
            var msg = $"CORPUS SUITE DID NOT RUN ({name}): ../shared/corpus not found beside {Locations.RepoRoot} and DISSECT_CORPUS unset.";
            output.WriteLine(msg);
            Console.Error.WriteLine(msg);
            return;
        }
        Check(name, corpus, fields);
    }

    void Check(string name, string root, string[] fields)
    {
        var known = KnownDifferences.Load();
        var agree = new Dictionary<string, (int Same, int Total)>();
        var unexpected = new List<string>();
        var accepted = new List<string>();
        int files = 0;
        foreach (var path in Locations.CapturesWithReferences(root))
        {
            files++;
            var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
            var reference = ReferenceTable.Load(path + ".fields.tsv");
            var cols = fields.Where(f => reference.Column(f) >= 0).ToArray();
            var result = CaptureRunner.Run(path, cols);
            if (result.Rows.Count != reference.Rows.Count)
            {
                var line = $"{rel}: {result.Rows.Count} frames read, tshark read {reference.Rows.Count} ({result.Error ?? result.Warning ?? "no warning"})";
                if (known.Reason(rel, "frame.count", 0) is { } why) accepted.Add(line + " — " + why);
                else unexpected.Add(line);
            }
            int n = Math.Min(result.Rows.Count, reference.Rows.Count);
            for (int c = 0; c < cols.Length; c++)
            {
                int refCol = reference.Column(cols[c]);
                var (same, total) = agree.GetValueOrDefault(cols[c]);
                for (int r = 0; r < n; r++)
                {
                    var expected = reference.Rows[r][refCol];
                    var actual = result.Rows[r][c];
                    if (expected.Length == 0 && actual.Length == 0) continue;
                    total++;
                    if (expected == actual) { same++; continue; }
                    var line = $"{rel} frame {r + 1} {cols[c]}: tshark '{expected}' dissect '{actual}'";
                    if (known.Reason(rel, cols[c], r + 1) is { } why) accepted.Add(line + " — " + why);
                    else unexpected.Add(line);
                }
                agree[cols[c]] = (same, total);
            }
        }

        var report = new StringBuilder();
        report.AppendLine($"{name}: {files} captures under {root}");
        foreach (var f in fields)
        {
            if (!agree.TryGetValue(f, out var a)) { report.AppendLine($"  {f,-40} (no values in the references)"); continue; }
            double pct = a.Total == 0 ? 100 : 100.0 * a.Same / a.Total;
            report.AppendLine($"  {f,-40} {a.Same,7}/{a.Total,-7} {pct,7:F2}%");
        }
        report.AppendLine($"  accepted differences: {accepted.Count}, unexpected: {unexpected.Count}");
        output.WriteLine(report.ToString());
        var dir = Path.Combine(Locations.RepoRoot, "tests", "Dissect.Conformance.Tests", "TestResults");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name + ".txt"), report + string.Join("\n", unexpected) + "\n\nACCEPTED:\n" + string.Join("\n", accepted) + "\n");
        Assert.True(files > 0, $"no captures with references under {root}");
        Assert.True(unexpected.Count == 0,
            $"{unexpected.Count} values differ from tshark (full list in tests/Dissect.Conformance.Tests/TestResults/{name}.txt):\n" +
            string.Join("\n", unexpected.Take(60)));
    }
}
