using Dissect.Core;
using static Dissect.Dissectors.Tests.LinkTests.LinkKit;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.NetworkTests;

/// <summary>IPv6 and its extension headers on real and crafted frames; expected values are tshark 4.0.17's -T fields
/// output for the same bytes (tshark 4.0 names the fragment header ipv6.fraghdr).</summary>
public class IPv6Tests
{
    // samples-pcap/ping-netns.pcapng frame 30: UDP [fd99::1]:33367 → [fd99::2]:5555, flow label 0x2e0c6.
    static readonly byte[] Udp = Hex(
        "02000000000202000000000186dd6002e0c6001d1140fd990000000000000000000000000001fd990000000000000000" +
        "000000000002825715b3001dfb646469737365637420756470206f7665722069707636");

    // corpus ipv6/icmpv6.pcap frame 2: MLDv2 report with a Hop-by-Hop header (Router Alert, PadN).
    static readonly byte[] HopByHop = Hex(
        "333300000016001517cce54686dd6000000000240001fe80000000000000021517fffecce546ff020000000000000000" +
        "0000000000163a000502000001008f001fc50000000104000000ff0200000000000000000db811223344");

    // corpus ipv6/ipv6-srh-ext-header.pcap frame 1: segment routing header (2 segments) carrying IPv6/ICMPv6.
    static readonly byte[] Srh = Hex(
        "080027206bcf080027c22da586dd600889ad00902b40000a000b000c00120000000000000001000a000b000c00020000" +
        "000000f100002904040101000000000a000b000c000300000000000000d6000a000b000c00020000000000f100006008" +
        "89ad00403a40000a000b000c0012000000000000000100b200000000000000000000000000028000635e06ee000103c5" +
        "475a000000000a5e000000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031" +
        "323334353637");

    // corpus ipv6/ipv6-hbh-routing0.pcap frame 1: Hop-by-Hop (PadN) then a type 0 routing header with 2 addresses.
    static readonly byte[] Routing0 = Hex(
        "ffffffffffff00000000000086dd60000000003b0040200104f80004000702e081fffe52ffff200104f80004000702e0" +
        "81fffe529a6b2b0001040000000011040002000000002001007800010032000000000000000120010078000100320000" +
        "00000000000200350035000b8631585858");

    // corpus ipv6/ipv6-http-atomic-frag.pcap frame 13: atomic fragment (offset 0, M clear) with a TCP SYN inside.
    static readonly byte[] AtomicFragment = Hex(
        "aa0004000a0400101895316a86dd60000000001c2c4020010db800010000000000000000000220010db8000100000000" +
        "0000000000010600000000000000e92e005069817905000000005002200068660000");

    // corpus ipv6/ipv6-mobility-dst-opts.pcap frame 3: destination options with a Home Address option of length 1.
    static readonly byte[] DstOptsBadHomeAddress = Hex(
        "ffffffffffff00000000000086dd6000000000243c40200104f80004000702e081fffe52ffff200104f80004000702e0" +
        "81fffe529a6b110201020000c90120010078000100320000000000000001753032c8000c43de58585858");

    // corpus malformed/ip6-ext-trunc.pcap frame 1: payload length 20, Hop-by-Hop next, but nothing after the header.
    static readonly byte[] ExtPastEnd = Hex(
        "ffffffffffff00000000000086dd6000000000140040200104f80004000702e081fffe52ffff200104f80004000702e0" +
        "81fffe529a6b");

    // corpus malformed/ipv6_invalid_length.pcap frame 1: only 39 bytes of IPv6 header.
    static readonly byte[] ShortHeader = Hex(
        "c0d68236032bf04da23d5da386dd6009d8d8004011402605bc8030100104000000008cd309ce26003c00e00000190000" +
        "0000000000");

    const string Src = "20010db8000000000000000000000001", Dst = "20010db8000000000000000000000002";
    const string UdpBytes = "30393039000c000061626364";

    /// <summary>Ethernet + IPv6 2001:db8::1 → 2001:db8::2 (traffic class 0xb8, flow 0x12345, hop limit 64).</summary>
    static byte[] V6(byte nxt, string payload, int? plen = null, int version = 6)
    {
        var p = Hex(payload);
        int len = plen ?? p.Length;
        uint w = (uint)version << 28 | 0xb8u << 20 | 0x12345;
        return Hex($"ffffffffffff02000000000186dd{w:x8}{len:x4}{nxt:x2}40{Src}{Dst}").Concat(p).ToArray();
    }

