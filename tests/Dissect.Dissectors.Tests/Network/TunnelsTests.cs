using Dissect.Analysis;
using Dissect.Core;
using Dissect.Dissectors.Tests.Application.Dns;
using Xunit.Abstractions;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.NetworkTests;

/// <summary>
/// IP-in-IP (ip.proto 4), IPv6-in-IPv4 (6in4/SIT, ip.proto 41), GRE and VXLAN: real frames from the tunnel samples
/// (samples-pcap/capture-tunnels.sh) dissected down to the inner protocol, a truncation sweep over every tunnel
/// frame, and a tshark differential of every reference field and both columns over the tunnel samples (and the
/// corpus tunnels/ captures when ../shared/corpus is there). Expected values are tshark 4.0.17's.
/// </summary>
public sealed class TunnelsTests(ITestOutputHelper output)
{
    // samples-pcap/tunnel-ipip.pcap frame 1: 10.98.0.1 → 10.98.0.2 IPv4 proto 4 carrying
    // 172.16.4.1 → 172.16.4.2 ICMP echo request id 0x34c1 seq 1.
    static readonly byte[] IpIp = Hex(
        "020000009802020000009801080045000068e2114000400443ba0a6200010a6200024500005490b84000400149cdac100401ac1004" +
        "020800df6734c10001858e026b000000009509080000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b" +
        "2c2d2e2f3031323334353637");

    // samples-pcap/tunnel-sit.pcap frame 1: 10.98.0.1 → 10.98.0.2 IPv4 proto 41 carrying fd64::1 → fd64::2
    // ICMPv6 echo request id 0x3652 seq 1.
    static readonly byte[] Sit = Hex(
        "02000000980202000000980108004500007c520940004029d3890a6200010a620002600f680600403a40fd64000000000000000000" +
        "0000000001fd6400000000000000000000000000028000de71365200018c8e026b000000001f27030000000000101112131415161718" +
        "191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637");

    static string Stack(DissectContext ctx)
        => string.Join(":", ctx.ProtocolStack.ToArray().Select(p => p!.Abbrev).Where(a => a != "frame"));

