using Dissect.Core;
using Xunit.Abstractions;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Application.Dhcp;

public sealed class DhcpTests
{
    readonly ITestOutputHelper _out;
    public DhcpTests(ITestOutputHelper output) { _out = output; }

    // Frame 1 of the corpus dhcp/dhcp.pcap: DHCP Discover from 90:b1:1c:99:49:29, xid 0x7c0, options 53 (Discover),
    // 50 (requested 192.168.211.194), 12 (host name "btest.is.cool"), End, no padding.
    static readonly byte[] Discover = Hex(
        "ffffffffffff90b11c99492908004500012500010000401179c800000000ffffffff00440043011132a7010106000000" +
        "07c0000000000000000000000000000000000000000090b11c9949290000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" +
        "0000000000000000000000000000000000000000000000000000000000000000000000000000638253633501013204c0" +
        "a8d3c20c0d62746573742e69732e636f6f6cff");

    [Fact]
    public void Discover_HeaderOptionsAndColumns()
    {
        var ctx = TestKit.Dissect(Discover);
        Assert.Equal("DHCP", ctx.Columns.Protocol);
        Assert.Equal("DHCP Discover - Transaction ID 0x7c0", ctx.Columns.Info.ToString());
        Assert.Equal("1", Value(ctx, "dhcp.type"));
        Assert.Equal("0x01", Value(ctx, "dhcp.hw.type"));
        Assert.Equal("6", Value(ctx, "dhcp.hw.len"));
        Assert.Equal("0x000007c0", Value(ctx, "dhcp.id"));
        Assert.Equal("0x0000", Value(ctx, "dhcp.flags"));
        Assert.Equal("0", Value(ctx, "dhcp.flags.bc"));
        Assert.Equal("0.0.0.0", Value(ctx, "dhcp.ip.your"));
        Assert.Equal("90:b1:1c:99:49:29", Value(ctx, "dhcp.hw.mac_addr"));
        Assert.Equal("00000000000000000000", Value(ctx, "dhcp.hw.addr_padding"));
        Assert.Equal("", Value(ctx, "dhcp.server"));
        Assert.Equal("99.130.83.99", Value(ctx, "dhcp.cookie"));
        Assert.Equal(["53", "50", "12", "0"], Values(ctx, "dhcp.option.type"));
        Assert.Equal(["1", "4", "13"], Values(ctx, "dhcp.option.length"));
        Assert.Equal("1", Value(ctx, "dhcp.option.dhcp"));
        Assert.Equal("192.168.211.194", Value(ctx, "dhcp.option.requested_ip_address"));
        Assert.Equal("btest.is.cool", Value(ctx, "dhcp.option.hostname"));
        Assert.Equal("255", Value(ctx, "dhcp.option.end"));
        Assert.False(Has(ctx, "dhcp.bootp"));
        Assert.False(Has(ctx, "_ws.malformed"));
    }

    /// <summary>Ethernet/IPv4/UDP 68→67 around a BOOTP header (xid 0x1234abcd, secs 3, broadcast flag, siaddr
    /// 10.0.0.1, chaddr 02:00:00:00:00:01), the cookie unless told otherwise, and the given option bytes.</summary>
    static byte[] Bootp(string options, bool cookie = true, byte op = 1)
    {
        var body = Hex($"{op:x2}010600 1234abcd 0003 8000 00000000 00000000 0a000001 00000000 020000000001" + new string('0', 20) +
                       new string('0', 128) + new string('0', 256) + (cookie ? "63825363" : "") + options);
        int udpLen = 8 + body.Length, ipLen = 20 + udpLen;
        return [.. Hex("ffffffffffff0200000000010800"),
                .. Hex($"4500{ipLen:x4}000100004011 0000 00000000 ffffffff 0044 0043 {udpLen:x4} 0000"), .. body];
    }

    [Fact]
    public void Request_ParameterListClientIdPadAndTrailingPadding()
    {
        // Request: 53=3, two pad bytes, 61 = Ethernet client id, 55 = [1,3,6,15], 57 = 1500, End, 3 bytes padding.
        var ctx = TestKit.Dissect(Bootp("350103 0000 3d0701020000000001 37040103060f 390205dc ff 000000"));
        Assert.Equal("DHCP Request  - Transaction ID 0x1234abcd", ctx.Columns.Info.ToString());
        Assert.Equal(["53", "0", "61", "55", "57", "0"], Values(ctx, "dhcp.option.type"));
        Assert.Equal(["0000", "000000"], Values(ctx, "dhcp.option.padding"));
        Assert.Equal(["1", "3", "6", "15"], Values(ctx, "dhcp.option.request_list_item"));
        Assert.Equal("1500", Value(ctx, "dhcp.option.dhcp_max_message_size"));
        Assert.Equal(["02:00:00:00:00:01", "02:00:00:00:00:01"], Values(ctx, "dhcp.hw.mac_addr"));
        Assert.Equal("1", Value(ctx, "dhcp.flags.bc"));
    }