    [Fact]
    public void IPv6_UdpDatagram_EveryHeaderFieldAsTshark()
    {
        var ctx = Run(Udp);
        AssertFields(ctx, new()
        {
            ["ipv6.version"] = "6",
            ["ip.version"] = "6",
            ["ipv6.tclass"] = "0x00000000",
            ["ipv6.tclass.dscp"] = "0",
            ["ipv6.tclass.ecn"] = "0",
            ["ipv6.flow"] = "0x02e0c6",
            ["ipv6.plen"] = "29",
            ["ipv6.nxt"] = "17",
            ["ipv6.hlim"] = "64",
            ["ipv6.src"] = "fd99::1",
            ["ipv6.dst"] = "fd99::2",
            ["ipv6.addr"] = "fd99::1,fd99::2",
        });
        AssertAbsent(ctx, "_ws.malformed", "ipv6.plen_exceeds_framing");
        Assert.StartsWith("frame:eth:ipv6:udp", Protocols(ctx));
        Assert.Equal("fd99::1", ctx.NetSrc.ToString());
        Assert.Equal("fd99::2", ctx.NetDst.ToString());
        Assert.Equal(17, ctx.IpProto);
        Assert.Equal(64, ctx.IpTtl);
        Assert.Equal(1, ctx.IpDepth);
    }

    [Fact]
    public void IPv6_TrafficClassAndFlowLabel_Subfields()
    {
        var ctx = Run(V6(59, ""));
        AssertFields(ctx, new()
        {
            ["ipv6.tclass"] = "0x000000b8",
            ["ipv6.tclass.dscp"] = "46",
            ["ipv6.tclass.ecn"] = "0",
            ["ipv6.flow"] = "0x012345",
            ["ipv6.plen"] = "0",
            ["ipv6.nxt"] = "59",
        });
        Assert.Equal("frame:eth:ipv6", Protocols(ctx));
        Assert.Equal("IPv6 no next header", Info(ctx));
    }

    [Fact]
    public void IPv6_HopByHop_RouterAlertAndEmptyPadN()
    {
        var ctx = Run(HopByHop);
        AssertFields(ctx, new()
        {
            ["ipv6.plen"] = "36",
            ["ipv6.nxt"] = "0",
            ["ipv6.hopopts.nxt"] = "58",
            ["ipv6.hopopts.len"] = "0",
            ["ipv6.hopopts.len_oct"] = "8",
            ["ipv6.opt.type"] = "0x05,0x01",
            ["ipv6.opt.type.action"] = "0,0",
            ["ipv6.opt.type.change"] = "0,0",
            ["ipv6.opt.type.rest"] = "0x05,0x01",
            ["ipv6.opt.length"] = "2,0",
            ["ipv6.opt.router_alert"] = "0",
            ["ipv6.opt.padn"] = "<none>",
        });
        Assert.StartsWith("frame:eth:ipv6:ipv6.hopopts:" + Next("ip.proto", 58), Protocols(ctx));
        Assert.Equal(58, ctx.IpProto);
        Assert.Equal("IPv6", Run(V6(0, "3b00 0104 00000000")).Columns.Protocol);
        Assert.Equal("IPv6 no next header", Info(Run(V6(0, "3b00 0104 00000000"))));
    }

    [Fact]
    public void IPv6_SegmentRoutingHeader_SegmentsThenInnerIPv6()
    {
        var ctx = Run(Srh);
        AssertFields(ctx, new()
        {
            ["ipv6.plen"] = "144,64",
            ["ipv6.nxt"] = "43,58",
            ["ipv6.routing.nxt"] = "41",
            ["ipv6.routing.len"] = "4",
            ["ipv6.routing.len_oct"] = "40",
            ["ipv6.routing.type"] = "4",
            ["ipv6.routing.segleft"] = "1",
            ["ipv6.routing.srh.last_entry"] = "1",
            ["ipv6.routing.srh.flags"] = "0x00",
            ["ipv6.routing.srh.tag"] = "0000",
            ["ipv6.routing.srh.addr"] = "a:b:c:3::d6,a:b:c:2::f1:0",
            ["ipv6.src"] = "a:b:c:12::1,a:b:c:12::1",
            ["ipv6.dst"] = "a:b:c:2::f1:0,b2::2",
        });
        Assert.StartsWith("frame:eth:ipv6:ipv6.routing:ipv6:" + Next("ip.proto", 58), Protocols(ctx));
        Assert.Equal(2, ctx.IpDepth);
        Assert.Equal("b2::2", ctx.NetDst.ToString());
    }

