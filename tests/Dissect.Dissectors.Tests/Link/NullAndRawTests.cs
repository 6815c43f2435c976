using static Dissect.Dissectors.Tests.LinkTests.LinkKit;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.LinkTests;

/// <summary>BSD loopback (LINKTYPE_NULL 0, LINKTYPE_LOOP 108) and raw IP (101, 228, 229); expected values are tshark
/// 4.0.17's -T fields output.</summary>
public class NullAndRawTests
{
    // corpus linktypes/linktype_null_capture.pcap frame 1, first 64 of 2000 bytes: AF_INET (2, little-endian),
    // IPv4/TCP 127.0.0.1:62522 → 127.0.0.1:49166.
    static readonly byte[] NullIPv4 = Hex(
        "02000000450003e61ef94000800600007f0000017f000001f43ac00e836ce23306728cc85018002001db00004f435343" +
        "1a00a40300000000000000000000000000");

    // corpus linktypes/test_loopback.pcap frame 1, first 84 of 560 bytes: AF 30 (macOS AF_INET6), IPv6/TCP ::1 → ::1.
    static readonly byte[] NullIPv6 = Hex(
        "1e00000060000000020406400000000000000000000000000000000100000000000000000000000000000001e5af1f90" +
        "089716660a6566ef801828e9020c00000101080a05c08cfc05c0388c");

    // corpus linktypes/LINKTYPE_RAW_ipv4.pcap frame 1: raw IPv4/UDP DNS query 192.168.1.100 → 9.9.9.9.
    static readonly byte[] RawIPv4 = Hex(
        "45000039000100004011a695c0a80164090909093039003500251976123401000001000000000000076578616d706c65" +
        "03636f6d0000010001");

    // corpus linktypes/LINKTYPE_IPV6.pcap frame 1: IPv6/UDP DNS query 2001:db8::1 → 2620:fe::9.
    static readonly byte[] RawIPv6 = Hex(
        "600000000025114020010db8000000000000000000000001262000fe00000000000000000000000930390035002598b3" +
        "123401000001000000000000076578616d706c6503636f6d0000010001");

    const string IPv4Header = "4500001400000000401100000a0000010a000002";

    [Fact]
    public void Null_AfInetLittleEndian_IPv4()
    {
        var ctx = Run(NullIPv4, TestKit.Null, originalLength: 2000);
        AssertFields(ctx, new() { ["null.family"] = "2", ["ip.src"] = "127.0.0.1", ["ip.dst"] = "127.0.0.1", ["ip.len"] = "998" });
        AssertAbsent(ctx, "null.type");
        Assert.StartsWith("frame:null:ip:", Protocols(ctx));
    }

    [Fact]
    public void Null_AfInet6Darwin_IPv6()
    {
        var ctx = Run(NullIPv6, TestKit.Null, originalLength: 560);
        AssertFields(ctx, new() { ["null.family"] = "30", ["ipv6.src"] = "::1", ["ipv6.dst"] = "::1", ["ipv6.plen"] = "516" });
        Assert.StartsWith("frame:null:ipv6:", Protocols(ctx));
    }

    [Fact]
    public void Null_FamilyWrittenBigEndian_IsByteSwapped()
    {
        var ctx = Run(Hex("00000002" + IPv4Header), TestKit.Null);
        AssertFields(ctx, new() { ["null.family"] = "2", ["ip.src"] = "10.0.0.1" });
        Assert.Equal("frame:null:ip", Protocols(ctx));
    }

    [Fact]
    public void Null_BsdIPv6Families_AllIPv6_LinuxTenIsData()
    {
        string v6 = "6000000000003b40" + new string('0', 31) + "1" + new string('0', 31) + "2";
        foreach (var af in new[] { "18000000", "1c000000", "1e000000" })
        {
            var ctx = Run(Hex(af + v6), TestKit.Null);
            Assert.Equal("frame:null:ipv6", Protocols(ctx));
            Assert.Equal("IPv6 no next header", Info(ctx));
        }
        // tshark does not map Linux's AF_INET6 (10): the payload is data.
        var linux = Run(Hex("0a000000" + v6), TestKit.Null);
        Assert.Equal("10", F(linux, "null.family"));
        Assert.Equal("frame:null:data", Protocols(linux));
        Assert.Equal("N/A", linux.Columns.Protocol);
        Assert.Equal("Null/Loopback", Info(linux));
    }

