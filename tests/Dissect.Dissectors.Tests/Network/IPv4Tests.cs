using Dissect.Core;
using static Dissect.Dissectors.Tests.LinkTests.LinkKit;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.NetworkTests;

/// <summary>IPv4 on real and crafted frames; expected values are tshark 4.0.17's -T fields output (default
/// preferences: checksum not verified, fragments not reassembled in a single pass) for the same bytes.</summary>
public class IPv4Tests
{
    // samples-pcap/ping-netns.pcapng frame 24: UDP 10.99.0.1:51331 → 10.99.0.2:5555, DF, TTL 64.
    static readonly byte[] Udp = Hex(
        "020000000002020000000001080045000032a3f64000401181fc0a6300010a630002c88315b3001e14f8646973736563" +
        "742075647020646174616772616d2030");

    // corpus ipv4/fragmented-1.pcap frame 1: first fragment (MF) of a UDP datagram, ID 0x00f2, padded to 60 bytes.
    static readonly byte[] FirstFragment = Hex(
        "006097122f580020afba786508004500002600f2200040111af2a4017ba3a4017b3d007b00890012bfe2000000000000" +
        "000000000000000000000000");

    // corpus ipv4/fragmented-4.pcap frame 4: last fragment of a TCP segment, offset 9 (72 bytes), 17 bytes.
    static readonly byte[] LastFragment = Hex(
        "000130249d0000b0d0e4131108004510002500000009ff06030b80202e8e0a000001642e6578653f2f632b6469722b63" +
        "3a5c0a");

    // Crafted, tshark-checked: router alert option (ihl 6), UDP 12345 → 12345 with 4 bytes.
    static readonly byte[] RouterAlert = Hex(
        "ffffffffffff020000000001080046b800241234400040117ed60a0000010a0000029404000030393039000c00006162" +
        "6364");

    // Crafted: record route (len 11, pointer 4, two empty slots) then EOL.
    static readonly byte[] RecordRoute = Hex(
        "ffffffffffff020000000001080048b8002c12344000401102b40a0000010a000002070b040a0000010a000002003039" +
        "3039000c000061626364");

    // Crafted: timestamp option (len 12, pointer 5, flag 0: time stamps only) with stamps 1 and 2.
    static readonly byte[] Timestamps = Hex(
        "ffffffffffff020000000001080048b8002c123440004011c7c30a0000010a000002440c050000000001000000023039" +
        "3039000c000061626364");

    // Crafted: strict source route 10.0.0.7, 10.0.0.8 (pointer 4): tshark shows the final hop as ip.dst.
    static readonly byte[] StrictRoute = Hex(
        "ffffffffffff02000000000108004800002c00010000401100000a0000010a000002890b040a0000070a000008003039" +
        "3039000c000061626364");

    // corpus malformed/ipv4_invalid_hdr_length.pcap frame 1: header length field 4 words (16 bytes).
    static readonly byte[] HeaderTooShort = Hex(
        "c0d68236032bf04da23d5da3080044000054f1a60000401145948cd309ce2d217f9c98b7003500406ecb92aa01200001" +
        "000000000001037777770774637064756d70036f7267000001000100002904d000000000000c000a00088bc0e5f53e71" +
        "3bbd");

    // corpus malformed/ipv4_invalid_total_length.pcap frame 1: total length 85 but 84 bytes of IP in the frame.
    static readonly byte[] TotalTooLong = Hex(
        "c0d68236032bf04da23d5da3080045000055f1a60000401145938cd309ce2d217f9c98b7003500406ecb92aa01200001" +
        "000000000001037777770774637064756d70036f7267000001000100002904d000000000000c000a00088bc0e5f53e71" +
        "3bbd");

    // corpus malformed/ip4-trunc.pcap frame 1: snaplen 20 of 46 bytes, cut inside the IPv4 header.
    static readonly byte[] CutHeader = Hex("0010db88d2efc8bcc896d2a00800450000200001");

