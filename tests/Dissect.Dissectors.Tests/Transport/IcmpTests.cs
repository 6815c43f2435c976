using Dissect.Core;
using static Dissect.Dissectors.Tests.Transport.TransportKit;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>ICMP on real and crafted frames; expected values are tshark 4.0.17's -T fields output for the same bytes.</summary>
public class IcmpTests
{
    // ping-netns.pcapng frames 4 and 5: echo request/reply 10.99.0.1 ↔ 10.99.0.2, id 0x107d, seq 1, 56 data bytes
    // starting with ping's timeval (little-endian).
    static readonly byte[] EchoRequest = Hex(
        "020000000002020000000001080045000054ac884000400179580a6300010a63000208005475107d0001e666026b0000" +
        "0000e967020000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "3637");
    static readonly byte[] EchoReply = Hex(
        "020000000001020000000002080045000054e07600004001856a0a6300020a63000100005c75107d0001e666026b0000" +
        "0000e967020000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
        "3637");
    static readonly Timestamp EchoRequestTime = new(1795319526, 157717585);

    // ping-netns.pcapng frame 33: port unreachable quoting the UDP datagram 10.99.0.1:51331 → 10.99.0.2:5556.
    static readonly byte[] PortUnreachable = Hex(
        "020000000001020000000002080045c0004be15a0000400183cf0a6300020a63000103037cc9000000004500002fa417" +
        "4000401181de0a6300010a630002c88315b4001b14f56e6f626f6479206c697374656e732068657265");

    [Fact]
    public void Icmp_EchoRequest_FieldsAndInfoAsTshark()
    {
        var ctx = Run(EchoRequest, time: EchoRequestTime);
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["icmp.type"] = "8", ["icmp.code"] = "0", ["icmp.checksum"] = "0x5475", ["icmp.checksum.status"] = "1",
            ["icmp.ident"] = "4221", ["icmp.ident_le"] = "32016", ["icmp.seq"] = "1", ["icmp.seq_le"] = "256",
            ["icmp.data_time"] = "Nov 22, 2026 03:52:06.000000000 UTC", ["icmp.data_time_relative"] = "0.157717585",
            ["data.len"] = "48",
            ["data.data"] = "e967020000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
        });
        Assert.Equal("Echo (ping) request  id=0x107d, seq=1/256, ttl=64", Info(ctx));
        Assert.Equal("ICMP", ctx.Columns.Protocol);
        Assert.Contains(":icmp:data", F(ctx, "frame.protocols"));
    }

    [Fact]
    public void Icmp_EchoReply_InfoAsTsharkWithoutRequestLink()
    {
        var ctx = Run(EchoReply, time: new Timestamp(1795319526, 157727117));
        Assert.Equal("0x5c75", F(ctx, "icmp.checksum"));
        Assert.Equal("1", F(ctx, "icmp.checksum.status"));
        Assert.Equal("0.157727117", F(ctx, "icmp.data_time_relative"));
        // tshark adds " (request in 4)" from its request/response matching, which this dissector does not do.
        Assert.Equal("Echo (ping) reply    id=0x107d, seq=1/256, ttl=64", Info(ctx));
    }

    [Fact]
    public void Icmp_EchoDataWithoutTimestamp_IsAllData()
    {
        // The same request seen a week later: the timeval is no longer within a day of the frame time.
        var ctx = Run(EchoRequest, time: new Timestamp(1795319526 + 7 * 86400, 0));
        Assert.False(Has(ctx, "icmp.data_time"));
        Assert.Equal("56", F(ctx, "data.len"));
    }

    [Fact]
    public void Icmp_PortUnreachable_QuotedDatagramKeepsIcmpColumns()
    {
        var ctx = Run(PortUnreachable, analysis: NewAnalysis());
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["icmp.type"] = "3", ["icmp.code"] = "3", ["icmp.checksum"] = "0x7cc9", ["icmp.checksum.status"] = "1",
            ["icmp.unused"] = "00000000", ["udp.srcport"] = "51331", ["udp.dstport"] = "5556", ["udp.port"] = "51331,5556",
            ["udp.length"] = "27", ["udp.checksum"] = "0x14f5", ["udp.checksum.status"] = "2", ["udp.stream"] = "0",
            ["udp.payload"] = "6e6f626f6479206c697374656e732068657265",
        });
        Assert.Equal("Destination unreachable (Port unreachable)", Info(ctx));
        Assert.Equal("ICMP", ctx.Columns.Protocol);
        Assert.Equal("10.99.0.2", ctx.Columns.Source.ToString());   // the outer addresses stay in the columns
        Assert.True(ctx.InErrorPacket);
        Assert.False(Has(ctx, "_ws.malformed"));
    }

    [Fact]
    public void Icmp_TimeExceededQuotingTcpCutInItsOptions_IsNeitherShortNorMalformed()
    {
        // Crafted (icmp_tcpcut.pcap): the quote ends 24 bytes into a 44-byte TCP SYN header.
        var ctx = Run(Hex(
            "02000000000202000000000108004500004800014000400125b60a0000fe0a0000010b001a4c00000000450000400001" +
            "400040061da50a0000010a0909099c400050000003e800000000b002ffff82800000020405b4"), analysis: NewAnalysis());
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["tcp.srcport"] = "40000", ["tcp.seq"] = "1000", ["tcp.hdr_len"] = "44", ["tcp.option_kind"] = "2",
            ["tcp.options.mss_val"] = "1460", ["tcp.connection.syn"] = "1", ["tcp.stream"] = "", ["tcp.len"] = "",
        });
        Assert.False(Has(ctx, "_ws.short"));
        Assert.False(Has(ctx, "_ws.malformed"));
        Assert.Equal("Time-to-live exceeded (Time to live exceeded in transit)", Info(ctx));
    }

    [Fact]
    public void Icmp_BadChecksum_IsFlaggedWithTheRightValue()
    {
        var bytes = (byte[])EchoRequest.Clone();
        bytes[14 + 20 + 2] ^= 0xff;
        var ctx = Run(bytes, time: EchoRequestTime);
        Assert.Equal("0", F(ctx, "icmp.checksum.status"));
        Assert.Equal("1", F(ctx, "icmp.checksum_bad"));
        int i = ctx.Fields.IndexOf(ctx.Registry.Find("icmp.checksum_bad")!);
        Assert.Equal("Bad checksum [should be 0x5475]", ctx.Fields.Texts[ctx.Fields[i].Text]);
    }

    [Fact]
    public void Icmp_SnaplenCut_ChecksumUnverified()
    {
        var ctx = Run(EchoRequest.AsSpan(0, 14 + 20 + 10).ToArray(), originalLength: EchoRequest.Length, time: EchoRequestTime);
        Assert.Equal("2", F(ctx, "icmp.checksum.status"));
        Assert.Equal("Echo (ping) request  id=0x107d, seq=1/256, ttl=64", Info(ctx));
    }

    [Fact]
    public void Icmp_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(EchoRequest);
        TruncationSweep(PortUnreachable);
        foreach (var row in Crafted) if ((int)row[4] == ((string)row[1]).Length / 2) TruncationSweep(Hex((string)row[1]));
    }

    /// <summary>Crafted messages (icmp.pcap, names4.pcap) with tshark's output; the quoted TCP/UDP stream numbers
    /// and request/response links need conversation state this unit run does not have.</summary>
    [Theory]
    [MemberData(nameof(Crafted))]
    public void Icmp_CraftedMessage_MatchesTshark(int frame, string hex, string info, string fields, int length)
    {
        _ = frame;
        var ctx = Run(Hex(hex), originalLength: length);
        var expected = new Dictionary<string, string>();
        foreach (var kv in fields.Split('|'))
        {
            int eq = kv.IndexOf('=');
            string k = kv[..eq], v = kv[(eq + 1)..];
            if (k is "tcp.stream" or "udp.stream") continue;
            if (k.StartsWith("icmp.data_time", StringComparison.Ordinal)) continue;   // frame times differ from the pcap's
            expected[k] = v == "<MISSING>" ? "" : v;
        }
        AssertFields(ctx, expected);
        string want = System.Text.RegularExpressions.Regex.Replace(info, @" \((request|reply) in \d+\)$", "");
        // Messages tshark reads past their end (timestamp or mask without the body, redirect without a quote) are
        // malformed there and here alike.
        Assert.Equal(want, Info(ctx));
    }

    public static IEnumerable<object[]> Crafted =>
    [
        new object[] { 1, "02000000000202000000000108004500005400014000400126a60a0000010a000002080083a61234000103105e5f0000000040e2010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            "Echo (ping) request  id=0x1234, seq=1/256, ttl=64",
            "icmp.type=8|icmp.code=0|icmp.checksum=0x83a6|icmp.checksum.status=1|icmp.ident=4660|icmp.ident_le=13330|icmp.seq=1|icmp.seq_le=256|icmp.data_time=Sep 13, 2020 12:26:43.000000000 UTC|icmp.data_time_relative=-3.000000000", 98 },
        new object[] { 2, "0200000000020200000000010800450000540001400039012da60a0000020a00000100008ba61234000103105e5f0000000040e2010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            "Echo (ping) reply    id=0x1234, seq=1/256, ttl=57 (request in 1)",
            "icmp.type=0|icmp.code=0|icmp.checksum=0x8ba6|icmp.checksum.status=1|icmp.ident=4660|icmp.ident_le=13330|icmp.seq=1|icmp.seq_le=256|icmp.data_time=Sep 13, 2020 12:26:43.000000000 UTC|icmp.data_time_relative=-2.000000000", 98 },
        new object[] { 3, "02000000000202000000000108004500003800014000400125c60a0000fe0a0000010b004f92000000004500003c0001400001115c9e0a0000010a09090914e9829a00280dc2",
            "Time-to-live exceeded (Time to live exceeded in transit)",
            "icmp.type=11|icmp.code=0|icmp.checksum=0x4f92|icmp.checksum.status=1|icmp.unused=00000000|udp.srcport=5353|udp.dstport=33434|udp.port=5353,33434|udp.length=40|udp.checksum=0x0dc2|udp.checksum.status=2|udp.stream=0", 70 },
        new object[] { 4, "0200000000020200000000010800450000580001400040011d920a0909090a00000103031139000000004500003c0001400001115c9e0a0000010a09090914e9829a00280dc26162636465666768616263646566676861626364656667686162636465666768",
            "Destination unreachable (Port unreachable)",
            "icmp.type=3|icmp.code=3|icmp.checksum=0x1139|icmp.checksum.status=1|icmp.unused=00000000|udp.srcport=5353|udp.dstport=33434|udp.port=5353,33434|udp.length=40|udp.checksum=0x0dc2|udp.checksum.status=2|udp.stream=0|udp.payload=6162636465666768616263646566676861626364656667686162636465666768", 102 },
        new object[] { 5, "02000000000202000000000108004500003800014000400125c60a0000fe0a00000103015c86000000004500002c0001400040061db90a0000010a0909099c400050000003e8",
            "Destination unreachable (Host unreachable)",
            "icmp.type=3|icmp.code=1|icmp.checksum=0x5c86|icmp.checksum.status=1|icmp.unused=00000000|tcp.srcport=40000|tcp.dstport=80|tcp.port=40000,80|tcp.seq=1000", 70 },
        new object[] { 6, "02000000000202000000000108004500004800014000400125b60a0000fe0a00000103040ba5000005784500002c0001400040061db90a0000010a0909099c400050000003e8000000006002ffffe3ab0000020405b4",
            "Destination unreachable (Fragmentation needed)",
            "icmp.type=3|icmp.code=4|icmp.checksum=0x0ba5|icmp.checksum.status=1|icmp.unused=0000|icmp.mtu=1400|tcp.srcport=40000|tcp.dstport=80|tcp.port=40000,80|tcp.seq=1000|tcp.stream=0|tcp.ack=0|tcp.ack_raw=0|tcp.hdr_len=24|tcp.flags=0x0002|tcp.flags.res=0|tcp.flags.ae=0|tcp.flags.cwr=0|tcp.flags.ece=0|tcp.flags.urg=0|tcp.flags.ack=0|tcp.flags.push=0|tcp.flags.reset=0|tcp.flags.syn=1|tcp.connection.syn=1|tcp.flags.fin=0|tcp.flags.str=··········S·|tcp.window_size_value=65535|tcp.window_size=65535|tcp.checksum=0xe3ab|tcp.checksum.status=2|tcp.urgent_pointer=0|tcp.options=020405b4|tcp.options.mss=020405b4|tcp.option_kind=2|tcp.option_len=4|tcp.options.mss_val=1460", 86 },
        new object[] { 7, "02000000000202000000000108004500003800014000400125c60a0000fe0a000001050150850a0000014500002c0001400040061db90a0000010a0909099c400050000003e8",
            "Redirect             (Redirect for host)",
            "icmp.type=5|icmp.code=1|icmp.checksum=0x5085|icmp.checksum.status=1|icmp.redir_gw=10.0.0.1|tcp.srcport=40000|tcp.dstport=80|tcp.port=40000,80|tcp.seq=1000", 70 },
        new object[] { 8, "02000000000202000000000108004500003800014000400126c20a0000010a00000204005b87000000004500002c0001400040061db90a0000010a0909099c400050000003e8",
            "Source quench (flow control)",
            "icmp.type=4|icmp.code=0|icmp.checksum=0x5b87|icmp.checksum.status=1|tcp.srcport=40000|tcp.dstport=80|tcp.port=40000,80|tcp.seq=1000", 70 },
        new object[] { 9, "02000000000202000000000108004500003800014000400126c20a0000010a0000020c003f87140000004500002c0001400040061db90a0000010a0909099c400050000003e8",
            "Parameter problem    (Pointer indicates the error)",
            "icmp.type=12|icmp.code=0|icmp.checksum=0x3f87|icmp.checksum.status=1|icmp.pointer=20|icmp.unused=000000|tcp.srcport=40000|tcp.dstport=80|tcp.port=40000,80|tcp.seq=1000", 70 },
        new object[] { 10, "02000000000202000000000108004500002800014000400126d20a0000010a0000020d00ef0700070009000003e80000000000000000",
            "Timestamp request    id=0x0007, seq=9/2304, ttl=64",
            "icmp.type=13|icmp.code=0|icmp.checksum=0xef07|icmp.checksum.status=1|icmp.ident=7|icmp.ident_le=1792|icmp.seq=9|icmp.seq_le=2304|icmp.originate_timestamp=1000|icmp.receive_timestamp=0|icmp.transmit_timestamp=0", 54 },
        new object[] { 11, "02000000000202000000000108004500002800014000400126d20a0000010a0000020e00da7f00070009000003e8000007d000000bb8",
            "Timestamp reply      id=0x0007, seq=9/2304, ttl=64",
            "icmp.type=14|icmp.code=0|icmp.checksum=0xda7f|icmp.checksum.status=1|icmp.ident=7|icmp.ident_le=1792|icmp.seq=9|icmp.seq_le=2304|icmp.originate_timestamp=1000|icmp.receive_timestamp=2000|icmp.transmit_timestamp=3000", 54 },
        new object[] { 12, "02000000000202000000000108004500002000014000400126da0a0000010a0000021100eeef0007000900000000",
            "Address mask request id=0x0007, seq=9/2304, ttl=64",
            "icmp.type=17|icmp.code=0|icmp.checksum=0xeeef|icmp.checksum.status=1|icmp.ident=7|icmp.ident_le=1792|icmp.seq=9|icmp.seq_le=2304|icmp.address_mask=0.0.0.0", 46 },
        new object[] { 13, "02000000000202000000000108004500002400014000400126d60a0000010a0000020900e3f2010207080a0000fe00000005",
            "Mobile IP Advertisement (Normal router advertisement)",
            "icmp.type=9|icmp.code=0|icmp.checksum=0xe3f2|icmp.checksum.status=1|icmp.num_addrs=1|icmp.addr_entry_size=2|icmp.lifetime=1800|icmp.router_address=10.0.0.254|icmp.pref_level=5", 50 },
        new object[] { 14, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020a00f5ff00000000",
            "Router solicitation ",
            "icmp.type=10|icmp.code=0|icmp.checksum=0xf5ff|icmp.checksum.status=1", 42 },
        new object[] { 15, "02000000000202000000000108004500001f00014000400126db0a0000010a0000022a00df7f0102030478797a",
            "Extended Echo request (No error)",
            "icmp.type=42|icmp.code=0|icmp.checksum=0xdf7f|icmp.checksum.status=1|icmp.ident=258|icmp.ident_le=513", 45 },
        new object[] { 16, "02000000000202000000000108004500004400014000400126b60a0000010a0000020800111112340001101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            "Echo (ping) request  id=0x1234, seq=1/256, ttl=64",
            "icmp.type=8|icmp.code=0|icmp.checksum=0x1111|icmp.checksum_bad=1|icmp.checksum.status=0|icmp.ident=4660|icmp.ident_le=13330|icmp.seq=1|icmp.seq_le=256", 82 },
        new object[] { 17, "02000000000202000000000108004500004400014000400126b60a0000010a000002080026f8123400011011",
            "Echo (ping) request  id=0x1234, seq=1/256, ttl=64",
            "icmp.type=8|icmp.code=0|icmp.checksum=0x26f8|icmp.checksum.status=2|icmp.ident=4660|icmp.ident_le=13330|icmp.seq=1|icmp.seq_le=256", 82 },
        new object[] { 18, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020800e5ca12340001",
            "Echo (ping) request  id=0x1234, seq=1/256, ttl=64",
            "icmp.type=8|icmp.code=0|icmp.checksum=0xe5ca|icmp.checksum.status=1|icmp.ident=4660|icmp.ident_le=13330|icmp.seq=1|icmp.seq_le=256", 42 },
        new object[] { 19, "02000000000202000000000108004500003800014000400126c20a0000010a000002030d5785000000004500003c0001400001115c9e0a0000010a09090914e9829a00280dc2",
            "Destination unreachable (Communication administratively filtered)",
            "icmp.type=3|icmp.code=13|icmp.checksum=0x5785|icmp.checksum.status=1|icmp.unused=00000000|udp.srcport=5353|udp.dstport=33434|udp.port=5353,33434|udp.length=40|udp.checksum=0x0dc2|udp.checksum.status=2|udp.stream=0", 70 },
        new object[] { 20, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020303fcfc00000000",
            "Destination unreachable (Port unreachable)",
            "icmp.type=3|icmp.code=3|icmp.checksum=0xfcfc|icmp.checksum.status=1|icmp.unused=00000000", 42 },
        new object[] { 21, "02000000000202000000000108004500002600014000400126d40a0000010a000002030376ae000000004500003c000140000111",
            "Destination unreachable (Port unreachable)",
            "icmp.type=3|icmp.code=3|icmp.checksum=0x76ae|icmp.checksum.status=1|icmp.unused=00000000", 52 },
        new object[] { 22, "020000000002020000000001080045000054000140008001e6a50a0000010a00000200008ba61234000103105e5f0000000040e2010000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637",
            "Echo (ping) reply    id=0x1234, seq=1/256, ttl=128",
            "icmp.type=0|icmp.code=0|icmp.checksum=0x8ba6|icmp.checksum.status=1|icmp.ident=4660|icmp.ident_le=13330|icmp.seq=1|icmp.seq_le=256|icmp.data_time=Sep 13, 2020 12:26:43.000000000 UTC|icmp.data_time_relative=18.000000000", 98 },
        new object[] { 1, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020000ffff00000000",
            "Echo (ping) reply    id=0x0000, seq=0/0, ttl=64",
            "icmp.type=0|icmp.code=0|icmp.checksum=0xffff|icmp.checksum.status=1|icmp.ident=0|icmp.ident_le=0|icmp.seq=0|icmp.seq_le=0", 42 },
        new object[] { 5, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020400fbff00000000",
            "Source quench (flow control)",
            "icmp.type=4|icmp.code=0|icmp.checksum=0xfbff|icmp.checksum.status=1", 42 },
        new object[] { 6, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020500faff00000000",
            "Redirect             (Redirect for network)[Malformed Packet]",
            "icmp.type=5|icmp.code=0|icmp.checksum=0xfaff|icmp.checksum.status=1|icmp.redir_gw=0.0.0.0", 42 },
        new object[] { 10, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020900f6ff00000000",
            "Mobile IP Advertisement (Normal router advertisement)",
            "icmp.type=9|icmp.code=0|icmp.checksum=0xf6ff|icmp.checksum.status=1|icmp.num_addrs=0|icmp.addr_entry_size=0|icmp.lifetime=0", 42 },
        new object[] { 11, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020a00f5ff00000000",
            "Router solicitation ",
            "icmp.type=10|icmp.code=0|icmp.checksum=0xf5ff|icmp.checksum.status=1", 42 },
        new object[] { 12, "02000000000202000000000108004500001c00014000400126de0a0000010a0000020b00f4ff00000000",
            "Time-to-live exceeded (Time to live exceeded in transit)",
            "icmp.type=11|icmp.code=0|icmp.checksum=0xf4ff|icmp.checksum.status=1|icmp.unused=00000000", 42 },
        new object[] { 20, "02000000000202000000000108004500001c00014000400126de0a0000010a0000021300ecff00000000",
            "Reserved (for security)",
            "icmp.type=19|icmp.code=0|icmp.checksum=0xecff|icmp.checksum.status=1", 42 },
        new object[] { 31, "02000000000202000000000108004500001c00014000400126de0a0000010a0000021e00e1ff00000000",
            "Traceroute          ",
            "icmp.type=30|icmp.code=0|icmp.checksum=0xe1ff|icmp.checksum.status=1", 42 },
        new object[] { 41, "02000000000202000000000108004500001c00014000400126de0a0000010a0000022800d7ff00000000",
            "Photuris             (Bad SPI)",
            "icmp.type=40|icmp.code=0|icmp.checksum=0xd7ff|icmp.checksum.status=1", 42 },
        new object[] { 43, "02000000000202000000000108004500001c00014000400126de0a0000010a0000022a00d5ff00000000",
            "Extended Echo request (No error)",
            "icmp.type=42|icmp.code=0|icmp.checksum=0xd5ff|icmp.checksum.status=1|icmp.ident=0|icmp.ident_le=0", 42 },
        new object[] { 44, "02000000000202000000000108004500001c00014000400126de0a0000010a0000022b00d4ff00000000",
            "Extended Echo reply  (No error)",
            "icmp.type=43|icmp.code=0|icmp.checksum=0xd4ff|icmp.checksum.status=1|icmp.ident=0|icmp.ident_le=0", 42 },
    ];
}
