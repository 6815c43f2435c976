using static Dissect.Dissectors.Tests.LinkTests.LinkKit;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.NetworkTests;

/// <summary>ARP and RARP on real and crafted frames; expected values are tshark 4.0.17's -T fields output and
/// Info column for the same bytes.</summary>
public class ArpTests
{
    // samples-pcap/ping-netns.pcapng frame 2: who-has 10.99.0.2 tell 10.99.0.1.
    static readonly byte[] Request = Hex("ffffffffffff020000000001080600010800060400010200000000010a6300010000000000000a630002");

    // samples-pcap/ping-netns.pcapng frame 3: 10.99.0.2 is at 02:00:00:00:00:02.
    static readonly byte[] Reply = Hex("020000000001020000000002080600010800060400020200000000020a6300020200000000010a630001");

    // corpus arp/rarp_req_reply.pcapng frames 1 and 2: RARP request for 00:0c:29:34:0b:de and its reply.
    static readonly byte[] RarpRequest = Hex("ffffffffffff000c29340bde80350001080006040003000c29340bde00000000000c29340bde00000000");
    static readonly byte[] RarpReply = Hex("000c29340bde000c29c5f69b80350001080006040004000c29c5f69b0a01010a000c29340bde0a010164");

    // corpus linktypes/linuxsll-arp.pcap frame 5 (Linux cooked v1): ARP announcement for 192.168.22.81.
    static readonly byte[] Announcement = Hex(
        "0001000100060050568b3f0d0000080600010800060400010050568b3f0dc0a81651000000000000c0a8165100000000" +
        "0000000000000000000000000000");

    const string Eth = "ffffffffffff0200000000010806";

    [Fact]
    public void Arp_Request_FieldsAndInfoAsTshark()
    {
        var ctx = Run(Request);
        AssertFields(ctx, new()
        {
            ["arp.hw.type"] = "1",
            ["arp.proto.type"] = "0x0800",
            ["arp.hw.size"] = "6",
            ["arp.proto.size"] = "4",
            ["arp.opcode"] = "1",
            ["arp.src.hw_mac"] = "02:00:00:00:00:01",
            ["arp.src.proto_ipv4"] = "10.99.0.1",
            ["arp.dst.hw_mac"] = "00:00:00:00:00:00",
            ["arp.dst.proto_ipv4"] = "10.99.0.2",
        });
        AssertAbsent(ctx, "arp.isgratuitous", "arp.isprobe", "arp.isannouncement", "arp.src.hw", "arp.src.proto", "arp.dst.hw", "arp.dst.proto");
        Assert.Equal("ARP", ctx.Columns.Protocol);
        Assert.Equal("Who has 10.99.0.2? Tell 10.99.0.1", Info(ctx));
        Assert.Equal("frame:eth:arp", Protocols(ctx));
    }

    [Fact]
    public void Arp_Reply_IsAtInfo()
    {
        var ctx = Run(Reply);
        AssertFields(ctx, new()
        {
            ["arp.opcode"] = "2",
            ["arp.src.hw_mac"] = "02:00:00:00:00:02",
            ["arp.src.proto_ipv4"] = "10.99.0.2",
            ["arp.dst.hw_mac"] = "02:00:00:00:00:01",
            ["arp.dst.proto_ipv4"] = "10.99.0.1",
        });
        Assert.Equal("10.99.0.2 is at 02:00:00:00:00:02", Info(ctx));
    }

    [Fact]
    public void Rarp_RequestAndReply_ProtocolColumnAndInfo()
    {
        var req = Run(RarpRequest);
        AssertFields(req, new()
        {
            ["eth.type"] = "0x8035",
            ["arp.opcode"] = "3",
            ["arp.src.hw_mac"] = "00:0c:29:34:0b:de",
            ["arp.src.proto_ipv4"] = "0.0.0.0",
            ["arp.dst.hw_mac"] = "00:0c:29:34:0b:de",
            ["arp.dst.proto_ipv4"] = "0.0.0.0",
        });
        Assert.Equal("RARP", req.Columns.Protocol);
        Assert.Equal("Who is 00:0c:29:34:0b:de? Tell 00:0c:29:34:0b:de", Info(req));

        var rep = Run(RarpReply);
        AssertFields(rep, new()
        {
            ["arp.opcode"] = "4",
            ["arp.src.hw_mac"] = "00:0c:29:c5:f6:9b",
            ["arp.src.proto_ipv4"] = "10.1.1.10",
            ["arp.dst.hw_mac"] = "00:0c:29:34:0b:de",
            ["arp.dst.proto_ipv4"] = "10.1.1.100",
        });
        Assert.Equal("RARP", rep.Columns.Protocol);
        Assert.Equal("00:0c:29:34:0b:de is at 10.1.1.100", Info(rep));
    }

    [Fact]
    public void Arp_Announcement_GratuitousAndAnnouncementFlags()
    {
        var ctx = Run(Announcement, TestKit.Sll);
        AssertFields(ctx, new()
        {
            ["arp.opcode"] = "1",
            ["arp.isgratuitous"] = "1",
            ["arp.isannouncement"] = "1",
            ["arp.src.hw_mac"] = "00:50:56:8b:3f:0d",
            ["arp.src.proto_ipv4"] = "192.168.22.81",
            ["arp.dst.hw_mac"] = "00:00:00:00:00:00",
            ["arp.dst.proto_ipv4"] = "192.168.22.81",
        });
        AssertAbsent(ctx, "arp.isprobe");
        Assert.Equal("ARP Announcement for 192.168.22.81", Info(ctx));
    }

