using Dissect.Core;
using static Dissect.Dissectors.Tests.LinkTests.LinkKit;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.LinkTests;

/// <summary>Ethernet II / 802.3 and LLC on real frames; expected values are tshark 4.0.17's -T fields output for
/// the same bytes (frame.protocols as tshark's minus its "ethertype" pseudo-layer).</summary>
public class EthernetTests
{
    // samples-pcap/ping-netns.pcapng frame 2: ARP who-has 10.99.0.2 from 02:00:00:00:00:01, broadcast, 42 bytes.
    internal static readonly byte[] ArpRequest = Hex(
        "ffffffffffff020000000001080600010800060400010200000000010a6300010000000000000a630002");

    // corpus arp/arp_request_response.pcap frame 1: ARP request padded with 18 zero bytes to 60.
    internal static readonly byte[] PaddedArp = Hex(
        "ffffffffffff00046199015408060001080006040001000461990154c0a801ca000000000000c0a801d6000000000000" +
        "000000000000000000000000");

    // corpus pcap/udpPacketWithEthernetTrailers.pcap frame 1: UDP in a 60-byte frame ending in 3 non-zero bytes.
    static readonly byte[] UdpWithTrailer = Hex(
        "20cf3081fc9800221526a78508004500002b0001000034119d2a4dd3cfd2c0a80b4907e807e8001761fb333535323131" +
        "303131313730393239a69f44");

    // corpus http/pipelined-requests.pcap frame 1: TCP SYN, 66 bytes whose last 4 are the FCS.
    static readonly byte[] SynWithFcs = Hex(
        "0019e3e75d23000bdb4f6b1008004500003056df40008006d0d7c0a801683ff5d10b06890050ba87d4f0000000007002" +
        "ffff19bd0000020405b401010402a9a9685a");

    // corpus linktypes/snap-tcp.pcap frame 1: 802.3 length 48, LLC/SNAP OUI 0 type 0x0800, IPv4/TCP SYN.
    static readonly byte[] SnapTcp = Hex(
        "66778899aabb0011223344550030aaaa03000000080045000028000100004006f77bc0a80101c0a80102303900500000" +
        "00640000000050022000dba10000");

    [Fact]
    public void Ethernet_ArpRequest_AddressFieldsAndHandoffAsTshark()
    {
        var ctx = Run(ArpRequest);
        AssertFields(ctx, new()
        {
            ["eth.dst"] = "ff:ff:ff:ff:ff:ff",
            ["eth.dst.oui"] = "16777215",
            ["eth.dst.lg"] = "1",
            ["eth.dst.ig"] = "1",
            ["eth.src"] = "02:00:00:00:00:01",
            ["eth.src.oui"] = "131072",
            ["eth.src.lg"] = "1",
            ["eth.src.ig"] = "0",
            ["eth.addr"] = "ff:ff:ff:ff:ff:ff,02:00:00:00:00:01",
            ["eth.addr.oui"] = "16777215,131072",
            ["eth.lg"] = "1,1",
            ["eth.ig"] = "1,0",
            ["eth.type"] = "0x0806",
        });
        AssertAbsent(ctx, "eth.padding", "eth.trailer", "eth.fcs", "eth.len", "_ws.malformed");
        Assert.Equal("frame:eth:arp", Protocols(ctx));
        Assert.Equal("02:00:00:00:00:01", ctx.DlSrc.ToString());
        Assert.Equal("ff:ff:ff:ff:ff:ff", ctx.DlDst.ToString());
    }

    [Fact]
    public void Ethernet_ShortArp_ZeroPaddingToSixtyBytes()
    {
        var ctx = Run(PaddedArp);
        AssertFields(ctx, new()
        {
            ["eth.src"] = "00:04:61:99:01:54",
            ["eth.src.oui"] = "1121",
            ["eth.lg"] = "1,0",
            ["eth.type"] = "0x0806",
            ["eth.padding"] = "000000000000000000000000000000000000",
        });
        AssertAbsent(ctx, "eth.trailer", "eth.fcs");
        Assert.Equal("frame:eth:arp", Protocols(ctx));
    }

