using static Dissect.Dissectors.Tests.LinkTests.LinkKit;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.LinkTests;

/// <summary>802.1Q tags (stacked, 0x9100, length inside) and 802.1ad service tags; expected values are tshark
/// 4.0.17's -T fields output for the same bytes.</summary>
public class VlanTests
{
    // corpus vlan/icmp_dot1q.pcap frame 1: VLAN 123, gratuitous ARP reply, 14 bytes padding and a 4-byte trailer.
    static readonly byte[] Dot1qArp = Hex(
        "ffffffffffff001906eab8c18100007b08060001080006040002001906eab8c1c0a87b01ffffffffffffc0a87b010000" +
        "00000000000000000000000000000000");

    // corpus vlan/802.1ad_QinQ.pcap frame 1: 802.1ad S-tag 200, 802.1Q C-tag 2001, ARP request, 64 bytes.
    static readonly byte[] QinQArp = Hex(
        "ffffffffffff0020d25afb3f88a800c8810007d1080600010800060400010020d25afb3fac154f61000000000000ac15" +
        "4f640000000000000000000000000000");

    // corpus vlan/vlan-qinqinq.pcap frame 1: three 802.1Q tags (30, 20, 10) then IPv4/TCP SYN.
    static readonly byte[] TripleTag = Hex(
        "0010db88d2efc8bcc896d2a08100001e810000148100000a080045000040df8e400040066dd38d8ee405c096bb2be9d0" +
        "0050fe21323a00000000b002ffff3bc00000020405b4010303040101080a164add200000000004020000");

    [Fact]
    public void Vlan_SingleTag_FieldsPaddingAndTrailerAsTshark()
    {
        var ctx = Run(Dot1qArp);
        AssertFields(ctx, new()
        {
            ["eth.type"] = "0x8100",
            ["eth.padding"] = "0000000000000000000000000000",
            ["vlan.priority"] = "0",
            ["vlan.dei"] = "0",
            ["vlan.id"] = "123",
            ["vlan.etype"] = "0x0806",
            ["vlan.trailer"] = "00000000",
            ["arp.opcode"] = "2",
        });
        AssertAbsent(ctx, "eth.trailer", "vlan.len", "eth.fcs");
        Assert.Equal("frame:eth:vlan:arp", Protocols(ctx));
        Assert.Equal("Gratuitous ARP for 192.168.123.1 (Reply)", Info(ctx));
    }

    [Fact]
    public void Vlan_Ieee8021adThenDot1q_BothTagsAsTshark()
    {
        var ctx = Run(QinQArp);
        AssertFields(ctx, new()
        {
            ["eth.type"] = "0x88a8",
            ["eth.padding"] = "00000000000000000000",
            ["ieee8021ad.priority"] = "0",
            ["ieee8021ad.dei"] = "0",
            ["ieee8021ad.id"] = "200",
            ["ieee8021ah.etype"] = "0x8100",
            ["vlan.priority"] = "0",
            ["vlan.dei"] = "0",
            ["vlan.id"] = "2001",
            ["vlan.etype"] = "0x0806",
            ["vlan.trailer"] = "00000000",
            ["arp.opcode"] = "1",
        });
        Assert.Equal("frame:eth:ieee8021ad:vlan:arp", Protocols(ctx));
    }

    [Fact]
    public void Vlan_TripleTag_EachTagItsOwnLayer()
    {
        var ctx = Run(TripleTag);
        AssertFields(ctx, new()
        {
            ["eth.type"] = "0x8100",
            ["vlan.priority"] = "0,0,0",
            ["vlan.dei"] = "0,0,0",
            ["vlan.id"] = "30,20,10",
            ["vlan.etype"] = "0x8100,0x8100,0x0800",
            ["ip.src"] = "141.142.228.5",
        });
        AssertAbsent(ctx, "eth.padding", "eth.trailer", "vlan.trailer", "_ws.malformed");
        Assert.StartsWith("frame:eth:vlan:vlan:vlan:ip:", Protocols(ctx));
    }

    [Fact]
    public void Vlan_OldQinQType9100_IsAVlanTag()
    {
        var ctx = Run(Hex("ffffffffffff020000000001910000018100000288b50102"));
        AssertFields(ctx, new()
        {
            ["eth.type"] = "0x9100",
            ["vlan.id"] = "1,2",
            ["vlan.etype"] = "0x8100,0x88b5",
        });
        Assert.Equal("frame:eth:vlan:vlan:data", Protocols(ctx));
        Assert.Equal("0x88b5", ctx.Columns.Protocol);
    }

    [Fact]
    public void Vlan_LengthInsteadOfType_GoesToLlc()
    {
        // Crafted: TCI 0x3064 (priority 1, DEI, id 100), length 16, LLC/SNAP with an unknown type.
        var ctx = Run(Hex("ffffffffffff020000000001810030640010aaaa0300000088b50102030405060708"));
        AssertFields(ctx, new()
        {
            ["vlan.priority"] = "1",
            ["vlan.dei"] = "1",
            ["vlan.id"] = "100",
            ["vlan.len"] = "16",
            ["llc.dsap"] = "0xaa",
            ["data.len"] = "8",
        });
        AssertAbsent(ctx, "vlan.etype");
        Assert.Equal("frame:eth:vlan:llc:data", Protocols(ctx));
    }

    [Fact]
    public void Vlan_ShortFrame_TrailerAfterIpIsVlanTrailer()
    {
        // Crafted: 55-byte frame, VLAN 1, IPv4 total length 20, 17 zero bytes after it (frame < 60: no padding).
        var ctx = Run(Hex("ffffffffffff0200000000018100000108004500001400000000400600000a0000010a00000200000000000000000000" +
                          "00000000000000"));
        AssertFields(ctx, new()
        {
            ["vlan.id"] = "1",
            ["vlan.etype"] = "0x0800",
            ["vlan.trailer"] = "0000000000000000000000000000000000",
            ["ip.src"] = "10.0.0.1",
        });
        AssertAbsent(ctx, "eth.padding", "eth.trailer");
        Assert.Equal("IPv4", ctx.Columns.Protocol);
    }

    [Fact]
    public void Vlan_TagCutShort_MalformedOrShort()
    {
        var bytes = Hex("ffffffffffff020000000001 8100 00");
        var really = Run(bytes);
        Assert.True(Malformed(really));
        Assert.Equal("VLAN", really.Columns.Protocol);
        Assert.Equal("[Malformed Packet]", Info(really));
        var cut = Run(bytes, originalLength: 64);
        Assert.False(Malformed(cut));
        Assert.True(Short(cut));
    }

    [Fact]
    public void Vlan_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Dot1qArp);
        TruncationSweep(QinQArp);
        TruncationSweep(TripleTag);
    }
}