    [Fact]
    public void IPv4_UdpDatagram_EveryHeaderFieldAsTshark()
    {
        var ctx = Run(Udp);
        AssertFields(ctx, new()
        {
            ["ip.version"] = "4",
            ["ip.hdr_len"] = "20",
            ["ip.dsfield"] = "0x00",
            ["ip.dsfield.dscp"] = "0",
            ["ip.dsfield.ecn"] = "0",
            ["ip.len"] = "50",
            ["ip.id"] = "0xa3f6",
            ["ip.flags"] = "0x02",
            ["ip.flags.rb"] = "0",
            ["ip.flags.df"] = "1",
            ["ip.flags.mf"] = "0",
            ["ip.frag_offset"] = "0",
            ["ip.ttl"] = "64",
            ["ip.proto"] = "17",
            ["ip.checksum"] = "0x81fc",
            ["ip.checksum.status"] = "2",
            ["ip.src"] = "10.99.0.1",
            ["ip.dst"] = "10.99.0.2",
            ["ip.addr"] = "10.99.0.1,10.99.0.2",
        });
        AssertAbsent(ctx, "ip.options", "ip.opt.type", "_ws.malformed", "ip.bogus_ip_length");
        Assert.StartsWith("frame:eth:ip:udp", Protocols(ctx));
        Assert.Equal("10.99.0.1", ctx.NetSrc.ToString());
        Assert.Equal("10.99.0.2", ctx.NetDst.ToString());
        Assert.Equal(17, ctx.IpProto);
        Assert.Equal(64, ctx.IpTtl);
        Assert.Equal(1, ctx.IpDepth);
        Assert.False(ctx.IpFragment);
        Assert.Equal("10.99.0.1", ctx.Columns.Source.ToString());
    }

    [Fact]
    public void IPv4_FirstFragment_DataAndFragmentInfo()
    {
        var ctx = Run(FirstFragment);
        AssertFields(ctx, new()
        {
            ["ip.len"] = "38",
            ["ip.id"] = "0x00f2",
            ["ip.flags"] = "0x01",
            ["ip.flags.df"] = "0",
            ["ip.flags.mf"] = "1",
            ["ip.frag_offset"] = "0",
            ["ip.proto"] = "17",
            ["ip.checksum"] = "0x1af2",
            ["ip.src"] = "164.1.123.163",
            ["ip.dst"] = "164.1.123.61",
            ["data.len"] = "18",
            ["eth.padding"] = "0000000000000000",
        });
        Assert.Equal("frame:eth:ip:data", Protocols(ctx));
        Assert.True(ctx.IpFragment);
        Assert.Equal("IPv4", ctx.Columns.Protocol);
        Assert.Equal("Fragmented IP protocol (proto=UDP 17, off=0, ID=00f2)", Info(ctx));
    }

    [Fact]
    public void IPv4_LastFragment_OffsetInEightByteUnits_InfoInBytes()
    {
        var ctx = Run(LastFragment);
        AssertFields(ctx, new()
        {
            ["ip.dsfield"] = "0x10",
            ["ip.dsfield.dscp"] = "4",
            ["ip.len"] = "37",
            ["ip.id"] = "0x0000",
            ["ip.flags.mf"] = "0",
            ["ip.frag_offset"] = "9",
            ["ip.ttl"] = "255",
            ["ip.proto"] = "6",
            ["ip.src"] = "128.32.46.142",
            ["ip.dst"] = "10.0.0.1",
            ["data.len"] = "17",
        });
        Assert.Equal("frame:eth:ip:data", Protocols(ctx));
        Assert.Equal("Fragmented IP protocol (proto=TCP 6, off=72, ID=0000)", Info(ctx));
    }

    [Fact]
    public void IPv4_Options_RouterAlertRecordRouteTimestamp()
    {
        var ra = Run(RouterAlert);
        AssertFields(ra, new()
        {
            ["ip.hdr_len"] = "24",
            ["ip.len"] = "36",
            ["ip.opt.type"] = "148",
            ["ip.opt.type.copy"] = "1",
            ["ip.opt.type.class"] = "0",
            ["ip.opt.type.number"] = "20",
            ["ip.opt.len"] = "4",
            ["ip.opt.ra"] = "0",
        });
        Assert.True(Has(ra, "ip.options.routeralert"));
        Assert.StartsWith("frame:eth:ip:udp", Protocols(ra));

        var rr = Run(RecordRoute);
        AssertFields(rr, new()
        {
            ["ip.hdr_len"] = "32",
            ["ip.opt.type"] = "7,0",
            ["ip.opt.type.copy"] = "0,0",
            ["ip.opt.type.number"] = "7,0",
            ["ip.opt.len"] = "11",
            ["ip.opt.ptr"] = "4",
            ["ip.empty_rt"] = "10.0.0.1,10.0.0.2",
        });
        Assert.True(Has(rr, "ip.options.eol"));

        var ts = Run(Timestamps);
        AssertFields(ts, new()
        {
            ["ip.opt.type"] = "68",
            ["ip.opt.type.class"] = "2",
            ["ip.opt.type.number"] = "4",
            ["ip.opt.len"] = "12",
            ["ip.opt.ptr"] = "5",
            ["ip.opt.overflow"] = "0",
            ["ip.opt.flag"] = "0x00",
            ["ip.opt.time_stamp"] = "1,2",
        });
    }