    [Fact]
    public void Ethernet_NonZeroBytesAfterIp_AreTrailerNotPadding()
    {
        var ctx = Run(UdpWithTrailer);
        AssertFields(ctx, new()
        {
            ["eth.dst"] = "20:cf:30:81:fc:98",
            ["eth.dst.oui"] = "2150192",
            ["eth.src"] = "00:22:15:26:a7:85",
            ["eth.type"] = "0x0800",
            ["eth.trailer"] = "a69f44",
            ["ip.len"] = "43",
        });
        AssertAbsent(ctx, "eth.padding", "eth.fcs");
        Assert.StartsWith("frame:eth:ip:udp", Protocols(ctx));
    }

    [Fact]
    public void Ethernet_FrameOfSixtyFourBytesOrMore_LastFourTrailerBytesAreFcs()
    {
        var ctx = Run(SynWithFcs);
        AssertFields(ctx, new()
        {
            ["eth.dst"] = "00:19:e3:e7:5d:23",
            ["eth.src"] = "00:0b:db:4f:6b:10",
            ["eth.addr.oui"] = "6627,3035",
            ["eth.type"] = "0x0800",
            ["eth.fcs"] = "0xa9a9685a",
            ["eth.fcs.status"] = "2",
            ["ip.len"] = "48",
        });
        AssertAbsent(ctx, "eth.padding", "eth.trailer");
    }

    [Fact]
    public void Ethernet_Ieee8023WithSnap_LengthThenLlcThenIPv4()
    {
        var ctx = Run(SnapTcp);
        AssertFields(ctx, new()
        {
            ["eth.dst"] = "66:77:88:99:aa:bb",
            ["eth.src"] = "00:11:22:33:44:55",
            ["eth.len"] = "48",
            ["llc.dsap"] = "0xaa",
            ["llc.dsap.sap"] = "85",
            ["llc.dsap.ig"] = "0",
            ["llc.ssap"] = "0xaa",
            ["llc.ssap.sap"] = "85",
            ["llc.ssap.cr"] = "0",
            ["llc.control"] = "0x0003",
            ["llc.control.u_modifier_cmd"] = "0x00",
            ["llc.control.ftype"] = "0x03",
            ["llc.oui"] = "0",
            ["llc.type"] = "0x0800",
            ["ip.src"] = "192.168.1.1",
            ["ip.dst"] = "192.168.1.2",
        });
        AssertAbsent(ctx, "eth.type", "eth.trailer", "llc.pid");
        Assert.StartsWith("frame:eth:llc:ip:", Protocols(ctx));
    }

    [Fact]
    public void Llc_XidResponseToUnknownSap_InfoAndData()
    {
        // Crafted: 802.3 length 16 but only 8 payload bytes; LLC DSAP 0x10 SSAP 0x11 (response) U frame XID.
        var ctx = Run(Hex("0180c200000002000000000100101011af0102030405"));
        AssertFields(ctx, new()
        {
            ["eth.len"] = "16",
            ["llc.dsap"] = "0x10",
            ["llc.ssap"] = "0x11",
            ["llc.ssap.cr"] = "1",
            ["llc.control"] = "0x00af",
            ["llc.control.u_modifier_resp"] = "0x2b",
            ["llc.control.ftype"] = "0x03",
            ["data.len"] = "5",
        });
        Assert.True(Has(ctx, "eth.len.past_end"));
        Assert.Equal("LLC", ctx.Columns.Protocol);
        Assert.Equal("U, func=XID; DSAP NetWare (unofficial?) Individual, SSAP NetWare (unofficial?) Response", Info(ctx));
    }