    [Fact]
    public void IpInIp_InnerIPv4AndIcmp_FieldsJoinedOuterThenInner()
    {
        var ctx = TestKit.Dissect(IpIp);
        Assert.Equal("eth:ip:ip:icmp:data", Stack(ctx));
        Assert.Equal(["10.98.0.1", "172.16.4.1"], Values(ctx, "ip.src"));
        Assert.Equal(["10.98.0.2", "172.16.4.2"], Values(ctx, "ip.dst"));
        Assert.Equal(["4", "1"], Values(ctx, "ip.proto"));
        Assert.Equal(["0xe211", "0x90b8"], Values(ctx, "ip.id"));
        Assert.Equal("8", Value(ctx, "icmp.type"));
        // Columns show the innermost layer, as tshark: "172.16.4.1 → 172.16.4.2 ICMP ... Echo (ping) request".
        Assert.Equal("ICMP", ctx.Columns.Protocol);
        Assert.Equal("172.16.4.1", ctx.Columns.Source.ToString());
        Assert.Equal("172.16.4.2", ctx.Columns.Destination.ToString());
        Assert.Equal("Echo (ping) request  id=0x34c1, seq=1/256, ttl=64", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void SixInFour_InnerIPv6AndIcmpv6()
    {
        var ctx = TestKit.Dissect(Sit);
        Assert.Equal("eth:ip:ipv6:icmpv6:data", Stack(ctx));
        Assert.Equal("10.98.0.1", Value(ctx, "ip.src"));
        Assert.Equal("41", Value(ctx, "ip.proto"));
        Assert.Equal("fd64::1", Value(ctx, "ipv6.src"));
        Assert.Equal("fd64::2", Value(ctx, "ipv6.dst"));
        Assert.Equal("58", Value(ctx, "ipv6.nxt"));
        Assert.Equal("128", Value(ctx, "icmpv6.type"));
        Assert.Equal("ICMPv6", ctx.Columns.Protocol);
        Assert.Equal("fd64::1", ctx.Columns.Source.ToString());
        Assert.Equal("Echo (ping) request id=0x3652, seq=1, hop limit=64", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void IpInIp_InnerHeaderCut_OuterLayerKeptInnerMarkedShort()
    {
        // Cut 10 bytes into the inner IPv4 header (14 + 20 + 10): the outer IPv4 stays whole, the inner is short.
        var ctx = TestKit.Dissect(IpIp[..44], originalLength: IpIp.Length);
        Assert.Equal("10.98.0.1", Values(ctx, "ip.src")[0]);
        Assert.Equal("4", Values(ctx, "ip.proto")[0]);
        Assert.Single(Values(ctx, "ip.src"));
        Assert.Contains("[Packet size limited during capture]", ctx.Columns.Info.ToString());
    }

    static IEnumerable<string> TunnelSamples()
        => new[] { "tunnel-ipip.pcap", "tunnel-sit.pcap", "tunnel-gre.pcap", "tunnel-vxlan.pcap" }
            .Select(f => Path.Combine(DnsDifferentialTests.RepoRoot(), "samples-pcap", f));

    [Fact]
    public void Tunnels_TruncatedAtEveryLength_NeverThrows()
    {
        int runs = 0;
        foreach (var path in TunnelSamples())
            foreach (var frame in MiniPcap.Read(path))
            {
                var bytes = frame.Data.ToArray();
                string full = Stack(TestKit.Dissect(bytes));
                for (int cut = 0; cut <= bytes.Length; cut++)
                {
                    // reported length full (snaplen cut) and cut (the frame really ended there)
                    foreach (var ctx in new[] { TestKit.Dissect(bytes[..cut], originalLength: bytes.Length), TestKit.Dissect(bytes[..cut]) })
                    {
                        string where = $"{Path.GetFileName(path)} frame {frame.Number} cut {cut}";
                        // a dissector that threw is caught by the engine and marked "dissector error": none may
                        for (int i = 0; i < ctx.Fields.Count; i++)
                            Assert.DoesNotContain("dissector error", Format.Value(ctx.Fields, ctx.Fields[i]), StringComparison.Ordinal);
                        // the layers found are the full frame's first ones (a cut payload may become "data")
                        string stack = Stack(ctx);
                        if (stack.EndsWith(":data", StringComparison.Ordinal)) stack = stack[..^5];
                        Assert.True(stack.Length == 0 || (full + ":").StartsWith(stack + ":", StringComparison.Ordinal), $"{where}: '{stack}' not a prefix of '{full}'");
                        runs++;
                    }
                }
            }
        Assert.True(runs > 10000, $"only {runs} runs");
    }

    /// <summary>Why a value may legitimately differ from tshark. Null = no known reason.</summary>
    static string? KnownReason(string field, string ours, string theirs, string tsharkProtocol, ISet<string> ourProtocols)
    {
        if (field == "_ws.col.Info" && theirs.StartsWith(ours, StringComparison.Ordinal) && theirs.Contains(" (request in "))
            return "ICMP echo reply: tshark links the request in Info (\"(request in N)\"), our ICMP dissector has no echo tracking yet";
        // Only the columns may differ there: every field of the layers we do dissect must still agree.
        if (field.StartsWith("_ws.col.", StringComparison.Ordinal) && !ourProtocols.Contains(tsharkProtocol))
            return $"columns of a frame whose innermost protocol ({tsharkProtocol}) has no dissector here yet";
        if (field == "_ws.col.Info" && ours == "Encapsulated 0x0000" && theirs == "Encapsulated Possible GRE keepalive packet")
            return "GRE protocol type 0 (keepalive): tshark names it in Info, our GRE dissector (dissectors/Network/Gre) does not yet";
        if (field.StartsWith("_ws.col.", StringComparison.Ordinal) && theirs.Contains("[TCP segment of a reassembled PDU]"))
            return "columns: TCP reassembly for the inner application protocol";
        return null;
    }

    [Fact]
    public void Tunnels_AllFieldsAndColumnsAgreeWithTshark()
    {
        var files = TunnelSamples().ToList();
        var corpus = DnsDifferentialTests.CorpusDir();
        if (corpus is null)
            output.WriteLine("CORPUS PART DID NOT RUN: ../shared/corpus not found and DISSECT_CORPUS unset; only the tunnel samples were compared");
        else files.AddRange(Directory.GetFiles(Path.Combine(corpus, "tunnels"), "*.pcap").Order());

        int compared = 0, agreed = 0;
        var explained = new Dictionary<string, int>();
        var unexplained = new List<string>();
        foreach (var path in files)
        {
            var lines = File.ReadAllLines(path + ".fields.tsv");
            var header = lines[0].Split('\t');
            var tables = BuiltIn.CreateTables();
            var engine = new Engine(tables);
            var analysis = new FlowAnalysis(tables.Registry);
            var ctx = engine.CreateContext();
            analysis.Attach(ctx);
            var defs = header.Select(h => tables.Registry.Find(h)).ToArray();
            var ourProtocols = tables.Dissectors.Select(d => d.Protocol.ShortName).ToHashSet();
            int proto = Array.IndexOf(header, "_ws.col.Protocol"), info = Array.IndexOf(header, "_ws.col.Info");
            int r = 1, fileCompared = 0, fileAgreed = 0;
            foreach (var frame in MiniPcap.Read(path))
            {
                engine.Dissect(frame, ctx);
                var row = lines[r++].Split('\t');
                string tsharkProto = row[proto];
                for (int c = 0; c < header.Length; c++)
                {
                    string ours;
                    if (c == proto) ours = ctx.Columns.Protocol;
                    else if (c == info) ours = ctx.Columns.Info.ToString();
                    else if (defs[c] is { } def) ours = Format.Values(ctx.Fields, def);
                    else continue;   // a field no dissector here defines yet (http.*, tls.*, rpc.*, ...)
                    string theirs = c < row.Length ? row[c] : "";
                    fileCompared++;
                    if (ours == theirs) { fileAgreed++; continue; }
                    var why = KnownReason(header[c], ours, theirs, tsharkProto, ourProtocols);
                    if (why is null) unexplained.Add($"{Path.GetFileName(path)} frame {frame.Number} {header[c]}: ours '{ours}' tshark '{theirs}'");
                    else explained[why] = explained.GetValueOrDefault(why) + 1;
                }
            }
            Assert.Equal(lines.Length, r);
            output.WriteLine($"{Path.GetFileName(path),-32} {fileAgreed}/{fileCompared} values agree");
            compared += fileCompared; agreed += fileAgreed;
        }
        output.WriteLine($"total {agreed}/{compared}");
        foreach (var kv in explained) output.WriteLine($"known: {kv.Value} value(s): {kv.Key}");
        foreach (var u in unexplained) output.WriteLine("DIFF " + u);
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} unexplained difference(s):\n" + string.Join("\n", unexplained.Take(40)));
        Assert.True(compared > 6000, $"only {compared} values compared");
    }
}