    [Fact]
    public void IPv6_RoutingType0_AddressesAndDeprecatedNote()
    {
        var ctx = Run(Routing0);
        AssertFields(ctx, new()
        {
            ["ipv6.plen"] = "59",
            ["ipv6.nxt"] = "0",
            ["ipv6.hopopts.nxt"] = "43",
            ["ipv6.opt.type"] = "0x01",
            ["ipv6.opt.length"] = "4",
            ["ipv6.opt.padn"] = "00000000",
            ["ipv6.routing.nxt"] = "17",
            ["ipv6.routing.len"] = "4",
            ["ipv6.routing.len_oct"] = "40",
            ["ipv6.routing.type"] = "0",
            ["ipv6.routing.segleft"] = "2",
            ["ipv6.routing.src.reserved"] = "00000000",
            ["ipv6.routing.src.addr"] = "2001:78:1:32::1,2001:78:1:32::2",
            ["ipv6.src"] = "2001:4f8:4:7:2e0:81ff:fe52:ffff",
            ["ipv6.dst"] = "2001:4f8:4:7:2e0:81ff:fe52:9a6b",
        });
        Assert.True(Has(ctx, "ipv6.routing.deprecated"));
        Assert.StartsWith("frame:eth:ipv6:ipv6.hopopts:ipv6.routing:udp", Protocols(ctx));
    }

    [Fact]
    public void IPv6_Fragments_FirstAndLaterToData_InfoAsTshark()
    {
        var first = Run(V6(44, "1100 0001 deadbeef" + UdpBytes));
        AssertFields(first, new()
        {
            ["ipv6.plen"] = "20",
            ["ipv6.nxt"] = "44",
            ["ipv6.fraghdr.nxt"] = "17",
            ["ipv6.fraghdr.reserved_octet"] = "0x00",
            ["ipv6.fraghdr.offset"] = "0",
            ["ipv6.fraghdr.reserved_bits"] = "0",
            ["ipv6.fraghdr.more"] = "1",
            ["ipv6.fraghdr.ident"] = "0xdeadbeef",
            ["data.len"] = "12",
        });
        Assert.Equal("frame:eth:ipv6:ipv6.fraghdr:data", Protocols(first));
        Assert.True(first.IpFragment);
        Assert.Equal("IPv6", first.Columns.Protocol);
        Assert.Equal("IPv6 fragment (off=0 more=y ident=0xdeadbeef nxt=17)", Info(first));

        var later = Run(V6(44, "1100 0100 deadbeef" + UdpBytes));
        AssertFields(later, new() { ["ipv6.fraghdr.offset"] = "32", ["ipv6.fraghdr.more"] = "0", ["data.len"] = "12" });
        Assert.Equal("IPv6 fragment (off=256 more=n ident=0xdeadbeef nxt=17)", Info(later));
    }

    [Fact]
    public void IPv6_AtomicFragment_CarriesTheWholeSegment()
    {
        var ctx = Run(AtomicFragment);
        AssertFields(ctx, new()
        {
            ["ipv6.plen"] = "28",
            ["ipv6.nxt"] = "44",
            ["ipv6.fraghdr.nxt"] = "6",
            ["ipv6.fraghdr.offset"] = "0",
            ["ipv6.fraghdr.more"] = "0",
            ["ipv6.fraghdr.ident"] = "0x00000000",
        });
        Assert.False(ctx.IpFragment);
        Assert.Equal(6, ctx.IpProto);
        Assert.StartsWith("frame:eth:ipv6:ipv6.fraghdr:" + Next("ip.proto", 6), Protocols(ctx));
    }