    [Fact]
    public void Null_ValueAbove1500_IsAnEthertype()
    {
        var ctx = Run(Hex("00080000" + IPv4Header), TestKit.Null);
        AssertFields(ctx, new() { ["null.type"] = "0x0800", ["ip.src"] = "10.0.0.1" });
        AssertAbsent(ctx, "null.family");
        Assert.Equal("frame:null:ip", Protocols(ctx));
    }

    [Fact]
    public void Loop_FamilyIsBigEndian()
    {
        var ctx = Run(Hex("00000002" + IPv4Header), TestKit.Loop);
        Assert.Equal("2", F(ctx, "null.family"));
        Assert.Equal("frame:null:ip", Protocols(ctx));
        var swapped = Run(Hex("02000000" + IPv4Header), TestKit.Loop);
        Assert.Equal("33554432", F(swapped, "null.family"));
        Assert.Equal("frame:null:data", Protocols(swapped));
    }

    [Fact]
    public void Null_TwoBytes_Malformed()
    {
        var ctx = Run(Hex("0200"), TestKit.Null);
        Assert.True(Malformed(ctx));
        Assert.Equal("Null/Loopback[Malformed Packet]", Info(ctx));
        Assert.False(Malformed(Run(Hex("0200"), TestKit.Null, originalLength: 40)));
    }

    [Fact]
    public void Raw_IPv4AndIPv6_ByVersionNibble()
    {
        var v4 = Run(RawIPv4, TestKit.Raw);
        AssertFields(v4, new() { ["ip.src"] = "192.168.1.100", ["ip.dst"] = "9.9.9.9", ["ip.len"] = "57" });
        Assert.StartsWith("frame:raw:ip:udp", Protocols(v4));
        foreach (int lt in new[] { 12, 14 }) Assert.StartsWith("frame:raw:ip:", Protocols(Run(RawIPv4, lt)));

        var v6 = Run(RawIPv6, TestKit.Raw);
        AssertFields(v6, new() { ["ipv6.src"] = "2001:db8::1", ["ipv6.dst"] = "2620:fe::9", ["ipv6.plen"] = "37" });
        Assert.StartsWith("frame:raw:ipv6:udp", Protocols(v6));
    }

    [Fact]
    public void Raw_NotIp_IsData()
    {
        var ctx = Run(Hex("0102030405"), TestKit.Raw);
        Assert.Equal("frame:raw:data", Protocols(ctx));
        Assert.Equal("Raw", ctx.Columns.Protocol);
        Assert.Equal("Raw packet data", Info(ctx));
    }

    [Fact]
    public void LinktypeIPv4AndIPv6_NoRawLayer()
    {
        var v4 = Run(RawIPv4, TestKit.IPv4);
        Assert.StartsWith("frame:ip:udp", Protocols(v4));
        Assert.Equal("192.168.1.100", F(v4, "ip.src"));
        var v6 = Run(RawIPv6, TestKit.IPv6);
        Assert.StartsWith("frame:ipv6:udp", Protocols(v6));
        Assert.Equal("2620:fe::9", F(v6, "ipv6.dst"));
    }

    [Fact]
    public void NullAndRaw_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(NullIPv4, TestKit.Null);
        TruncationSweep(NullIPv6, TestKit.Null);
        TruncationSweep(Hex("00000002" + IPv4Header), TestKit.Loop);
        TruncationSweep(RawIPv4, TestKit.Raw);
        TruncationSweep(RawIPv6, TestKit.Raw);
    }
}
