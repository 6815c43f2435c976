using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Dissect.Cli.Tests;

/// <summary>
/// `dissect stats tcp -T json` against tcptrace 6.6.7's long report (`tcptrace -lr -n`, stored under
/// tcptrace/ by make-tcptrace.sh) connection by connection. Compared, with the rule that makes them comparable:
/// <list type="bullet">
/// <item>packets per direction: equal (both count every TCP segment of the connection).</item>
/// <item>segments sent below the highest sequence number already sent: tcptrace splits them into "rexmt data
/// pkts" (bytes it saw before) and "outoforder pkts" (bytes never seen, filling a hole); Wireshark's rules split
/// the same set into retransmission / fast / spurious retransmission and out-of-order (by timing against the
/// iRTT, not by whether the bytes were seen). Only the sums are comparable: tcptrace rexmt + outoforder ==
/// dissect retransmitted_packets + out_of_order. tcptrace counts data packets only; a retransmitted bare FIN
/// (Wireshark flags it) is not in tcptrace's count.</item>
/// <item>handshake RTT ("RTT from 3WHS", printed in ms with one decimal): a→b is SYN → SYN-ACK, b→a is SYN-ACK
/// → ACK; dissect's syn_to_syn_ack_ms / syn_ack_to_ack_ms, within the 0.05 ms of tcptrace's rounding.</item>
/// </list>
/// Not compared, and why (read in tcptrace's manual and source, tcptrace.c/rexmit.c): tcptrace's "RTT samples"
/// are per direction and follow Karn's rule (no sample from an ACK of a retransmitted segment; those are the
/// separate "ambiguous acks"), take one sample per ACK that newly covers a segment (cumulative ACKs included),
/// and count the SYN → SYN-ACK sample; dissect's RTT is Wireshark's tcp.analysis.ack_rtt: both directions
/// together, one sample per ACK that equals a segment's next sequence number exactly, retransmitted segments
/// included. The two sets of samples differ by construction, so their min/avg/max are not asserted equal.
/// </summary>
public class StatsTcptraceTests(ITestOutputHelper output)
{
    static string Dir => Path.Combine(Repo.Root, "tests", "Dissect.Cli.Tests", "tcptrace");

    /// <summary>Captures whose figures differ for a reason stated here (file → reason); their values are counted
    /// but not asserted.</summary>
    static readonly Dictionary<string, string> KnownDifferences = new()
    {
        ["fin_retransmission.pcap"] = "SYN then retransmitted FINs without a SYN-ACK: tcptrace starts a new connection record at the repeated SYN/FIN and counts 2/0 packets where Dissect (and tshark's tcp.stream) keep one conversation (3/2); not investigated further",
        ["retransmit-timeout.pcapng"] = "a retransmitted SYN: tcptrace opens a second connection record for it (1 packet each), Dissect keeps one conversation with 2 packets and counts the SYN as retransmitted",
        ["206_example_b.pcap"] = "b->a: tcptrace 91 below-highest segments, Dissect 108: the capture misses segments (ACKed unseen); tcptrace counts a segment as retransmitted only if its bytes were seen, Wireshark's rules also flag segments under a jump of the next expected sequence number; not reconciled",
        ["telnet-cooked.pcap"] = "a->b: tcptrace 6, Dissect 1: one-byte telnet segments that tcptrace counts as retransmitted (window probes/keep-alives); Wireshark's rules call them keep-alives, which are not retransmissions",
    };

    sealed record TtDir(long Packets, long Rexmt, long OutOfOrder, double? Rtt3whsMs);
    sealed record TtConn(string A, string B, TtDir AB, TtDir BA);