    [Fact]
    public void Arp_ProbeGratuitousReplyAndOtherOpcodes_InfoAsTshark()
    {
        var probe = Run(Hex(Eth + "0001 0800 0604 0001 020000000001 00000000 000000000000 0a000002"));
        Assert.Equal("1", F(probe, "arp.isprobe"));
        Assert.Equal("Who has 10.0.0.2? (ARP Probe)", Info(probe));

        var gratuitous = Run(Hex(Eth + "0001 0800 0604 0002 020000000001 0a000001 ffffffffffff 0a000001"));
        Assert.Equal("1", F(gratuitous, "arp.isgratuitous"));
        AssertAbsent(gratuitous, "arp.isannouncement");
        Assert.Equal("Gratuitous ARP for 10.0.0.1 (Reply)", Info(gratuitous));

        var inverse = Run(Hex(Eth + "0001 0800 0604 0009 020000000001 00000000 000000000000 0a000002"));
        Assert.Equal("Inverse ARP", inverse.Columns.Protocol);
        Assert.Equal("02:00:00:00:00:01 is at 0.0.0.0", Info(inverse));

        var unknown = Run(Hex(Eth + "0001 0800 0604 0063 020000000001 0a000001 000000000000 0a000002"));
        Assert.Equal("99", F(unknown, "arp.opcode"));
        Assert.Equal("Unknown ARP opcode 0x0063", Info(unknown));
    }

    [Fact]
    public void Arp_OddAddressSizes_BytesFieldsAndHexInfo()
    {
        // IEEE 802 hardware type with 8-byte addresses: not MAC addresses.
        var hw8 = Run(Hex(Eth + "0006 0800 0804 0002 0102030405060708 0a000001 1112131415161718 0a000002"));
        AssertFields(hw8, new()
        {
            ["arp.hw.type"] = "6",
            ["arp.hw.size"] = "8",
            ["arp.src.hw"] = "0102030405060708",
            ["arp.src.proto_ipv4"] = "10.0.0.1",
            ["arp.dst.hw"] = "1112131415161718",
            ["arp.dst.proto_ipv4"] = "10.0.0.2",
        });
        AssertAbsent(hw8, "arp.src.hw_mac", "arp.dst.hw_mac");
        Assert.Equal("10.0.0.1 is at 0102030405060708", Info(hw8));

        // IPv6 protocol addresses (16 bytes): tshark shows them as bytes.
        var v6 = Run(Hex(Eth + "0001 86dd 0610 0001 020000000001 20010db8000000000000000000000001 000000000000 20010db8000000000000000000000002"));
        AssertFields(v6, new()
        {
            ["arp.proto.type"] = "0x86dd",
            ["arp.proto.size"] = "16",
            ["arp.src.proto"] = "20010db8000000000000000000000001",
            ["arp.dst.proto"] = "20010db8000000000000000000000002",
        });
        Assert.Equal("Who has 20010db8000000000000000000000002? Tell 20010db8000000000000000000000001", Info(v6));

        // No hardware addresses, 2-byte protocol addresses.
        var hw0 = Run(Hex(Eth + "0001 0800 0002 0001 0a01 0a02"));
        AssertFields(hw0, new() { ["arp.hw.size"] = "0", ["arp.src.proto"] = "0a01", ["arp.dst.proto"] = "0a02" });
        AssertAbsent(hw0, "arp.src.hw", "arp.src.hw_mac");
        Assert.Equal("Who has 0a02? Tell 0a01", Info(hw0));

        // 40-byte hardware addresses: Info shows 36 bytes then an ellipsis.
        string a = string.Concat(Enumerable.Range(0, 40).Select(i => i.ToString("x2")));
        string b = string.Concat(Enumerable.Range(100, 40).Select(i => i.ToString("x2")));
        var long40 = Run(Hex(Eth + "0001 0800 2804 0002" + a + "0a000001" + b + "0a000002"));
        Assert.Equal(a, F(long40, "arp.src.hw"));
        Assert.Equal("10.0.0.1 is at " + a[..72] + "\u2026", Info(long40));
    }

    [Fact]
    public void Arp_AddressesCutShort_MalformedOrShort()
    {
        var bytes = Hex(Eth + "0001 0800 0604 0001 020000000001 0a00");
        var really = Run(bytes);
        Assert.True(Malformed(really));
        AssertFields(really, new() { ["arp.hw.type"] = "1", ["arp.proto.type"] = "0x0800", ["arp.hw.size"] = "6", ["arp.proto.size"] = "4", ["arp.opcode"] = "1" });
        AssertAbsent(really, "arp.src.hw_mac");
        Assert.Equal("ARP", really.Columns.Protocol);
        Assert.Equal("[Malformed Packet]", Info(really));

        var cut = Run(bytes, originalLength: 60);
        Assert.False(Malformed(cut));
        Assert.True(Short(cut));
        Assert.Equal("[Packet size limited during capture]", Info(cut));
    }

    [Fact]
    public void Arp_SizesBeyondThePacket_Malformed()
    {
        // Hardware size 255 in a 42-byte frame: the addresses cannot be there.
        var ctx = Run(Hex(Eth + "0001 0800 ff04 0001 020000000001 0a000001 000000000000 0a000002"));
        Assert.True(Malformed(ctx));
        Assert.Equal("255", F(ctx, "arp.hw.size"));
    }

    [Fact]
    public void Arp_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Request);
        TruncationSweep(Reply);
        TruncationSweep(RarpReply);
        TruncationSweep(Announcement, TestKit.Sll);
        TruncationSweep(Hex(Eth + "0006 0800 0804 0002 0102030405060708 0a000001 1112131415161718 0a000002"));
    }
}
