namespace Dissect.Filter.Tests;

public class NormalizeTests
{
    [Theory]
    // presence, protocols
    [InlineData("tcp", "tcp")]
    [InlineData("  tcp.analysis.retransmission ", "tcp.analysis.retransmission")]
    [InlineData("frame", "frame")]
    // comparisons and word forms
    [InlineData("tcp.port==80", "tcp.port == 80")]
    [InlineData("tcp.port eq 80", "tcp.port == 80")]
    [InlineData("tcp.port any_eq 80", "tcp.port == 80")]
    [InlineData("tcp.port ne 80", "tcp.port != 80")]
    [InlineData("tcp.port all_ne 80", "tcp.port != 80")]
    [InlineData("tcp.port === 80", "tcp.port === 80")]
    [InlineData("tcp.port all_eq 80", "tcp.port === 80")]
    [InlineData("tcp.port !== 80", "tcp.port !== 80")]
    [InlineData("tcp.port ~= 80", "tcp.port !== 80")]
    [InlineData("tcp.port any_ne 80", "tcp.port !== 80")]
    [InlineData("tcp.port gt 0x50", "tcp.port > 80")]
    [InlineData("tcp.port lt 0120", "tcp.port < 80")]
    [InlineData("tcp.port ge 0b1010000", "tcp.port >= 80")]
    [InlineData("tcp.port le 'P'", "tcp.port <= 80")]
    [InlineData("all tcp.port > 1024", "all tcp.port > 1024")]
    [InlineData("any ip.addr != 1.1.1.1", "any ip.addr != 1.1.1.1")]
    [InlineData("80 == tcp.port", "80 == tcp.port")]
    [InlineData("tcp.srcport == tcp.dstport", "tcp.srcport == tcp.dstport")]
    // logic and precedence (not > and > xor > or)
    [InlineData("tcp && udp || ip", "(tcp and udp) or ip")]
    [InlineData("tcp || udp && ip", "tcp or (udp and ip)")]
    [InlineData("A and B or not C or D and not E or F", null)]
    [InlineData("tcp ^^ udp", "tcp xor udp")]
    [InlineData("tcp or udp xor ip and eth", "tcp or (udp xor (ip and eth))")]
    [InlineData("!tcp", "not tcp")]
    [InlineData("not not tcp", "not not tcp")]
    [InlineData("not (tcp or udp)", "not (tcp or udp)")]
    [InlineData("((tcp))", "tcp")]
    [InlineData("tcp and udp and ip", "tcp and udp and ip")]
    [InlineData("TCP.port == 1", null)]
    [InlineData("tcp AND udp", "tcp and udp")]
    // contains / matches
    [InlineData("http.host contains \"exa\"", "http.host contains \"exa\"")]
    [InlineData("tcp.payload contains 47:45:54", "tcp.payload contains 47:45:54")]
    [InlineData("tcp contains \"GET\"", "tcp contains \"GET\"")]
    [InlineData("frame contains 0x47", "frame contains 47")]
    [InlineData("http.host matches \"^ex.*com$\"", "http.host matches \"^ex.*com$\"")]
    [InlineData("http.host ~ \"ex\"", "http.host matches \"ex\"")]
    [InlineData("http.host matches r\"\\d+\"", "http.host matches \"\\\\d+\"")]
    // membership
    [InlineData("tcp.port in {80, 443, 8000..8100}", "tcp.port in {80, 443, 8000..8100}")]
    [InlineData("tcp.port in {80 443 8000 .. 8100}", "tcp.port in {80, 443, 8000..8100}")]
    [InlineData("ip.addr in {10.0.0.5 .. 10.0.0.9, 192.168.1.1}", "ip.addr in {10.0.0.5..10.0.0.9, 192.168.1.1}")]
    [InlineData("http.request.method in {\"HEAD\", \"GET\"}", "http.request.method in {\"HEAD\", \"GET\"}")]
    [InlineData("frame.time_relative in {1 .. 1.5}", "frame.time_relative in {1..1.5}")]
    // slices
    [InlineData("eth.src[0:3] == 00:11:22", "eth.src[0:3] == 00:11:22")]
    [InlineData("frame[-4:] == 0.1.2.3", "frame[-4:] == 00:01:02:03")]
    [InlineData("frame[:3] == aa-bb-cc", "frame[0:3] == aa:bb:cc")]
    [InlineData("frame[2-5] == aabb.ccdd", "frame[2-5] == aa:bb:cc:dd")]
    [InlineData("frame[4] == 0xff", "frame[4] == ff")]
    [InlineData("frame[1,3-5,9:] == 01:03", "frame[1,3-5,9:] == 01:03")]
    [InlineData("http.host[0:4] == \"text\"", "http.host[0:4] == \"text\"")]
    [InlineData("ip.src[0] == 0a", "ip.src[0] == 0a")]
    // functions
    [InlineData("len(http.host) > 3", "len(http.host) > 3")]
    [InlineData("lower(http.host) == \"example.com\"", "lower(http.host) == \"example.com\"")]
    [InlineData("upper(http.host) contains \"EXA\"", "upper(http.host) contains \"EXA\"")]
    [InlineData("count(ip.addr) == 2", "count(ip.addr) == 2")]
    [InlineData("string(tcp.srcport) matches \"^5\"", "string(tcp.srcport) matches \"^5\"")]
    // literals
    [InlineData("ip.addr == 10.0.0.0/8", "ip.addr == 10.0.0.0/8")]
    [InlineData("ipv6.addr == FE80::0:1", "ipv6.addr == fe80::1")]
    [InlineData("ipv6.src == fe80::/10", "ipv6.src == fe80::/10")]
    [InlineData("eth.dst == FF-FF-FF-FF-FF-FF", "eth.dst == ff:ff:ff:ff:ff:ff")]
    [InlineData("eth.dst == ffff.ffff.ffff", "eth.dst == ff:ff:ff:ff:ff:ff")]
    [InlineData("tcp.flags.syn == 1", "tcp.flags.syn == True")]
    [InlineData("tcp.flags.syn == TRUE", "tcp.flags.syn == True")]
    [InlineData("tcp.flags.syn == False", "tcp.flags.syn == False")]
    [InlineData("dns.qry.type == AAAA", "dns.qry.type == AAAA")]
    [InlineData("dns.qry.type == aaaa", "dns.qry.type == AAAA")]
    [InlineData("dns.qry.type == 28", "dns.qry.type == 28")]
    [InlineData("frame.time_relative > 1.5", "frame.time_relative > 1.5")]
    [InlineData("frame.time_relative > 0.000000001", "frame.time_relative > 0.000000001")]
    [InlineData("frame.time > \"2020-09-13T12:26:41Z\"", "frame.time > \"2020-09-13T12:26:41.000000000Z\"")]
    [InlineData("frame.time >= \"Sep 13, 2020 12:26:41.5 UTC\"", "frame.time >= \"2020-09-13T12:26:41.500000000Z\"")]
    [InlineData("test.int == -5", "test.int == -5")]
    [InlineData("test.double < 2.75", "test.double < 2.75")]
    [InlineData("http.host == \"a\\\"b\\\\c\\x41\\101\\u00e9\"", "http.host == \"a\\\"b\\\\cAAé\"")]
    [InlineData("http.host == \"tab\\there\"", "http.host == \"tab\\x09here\"")]
    [InlineData("tcp.port == :80", "tcp.port == 80")]
    public void Normalizes(string input, string? expected)
    {
        bool ok = DisplayFilter.TryCompile(input, TestFields.Registry, out var f, out var e);
        if (expected is null)
        {
            // Unknown field names (A, B, TCP.port): case-sensitive like Wireshark, so an error.
            Assert.False(ok);
            Assert.NotNull(e);
            return;
        }
        Assert.True(ok, e?.Render());
        Assert.Equal(expected, f!.Normalized);
        // Normalized text compiles to the same normalized text (a fixed point).
        Assert.True(DisplayFilter.TryCompile(f.Normalized, TestFields.Registry, out var again, out var e2), e2?.Render());
        Assert.Equal(f.Normalized, again!.Normalized);
    }

    [Fact]
    public void Fields_ListEveryFieldRead_IncludingAllPairOccurrences()
    {
        var f = TestFields.Compile("tcp.port == 80 and len(http.host) > 1 or frame[0] == 00 or tcp");
        var names = f.Fields.Select(x => x.Abbrev).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        Assert.Equal(["frame", "http.host", "tcp", "tcp.port"], names);
    }
}
