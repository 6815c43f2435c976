using static Dissect.Dissectors.Tests.LinkTests.LinkKit;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.LinkTests;

/// <summary>Linux cooked capture v1 (113) and v2 (276); expected values are tshark 4.0.17's -T fields output.</summary>
public class SllTests
{
    // corpus linktypes/LinuxCookedCapture.pcap frame 1: SLL v1, unicast to us, Ethernet source, ARP request.
    static readonly byte[] V1Arp = Hex("00000001000600226b970ea200000806000108000604000100226b970ea2c0a80101000000000000c0a80166");

    // corpus linktypes/linuxsll-arp.pcap frame 1: SLL v1 broadcast ARP with 16 bytes padding and a 2-byte trailer.
    static readonly byte[] V1ArpPadded = Hex(
        "000100010006cc2de0261999000008060001080006040001cc2de0261999c0a81601000000000000c0a816a000000000" +
        "0000000000000000000000000000");

    // corpus linktypes/linux_dlt_sll2.pcap frame 5: SLL v2, sent by us on interface 26, ARP request.
    static readonly byte[] V2Arp = Hex("080600000000001a000104068e360644acaf000000010800060400018e360644acafc0000201000000000000c0000202");

    // samples-pcap/tcp-nano-sll.pcap frame 1: SLL v2 on lo (ARPHRD_LOOPBACK), IPv4/TCP SYN 127.0.0.1 → 127.0.0.1:9009.
    static readonly byte[] V2Syn = Hex(
        "08000000000000010304000600000000000000004500003c5ba840004006e1117f0000017f000001b87c233190f2c18b" +
        "00000000a002ffd7fe3000000204ffd70402080a0c791b34000000000103030a");

    [Fact]
    public void SllV1_EthernetSourceArp_FieldsAsTshark()
    {
        var ctx = Run(V1Arp, TestKit.Sll);
        AssertFields(ctx, new()
        {
            ["sll.pkttype"] = "0",
            ["sll.hatype"] = "1",
            ["sll.halen"] = "6",
            ["sll.src.eth"] = "00:22:6b:97:0e:a2",
            ["sll.unused"] = "0000",
            ["sll.etype"] = "0x0806",
            ["arp.opcode"] = "1",
        });
        AssertAbsent(ctx, "sll.src.ipv4", "sll.src.other", "sll.ltype", "sll.ifindex", "sll.trailer");
        Assert.Equal("frame:sll:arp", Protocols(ctx));
        Assert.Equal("Who has 192.168.1.102? Tell 192.168.1.1", Info(ctx));
    }

    [Fact]
    public void SllV1_PaddedArp_PaddingThenSllTrailer()
    {
        var ctx = Run(V1ArpPadded, TestKit.Sll);
        AssertFields(ctx, new()
        {
            ["sll.pkttype"] = "1",
            ["sll.src.eth"] = "cc:2d:e0:26:19:99",
            ["sll.etype"] = "0x0806",
            ["sll.trailer"] = "0000",
            ["eth.padding"] = "00000000000000000000000000000000",
        });
    }

    [Fact]
    public void SllV2_SentByUsArp_FieldsAsTshark()
    {
        var ctx = Run(V2Arp, TestKit.Sll2);
        AssertFields(ctx, new()
        {
            ["sll.pkttype"] = "4",
            ["sll.hatype"] = "1",
            ["sll.halen"] = "6",
            ["sll.src.eth"] = "8e:36:06:44:ac:af",
            ["sll.unused"] = "0000",
            ["sll.etype"] = "0x0806",
            ["sll.ifindex"] = "26",
            ["arp.opcode"] = "1",
        });
        Assert.Equal("frame:sll:arp", Protocols(ctx));
    }

