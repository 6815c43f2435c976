using static Dissect.Dissectors.Tests.Transport.TransportKit;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>UDP on real and crafted frames; expected values are tshark 4.0.17's -T fields output for the same bytes.</summary>
public class UdpTests
{
    // ping-netns.pcapng frame 24: 10.99.0.1:51331 → 10.99.0.2:5555, 22 bytes "dissect udp datagram 0".
    static readonly byte[] V4Frame = Hex(
        "020000000002020000000001080045000032a3f64000401181fc0a6300010a630002c88315b3001e14f8646973736563" +
        "742075647020646174616772616d2030");

    // ping-netns.pcapng frame 30: [fd99::1]:33367 → [fd99::2]:5555, 21 bytes "dissect udp over ipv6".
    static readonly byte[] V6Frame = Hex(
        "02000000000202000000000186dd6002e0c6001d1140fd990000000000000000000000000001fd990000000000000000" +
        "000000000002825715b3001dfb646469737365637420756470206f7665722069707636");

    [Fact]
    public void Udp_IPv4Datagram_FieldsAndInfoAsTshark()
    {
        var ctx = Run(V4Frame, analysis: NewAnalysis());
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.srcport"] = "51331",
            ["udp.dstport"] = "5555",
            ["udp.port"] = "51331,5555",
            ["udp.length"] = "30",
            ["udp.checksum"] = "0x14f8",
            ["udp.checksum.status"] = "2",
            ["udp.stream"] = "0",
            ["udp.payload"] = "646973736563742075647020646174616772616d2030",
            ["data.len"] = "22",
        });
        Assert.Equal("51331 → 5555 Len=22", Info(ctx));
        Assert.Equal("UDP", ctx.Columns.Protocol);
    }

    [Fact]
    public void Udp_IPv6Datagram_FieldsAndInfoAsTshark()
    {
        var ctx = Run(V6Frame, analysis: NewAnalysis());
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.srcport"] = "33367",
            ["udp.dstport"] = "5555",
            ["udp.port"] = "33367,5555",
            ["udp.length"] = "29",
            ["udp.checksum"] = "0xfb64",
            ["udp.checksum.status"] = "2",
            ["udp.stream"] = "0",
            ["udp.payload"] = "6469737365637420756470206f7665722069707636",
        });
        Assert.Equal("33367 → 5555 Len=21", Info(ctx));
    }

    [Fact]
    public void Udp_WithoutAnalyzer_HasNoStream()
    {
        var ctx = Run(V4Frame);
        Assert.False(Has(ctx, "udp.stream"));
        Assert.Equal("51331", F(ctx, "udp.srcport"));
    }

    [Fact]
    public void Udp_StreamIndex_NumbersConversationsInOrder()
    {
        var a = NewAnalysis();
        var ctx = RunAll(a, (V4Frame, new(1, 0)), (V6Frame, new(2, 0)), (V4Frame, new(3, 0)));
        Assert.Equal(new[] { "0", "1", "0" }, ctx.Select(c => F(c, "udp.stream")).ToArray());
    }

    [Fact]
    public void Udp_PayloadHandoff_GoesToUdpPortTableThenData()
    {
        // No dissector claims 5555: the 22 payload bytes become data.
        var ctx = Run(V4Frame);
        Assert.Equal("646973736563742075647020646174616772616d2030", F(ctx, "data.data"));
        Assert.Contains(":udp:data", F(ctx, "frame.protocols"));
    }

    [Fact]
    public void Udp_HandoffKeys_AreTheTwoPorts()
    {
        var tables = new Core.DissectorTables(new Core.FieldRegistry());
        var udp = new global::Dissect.Dissectors.Transport.Udp.UdpDissector();
        tables.Registry.Register(global::Dissect.Dissectors.Transport.Udp.UdpFields.Protocol, global::Dissect.Dissectors.Transport.Udp.UdpFields.All);
        tables.Add(udp);
        var ctx = new Core.DissectContext(tables.Registry);
        var tvb = new Core.Tvb(V4Frame, 34, V4Frame.Length - 34);
        var h = udp.Dissect(tvb, ctx);
        Assert.Same(tables.Find("udp.port"), h.Table);
        Assert.Equal(5555u, h.Key);
        Assert.Equal(51331u, h.AltKey);
        Assert.Equal(42, h.PayloadOffset);
        Assert.Equal(22, h.PayloadReported);
    }

    // Crafted (udp.pcap made for these tests, checked with tshark): 10.0.0.1:1234 → 10.0.0.2:5555, "hello world".
    const string CraftedV4Head = "02000000000202000000000108004500002700014000401126c30a0000010a00000204d215b3";
    const string CraftedV6Head = "02000000000202000000000186dd6000000000131140fe800000000000000000000000000001fe800000000000000000" +
                                 "00000000000204d215b3";

    [Fact]
    public void Udp_LengthBelowHeader_IsMalformedAndStops()
    {
        var ctx = Run(Hex(CraftedV4Head + "0005000068656c6c6f20776f726c64"));
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.srcport"] = "1234", ["udp.dstport"] = "5555", ["udp.length"] = "5", ["udp.length.bad"] = "1",
            ["udp.checksum"] = "", ["data.data"] = "",
        });
        Assert.True(Has(ctx, "_ws.malformed"));
        Assert.StartsWith("1234 → 5555 [BAD UDP LENGTH 5 < 8]", Info(ctx));
    }

    [Fact]
    public void Udp_LengthBeyondIpPayload_IsFlaggedAndPayloadKept()
    {
        var ctx = Run(Hex(CraftedV4Head + "0028000068656c6c6f20776f726c64"), analysis: NewAnalysis());
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.length"] = "40", ["udp.length.bad"] = "1", ["udp.checksum"] = "0x0000", ["udp.checksum.status"] = "3",
            ["udp.stream"] = "0", ["udp.payload"] = "68656c6c6f20776f726c64", ["data.len"] = "11",
        });
        Assert.True(Has(ctx, "_ws.malformed"));
        Assert.Equal("1234 → 5555 [BAD UDP LENGTH 40 > IP PAYLOAD LENGTH] Len=32", Info(ctx));
    }

    [Fact]
    public void Udp_LengthShorterThanIpPayload_BoundsThePayload()
    {
        var ctx = Run(Hex(CraftedV4Head + "000c000068656c6c6f20776f726c64"));
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.length"] = "12", ["udp.checksum.status"] = "3", ["udp.payload"] = "68656c6c6f20776f726c64",
            ["data.len"] = "4", ["data.data"] = "68656c6c",
        });
        Assert.False(Has(ctx, "_ws.malformed"));
        Assert.Equal("1234 → 5555 Len=4", Info(ctx));
    }

    [Fact]
    public void Udp_ZeroChecksumOverIPv4_IsNotPresent()
    {
        var ctx = Run(Hex(CraftedV4Head + "0013000068656c6c6f20776f726c64"));
        Assert.Equal("3", F(ctx, "udp.checksum.status"));
        Assert.False(Has(ctx, "udp.checksum.zero"));
        Assert.Equal("1234 → 5555 Len=11", Info(ctx));
    }

    [Fact]
    public void Udp_ZeroChecksumOverIPv6_IsIllegal()
    {
        var ctx = Run(Hex(CraftedV6Head + "0013000068656c6c6f20776f726c64"));
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.checksum"] = "0x0000", ["udp.checksum.zero"] = "1", ["udp.checksum.status"] = "4",
        });
        Assert.Equal("1234 → 5555 Len=11 [ILLEGAL CHECKSUM (0)]", Info(ctx));
    }

    [Fact]
    public void Udp_ZeroLengthOverIPv6_IsAJumbogramLength()
    {
        var ctx = Run(Hex(CraftedV6Head + "0000568368656c6c6f20776f726c64"));
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.length"] = "0", ["udp.length.bad_zero"] = "1", ["udp.checksum"] = "0x5683", ["udp.checksum.status"] = "2",
            ["data.len"] = "11",
        });
        Assert.Equal("1234 → 5555 Len=11 [Jumbogram]", Info(ctx));
    }

    [Fact]
    public void Udp_HeaderCutBySnaplen_ShowsPortsAndLengthThenShort()
    {
        // udp.pcap frame 11: capture ends 6 bytes into the UDP header.
        var full = Hex(CraftedV4Head + "0013000068656c6c6f20776f726c64");
        var ctx = Run(full.AsSpan(0, 14 + 20 + 6).ToArray(), originalLength: full.Length);
        AssertFields(ctx, new Dictionary<string, string> { ["udp.srcport"] = "1234", ["udp.length"] = "19", ["udp.checksum"] = "" });
        Assert.True(Has(ctx, "_ws.short"));
        Assert.False(Has(ctx, "_ws.malformed"));
        Assert.Equal("1234 → 5555 Len=11[Packet size limited during capture]", Info(ctx));
    }

    [Fact]
    public void Udp_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(V4Frame);
        TruncationSweep(V6Frame);
        TruncationSweep(Hex(CraftedV4Head + "0028000068656c6c6f20776f726c64"));
    }

    // Crafted UDP-Lite (udplite.pcap, checked with tshark): 10.0.0.1:1234 → 10.0.0.2:5555, "hello world",
    // checksum coverage as given.
    const string LiteHead = "020000000002020000000001080045000027000140004088264c0a0000010a00000204d215b3";

    [Theory]
    [InlineData("0000", "0x1234", "2", "1234 → 5555 Len=11", false)]
    [InlineData("000c", "0x1234", "2", "1234 → 5555 Len=11", false)]
    [InlineData("0005", "0x1234", "2", "1234 → 5555 [BAD LIGHTWEIGHT UDP CHECKSUM COVERAGE LENGTH 5 < 8 or > 19] Len=11", true)]
    [InlineData("0008", "0x0000", "4", "1234 → 5555 Len=11 [ILLEGAL CHECKSUM (0)]", false)]
    public void UdpLite_CoverageAndChecksum_AsTshark(string coverage, string checksum, string status, string info, bool bad)
    {
        var ctx = Run(Hex(LiteHead + coverage + checksum[2..] + "68656c6c6f20776f726c64"), analysis: NewAnalysis());
        AssertFields(ctx, new Dictionary<string, string>
        {
            ["udp.srcport"] = "1234", ["udp.dstport"] = "5555", ["udp.length"] = "19",
            ["udp.checksum_coverage"] = Convert.ToInt32(coverage, 16).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["udp.checksum"] = checksum, ["udp.checksum.status"] = status, ["udp.stream"] = "0",
            ["udp.payload"] = "68656c6c6f20776f726c64", ["data.len"] = "11", ["udplite.checksum_coverage.bad"] = bad ? "1" : "",
        });
        Assert.Equal(info, Info(ctx));
        Assert.Equal("UDP-Lite", ctx.Columns.Protocol);
        Assert.Contains(":udplite:data", F(ctx, "frame.protocols"));
    }

    [Fact]
    public void Udp_WithoutColumns_WritesNoInfo()
    {
        var ctx = Run(V4Frame, columns: false);
        Assert.Equal("", Info(ctx));
        Assert.Equal("51331", F(ctx, "udp.srcport"));
    }
}