    [Fact]
    public void Ack_LeaseTimesAddressesAndNames()
    {
        var ctx = TestKit.Dissect(Bootp("350105 36040a000001 330400000e10 3a0400000708 3b0400000c4e 0104ffffff00 03040a000001 " +
                                "06080a0000010a000002 0f0c6578616d706c652e74657374 0204fffff1f0 ff", op: 2));
        Assert.Equal("DHCP ACK      - Transaction ID 0x1234abcd", ctx.Columns.Info.ToString());
        Assert.Equal("10.0.0.1", Value(ctx, "dhcp.option.dhcp_server_id"));
        Assert.Equal("3600", Value(ctx, "dhcp.option.ip_address_lease_time"));
        Assert.Equal("1800", Value(ctx, "dhcp.option.renewal_time_value"));
        Assert.Equal("3150", Value(ctx, "dhcp.option.rebinding_time_value"));
        Assert.Equal("255.255.255.0", Value(ctx, "dhcp.option.subnet_mask"));
        Assert.Equal("10.0.0.1", Value(ctx, "dhcp.option.router"));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], Values(ctx, "dhcp.option.domain_name_server"));
        Assert.Equal("example.test", Value(ctx, "dhcp.option.domain_name"));
        Assert.Equal("-3600", Value(ctx, "dhcp.option.time_offset"));
    }

    [Fact]
    public void BootpWithoutCookie_VendorAreaAndBootpColumns()
    {
        var ctx = TestKit.Dissect(Bootp(new string('0', 128), cookie: false));
        Assert.Equal("BOOTP", ctx.Columns.Protocol);
        Assert.Equal("Boot Request from 02:00:00:00:00:01", ctx.Columns.Info.ToString());
        Assert.Equal("1", Value(ctx, "dhcp.bootp"));
        Assert.False(Has(ctx, "dhcp.cookie"));
        Assert.Equal(64, Value(ctx, "dhcp.vendor_specific_options").Length / 2);
        Assert.False(Has(ctx, "dhcp.option.dhcp"));

        var reply = TestKit.Dissect(Bootp("0104ffff0000ff", op: 2));
        Assert.Equal("BOOTP", reply.Columns.Protocol);
        Assert.Equal("Boot Reply", reply.Columns.Info.ToString());
        Assert.Equal("255.255.0.0", Value(reply, "dhcp.option.subnet_mask"));
    }

    [Fact]
    public void UnknownMessageType_NamedLikeTshark()
    {
        var ctx = TestKit.Dissect(Bootp("350163ff"));
        Assert.Equal("DHCP Unknown Message Type (0x63) - Transaction ID 0x1234abcd", ctx.Columns.Info.ToString());
        Assert.Equal("99", Value(ctx, "dhcp.option.dhcp"));
    }

    [Fact]
    public void OptionLengthPastDatagram_IsMalformed()
    {
        var ctx = TestKit.Dissect(Bootp("350108 0c2873686f7274"));
        Assert.Equal("DHCP", ctx.Columns.Protocol);
        Assert.Equal(["53", "12"], Values(ctx, "dhcp.option.type"));
        Assert.Equal(["1", "40"], Values(ctx, "dhcp.option.length"));
        Assert.True(Has(ctx, "_ws.malformed"));
        Assert.False(Has(ctx, "dhcp.option.hostname"));
    }

    [Fact]
    public void SnaplenCutInOptions_ShowsBootpAndShort()
    {
        // tshark: a cut in the option headers means its first pass never saw the type: BOOTP, "[Packet size limited…]".
        var full = Bootp("350101 0c0d62746573742e69732e636f6f6c ff");
        var ctx = TestKit.Dissect(full[..(14 + 28 + 244)], originalLength: full.Length);
        Assert.Equal("BOOTP", ctx.Columns.Protocol);
        Assert.StartsWith("Boot Request from 02:00:00:00:00:01", ctx.Columns.Info.ToString());
        Assert.True(Has(ctx, "_ws.short"));
        Assert.False(Has(ctx, "_ws.malformed"));
        Assert.Equal("1", Value(ctx, "dhcp.option.dhcp"));
    }

    [Fact]
    public void Dhcp_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Discover);
        TruncationSweep(Bootp("350103 0000 3d0701020000000001 3704010306 0f 5110050000 03626f78076578616d706c6500 3401 03 ff"));
        TruncationSweep(Bootp(new string('0', 128), cookie: false));
    }

    [Fact]
    public void Dhcp_NoAllocationWhenOnlyTheMessageTypeIsSelected()
    {
        var tables = TestKit.Tables;
        var engine = new Engine(tables);
        var ctx = engine.CreateContext();
        ctx.WantColumns = false;
        ctx.Fields.Select([tables.Registry.Find("dhcp.option.dhcp")!, tables.Registry.Find("dhcp.id")!]);
        var frame = new Frame(1, new Timestamp(1, 0), Discover.Length, Discover.Length, Ethernet, 0, 0, Discover);
        for (int i = 0; i < 100; i++) engine.Dissect(frame, ctx);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) engine.Dissect(frame, ctx);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("1", Format.Values(ctx.Fields, tables.Registry.Find("dhcp.option.dhcp")!));
        Assert.True(allocated < 1000, $"{allocated} bytes allocated for 1000 frames");
    }
}
