using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.LinkTests;

public class PppNflogTests
{
    // corpus quic/quic-go-zerortt.pcap frame 1: PPP with protocol-field compression off and no address/control,
    // protocol 0x0057 (IPv6), an MLD report.
    const string PppIPv6 = "00576000000100203aff00000000000000000000000000000000ff0200000000000000000001ff00000487007a1200000000fe80000000000000020000fffe0000040101000000000004";

    // corpus linktypes/nflog-http.pcap frame 1: NFLOG header (AF_INET, v0, res 42), TLVs, payload = IPv4 TCP SYN 10.0.2.15:49762 → 93.184.216.34:80.
    const string Nflog = "0200002a 08000100 00000300 05000a00 00000000 08000500 00000002 08000b00 00000000 08000e00 00000000 40000900" +
        "4500003c e8ef4000 40060fe3 0a00020f 5db8d822 c2620050 3f32bad1 00000000 a0027210 42180000 020405b4 0402080a 00275 23e 00000000 01030307";

    [Fact]
    public void Ppp_Uncompressed_IPv6_HandsToIPv6()
    {
        var ctx = TestKit.Dissect(Hex(PppIPv6), linkType: 9);
        Assert.Equal("0x0057", Value(ctx, "ppp.protocol"));
        Assert.Equal("::", Value(ctx, "ipv6.src"));
        Assert.Equal("ff02::1:ff00:4", Value(ctx, "ipv6.dst"));
    }

    [Fact]
    public void Nflog_PayloadTlv_HandsToIPv4()
    {
        var ctx = TestKit.Dissect(Hex(Nflog), linkType: 239);
        Assert.Equal("2", Value(ctx, "nflog.family"));
        Assert.Equal("42", Value(ctx, "nflog.res_id"));
        Assert.Equal("10.0.2.15", Value(ctx, "ip.src"));
        Assert.Equal("93.184.216.34", Value(ctx, "ip.dst"));
        Assert.Contains("9", Values(ctx, "nflog.tlv_type"));
    }

    [Fact]
    public void PppAndNflog_TruncatedAtEveryLength_NeverThrow()
    {
        TruncationSweep(Hex(PppIPv6), 9);
        TruncationSweep(Hex(Nflog), 239);
    }
}
