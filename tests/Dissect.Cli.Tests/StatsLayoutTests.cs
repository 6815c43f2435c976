using Xunit.Abstractions;

namespace Dissect.Cli.Tests;

/// <summary>
/// `dissect stats endpoints,TYPE | conv,TYPE | phs | io,stat,N | expert` byte for byte against tshark 4.0.17's
/// `-q -z` output for the same samples (tshark/make-stats.sh). A (sample, report) pair that still differs is
/// listed in <see cref="KnownDifferences"/> with the reason; every other pair must be identical.
/// </summary>
public class StatsLayoutTests(ITestOutputHelper output)
{
    /// <summary>Every capture in samples-pcap/ (make-stats.sh makes a reference for each).</summary>
    static string[] Samples => Directory.GetFiles(Path.Combine(Repo.Root, "samples-pcap"))
        .Select(Path.GetFileName).Where(n => n!.EndsWith(".pcap") || n.EndsWith(".pcapng")).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>io,stat with filter and calc columns, in step with IOSTAT_SPECS in make-stats.sh (reference
    /// io-stat-specN for the N-th): the whole capture as one interval, two filter columns, every calc function on
    /// integer fields, FRAMES()/BYTES() and relative-time fields (with the quirk that a field named in no filter
    /// counts nothing: COUNT(ip.ttl) prints 0), and a filter long enough to widen the table.</summary>
    public static readonly string[] IoStatSpecs =
    [
        "0",
        "0.25,tcp,udp",
        "1,,tcp.flags.syn==1,COUNT(tcp.flags.syn)tcp.flags.syn==1,SUM(frame.len)frame.len,MIN(frame.len)frame.len,MAX(frame.len)frame.len,AVG(frame.len)frame.len",
        "0.1,FRAMES()tcp,BYTES()udp,AVG(frame.time_delta)frame.time_delta,MAX(frame.time_delta)frame.time_delta,COUNT(ip.ttl)",
        "2,ip.src==10.0.0.1 or ip.dst==10.0.0.1 or tcp.port==8080 or udp.port==53 or dns.flags.response==1 or tcp.flags.syn==1 or tcp.flags.fin==1",
    ];

    static readonly string[] Reports =
        ["endpoints-eth", "endpoints-ip", "endpoints-ipv6", "endpoints-tcp", "endpoints-udp",
         "conv-tcp", "conv-udp", "conv-ip", "conv-ipv6", "phs", "io-stat-1", "io-stat-0.5", "expert",
         .. Enumerable.Range(1, IoStatSpecs.Length).Select(i => $"io-stat-spec{i}")];

    /// <summary>"sample report" (or "* report") → why Dissect's output still differs from tshark's.</summary>
    public static readonly Dictionary<string, string> KnownDifferences = new()
    {
        ["rpc-rpcbind.pcap expert"] = "expert: Dissect makes rpc.dup (a retransmitted call / duplicate reply) a Note (STYLE rule 9); in tshark 4.0 it is a plain field, not an expert item",
        ["http-curl.pcap phs"] = "phs: tshark's HTTP hands bodies to media dissectors (data-text-lines, urlencoded-form) and lists tcp.segments for bodies reassembled from several segments; Dissect's HTTP does not",
        ["http-server.pcap phs"] = "phs: as http-curl.pcap (data-text-lines, png, json, urlencoded-form media layers and tcp.segments)",
        ["rpc-rpcbind.pcap phs"] = "phs: tshark dissects one more frame as RPC (20 against 19) on the rpcbind TCP stream (RPC over TCP reassembly)",
        ["tcp-nano-sll.pcap phs"] = "phs: tshark gives TCP port 9009 to its PiChat dissector, which adds no layer for these payloads; Dissect shows the payload as data",
        ["quic-ngtcp2.pcap phs"] = "phs: tshark makes each coalesced QUIC packet of a datagram its own quic item (nested in the hierarchy); Dissect's QUIC dissector keeps them in one quic layer",
        ["tunnel-vxlan.pcap conv-udp"] = "conv,udp over VXLAN: tshark's UDP tap pairs the outer addresses with the inner ports (10.98.0.1:56642 <-> 10.98.0.2:4789) and counts the outer datagrams again; Dissect lists one conversation per UDP stream",
        ["tunnel-vxlan.pcap endpoints-udp"] = "endpoints,udp over VXLAN: as conv-udp",
    };

    public static TheoryData<string, string> Pairs()
    {
        var d = new TheoryData<string, string>();
        foreach (var s in Samples) foreach (var r in Reports) d.Add(s, r);
        return d;
    }

    static string Arg(string report) => report switch
    {
        "phs" => "phs",
        "expert" => "expert",
        _ when report.StartsWith("io-stat-spec") => "io,stat," + IoStatSpecs[int.Parse(report["io-stat-spec".Length..]) - 1],
        _ when report.StartsWith("io-stat-") => "io,stat," + report["io-stat-".Length..],
        _ => report.Replace('-', ','),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Report_EqualsTshark(string sample, string report)
    {
        string expected = File.ReadAllText(Path.Combine(Repo.Root, "tests", "Dissect.Cli.Tests", "tshark", $"{sample}.{report}.txt"));
        var r = Run.Dissect(["stats", Arg(report), Repo.Sample(sample)]);
        Assert.Equal(0, r.Code);
        if (KnownDifferences.TryGetValue($"{sample} {report}", out var why) || KnownDifferences.TryGetValue($"* {report}", out why))
        {
            output.WriteLine($"known difference ({(expected == r.Out ? "now identical: remove it from the list" : "still differs")}): {why}");
            return;
        }
        Assert.Equal(expected, r.Out);
    }
}
