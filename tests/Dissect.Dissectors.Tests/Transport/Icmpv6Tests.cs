using Dissect.Core;
using static Dissect.Dissectors.Tests.Transport.TransportKit;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>ICMPv6 on real and crafted frames; expected values are tshark 4.0.17's -T fields output for the same bytes.</summary>
public class Icmpv6Tests
{
    [Fact]
    public void Icmpv6_TruncatedAtEveryLength_NeverThrows()
    {
        foreach (var row in Real.Concat(Crafted))
            if ((int)row[4] == ((string)row[1]).Length / 2) TruncationSweep(Hex((string)row[1]));
    }

    [Fact]
    public void Icmpv6_EchoRequest_InfoHasHopLimit()
    {
        var row = Real.First(r => ((string)r[2]).StartsWith("Echo (ping) request", StringComparison.Ordinal));
        var ctx = Run(Hex((string)row[1]));
        Assert.Equal((string)row[2], Info(ctx));
        Assert.Equal("ICMPv6", ctx.Columns.Protocol);
        Assert.Contains(":icmpv6:data", F(ctx, "frame.protocols"));
    }

    [Fact]
    public void Icmpv6_ErrorWithQuotedPacket_KeepsIcmpv6Columns()
    {
        var row = Crafted.First(r => (int)r[0] == 3 && ((string)r[2]).StartsWith("Destination Unreachable (Port", StringComparison.Ordinal));
        var ctx = Run(Hex((string)row[1]), analysis: NewAnalysis());
        Assert.Equal("Destination Unreachable (Port unreachable)", Info(ctx));
        Assert.Equal("ICMPv6", ctx.Columns.Protocol);
        Assert.Equal("5000", F(ctx, "udp.srcport"));
        Assert.Equal("0", F(ctx, "udp.stream"));
        Assert.True(ctx.InErrorPacket);
    }

    [Fact]
    public void Icmpv6_BadChecksum_IsFlaggedWithTheRightValue()
    {
        var row = Crafted.First(r => ((string)r[3]).Contains("icmpv6.checksum_bad.expert=1", StringComparison.Ordinal));
        var ctx = Run(Hex((string)row[1]));
        int i = ctx.Fields.IndexOf(ctx.Registry.Find("icmpv6.checksum_bad.expert")!);
        Assert.Equal("Bad checksum [should be 0x707d]", ctx.Fields.Texts[ctx.Fields[i].Text]);
    }

    [Theory]
    [MemberData(nameof(Real))]
    public void Icmpv6_RealMessage_MatchesTshark(int frame, string hex, string info, string fields, int length)
        => Check(frame, hex, info, fields, length);

    [Theory]
    [MemberData(nameof(Crafted))]
    public void Icmpv6_CraftedMessage_MatchesTshark(int frame, string hex, string info, string fields, int length)
        => Check(frame, hex, info, fields, length);

    static void Check(int frame, string hex, string info, string fields, int length)
    {
        _ = frame;
        var ctx = Run(Hex(hex), originalLength: length);
        var expected = new Dictionary<string, string>();
        foreach (var kv in fields.Split('|'))
        {
            int eq = kv.IndexOf('=');
            string k = kv[..eq], v = kv[(eq + 1)..];
            if (k is "udp.stream") continue;            // no analyzer in this unit run
            expected[k] = v == "<MISSING>" ? "" : v;
        }
        AssertFields(ctx, expected);
        string want = System.Text.RegularExpressions.Regex.Replace(info, @" \((request|reply) in \d+\)$", "");
        Assert.Equal(want, Info(ctx));
    }