    [Fact]
    public void IPv6_DestinationOptions_HomeAddressWithWrongLength_FlaggedAndGoesOn()
    {
        var ctx = Run(DstOptsBadHomeAddress);
        AssertFields(ctx, new()
        {
            ["ipv6.plen"] = "36",
            ["ipv6.nxt"] = "60",
            ["ipv6.dstopts.nxt"] = "17",
            ["ipv6.dstopts.len"] = "2",
            ["ipv6.dstopts.len_oct"] = "24",
            ["ipv6.opt.type"] = "0x01,0xc9",
            ["ipv6.opt.length"] = "2,1",
            ["ipv6.opt.padn"] = "0000",
            ["ipv6.opt.mipv6.home_address"] = "2001:78:1:32::1",
            ["ipv6.opt.invalid_len"] = "1",
        });
        Assert.True(Malformed(ctx));
        Assert.StartsWith("frame:eth:ipv6:ipv6.dstopts:udp", Protocols(ctx));
    }

    [Fact]
    public void IPv6_OptionsAndChainInfo_SeparatedLikeTshark()
    {
        // Hop-by-Hop → routing type 2 → destination options whose PadN runs past the header: malformed, and the
        // Info column lists each header with tshark's " , " separator.
        var ctx = Run(V6(0, "2b00 0104 00000000" + "3c02 0201 00000000" + Dst + "3b00 0105 00000000"));
        Assert.True(Malformed(ctx));
        Assert.Equal("IPv6 hop-by-hop options , IPv6 routing , IPv6 destination options[Malformed Packet]", Info(ctx));
        Assert.Equal("2001:db8::2", F(ctx, "ipv6.routing.mipv6.home_address"));
        Assert.Equal("frame:eth:ipv6:ipv6.hopopts:ipv6.routing:ipv6.dstopts", Protocols(ctx));
    }

    [Fact]
    public void IPv6_Jumbogram_PayloadLengthFromJumboOption()
    {
        // Payload length 0, Hop-by-Hop with Jumbo Payload 65536 (8 bytes of it) then 65528 bytes of no next header.
        var frame = V6(0, "3b00 c204 00010000", plen: 0).Concat(new byte[65528]).ToArray();
        var ctx = Run(frame);
        AssertFields(ctx, new()
        {
            ["ipv6.plen"] = "0",
            ["ipv6.hopopts.nxt"] = "59",
            ["ipv6.opt.type"] = "0xc2",
            ["ipv6.opt.length"] = "4",
            ["ipv6.opt.jumbo"] = "65536",
        });
        AssertAbsent(ctx, "_ws.malformed", "ipv6.plen_exceeds_framing", "ipv6.opt.jumbo.missing", "eth.trailer");
        Assert.Equal("IPv6 no next header", Info(ctx));
    }

    [Fact]
    public void IPv6_PayloadLengthZeroWithoutJumbo_Flagged()
    {
        var missing = Run(V6(0, "1100 0104 00000000" + UdpBytes, plen: 0));
        Assert.True(Has(missing, "ipv6.opt.jumbo.missing"));
        Assert.True(Malformed(missing));
        Assert.StartsWith("Invalid IPv6 payload length , IPv6 hop-by-hop options", Info(missing));

        var tso = Run(V6(17, UdpBytes, plen: 0));
        Assert.True(Has(tso, "ipv6.plen_zero"));
        Assert.Equal("0", F(tso, "ipv6.plen"));
    }

    [Fact]
    public void IPv6_PayloadLengthPastFrame_FlaggedAndCut()
    {
        var ctx = Run(V6(17, UdpBytes, plen: 100));
        Assert.True(Has(ctx, "ipv6.plen_exceeds_framing"));
        Assert.StartsWith("frame:eth:ipv6:udp", Protocols(ctx));
    }

    [Fact]
    public void IPv6_ExtensionHeaderPastTheEnd_Malformed()
    {
        var ctx = Run(ExtPastEnd);
        AssertFields(ctx, new()
        {
            ["ipv6.plen"] = "20",
            ["ipv6.nxt"] = "0",
            ["ipv6.src"] = "2001:4f8:4:7:2e0:81ff:fe52:ffff",
            ["ipv6.dst"] = "2001:4f8:4:7:2e0:81ff:fe52:9a6b",
            ["ipv6.plen_exceeds_framing"] = "1",
        });
        Assert.True(Malformed(ctx));
        Assert.Equal("frame:eth:ipv6:ipv6.hopopts", Protocols(ctx));
        Assert.Equal("IPv6 hop-by-hop options[Malformed Packet]", Info(ctx));

        // Hop-by-Hop length 5 (48 bytes) in a 6-byte payload: options shown as far as they go, then malformed.
        var past = Run(V6(0, "3b05 01020000"));
        Assert.True(Malformed(past));
        Assert.Equal("0x01", F(past, "ipv6.opt.type"));
        Assert.Equal("IPv6 hop-by-hop options[Malformed Packet]", Info(past));
    }

