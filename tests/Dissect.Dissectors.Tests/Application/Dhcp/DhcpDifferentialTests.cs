using Dissect.Core;
using Xunit.Abstractions;

namespace Dissect.Dissectors.Tests.Application.Dhcp;

/// <summary>
/// tshark differential for DHCP/BOOTP: the hand-built dhcp-crafted.pcap (make-crafted.py), the samples-pcap/dhcp-*
/// captures and the corpus DHCP captures (../shared/corpus or $DISSECT_CORPUS), frame by frame against refs/*.tsv
/// (regen-refs.sh, tshark 4.0.17), and dhcp.option.dhcp / Protocol column against the corpus' own *.fields.tsv.
/// </summary>
public sealed class DhcpDifferentialTests
{
    static readonly string[] Fields =
    [
        "dhcp.type", "dhcp.hw.type", "dhcp.hw.len", "dhcp.hops", "dhcp.id", "dhcp.secs", "dhcp.flags", "dhcp.flags.bc",
        "dhcp.ip.client", "dhcp.ip.your", "dhcp.ip.server", "dhcp.ip.relay", "dhcp.hw.mac_addr", "dhcp.hw.addr",
        "dhcp.hw.addr_padding", "dhcp.server", "dhcp.file", "dhcp.cookie", "dhcp.bootp", "dhcp.option.type",
        "dhcp.option.length", "dhcp.option.value", "dhcp.option.padding", "dhcp.option.end", "dhcp.option.dhcp",
        "dhcp.option.requested_ip_address", "dhcp.option.dhcp_server_id", "dhcp.option.ip_address_lease_time",
        "dhcp.option.renewal_time_value", "dhcp.option.rebinding_time_value", "dhcp.option.subnet_mask",
        "dhcp.option.router", "dhcp.option.domain_name_server", "dhcp.option.domain_name", "dhcp.option.hostname",
        "dhcp.option.request_list_item", "dhcp.option.vendor_class_id", "dhcp.option.dhcp_max_message_size",
        "dhcp.option.broadcast_address", "dhcp.option.option_overload", "dhcp.client_id.type", "dhcp.client_id.iaid",
        "dhcp.client_id.duid_type", "dhcp.fqdn.flags", "dhcp.fqdn.name", "dhcp.option.message",
        "_ws.col.Protocol", "_ws.col.Info",
    ];

    static readonly string[] CorpusFiles =
    [
        "dhcp/dhcp.pcap", "malformed/gopacket-le-test901.pcapng", "pcapng/be-test001.pcapng", "pcapng/be-test006.pcapng",
        "pcapng/be-test202.pcapng", "pcapng/le-test001.pcapng", "pcapng/le-test004.pcapng", "pcapng/le-test006.pcapng",
        "pcapng/le-test009.pcapng", "pcapng/le-test010.pcapng", "pcapng/le-test012.pcapng", "pcapng/le-test016.pcapng",
        "pcapng/le-test018.pcapng", "pcapng/le-test100.pcapng", "pcapng/le-test101.pcapng", "pcapng/le-test102.pcapng",
        "pcapng/le-test201.pcapng", "pcapng/le-test202.pcapng",
    ];

    readonly ITestOutputHelper _out;
    public DhcpDifferentialTests(ITestOutputHelper output) { _out = output; }

    static bool IsDhcpFrame(DissectContext ctx) => ctx.Columns.Protocol is "DHCP" or "BOOTP";

    /// <summary>Why we may differ from tshark on a frame (null: no known reason).</summary>
    static string? Known(string file, long frame, string field, string ours, string theirs, DissectContext ctx)
    {
        // Protocol/Info of frames that are not DHCP belong to other dissectors' tests.
        if (field is "_ws.col.Protocol" or "_ws.col.Info" && theirs is not ("DHCP" or "BOOTP") && !theirs.StartsWith("DHCP ") &&
            !theirs.StartsWith("Boot ") && !IsDhcpFrame(ctx))
            return "not a DHCP frame (other dissectors' columns)";
        // tshark resolves the OUI of the client MAC in "Boot Request from 00:0b:82:01:fc:42 (Grandstr_01:fc:42)";
        // Dissect has no manufacturer table, so its Info stops after the address.
        if (field == "_ws.col.Info" && theirs.StartsWith("Boot Request from ") && theirs.StartsWith(ours.Replace("[Packet size limited during capture]", "")))
            return "Info: no OUI manufacturer name after the client MAC (no manuf table)";
        // A snaplen cut inside the options: tshark's first pass over the option headers throws before it builds its
        // tree, so it shows no DHCP field at all; Dissect keeps every field read before the cut (and, like tshark,
        // shows BOOTP / "[Packet size limited during capture]").
        if (theirs.Length == 0 && field.StartsWith("dhcp.") && ctx.Fields.Has(ctx.Registry.Find("_ws.short")!) && ctx.Columns.Protocol == "BOOTP")
            return "snaplen cut in the options: tshark shows no DHCP field, Dissect keeps the ones before the cut";
        return null;
    }

    IEnumerable<(string, string)> Files(bool corpusTsv)
    {
        var dir = AppDifferential.TestDir("Dhcp");
        var list = new List<(string, string)>();
        string Ref(string capture) => corpusTsv ? capture + ".fields.tsv" : Path.Combine(dir, "refs", Path.GetFileName(capture) + ".tsv");
        if (!corpusTsv) list.Add((Path.Combine(dir, "dhcp-crafted.pcap"), Ref("dhcp-crafted.pcap")));
        foreach (var s in Directory.GetFiles(Path.Combine(AppDifferential.RepoRoot(), "samples-pcap"), "dhcp-*.pcap").Order())
            list.Add((s, Ref(s)));
        var corpus = AppDifferential.CorpusDir();
        if (corpus is null) _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part did NOT run");
        else foreach (var c in CorpusFiles) list.Add((Path.Combine(corpus, c), Ref(Path.Combine(corpus, c))));
        return list;
    }

    [Fact]
    public void Dhcp_FieldsAgreeWithTshark()
    {
        var r = AppDifferential.Run(Files(corpusTsv: false), Fields, Known, _out);
        Assert.True(r.PerField.GetValueOrDefault("dhcp.option.dhcp").Total >= 9, "the DHCP references did not run");
        Assert.True(r.Unexplained.Count == 0, $"{r.Unexplained.Count} unexplained difference(s):\n" + string.Join("\n", r.Unexplained.Take(40)));
    }

    [Fact]
    public void Dhcp_MessageTypeAndProtocolAgreeWithCorpusTsv()
    {
        var r = AppDifferential.Run(Files(corpusTsv: true), ["dhcp.option.dhcp", "_ws.col.Protocol"], Known, _out);
        Assert.True(r.Unexplained.Count == 0, $"{r.Unexplained.Count} unexplained difference(s):\n" + string.Join("\n", r.Unexplained.Take(40)));
    }
}