    [Fact]
    public void SllV2_LoopbackTcp_HandsToIPv4()
    {
        var ctx = Run(V2Syn, TestKit.Sll2);
        AssertFields(ctx, new()
        {
            ["sll.pkttype"] = "0",
            ["sll.hatype"] = "772",
            ["sll.halen"] = "6",
            ["sll.src.eth"] = "00:00:00:00:00:00",
            ["sll.unused"] = "0000",
            ["sll.etype"] = "0x0800",
            ["sll.ifindex"] = "1",
            ["ip.src"] = "127.0.0.1",
            ["ip.dst"] = "127.0.0.1",
        });
        Assert.StartsWith("frame:sll:ip:", Protocols(ctx));
    }

    [Fact]
    public void Sll_AddressLengths_FourIsIPv4_EightIsOther()
    {
        // Crafted (tshark): halen 4 → sll.src.ipv4 and 4 unused bytes; halen 8 → sll.src.other, nothing unused.
        var four = Run(Hex("0000000100040a0000010000000008004500001400000000401100000a0000010a000002"), TestKit.Sll);
        AssertFields(four, new() { ["sll.halen"] = "4", ["sll.src.ipv4"] = "10.0.0.1", ["sll.unused"] = "00000000", ["sll.etype"] = "0x0800" });
        var eight = Run(Hex("000000010008010203040506070808004500001400000000401100000a0000010a000002"), TestKit.Sll);
        AssertFields(eight, new() { ["sll.halen"] = "8", ["sll.src.other"] = "0102030405060708" });
        AssertAbsent(eight, "sll.unused", "sll.src.eth");
        var v2 = Run(Hex("0800000000000002000104040a000001000000004500001400000000401100000a0000010a000002"), TestKit.Sll2);
        AssertFields(v2, new() { ["sll.pkttype"] = "4", ["sll.halen"] = "4", ["sll.src.ipv4"] = "10.0.0.1", ["sll.ifindex"] = "2" });
    }

    [Fact]
    public void Sll_LinuxProtocolType4_IsLlc_And_IpGreTypeGoesToGre()
    {
        var llc = Run(Hex("00000001000602000000000100000004aaaa0300000008004500001400000000401100000a0000010a000002"), TestKit.Sll);
        AssertFields(llc, new() { ["sll.ltype"] = "0x0004", ["llc.dsap"] = "0xaa", ["ip.src"] = "10.0.0.1" });
        AssertAbsent(llc, "sll.etype");
        Assert.Equal("frame:sll:llc:ip", Protocols(llc));

        var gre = Run(Hex("0000030a00040a0000010000000008004500001400000000401100000a0000010a000002"), TestKit.Sll);
        AssertFields(gre, new() { ["sll.hatype"] = "778", ["sll.gretype"] = "0x0800", ["ip.src"] = "10.0.0.1" });
        AssertAbsent(gre, "sll.etype", "sll.ltype");
        Assert.Equal("frame:sll:ip", Protocols(gre));
    }

    [Fact]
    public void Sll_UnknownLinuxType_DataAndPacketTypeInfo()
    {
        var ctx = Run(Hex("0003 0001 0006 020000000001 0000 0060 0102"), TestKit.Sll);
        Assert.Equal("0x0060", F(ctx, "sll.ltype"));
        Assert.Equal("SLL", ctx.Columns.Protocol);
        Assert.Equal("Unicast to another host", Info(ctx));
        Assert.Equal("frame:sll:data", Protocols(ctx));
    }

    [Fact]
    public void Sll_HeaderCutShort_MalformedOrShort()
    {
        var bytes = V1Arp.AsSpan(0, 10).ToArray();
        var really = Run(bytes, TestKit.Sll);
        Assert.True(Malformed(really));
        Assert.Equal("Unicast to us[Malformed Packet]", Info(really));
        var cut = Run(bytes, TestKit.Sll, originalLength: V1Arp.Length);
        Assert.False(Malformed(cut));
        Assert.True(Short(cut));
    }

    [Fact]
    public void Sll_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(V1Arp, TestKit.Sll);
        TruncationSweep(V1ArpPadded, TestKit.Sll);
        TruncationSweep(V2Arp, TestKit.Sll2);
        TruncationSweep(V2Syn, TestKit.Sll2);
    }
}