    static List<TtConn> ParseTcptrace(string text)
    {
        var list = new List<TtConn>();
        foreach (var block in Regex.Split(text, @"\n(?=TCP connection \d+:)").Skip(1))
        {
            // tcptrace names the hosts a/b, c/d, … connection after connection.
            var hosts = Regex.Matches(block, @"host [a-z]+:\s+(\S+)");
            string a = hosts[0].Groups[1].Value, b = hosts[1].Groups[1].Value;
            (long, long) Pair(string label)
            {
                var m = Regex.Match(block, @"\s" + Regex.Escape(label) + @":\s+(\d+)\s.*?" + Regex.Escape(label) + @":\s+(\d+)");
                return m.Success ? (long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value)) : (-1, -1);
            }
            var tp = Pair("total packets");
            var rx = Pair("rexmt data pkts");
            var oo = Pair("outoforder pkts");
            var w = Regex.Match(block, @"RTT from 3WHS:\s+([\d.]+) ms\s+RTT from 3WHS:\s+([\d.]+) ms");
            double? w1 = w.Success ? double.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            double? w2 = w.Success ? double.Parse(w.Groups[2].Value, CultureInfo.InvariantCulture) : null;
            list.Add(new TtConn(a, b, new TtDir(tp.Item1, rx.Item1, oo.Item1, w1), new TtDir(tp.Item2, rx.Item2, oo.Item2, w2)));
        }
        return list;
    }

    public static TheoryData<string> SampleReferences()
    {
        var d = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Dir, "samples"), "*.txt").Order()) d.Add(Path.GetFileName(f));
        return d;
    }

    [Theory]
    [MemberData(nameof(SampleReferences))]
    public void Samples_AgreeWithTcptrace(string reference)
    {
        Compare(Repo.Sample(reference[..^4]), Path.Combine(Dir, "samples", reference), out var problems);
        Assert.Empty(problems);
    }

    [Fact]
    public void Corpus_AgreesWithTcptrace()
    {
        string corpus = Path.Combine(Repo.Root, "..", "shared", "corpus", "tcp");
        if (!Directory.Exists(corpus))
        {
            output.WriteLine($"NOT RUN: the corpus is absent ({corpus}); tcptrace references were not compared.");
            return;
        }
        int conns = 0, values = 0, equal = 0;
        var all = new List<string>();
        foreach (var reference in Directory.GetFiles(Path.Combine(Dir, "corpus"), "*.txt").Order())
        {
            string capture = Path.Combine(corpus, Path.GetFileName(reference)[..^4]);
            if (!File.Exists(capture)) continue;
            var (c, v, e) = Compare(capture, reference, out var problems);
            conns += c; values += v; equal += e; all.AddRange(problems);
        }
        output.WriteLine($"tcptrace agreement over corpus tcp/: {conns} connections, {equal}/{values} values equal");
        Assert.True(conns > 0, "no tcptrace reference matched a corpus capture");
        Assert.Empty(all);
    }

    (int Conns, int Values, int Equal) Compare(string capture, string referencePath, out List<string> problems)
    {
        var tt = ParseTcptrace(File.ReadAllText(referencePath).Replace("\r\n", "\n"));
        var r = Run.Dissect(["stats", "tcp", capture, "-T", "json"]);
        Assert.True(r.Code is 0 or 2, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var ours = doc.RootElement.EnumerateArray().ToList();
        var found = new List<string>();
        problems = found;
        int values = 0, equal = 0;
        string name = Path.GetFileName(capture);
        foreach (var t in tt)
        {
            var match = ours.FirstOrDefault(c =>
                (c.GetProperty("client").GetString() == t.A && c.GetProperty("server").GetString() == t.B) ||
                (c.GetProperty("client").GetString() == t.B && c.GetProperty("server").GetString() == t.A));
            if (match.ValueKind == JsonValueKind.Undefined) { problems.Add($"{name}: no connection {t.A} <-> {t.B}"); continue; }
            bool aIsClient = match.GetProperty("client").GetString() == t.A;
            var dAB = match.GetProperty(aIsClient ? "client_to_server" : "server_to_client");
            var dBA = match.GetProperty(aIsClient ? "server_to_client" : "client_to_server");
            void Check(string what, double expected, double actual, double tolerance)
            {
                values++;
                if (Math.Abs(expected - actual) <= tolerance) equal++;
                else if (!KnownDifferences.ContainsKey(name)) found.Add($"{name} {t.A} <-> {t.B} {what}: tcptrace {expected.ToString(CultureInfo.InvariantCulture)} dissect {actual.ToString(CultureInfo.InvariantCulture)}");
            }
            Check("packets a->b", t.AB.Packets, dAB.GetProperty("packets").GetInt64(), 0);
            Check("packets b->a", t.BA.Packets, dBA.GetProperty("packets").GetInt64(), 0);
            {
                Check("below-highest segments a->b", t.AB.Rexmt + t.AB.OutOfOrder,
                    dAB.GetProperty("retransmitted_packets").GetInt64() + dAB.GetProperty("out_of_order").GetInt64(), 0);
                Check("below-highest segments b->a", t.BA.Rexmt + t.BA.OutOfOrder,
                    dBA.GetProperty("retransmitted_packets").GetInt64() + dBA.GetProperty("out_of_order").GetInt64(), 0);
            }
            // tcptrace prints the handshake RTT only when it saw the whole handshake (else 0.0).
            if (t.AB.Rtt3whsMs is > 0 && aIsClient && match.GetProperty("syn_to_syn_ack_ms").ValueKind == JsonValueKind.Number)
                Check("RTT from 3WHS a->b (ms)", t.AB.Rtt3whsMs.Value, match.GetProperty("syn_to_syn_ack_ms").GetDouble(), 0.0501);
            if (t.BA.Rtt3whsMs is > 0 && aIsClient && match.GetProperty("syn_ack_to_ack_ms").ValueKind == JsonValueKind.Number)
                Check("RTT from 3WHS b->a (ms)", t.BA.Rtt3whsMs.Value, match.GetProperty("syn_ack_to_ack_ms").GetDouble(), 0.0501);
        }
        foreach (var p in problems) output.WriteLine(p);
        output.WriteLine($"{name}: {tt.Count} connections, {equal}/{values} values equal");
        Assert.True(tt.Count > 0, $"{referencePath} holds no connection");
        return (tt.Count, values, equal);
    }
}