    [Fact]
    public void IPv4_StrictSourceRoute_FinalHopIsTheDestination()
    {
        var ctx = Run(StrictRoute);
        AssertFields(ctx, new()
        {
            ["ip.dst"] = "10.0.0.8",
            ["ip.addr"] = "10.0.0.1,10.0.0.8",
            ["ip.src_rt"] = "10.0.0.7",
            ["ip.opt.ptr"] = "4",
        });
        Assert.Equal("10.0.0.8", ctx.NetDst.ToString());
    }

    [Fact]
    public void IPv4_OptionLengthPastOptions_ExpertNotMalformed()
    {
        // Crafted: record route option claiming 255 bytes in a 4-byte options area (tshark goes on with UDP).
        var ctx = Run(Hex("ffffffffffff020000000001080046b800241234400040110adc0a0000010a00000207ff000030393039000c00006162" + "6364"));
        AssertFields(ctx, new() { ["ip.hdr_len"] = "24", ["ip.len"] = "36", ["ip.opt.len.invalid"] = "1" });
        AssertAbsent(ctx, "ip.opt.type", "_ws.malformed");
        Assert.StartsWith("frame:eth:ip:udp", Protocols(ctx));
    }

    [Fact]
    public void IPv4_HeaderLengthBelowFive_BogusHeaderLength()
    {
        var ctx = Run(HeaderTooShort);
        AssertFields(ctx, new() { ["ip.version"] = "4", ["ip.hdr_len"] = "16" });
        AssertAbsent(ctx, "ip.len", "ip.src", "_ws.malformed");
        Assert.True(Has(ctx, "ip.bogus_header_length"));
        Assert.Equal("frame:eth:ip", Protocols(ctx));
        Assert.Equal("Bogus IP header length (16, must be at least 20)", Info(ctx));
    }

    [Fact]
    public void IPv4_TotalLengthBelowHeader_BogusLength()
    {
        var ctx = Run(Hex("ffffffffffff0200000000010800 4500 0010 0000 0000 4011 0000 0a000001 0a000002"));
        AssertFields(ctx, new() { ["ip.version"] = "4", ["ip.hdr_len"] = "20", ["ip.len"] = "16" });
        Assert.True(Has(ctx, "ip.bogus_ip_length"));
        AssertAbsent(ctx, "ip.src", "_ws.malformed");
        Assert.Equal("Bogus IP length (16, less than header length 20)", Info(ctx));
    }

    [Fact]
    public void IPv4_BadVersion_BogusVersionOnly()
    {
        var ctx = Run(Hex("ffffffffffff0200000000010800 3500 0014 0000 0000 4011 0000 0a000001 0a000002"));
        AssertFields(ctx, new() { ["ip.version"] = "3" });
        AssertAbsent(ctx, "ip.hdr_len", "ip.src", "_ws.malformed");
        Assert.True(Has(ctx, "ip.bogus_ip_version"));
        Assert.Equal("IPv4", ctx.Columns.Protocol);
        Assert.Equal("Bogus IPv4 version (3, must be 4)", Info(ctx));
        Assert.Equal("frame:eth:ip", Protocols(ctx));
    }

    [Fact]
    public void IPv4_TotalLengthPastThePacket_ExpertAndPayloadCut()
    {
        var ctx = Run(TotalTooLong);
        AssertFields(ctx, new() { ["ip.len"] = "85", ["ip.src"] = "140.211.9.206", ["ip.dst"] = "45.33.127.156", ["udp.length"] = "64" });
        Assert.True(Has(ctx, "ip.bogus_ip_length"));
        Assert.StartsWith("frame:eth:ip:udp", Protocols(ctx));
    }

    [Fact]
    public void IPv4_TotalLengthZero_SegmentationOffload_UsesFrameLength()
    {
        var ctx = Run(Hex("ffffffffffff0200000000010800 45000000 00000000 4011 0000 0a000001 0a000002 30393039000c000061626364"),
            originalLength: 1514);
        Assert.Equal("1500", F(ctx, "ip.len"));
        AssertAbsent(ctx, "ip.bogus_ip_length", "_ws.malformed");
    }