    /// <summary>Real frames: ping-netns.pcapng (MLDv2 report, NS/NA with link-layer options, echo, link-local NS),
    /// ipv6/icmp6-nd-options.pcap (NS, NA, RA with MTU and prefix options, MLD report, RS), ipv6/icmpv6.pcap (RA, MLD query).</summary>
    public static IEnumerable<object[]> Real =>
    [
        new object[] { 1, "33330000001602000000000286dd6000000000240001fe80000000000000000000fffe000002ff0200000000000000000000000000163a000502000001008f0072050000000104000000ff0200000000000000000001ff000002",
            "Multicast Listener Report Message v2",
            "icmpv6.type=143|icmpv6.code=0|icmpv6.checksum=0x7205|icmpv6.checksum.status=1|icmpv6.reserved=0000|icmpv6.mldr.nb_mcast_records=1|icmpv6.mldr.mar=1|icmpv6.mldr.mar.record_type=4|icmpv6.mldr.mar.aux_data_len=0|icmpv6.mldr.mar.nb_sources=0|icmpv6.mldr.mar.multicast_address=ff02::1:ff00:2", 90 },
        new object[] { 10, "3333ff00000202000000000186dd6000000000203afffd990000000000000000000000000001ff0200000000000000000001ff00000287007c6500000000fd9900000000000000000000000000020101020000000001",
            "Neighbor Solicitation for fd99::2 from 02:00:00:00:00:01",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x7c65|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fd99::2|icmpv6.opt=1|icmpv6.opt.type=1|icmpv6.opt.length=1|icmpv6.opt.linkaddr=02:00:00:00:00:01|icmpv6.opt.src_linkaddr=02:00:00:00:00:01", 86 },
        new object[] { 11, "02000000000102000000000286dd6000000000203afffd990000000000000000000000000002fd99000000000000000000000000000188001acf60000000fd9900000000000000000000000000020201020000000002",
            "Neighbor Advertisement fd99::2 (sol, ovr) is at 02:00:00:00:00:02",
            "icmpv6.type=136|icmpv6.code=0|icmpv6.checksum=0x1acf|icmpv6.checksum.status=1|icmpv6.nd.na.flag=0x60000000|icmpv6.nd.na.flag.r=0|icmpv6.nd.na.flag.s=1|icmpv6.nd.na.flag.o=1|icmpv6.nd.na.flag.rsv=0|icmpv6.nd.na.target_address=fd99::2|icmpv6.opt=1|icmpv6.opt.type=2|icmpv6.opt.length=1|icmpv6.opt.linkaddr=02:00:00:00:00:02|icmpv6.opt.target_linkaddr=02:00:00:00:00:02", 86 },
        new object[] { 12, "02000000000202000000000186dd6002cef900403a40fd990000000000000000000000000001fd99000000000000000000000000000280000572108e0001e666026b00000000bea8080000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            "Echo (ping) request id=0x108e, seq=1, hop limit=64",
            "icmpv6.type=128|icmpv6.code=0|icmpv6.checksum=0x0572|icmpv6.checksum.status=1|icmpv6.echo.identifier=0x108e|icmpv6.echo.sequence_number=1", 118 },
        new object[] { 18, "3333ff00000202000000000186dd6000000000203afffe80000000000000000000fffe000001ff0200000000000000000001ff00000287007c9700000000fe80000000000000000000fffe0000020101020000000001",
            "Neighbor Solicitation for fe80::ff:fe00:2 from 02:00:00:00:00:01",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x7c97|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fe80::ff:fe00:2|icmpv6.opt=1|icmpv6.opt.type=1|icmpv6.opt.length=1|icmpv6.opt.linkaddr=02:00:00:00:00:01|icmpv6.opt.src_linkaddr=02:00:00:00:00:01", 86 },
        new object[] { 1, "3333fff50000c20054f5000086dd6e00000000183aff00000000000000000000000000000000ff0200000000000000000001fff500008700673c00000000fe80000000000000c00054fffef50000",
            "Neighbor Solicitation for fe80::c000:54ff:fef5:0",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x673c|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fe80::c000:54ff:fef5:0", 78 },
        new object[] { 2, "333300000001c20054f5000086dd6e00000000203afffe80000000000000c00054fffef50000ff02000000000000000000000000000188009abba0000000fe80000000000000c00054fffef500000201c20054f50000",
            "Neighbor Advertisement fe80::c000:54ff:fef5:0 (rtr, ovr) is at c2:00:54:f5:00:00",
            "icmpv6.type=136|icmpv6.code=0|icmpv6.checksum=0x9abb|icmpv6.checksum.status=1|icmpv6.nd.na.flag=0xa0000000|icmpv6.nd.na.flag.r=1|icmpv6.nd.na.flag.s=0|icmpv6.nd.na.flag.o=1|icmpv6.nd.na.flag.rsv=0|icmpv6.nd.na.target_address=fe80::c000:54ff:fef5:0|icmpv6.opt=1|icmpv6.opt.type=2|icmpv6.opt.length=1|icmpv6.opt.linkaddr=c2:00:54:f5:00:00|icmpv6.opt.target_linkaddr=c2:00:54:f5:00:00", 86 },
        new object[] { 3, "333300000001c20054f5000086dd6e00000000403afffe80000000000000c00054fffef50000ff0200000000000000000000000000018600c4fe4000070800000000000000000101c20054f5000005010000000005dc030440c000278d0000093a800000000020010db8000000010000000000000000",
            "Router Advertisement from c2:00:54:f5:00:00",
            "icmpv6.type=134|icmpv6.code=0|icmpv6.checksum=0xc4fe|icmpv6.checksum.status=1|icmpv6.nd.ra.cur_hop_limit=64|icmpv6.nd.ra.flag=0x00|icmpv6.nd.ra.flag.m=0|icmpv6.nd.ra.flag.o=0|icmpv6.nd.ra.flag.h=0|icmpv6.nd.ra.flag.prf=0|icmpv6.nd.ra.flag.p=0|icmpv6.nd.ra.flag.rsv=0|icmpv6.nd.ra.router_lifetime=1800|icmpv6.nd.ra.reachable_time=0|icmpv6.nd.ra.retrans_timer=0|icmpv6.opt=1,1,1|icmpv6.opt.type=1,5,3|icmpv6.opt.length=1,1,4|icmpv6.opt.prefix.length=64|icmpv6.opt.prefix.flag=0xc0|icmpv6.opt.prefix.flag.l=1|icmpv6.opt.prefix.flag.a=1|icmpv6.opt.prefix.flag.r=0|icmpv6.opt.prefix.flag.reserved=0|icmpv6.opt.prefix.valid_lifetime=2592000|icmpv6.opt.prefix.preferred_lifetime=604800|icmpv6.opt.reserved=1,1|icmpv6.opt.prefix=2001:db8:0:1::", 118 },
        new object[] { 6, "3333fff50000c20054f5000086dd6e00000000183aff00000000000000000000000000000000ff0200000000000000000001fff50000870038030000000020010db800000001c00054fffef50000",
            "Neighbor Solicitation for 2001:db8:0:1:c000:54ff:fef5:0",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x3803|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=2001:db8:0:1:c000:54ff:fef5:0", 78 },
        new object[] { 12, "3333ff0e4c67000c290e4c6786dd600000000020000100000000000000000000000000000000ff0200000000000000000001ff0e4c673a000502000001008300e7b800000000ff0200000000000000000001ff0e4c67",
            "Multicast Listener Report",
            "icmpv6.type=131|icmpv6.code=0|icmpv6.checksum=0xe7b8|icmpv6.checksum.status=1|icmpv6.mld.maximum_response_delay=0|icmpv6.reserved=0000|icmpv6.mld.multicast_address=ff02::1:ff0e:4c67", 86 },
        new object[] { 13, "333300000002000c290e4c6786dd6000000000083aff00000000000000000000000000000000ff02000000000000000000000000000285007bb800000000",
            "Router Solicitation",
            "icmpv6.type=133|icmpv6.code=0|icmpv6.checksum=0x7bb8|icmpv6.checksum.status=1|icmpv6.reserved=00000000", 62 },
        new object[] { 1, "333300000001b09928c8d66c86dd6000000000b03afffe80000000000000b29928fffec8d66cff020000000000000000000000000001860024014020000f0000000000000000030448c000278d0000093a8000000000222233334444555566000000000000001905000000000005abcd000000000000000000000000efef123456780000000000000000000000011f07000000000005076578616d706c6503636f6d00076578616d706c65036f72670004646f6d3104646f6d3203746c64000000000000000005010000000000640101b09928c8d66c070100000000138808010000c351000f",
            "Router Advertisement from b0:99:28:c8:d6:6c",
            "icmpv6.type=134|icmpv6.code=0|icmpv6.checksum=0x2401|icmpv6.checksum.status=1|icmpv6.nd.ra.cur_hop_limit=64|icmpv6.nd.ra.flag=0x20|icmpv6.nd.ra.flag.m=0|icmpv6.nd.ra.flag.o=0|icmpv6.nd.ra.flag.h=1|icmpv6.nd.ra.flag.prf=0|icmpv6.nd.ra.flag.p=0|icmpv6.nd.ra.flag.rsv=0|icmpv6.nd.ra.router_lifetime=15|icmpv6.nd.ra.reachable_time=0|icmpv6.nd.ra.retrans_timer=0|icmpv6.opt=1,1,1,1,1,1,1|icmpv6.opt.type=3,25,31,5,1,7,8|icmpv6.opt.length=4,5,7,1,1,1,1|icmpv6.opt.reserved=1,1,1,1,1,1|icmpv6.opt.home_agent_preference=50001|icmpv6.opt.home_agent_lifetime=15", 230 },
        new object[] { 3, "333300000001b0a86e0cd4e886dd6000000000240001fe80000000000000b2a86efffe0cd4e8ff0200000000000000000000000000013a000502000001008200623a2710000000000000000000000000000000000000023c0000",
            "Multicast Listener Query",
            "icmpv6.type=130|icmpv6.code=0|icmpv6.checksum=0x623a|icmpv6.checksum.status=1|icmpv6.mld.maximum_response_code=10000|icmpv6.reserved=0000|icmpv6.mld.multicast_address=::|icmpv6.mld.flag=0x02|icmpv6.mld.flag.s=0|icmpv6.mld.flag.qrv=2|icmpv6.mld.flag.reserved=0|icmpv6.mld.qqi=60|icmpv6.mld.nb_sources=0", 90 },
    ];

    /// <summary>Crafted messages (icmp6.pcap, names6.pcap, names6b.pcap made for these tests and checked with tshark).</summary>
    public static IEnumerable<object[]> Crafted =>
    [
        new object[] { 1, "02000000000202000000000186dd6000000000103a40fe800000000000000000000000000001fe8000000000000000000000000000028000dedf123400076162636465666768",
            "Echo (ping) request id=0x1234, seq=7, hop limit=64",
            "icmpv6.type=128|icmpv6.code=0|icmpv6.checksum=0xdedf|icmpv6.checksum.status=1|icmpv6.echo.identifier=0x1234|icmpv6.echo.sequence_number=7", 70 },
        new object[] { 2, "02000000000202000000000186dd6000000000103a3ffe800000000000000000000000000002fe8000000000000000000000000000018100dddf123400076162636465666768",
            "Echo (ping) reply id=0x1234, seq=7, hop limit=63 (request in 1)",
            "icmpv6.type=129|icmpv6.code=0|icmpv6.checksum=0xdddf|icmpv6.checksum.status=1|icmpv6.echo.identifier=0x1234|icmpv6.echo.sequence_number=7", 70 },
        new object[] { 3, "02000000000202000000000186dd60000000003d3aff20010db800000000000000000000000220010db8000000000000000000000001010431e00000000060000000000d114020010db800000000000000000000000120010db800000000000000000000000213881770000d359568656c6c6f",
            "Destination Unreachable (Port unreachable)",
            "icmpv6.type=1|icmpv6.code=4|icmpv6.checksum=0x31e0|icmpv6.checksum.status=1|icmpv6.reserved=00000000|udp.srcport=5000|udp.dstport=6000|udp.port=5000,6000|udp.length=13|udp.checksum=0x3595|udp.checksum.status=2|udp.stream=0|udp.payload=68656c6c6f", 115 },
        new object[] { 4, "02000000000202000000000186dd60000000003d3aff20010db800000000000000000000009920010db800000000000000000000000102002b4d0000050060000000000d114020010db800000000000000000000000120010db800000000000000000000000213881770000d359568656c6c6f",
            "Packet Too Big",
            "icmpv6.type=2|icmpv6.code=0|icmpv6.checksum=0x2b4d|icmpv6.checksum.status=1|icmpv6.mtu=1280|udp.srcport=5000|udp.dstport=6000|udp.port=5000,6000|udp.length=13|udp.checksum=0x3595|udp.checksum.status=2|udp.stream=0|udp.payload=68656c6c6f", 115 },
        new object[] { 5, "02000000000202000000000186dd60000000003d3aff20010db800000000000000000000009920010db800000000000000000000000103002f4d0000000060000000000d114020010db800000000000000000000000120010db800000000000000000000000213881770000d359568656c6c6f",
            "Time Exceeded (hop limit exceeded in transit)",
            "icmpv6.type=3|icmpv6.code=0|icmpv6.checksum=0x2f4d|icmpv6.checksum.status=1|icmpv6.reserved=00000000|udp.srcport=5000|udp.dstport=6000|udp.port=5000,6000|udp.length=13|udp.checksum=0x3595|udp.checksum.status=2|udp.stream=0|udp.payload=68656c6c6f", 115 },
        new object[] { 6, "02000000000202000000000186dd60000000003d3aff20010db800000000000000000000009920010db800000000000000000000000104012e240000002860000000000d114020010db800000000000000000000000120010db800000000000000000000000213881770000d359568656c6c6f",
            "Parameter Problem (unrecognized Next Header type encountered)",
            "icmpv6.type=4|icmpv6.code=1|icmpv6.checksum=0x2e24|icmpv6.checksum.status=1|icmpv6.pointer=40|udp.srcport=5000|udp.dstport=6000|udp.port=5000,6000|udp.length=13|udp.checksum=0x3595|udp.checksum.status=2|udp.stream=0|udp.payload=68656c6c6f", 115 },
        new object[] { 7, "02000000000202000000000186dd6000000000103afffe800000000000000000000000000001ff02000000000000000000000000000285007a2c000000000101020000000001",
            "Router Solicitation from 02:00:00:00:00:01",
            "icmpv6.type=133|icmpv6.code=0|icmpv6.checksum=0x7a2c|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.opt=1|icmpv6.opt.type=1|icmpv6.opt.length=1|icmpv6.opt.linkaddr=02:00:00:00:00:01|icmpv6.opt.src_linkaddr=02:00:00:00:00:01", 70 },
        new object[] { 8, "02000000000202000000000186dd6000000000583afffe800000000000000000000000000001ff02000000000000000000000000000186002a8940c8070800007530000003e8010102000000000105010000000005dc030440c000278d0000093a800000000020010db8000100000000000000000000190300000000025820010db8000000000000000000000053",
            "Router Advertisement from 02:00:00:00:00:01",
            "icmpv6.type=134|icmpv6.code=0|icmpv6.checksum=0x2a89|icmpv6.checksum.status=1|icmpv6.nd.ra.cur_hop_limit=64|icmpv6.nd.ra.flag=0xc8|icmpv6.nd.ra.flag.m=1|icmpv6.nd.ra.flag.o=1|icmpv6.nd.ra.flag.h=0|icmpv6.nd.ra.flag.prf=1|icmpv6.nd.ra.flag.p=0|icmpv6.nd.ra.flag.rsv=0|icmpv6.nd.ra.router_lifetime=1800|icmpv6.nd.ra.reachable_time=30000|icmpv6.nd.ra.retrans_timer=1000|icmpv6.opt=1,1,1,1|icmpv6.opt.type=1,5,3,25|icmpv6.opt.length=1,1,4,3|icmpv6.opt.reserved=1,1,1|icmpv6.opt.rdnss.lifetime=600|icmpv6.opt.rdnss=2001:db8::53", 142 },
        new object[] { 9, "02000000000202000000000186dd6000000000203afffe800000000000000000000000000001ff0200000000000000000001ff00000287007a9700000000fe8000000000000000000000000000020101020000000001",
            "Neighbor Solicitation for fe80::2 from 02:00:00:00:00:01",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x7a97|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fe80::2|icmpv6.opt=1|icmpv6.opt.type=1|icmpv6.opt.length=1|icmpv6.opt.linkaddr=02:00:00:00:00:01|icmpv6.opt.src_linkaddr=02:00:00:00:00:01", 86 },
        new object[] { 10, "02000000000202000000000186dd6000000000183aff00000000000000000000000000000000ff0200000000000000000001ff00000287007c2300000000fe800000000000000000000000000002",
            "Neighbor Solicitation for fe80::2",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x7c23|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fe80::2", 78 },
        new object[] { 11, "02000000000202000000000186dd6000000000203afffe800000000000000000000000000002fe80000000000000000000000000000188009819e0000000fe8000000000000000000000000000020201020000000002",
            "Neighbor Advertisement fe80::2 (rtr, sol, ovr) is at 02:00:00:00:00:02",
            "icmpv6.type=136|icmpv6.code=0|icmpv6.checksum=0x9819|icmpv6.checksum.status=1|icmpv6.nd.na.flag=0xe0000000|icmpv6.nd.na.flag.r=1|icmpv6.nd.na.flag.s=1|icmpv6.nd.na.flag.o=1|icmpv6.nd.na.flag.rsv=0|icmpv6.nd.na.target_address=fe80::2|icmpv6.opt=1|icmpv6.opt.type=2|icmpv6.opt.length=1|icmpv6.opt.linkaddr=02:00:00:00:00:02|icmpv6.opt.target_linkaddr=02:00:00:00:00:02", 86 },
        new object[] { 12, "02000000000202000000000186dd6000000000183afffe800000000000000000000000000002ff02000000000000000000000000000188007ba300000000fe800000000000000000000000000002",
            "Neighbor Advertisement fe80::2 (none)",
            "icmpv6.type=136|icmpv6.code=0|icmpv6.checksum=0x7ba3|icmpv6.checksum.status=1|icmpv6.nd.na.flag=0x00000000|icmpv6.nd.na.flag.r=0|icmpv6.nd.na.flag.s=0|icmpv6.nd.na.flag.o=0|icmpv6.nd.na.flag.rsv=0|icmpv6.nd.na.target_address=fe80::2", 78 },
        new object[] { 13, "02000000000202000000000186dd6000000000683afffe800000000000000000000000000001fe8000000000000000000000000000028900e8780000000020010db800000000000000000000000120010db80000000000000000000000050201020000000002040700000000000060000000000d114020010db800000000000000000000000120010db800000000000000000000000213881770000d3595",
            "Redirect is at 02:00:00:00:00:02",
            "icmpv6.type=137|icmpv6.code=0|icmpv6.checksum=0xe878|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.rd.target_address=2001:db8::1|icmpv6.rd.na.destination_address=2001:db8::5|icmpv6.opt=1,1|icmpv6.opt.type=2,4|icmpv6.opt.length=1,7|icmpv6.opt.reserved=1|icmpv6.opt.redirected_packet=1|udp.srcport=5000|udp.dstport=6000|udp.port=5000,6000|udp.length=13|udp.checksum=0x3595|udp.checksum.status=2|udp.stream=0", 158 },
        new object[] { 14, "02000000000202000000000186dd6000000000183afffe800000000000000000000000000001ff02000000000000000000000000000182007c3f03e8000000000000000000000000000000000000",
            "Multicast Listener Query",
            "icmpv6.type=130|icmpv6.code=0|icmpv6.checksum=0x7c3f|icmpv6.checksum.status=1|icmpv6.mld.maximum_response_delay=1000|icmpv6.reserved=0000|icmpv6.mld.multicast_address=::", 78 },
        new object[] { 15, "02000000000202000000000186dd6000000000183afffe800000000000000000000000000001ff0200000000000000000000000000fb83007e2f00000000ff0200000000000000000000000000fb",
            "Multicast Listener Report",
            "icmpv6.type=131|icmpv6.code=0|icmpv6.checksum=0x7e2f|icmpv6.checksum.status=1|icmpv6.mld.maximum_response_delay=0|icmpv6.reserved=0000|icmpv6.mld.multicast_address=ff02::fb", 78 },
        new object[] { 16, "02000000000202000000000186dd6000000000183afffe800000000000000000000000000001ff02000000000000000000000000000284007e2800000000ff0200000000000000000000000000fb",
            "Multicast Listener Done",
            "icmpv6.type=132|icmpv6.code=0|icmpv6.checksum=0x7e28|icmpv6.checksum.status=1|icmpv6.mld.maximum_response_delay=0|icmpv6.reserved=0000|icmpv6.mld.multicast_address=ff02::fb", 78 },
        new object[] { 17, "02000000000202000000000186dd60000000002c3afffe800000000000000000000000000001ff02000000000000000000000000000182004bef03e80000ff0200000000000000000000000000fb027d000120010db8000000000000000000000007",
            "Multicast Listener Query",
            "icmpv6.type=130|icmpv6.code=0|icmpv6.checksum=0x4bef|icmpv6.checksum.status=1|icmpv6.mld.maximum_response_code=1000|icmpv6.reserved=0000|icmpv6.mld.multicast_address=ff02::fb|icmpv6.mld.flag=0x02|icmpv6.mld.flag.s=0|icmpv6.mld.flag.qrv=2|icmpv6.mld.flag.reserved=0|icmpv6.mld.qqi=125|icmpv6.mld.nb_sources=1|icmpv6.mld.source_address=2001:db8::7", 98 },
        new object[] { 18, "02000000000202000000000186dd6000000000403afffe800000000000000000000000000001ff0200000000000000000000000000168f003f200000000204000001ff0200000000000000000000000000fb20010db800000000000000000000000903000000ff020000000000000000000000010003",
            "Multicast Listener Report Message v2",
            "icmpv6.type=143|icmpv6.code=0|icmpv6.checksum=0x3f20|icmpv6.checksum.status=1|icmpv6.reserved=0000|icmpv6.mldr.nb_mcast_records=2|icmpv6.mldr.mar=1,1|icmpv6.mldr.mar.record_type=4,3|icmpv6.mldr.mar.aux_data_len=0,0|icmpv6.mldr.mar.nb_sources=1,0|icmpv6.mldr.mar.multicast_address=ff02::fb,ff02::1:3", 118 },
        new object[] { 19, "02000000000202000000000186dd6000000000083afffe800000000000000000000000000001fe800000000000000000000000000002c80036b201020304",
            "Private experimentation",
            "icmpv6.type=200|icmpv6.code=0|icmpv6.checksum=0x36b2|icmpv6.checksum.status=1|icmpv6.undecoded.type=1|icmpv6.data=01020304", 62 },
        new object[] { 20, "02000000000202000000000186dd6000000000083afffe800000000000000000000000000001fe8000000000000000000000000000028000111112340007",
            "Echo (ping) request id=0x1234, seq=7, hop limit=255",
            "icmpv6.type=128|icmpv6.code=0|icmpv6.checksum=0x1111|icmpv6.checksum_bad.expert=1|icmpv6.checksum.status=0|icmpv6.echo.identifier=0x1234|icmpv6.echo.sequence_number=7", 62 },
        new object[] { 21, "02000000000202000000000186dd6000000000203afffe800000000000000000000000000001fe80000000000000000000000000000287007a1c00000000fe8000000000000000000000000000020100020000000001",
            "Neighbor Solicitation for fe80::2",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x7a1c|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fe80::2|icmpv6.opt=1|icmpv6.opt.type=1|icmpv6.opt.length=0|icmpv6.invalid_option_length=1", 86 },
        new object[] { 22, "02000000000202000000000186dd6000000000203afffe800000000000000000000000000001fe80000000000000000000000000000287007a1a00000000fe8000000000000000000000000000020102020000000001",
            "Neighbor Solicitation for fe80::2[Malformed Packet]",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x7a1a|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fe80::2|icmpv6.opt=1|icmpv6.opt.type=1|icmpv6.opt.length=2", 86 },
        new object[] { 23, "02000000000202000000000186dd6000000000383aff20010db800000000000000000000000220010db8000000000000000000000001010075bb0000000060000000000d114020010db800000000000000000000000120010db800000000000000000000000213881770000d3595",
            "Destination Unreachable (no route to destination)",
            "icmpv6.type=1|icmpv6.code=0|icmpv6.checksum=0x75bb|icmpv6.checksum.status=1|icmpv6.reserved=00000000|udp.srcport=5000|udp.dstport=6000|udp.port=5000,6000|udp.length=13|udp.checksum=0x3595|udp.checksum.status=2|udp.stream=0", 110 },
        new object[] { 24, "02000000000202000000000186dd6000000000203afffe800000000000000000000000000002fe8000000000000000000000000000018800381a40000000fe8000000000000000000000000000020201020000000002",
            "Neighbor Advertisement fe80::2 (sol) is at 02:00:00:00:00:02",
            "icmpv6.type=136|icmpv6.code=0|icmpv6.checksum=0x381a|icmpv6.checksum.status=1|icmpv6.nd.na.flag=0x40000000|icmpv6.nd.na.flag.r=0|icmpv6.nd.na.flag.s=1|icmpv6.nd.na.flag.o=0|icmpv6.nd.na.flag.rsv=0|icmpv6.nd.na.target_address=fe80::2|icmpv6.opt=1|icmpv6.opt.type=2|icmpv6.opt.length=1|icmpv6.opt.linkaddr=02:00:00:00:00:02|icmpv6.opt.target_linkaddr=02:00:00:00:00:02", 86 },
        new object[] { 25, "02000000000202000000000186dd6000000000203afffe800000000000000000000000000001fe8000000000000000000000000000028700661000000000fe8000000000000000000000000000020e01010203040506",
            "Neighbor Solicitation for fe80::2",
            "icmpv6.type=135|icmpv6.code=0|icmpv6.checksum=0x6610|icmpv6.checksum.status=1|icmpv6.reserved=00000000|icmpv6.nd.ns.target_address=fe80::2|icmpv6.opt=1|icmpv6.opt.type=14|icmpv6.opt.length=1|icmpv6.opt.nonce=010203040506", 86 },
        new object[] { 1, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002010001b900000000",
            "Destination Unreachable (no route to destination)[Malformed Packet]",
            "icmpv6.type=1|icmpv6.code=0|icmpv6.checksum=0x01b9|icmpv6.checksum.status=1|icmpv6.reserved=00000000", 62 },
        new object[] { 5, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002010401b500000000",
            "Destination Unreachable (Port unreachable)[Malformed Packet]",
            "icmpv6.type=1|icmpv6.code=4|icmpv6.checksum=0x01b5|icmpv6.checksum.status=1|icmpv6.reserved=00000000", 62 },
        new object[] { 9, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002010801b100000000",
            "Destination Unreachable (Unknown)[Malformed Packet]",
            "icmpv6.type=1|icmpv6.code=8|icmpv6.checksum=0x01b1|icmpv6.checksum.status=1|icmpv6.reserved=00000000", 62 },
        new object[] { 10, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002010901b000000000",
            "Destination Unreachable (Unknown)[Malformed Packet]",
            "icmpv6.type=1|icmpv6.code=9|icmpv6.checksum=0x01b0|icmpv6.checksum.status=1|icmpv6.reserved=00000000", 62 },
        new object[] { 11, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002020000b900000000",
            "Packet Too Big[Malformed Packet]",
            "icmpv6.type=2|icmpv6.code=0|icmpv6.checksum=0x00b9|icmpv6.checksum.status=1|icmpv6.mtu=0", 62 },
        new object[] { 12, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002020100b800000000",
            "Packet Too Big[Malformed Packet]",
            "icmpv6.type=2|icmpv6.code=1|icmpv6.checksum=0x00b8|icmpv6.checksum.status=1|icmpv6.mtu=0", 62 },
        new object[] { 14, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe8000000000000000000000000000020301ffb700000000",
            "Time Exceeded (fragment reassembly time exceeded)[Malformed Packet]",
            "icmpv6.type=3|icmpv6.code=1|icmpv6.checksum=0xffb7|icmpv6.checksum.status=1|icmpv6.reserved=00000000", 62 },
        new object[] { 15, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe8000000000000000000000000000020302ffb600000000",
            "Time Exceeded (Unknown (2))[Malformed Packet]",
            "icmpv6.type=3|icmpv6.code=2|icmpv6.checksum=0xffb6|icmpv6.checksum.status=1|icmpv6.reserved=00000000", 62 },
        new object[] { 16, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe8000000000000000000000000000020400feb800000000",
            "Parameter Problem (erroneous header field encountered)[Malformed Packet]",
            "icmpv6.type=4|icmpv6.code=0|icmpv6.checksum=0xfeb8|icmpv6.checksum.status=1|icmpv6.pointer=0", 62 },
        new object[] { 19, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe8000000000000000000000000000020403feb500000000",
            "Parameter Problem (IPv6 First Fragment has incomplete IPv6 Header Chain)[Malformed Packet]",
            "icmpv6.type=4|icmpv6.code=3|icmpv6.checksum=0xfeb5|icmpv6.checksum.status=1|icmpv6.pointer=0", 62 },
        new object[] { 20, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe8000000000000000000000000000020404feb400000000",
            "Parameter Problem (Unknown (4))[Malformed Packet]",
            "icmpv6.type=4|icmpv6.code=4|icmpv6.checksum=0xfeb4|icmpv6.checksum.status=1|icmpv6.pointer=0", 62 },
        new object[] { 1, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002000002b900000000",
            "Unknown (0)",
            "icmpv6.type=0|icmpv6.code=0|icmpv6.checksum=0x02b9|icmpv6.checksum.status=1|icmpv6.undecoded.type=1|icmpv6.data=00000000", 62 },
        new object[] { 3, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe80000000000000000000000000000263009fb800000000",
            "Unknown (99)",
            "icmpv6.type=99|icmpv6.code=0|icmpv6.checksum=0x9fb8|icmpv6.checksum.status=1|icmpv6.undecoded.type=1|icmpv6.data=00000000", 62 },
        new object[] { 4, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe8000000000000000000000000000027f0083b800000000",
            "Reserved for expansion of ICMPv6 error messages",
            "icmpv6.type=127|icmpv6.code=0|icmpv6.checksum=0x83b8|icmpv6.checksum.status=1|icmpv6.undecoded.type=1|icmpv6.data=00000000", 62 },
        new object[] { 6, "02000000000202000000000186dd6000000000083a40fe800000000000000000000000000001fe800000000000000000000000000002c8003ab800000000",
            "Private experimentation",
            "icmpv6.type=200|icmpv6.code=0|icmpv6.checksum=0x3ab8|icmpv6.checksum.status=1|icmpv6.undecoded.type=1|icmpv6.data=00000000", 62 },
    ];
}
