using static Dissect.Dissectors.Tests.Transport.TransportKit;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>The transport dissectors behind the real link and IP dissectors (BuiltIn), against tshark 4.0.17.</summary>
public class TransportIntegrationTests
{
    [Fact]
    public void Integrated_IcmpPortUnreachableQuotingDns_AsTshark()
    {
        // icmp/icmp-destunreach-udp.pcap frame 1: 192.168.1.1 tells 192.168.1.102 that port 59207 is unreachable,
        // quoting the whole DNS response it could not deliver.
        var ctx = Run(Hex(
            "0019e3e75d23000bdb6358a60800450000b0281e000080018e77c0a80166c0a80101030303bb00000000450000a33711" +
            "00004011bf81c0a80101c0a801660035e747008f76d298a4818000010001000400000673656375726503656434036e65" +
            "740000010001c00c000100010000012c0004d05e140ec013000200010000012c000f05646e7330320665786f647573c0" +
            "17c013000200010000012c000805646e733031c042c013000200010000012c000805646e733034c042c013000200c914" +
            "6f2d"), analysis: NewAnalysis(integrated: true), integrated: true);
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["ip.src"] = "192.168.1.102,192.168.1.1", ["ip.dst"] = "192.168.1.1,192.168.1.102", ["ip.ttl"] = "128,64",
            ["icmp.type"] = "3", ["icmp.code"] = "3", ["icmp.checksum"] = "0x03bb", ["icmp.checksum.status"] = "1",
            ["icmp.unused"] = "00000000", ["udp.srcport"] = "53", ["udp.dstport"] = "59207", ["udp.length"] = "143",
            ["udp.checksum"] = "0x76d2", ["udp.checksum.status"] = "2", ["udp.stream"] = "0",
        });
        Assert.Equal("Destination unreachable (Port unreachable)", Info(ctx));
        Assert.Equal("ICMP", ctx.Columns.Protocol);
        Assert.Equal("192.168.1.102", ctx.Columns.Source.ToString());
        // The quote ends inside the DNS message: the inner layers may stop short, but nothing is malformed.
        Assert.False(Has(ctx, "_ws.malformed"));
    }

    [Fact]
    public void Integrated_IcmpEcho_TtlComesFromIPv4()
    {
        // ping-netns.pcapng frame 4.
        var ctx = Run(Hex(
            "020000000002020000000001080045000054ac884000400179580a6300010a63000208005475107d0001e666026b0000" +
            "0000e967020000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
            "3637"), time: new Core.Timestamp(1795319526, 157717585), integrated: true);
        Assert.Equal("Echo (ping) request  id=0x107d, seq=1/256, ttl=64", Info(ctx));
        Assert.Equal("1", F(ctx, "icmp.checksum.status"));
    }

    [Fact]
    public void Integrated_Icmpv6NeighborSolicitation_ChecksumOverRealIPv6()
    {
        // ping-netns.pcapng frame 10.
        var row = Icmpv6Tests.Real.First(r => (int)r[0] == 10);
        var ctx = Run(Hex((string)row[1]), integrated: true);
        Assert.Equal("Neighbor Solicitation for fd99::2 from 02:00:00:00:00:01", Info(ctx));
        Assert.Equal("1", F(ctx, "icmpv6.checksum.status"));
        Assert.Equal("fd99::2", F(ctx, "icmpv6.nd.ns.target_address"));
    }

    [Fact]
    public void Integrated_MldReportBehindHopByHop_ChecksumGood()
    {
        // ping-netns.pcapng frame 1: MLDv2 report after an IPv6 hop-by-hop header (router alert).
        var row = Icmpv6Tests.Real.First(r => (int)r[0] == 1 && ((string)r[2]).StartsWith("Multicast Listener Report Message v2", StringComparison.Ordinal));
        var ctx = Run(Hex((string)row[1]), integrated: true);
        Assert.Equal("Multicast Listener Report Message v2", Info(ctx));
        Assert.Equal("1", F(ctx, "icmpv6.checksum.status"));
        Assert.Equal("ff02::1:ff00:2", F(ctx, "icmpv6.mldr.mar.multicast_address"));
    }

    [Fact]
    public void Integrated_UdpOverIPv6_AsTshark()
    {
        // ping-netns.pcapng frame 30.
        var ctx = Run(Hex(
            "02000000000202000000000186dd6002e0c6001d1140fd990000000000000000000000000001fd990000000000000000" +
            "000000000002825715b3001dfb646469737365637420756470206f7665722069707636"), analysis: NewAnalysis(integrated: true), integrated: true);
        Assert.Equal("33367 → 5555 Len=21", Info(ctx));
        Assert.Equal("0", F(ctx, "udp.stream"));
        Assert.Equal("UDP", ctx.Columns.Protocol);
    }

    [Fact]
    public void Integrated_TcpSyn_AsTshark()
    {
        // http-curl.pcap frame 1 through the real IPv4 dissector, with the analysis.
        var ctx = Run(Hex(
            "00000000000000000000000008004500003caf12400040068da77f0000017f000001c4381f908d39605200000000a002" +
            "ffd7fe3000000204ffd70402080ad64a553d000000000103030a"), analysis: NewAnalysis(integrated: true), integrated: true);
        Assert.Equal("50232 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=3595195709 TSecr=0 WS=1024", Info(ctx));
        Assert.Equal("0", F(ctx, "tcp.stream"));
        Assert.EndsWith(":ip:tcp", F(ctx, "frame.protocols"));
    }
}