    [Fact]
    public void IPv6_HeaderOf39Bytes_InvalidHeader()
    {
        var ctx = Run(ShortHeader);
        AssertFields(ctx, new()
        {
            ["ipv6.version"] = "6",
            ["ipv6.tclass"] = "0x00000000",
            ["ipv6.flow"] = "0x09d8d8",
            ["ipv6.plen"] = "64",
            ["ipv6.nxt"] = "17",
            ["ipv6.hlim"] = "64",
            ["ipv6.src"] = "2605:bc80:3010:104::8cd3:9ce",
            ["ipv6.invalid_header"] = "1",
        });
        AssertAbsent(ctx, "ipv6.dst");
        Assert.True(Malformed(ctx));
        Assert.Equal("Invalid IPv6 header (39 bytes, need exactly 40)[Malformed Packet]", Info(ctx));

        var cut = Run(ShortHeader, originalLength: 100);
        Assert.False(Malformed(cut));
        Assert.True(Short(cut));
    }

    [Fact]
    public void IPv6_BadVersion_BogusVersionAndData()
    {
        var ctx = Run(V6(17, UdpBytes, version: 5));
        Assert.Equal("5", F(ctx, "ipv6.version"));
        Assert.True(Has(ctx, "ipv6.bogus_ipv6_version"));
        Assert.True(Malformed(ctx));
        Assert.Equal("52", F(ctx, "data.len"));
    }

    [Fact]
    public void IPv6_LongExtensionHeaderChain_AllLayersDissected()
    {
        // Like corpus ipv6/ipv6_ext_headers.pcap: 33 × (routing type 0, atomic fragment, destination options).
        var chain = new System.Text.StringBuilder("2b00 0104 00000000");
        for (int i = 0; i < 33; i++)
            chain.Append("2c00 0000 00000000").Append($"3c00 0000 {i:x8}").Append(i == 32 ? "1100 0104 01020000" : "2b00 0104 01020000");
        var ctx = Run(V6(0, chain + UdpBytes));
        Assert.Equal(33, TestKit.Values(ctx, "ipv6.routing.type").Length);
        Assert.Equal(33, TestKit.Values(ctx, "ipv6.fraghdr.ident").Length);
        Assert.Equal(33, TestKit.Values(ctx, "ipv6.dstopts.nxt").Length);
        AssertAbsent(ctx, "_ws.malformed");
        Assert.EndsWith(":ipv6.routing:ipv6.fraghdr:ipv6.dstopts:udp:data", Protocols(ctx));
    }

    [Fact]
    public void IPv6_InIPv4Tunnel_InnerAddressesWin()
    {
        var inner = V6(59, "").AsSpan(14).ToArray();
        var outer = Hex("ffffffffffff0200000000010800 4500003c 00000000 4029 0000 0a000001 0a000002").Concat(inner).ToArray();
        var ctx = Run(outer);
        Assert.Equal("frame:eth:ip:ipv6", Protocols(ctx));
        Assert.Equal("41", F(ctx, "ip.proto"));
        Assert.Equal("2001:db8::2", ctx.NetDst.ToString());
        Assert.Equal(2, ctx.IpDepth);
    }

    [Fact]
    public void IPv6_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Udp);
        TruncationSweep(HopByHop);
        TruncationSweep(Srh);
        TruncationSweep(Routing0);
        TruncationSweep(AtomicFragment);
        TruncationSweep(DstOptsBadHomeAddress);
        TruncationSweep(V6(44, "1100 0001 deadbeef" + UdpBytes));
        TruncationSweep(V6(0, "2b00 0104 00000000" + "3c02 0201 00000000" + Dst + "3b00 0104 00000000"));
    }
}
