using Dissect.Core;
using Dissect.Dissectors.Tests.Application.Dhcp;
using Xunit.Abstractions;

namespace Dissect.Dissectors.Tests.Misc;

/// <summary>
/// tshark differential for the small dissectors (STP, LOOP, CDP, DTP, IGMP, PIM, DHCPv6, NBNS, RIP, TELNET, PPTP,
/// PPP LCP, SIP, SDP, DB-LSP-DISC, JSON, and the MPTCP Protocol column): every frame of the corpus captures that
/// carry them, through the real pipeline (engine, flow analysis, TCP reassembly), field by field against refs/*.tsv
/// (regen-refs.sh, tshark 4.0.17), and the Protocol column on every frame against the corpus' own *.fields.tsv.
/// Needs ../shared/corpus (or $DISSECT_CORPUS): says so and passes without running when it is absent.
/// </summary>
public sealed class MiscDifferentialTests
{
    internal static readonly string[] CorpusFiles =
    [
        "rpc/nfs_write.pcap", "tunnels/various_gre.pcap", "http/wikipedia.pcap", "tcp/telnet-cooked.pcap", "tcp/mptcp-v1.pcap",
        "ipv4/udp-ip-fragmented.pcap", "tunnels/pptp.pcap", "dhcp/dhcpv6-ia-na.pcap", "tunnels/gre-within-gre.pcap",
        "dns/mdns.pcap", "pcapng/le-test100.pcapng", "pcapng/be-test202.pcapng",
    ];

    /// <summary>The corpus files whose Protocol column must agree on every frame (the Dropbox discovery frames are in
    /// every gopacket pcapng test capture).</summary>
    static readonly string[] ProtocolColumnFiles =
    [
        "rpc/nfs_write.pcap", "tunnels/various_gre.pcap", "http/wikipedia.pcap", "tcp/telnet-cooked.pcap", "tcp/mptcp-v1.pcap",
        "ipv4/udp-ip-fragmented.pcap", "tunnels/pptp.pcap", "dhcp/dhcpv6-ia-na.pcap", "tunnels/gre-within-gre.pcap",
        "dns/mdns.pcap", "pcapng/be-test006.pcapng", "pcapng/le-test006.pcapng", "pcapng/le-test100.pcapng",
        "pcapng/le-test101.pcapng", "pcapng/le-test201.pcapng", "pcapng/be-test202.pcapng", "pcapng/le-test202.pcapng",
    ];

    readonly ITestOutputHelper _out;
    public MiscDifferentialTests(ITestOutputHelper output) { _out = output; }

    static string RefsDir => Path.Combine(AppDifferential.RepoRoot(), "tests", "Dissect.Dissectors.Tests", "Misc", "refs");

    static readonly HashSet<string> Ours =
    [
        "STP", "LOOP", "CDP", "DTP", "IGMPv1", "IGMPv2", "IGMPv3", "PIMv2", "DHCPv6", "NBNS", "RIPv1", "RIPv2", "TELNET",
        "PPTP", "PPP LCP", "SIP", "SIP/SDP", "DB-LSP-DISC/JSON", "MPTCP",
    ];

    static string? Known(string file, long frame, string field, string ours, string theirs, DissectContext ctx)
    {
        // The columns of frames that are none of these protocols belong to the other dissectors' tests.
        if (field is "_ws.col.Protocol" or "_ws.col.Info" && !Ours.Contains(ctx.Columns.Protocol) && !Ours.Contains(theirs))
            return "not one of these protocols (other dissectors' columns)";
        // tshark's telnet.data is an ASCII string: a byte above 0x7f prints as U+FFFD; Dissect escapes it (\xf2).
        if (field == "telnet.data" && theirs.Contains('\uFFFD') && ours.Contains("\\x")) return "telnet.data: byte above 0x7f shown as U+FFFD by tshark, escaped by Dissect";
        return null;
    }

    [Fact]
    public void Misc_FieldsAgreeWithTshark()
    {
        var corpus = AppDifferential.CorpusDir();
        if (corpus is null) { _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the differential did NOT run"); return; }
        var header = File.ReadLines(Path.Combine(RefsDir, "various_gre.pcap.tsv")).First().Split('\t');
        var fields = header.Skip(1).ToArray();
        var files = CorpusFiles.Select(c => (Path.Combine(corpus, c), Path.Combine(RefsDir, Path.GetFileName(c) + ".tsv")));
        var r = AppDifferential.Run(files, fields, Known, _out);
        Assert.True(r.PerField.GetValueOrDefault("stp.root.hw").Total >= 68, "the STP references did not run");
        Assert.True(r.Unexplained.Count == 0, $"{r.Unexplained.Count} unexplained difference(s):\n" + string.Join("\n", r.Unexplained.Take(60)));
    }

    [Fact]
    public void Misc_ProtocolColumnAgreesWithTsharkOnEveryFrame()
    {
        var corpus = AppDifferential.CorpusDir();
        if (corpus is null) { _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the differential did NOT run"); return; }
        var files = ProtocolColumnFiles.Select(c => (Path.Combine(corpus, c), Path.Combine(corpus, c) + ".fields.tsv"));
        var r = AppDifferential.Run(files, ["_ws.col.Protocol"], (_, _, _, _, _, _) => null, _out);
        var (agree, total) = r.PerField["_ws.col.Protocol"];
        _out.WriteLine($"Protocol column: {agree}/{total} frames agree");
        Assert.True(total >= 1230, $"only {total} frames compared");
        Assert.True(r.Unexplained.Count == 0, $"{r.Unexplained.Count} frame(s) differ:\n" + string.Join("\n", r.Unexplained.Take(60)));
    }
}