    [Fact]
    public void IPv4_CutInsideHeader_FieldsThatWereCapturedThenShort()
    {
        var ctx = Run(CutHeader, originalLength: 46);
        AssertFields(ctx, new()
        {
            ["ip.version"] = "4",
            ["ip.hdr_len"] = "20",
            ["ip.dsfield"] = "0x00",
            ["ip.len"] = "32",
            ["ip.id"] = "0x0001",
        });
        AssertAbsent(ctx, "ip.flags", "ip.src", "_ws.malformed");
        Assert.True(Short(ctx));
        Assert.Equal("[Packet size limited during capture]", Info(ctx));

        var really = Run(CutHeader);
        Assert.True(Malformed(really));
        Assert.Equal("[Malformed Packet]", Info(really));
    }

    [Fact]
    public void IPv4_UnknownProtocol_DataWithProtocolNameInfo()
    {
        var ctx = Run(Hex("ffffffffffff0200000000010800 45000018 00000000 40c8 0000 0a000001 0a000002 01020304"));
        Assert.Equal("200", F(ctx, "ip.proto"));
        Assert.Equal("frame:eth:ip:data", Protocols(ctx));
        Assert.Equal("Unassigned (200)", Info(ctx));
    }

    [Fact]
    public void IPv4_TtlNotes_LikeTshark()
    {
        var unicast = Run(Hex("ffffffffffff0200000000010800 45000020 00010000 0111 0000 0a000001 0a000002 30393039000c000061626364"));
        Assert.True(Has(unicast, "ip.ttl.too_small"));
        var lncb = Run(Hex("ffffffffffff0200000000010800 45000020 00010000 0211 0000 0a000001 e0000005 30393039000c000061626364"));
        Assert.True(Has(lncb, "ip.ttl.lncb"));
        AssertAbsent(lncb, "ip.ttl.too_small");
        var multicast = Run(Hex("ffffffffffff0200000000010800 45000020 00010000 0111 0000 0a000001 ef010101 30393039000c000061626364"));
        AssertAbsent(multicast, "ip.ttl.too_small", "ip.ttl.lncb");
    }

    [Fact]
    public void IPv4_IpInIp_TwoLayersInnerAddressesWin()
    {
        // Crafted: 10.0.0.1 → 10.0.0.2 protocol 4 carrying 192.168.0.1 → 192.168.0.2 UDP.
        var ctx = Run(Hex("ffffffffffff0200000000010800 45000034 00000000 4004 0000 0a000001 0a000002 " +
                          "45000020 00000000 4011 0000 c0a80001 c0a80002 30393039000c000061626364"));
        AssertFields(ctx, new() { ["ip.src"] = "10.0.0.1,192.168.0.1", ["ip.proto"] = "4,17" });
        Assert.StartsWith("frame:eth:ip:ip:udp", Protocols(ctx));
        Assert.Equal(2, ctx.IpDepth);
        Assert.Equal("192.168.0.2", ctx.NetDst.ToString());
    }

    [Fact]
    public void IPv4_WithSelection_RecordsOnlyWantedFields()
    {
        var ctx = new Engine(Tables).CreateContext();
        ctx.Fields.Select([Find("ip.src"), Find("ip.dst"), Find("eth.src")]);
        ctx.WantColumns = false;
        new Engine(Tables).Dissect(new Frame(1, new Timestamp(0, 0), Udp.Length, Udp.Length, 1, 0, 0, Udp), ctx);
        Assert.Equal("10.99.0.1", Format.Values(ctx.Fields, Find("ip.src")));
        Assert.Equal("10.99.0.2", Format.Values(ctx.Fields, Find("ip.dst")));
        Assert.Equal("02:00:00:00:00:01", Format.Values(ctx.Fields, Find("eth.src")));
        Assert.Equal(3, ctx.Fields.Count);
    }

    [Fact]
    public void IPv4_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Udp);
        TruncationSweep(FirstFragment);
        TruncationSweep(LastFragment);
        TruncationSweep(RouterAlert);
        TruncationSweep(RecordRoute);
        TruncationSweep(Timestamps);
        TruncationSweep(StrictRoute);
        TruncationSweep(HeaderTooShort);
        TruncationSweep(TotalTooLong);
    }
}