    [Fact]
    public void Llc_InformationFrame_TwoByteLittleEndianControl()
    {
        // Crafted: I frame, control bytes 0a 05 = N(S) 5, N(R) 2 (tshark: llc.control 0x050a).
        var ctx = Run(Hex("0180c2000000020000000001001010110a050102030405"));
        AssertFields(ctx, new()
        {
            ["llc.control"] = "0x050a",
            ["llc.control.n_r"] = "2",
            ["llc.control.n_s"] = "5",
        });
        Assert.Equal("I, N(R)=2, N(S)=5; DSAP NetWare (unofficial?) Individual, SSAP NetWare (unofficial?) Response", Info(ctx));
    }

    [Fact]
    public void Llc_SnapWithUnknownEthertype_ColumnsStayLlc()
    {
        var ctx = Run(Hex("0180c2000000020000000001 0010 aaaa03 000000 88b5 0102030405060708"));
        Assert.Equal("0x88b5", F(ctx, "llc.type"));
        Assert.Equal("LLC", ctx.Columns.Protocol);
        Assert.Equal("U, func=UI; SNAP, OUI 0x000000 (Officially Xerox, but 0:0:0:0:0:0 is more common), PID 0x88B5", Info(ctx));
        Assert.Equal("frame:eth:llc:data", Protocols(ctx));
    }

    [Fact]
    public void Ethernet_UnknownEthertype_DataWithTypeAsProtocolColumn()
    {
        var ctx = Run(Hex("ffffffffffff020000000001 88b5 0102030405"));
        Assert.Equal("0x88b5", F(ctx, "eth.type"));
        Assert.Equal("5", F(ctx, "data.len"));
        Assert.Equal("0x88b5", ctx.Columns.Protocol);
        Assert.Equal("Local Experimental Ethertype 1", Info(ctx));
        Assert.Equal("frame:eth:data", Protocols(ctx));
    }

    [Fact]
    public void Ethernet_TypeBetween1500And1536_IsInvalidLengthType()
    {
        var ctx = Run(Hex("ffffffffffff02000000000105dd01020304"));
        AssertFields(ctx, new()
        {
            ["eth.dst"] = "ff:ff:ff:ff:ff:ff",
            ["eth.src"] = "02:00:00:00:00:01",
            ["eth.invalid_lentype"] = "0x05dd",
            ["data.len"] = "4",
        });
        AssertAbsent(ctx, "eth.type");
        Assert.True(Has(ctx, "eth.invalid_lentype.expert"));
        Assert.Equal("Ethernet", ctx.Columns.Protocol);
        Assert.Equal("Ethernet Unknown: Invalid length/type: 0x05dd (1501)", Info(ctx));
    }

    [Fact]
    public void Ethernet_FewerThan14Bytes_MalformedOrShort()
    {
        var bytes = ArpRequest.AsSpan(0, 8).ToArray();
        var really = Run(bytes);
        Assert.True(Malformed(really));
        Assert.Equal("[Malformed Packet]", Info(really));
        AssertAbsent(really, "eth.dst");
        var cut = Run(bytes, originalLength: 78);
        Assert.False(Malformed(cut));
        Assert.True(Short(cut));
        Assert.Equal("[Packet size limited during capture]", Info(cut));
    }

    [Fact]
    public void Ethernet_SnaplenCutTrailer_ShowsOnlyWhatWasCaptured()
    {
        // Crafted (tshark: 70-byte TCP frame cut to 61 bytes: 6 bytes padding, 1 trailer byte, no FCS).
        var full = Hex("ffffffffffff0200000000010800 4500002800000000400600000a0000010a000002 " +
                       "0000000000000000000000005000000000000000 000000000000 00");
        var ctx = Run(full, originalLength: 70);
        AssertFields(ctx, new() { ["eth.padding"] = "000000000000", ["eth.trailer"] = "00" });
        AssertAbsent(ctx, "eth.fcs");
    }

    [Fact]
    public void Ethernet_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(ArpRequest);
        TruncationSweep(PaddedArp);
        TruncationSweep(UdpWithTrailer);
        TruncationSweep(SynWithFcs);
        TruncationSweep(SnapTcp);
    }
}
