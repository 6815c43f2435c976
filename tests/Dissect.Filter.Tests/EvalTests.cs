using Dissect.Core;

namespace Dissect.Filter.Tests;

public class EvalTests
{
    static readonly PacketFields A = TestFields.HttpGet();
    static readonly PacketFields B = TestFields.SynRetransmission();
    static readonly PacketFields C = TestFields.DnsAaaa();

    /// <summary>expected: one letter per frame A (HTTP GET), B (SYN retransmission 80→80), C (DNS AAAA over IPv6/UDP): T or F.</summary>
    [Theory]
    // presence
    [InlineData("tcp", "TTF")]
    [InlineData("udp", "FFT")]
    [InlineData("frame", "TTT")]
    [InlineData("tcp.analysis.retransmission", "FTF")]
    [InlineData("not tcp.analysis.retransmission", "TFT")]
    [InlineData("http.host", "TFF")]
    // integers and pair fields
    [InlineData("tcp.port == 80", "TTF")]
    [InlineData("tcp.port != 80", "FFF")]
    [InlineData("tcp.port !== 80", "TFF")]
    [InlineData("tcp.port ~= 80", "TFF")]
    [InlineData("tcp.port === 80", "FTF")]
    [InlineData("tcp.port != 51000", "FTF")]
    [InlineData("not tcp.port == 80", "FFT")]
    [InlineData("tcp.port > 1024", "TFF")]
    [InlineData("all tcp.port > 1024", "FFF")]
    [InlineData("all tcp.port >= 80", "TTF")]
    [InlineData("any tcp.port != 80", "TFF")]
    [InlineData("tcp.srcport == tcp.dstport", "FTF")]
    [InlineData("tcp.srcport > tcp.dstport", "TFF")]
    [InlineData("80 == tcp.dstport", "TTF")]
    [InlineData("ip.ttl < 2", "FTF")]
    [InlineData("ip.ttl == 0x40", "TFF")]
    [InlineData("ip.ttl == 0100", "TFF")]
    [InlineData("tcp.flags == 0x018", "TFF")]
    [InlineData("tcp.flags.syn == 1", "FTF")]
    [InlineData("tcp.flags.syn == True", "FTF")]
    [InlineData("tcp.flags.syn == 0", "TFF")]
    [InlineData("tcp.flags.syn", "TTF")]
    [InlineData("ip.flags.df == 1", "TFF")]
    [InlineData("tcp.len > 0", "TFF")]
    [InlineData("udp.port == 53", "FFT")]
    [InlineData("udp.port in {53, 5353}", "FFT")]
    [InlineData("tcp.port in {443, 8000..8100}", "FFF")]
    [InlineData("tcp.port in {80, 443}", "TTF")]
    [InlineData("tcp.port in {50000..52000}", "TFF")]
    [InlineData("tcp.port in {443 50000..52000}", "TFF")]
    [InlineData("dns.qry.type == AAAA", "FFT")]
    [InlineData("dns.qry.type == A", "FFF")]
    [InlineData("dns.qry.type in {A, AAAA}", "FFT")]
    [InlineData("test.int == -5", "FFT")]
    [InlineData("test.int < 0", "FFT")]
    [InlineData("test.int > -10", "FFT")]
    [InlineData("test.double > 2.25", "FFT")]
    [InlineData("test.double == 2.5", "FFT")]
    // addresses
    [InlineData("ip.src == 10.1.2.3", "TTF")]
    [InlineData("ip.addr == 192.168.1.9", "TFF")]
    [InlineData("ip.addr != 10.1.2.3", "FFF")]
    [InlineData("ip.addr != 192.168.1.9", "FTF")]
    [InlineData("ip.addr ~= 10.1.2.3", "TFF")]
    [InlineData("ip.addr == 192.168.0.0/16", "TFF")]
    [InlineData("ip.addr == 10.0.0.0/8", "TTF")]
    [InlineData("ip.dst == 0.0.0.0/0", "TTF")]
    [InlineData("ip.dst > 100.0.0.0", "TFF")]
    [InlineData("ip.addr in {10.1.2.0 .. 10.1.2.255}", "TTF")]
    [InlineData("ipv6.src == fe80::1", "FFT")]
    [InlineData("ipv6.addr == ff02::/16", "FFT")]
    [InlineData("ipv6.addr == fe80::/10", "FFT")]
    [InlineData("ipv6.addr == 2001:db8::/32", "FFF")]
    [InlineData("eth.src == aa:bb:cc:dd:ee:ff", "TTF")]
    [InlineData("eth.dst == 00-11-22-33-44-55", "TFT")]
    [InlineData("eth.addr == 00:11:22:33:44:55", "TFT")]
    [InlineData("eth.addr != aa:bb:cc:dd:ee:ff", "FFT")]
    [InlineData("eth.src[0:3] == aa:bb:cc", "TTF")]
    [InlineData("eth.src > 40:00:00:00:00:00", "TTF")]
    [InlineData("eth.type == 0x86dd", "FFT")]
    // strings and bytes
    [InlineData("http.host == \"Example.COM\"", "TFF")]
    [InlineData("http.host == \"example.com\"", "FFF")]
    [InlineData("lower(http.host) == \"example.com\"", "TFF")]
    [InlineData("upper(http.host) == \"EXAMPLE.COM\"", "TFF")]
    [InlineData("http.host contains \"ample\"", "TFF")]
    [InlineData("http.host contains \"AMPLE\"", "FFF")]
    [InlineData("http.host matches \"AMPLE\\\\.c\"", "TFF")]
    [InlineData("http.host matches \"(?-i)AMPLE\"", "FFF")]
    [InlineData("http.host matches \"^exa.*m$\"", "TFF")]
    [InlineData("http.request.method == \"GET\"", "TFF")]
    [InlineData("http.request.method in {\"HEAD\", \"GET\"}", "TFF")]
    [InlineData("http.host > \"A\"", "TFF")]
    [InlineData("http.host[0:3] == \"Exa\"", "TFF")]
    [InlineData("http.host[-3:] == \"COM\"", "TFF")]
    [InlineData("len(http.host) == 11", "TFF")]
    [InlineData("dns.qry.name contains \"Example\"", "FFT")]
    [InlineData("tcp.payload contains \"GET\"", "TFF")]
    [InlineData("tcp.payload contains 47:45:54", "TFF")]
    [InlineData("tcp.payload[0:3] == \"GET\"", "TFF")]
    [InlineData("tcp.payload[0:3] == 47.45.54", "TFF")]
    [InlineData("tcp.payload matches \"host: example\"", "TFF")]
    [InlineData("tcp contains \"HTTP/1.1\"", "TFF")]
    [InlineData("http contains \"Host\"", "TFF")]
    [InlineData("ip contains 0a:01:02:03", "TTF")]
    [InlineData("tcp matches \"^.{20}GET\"", "TFF")]
    [InlineData("frame contains \"dnsdata\"", "FFT")]
    [InlineData("frame[12:2] == 08:00", "TTF")]
    [InlineData("frame[12:2] == 86dd", "FFT")]
    [InlineData("frame[0] == 0x00", "TFT")]
    [InlineData("frame[-8:] == \"dnsdata!\"", "FFT")]
    [InlineData("frame[-1] == 21", "FFT")]
    [InlineData("frame[1000:] == 00", "FFF")]
    [InlineData("frame[1000] == 00", "FFF")]
    [InlineData("frame[0,6] == 00:aa", "TFF")]
    [InlineData("frame[0-1,12:2] == 00:11:08:00", "TFF")]
    [InlineData("ip.src[3] == 03", "TTF")]
    // functions
    [InlineData("count(tcp.port) == 2", "TTF")]
    [InlineData("count(http.host) == 0", "FFF")]
    [InlineData("count(ip.addr) > 1", "TTF")]
    [InlineData("len(ip.src) == 4", "TTF")]
    [InlineData("len(frame) > 70", "TFF")]
    [InlineData("string(tcp.srcport) matches \"^5\"", "TFF")]
    [InlineData("string(ip.dst) == \"192.168.1.9\"", "TFF")]
    [InlineData("string(ipv6.dst) == \"ff02::fb\"", "FFT")]
    [InlineData("string(eth.src) contains \"aa:bb\"", "TTF")]
    [InlineData("string(frame.number) matches \"[13579]$\"", "TFT")]
    // time
    [InlineData("frame.time_relative > 1.5", "FTT")]
    [InlineData("frame.time_relative >= 1.5", "TTT")]
    [InlineData("frame.time_relative == 3", "FTF")]
    [InlineData("frame.time_relative in {2 .. 3.5}", "FTF")]
    [InlineData("tcp.analysis.ack_rtt < 0.001", "TFF")]
    [InlineData("frame.time > \"2020-09-13T12:26:42Z\"", "FTT")]
    [InlineData("frame.time < \"Sep 13, 2020 12:26:41.600000001 UTC\"", "TFF")]
    // logic
    [InlineData("tcp and udp", "FFF")]
    [InlineData("tcp or udp", "TTT")]
    [InlineData("tcp xor ip", "FFF")]
    [InlineData("tcp ^^ udp", "TTT")]
    [InlineData("tcp.flags.syn == 1 and tcp.flags.ack == 0 or udp", "FTT")]
    [InlineData("udp or tcp.flags.syn == 1 and tcp.flags.ack == 1", "FFT")]
    [InlineData("!(tcp || udp)", "FFF")]
    [InlineData("not tcp and not udp", "FFF")]
    [InlineData("not ip.dst == 10.1.2.3", "TFT")]
    public void Evaluates(string expr, string expected)
    {
        var f = TestFields.Compile(expr);
        string got = string.Concat(new[] { A, B, C }.Select(p => f.Matches(p) ? 'T' : 'F'));
        Assert.True(expected == got, $"{expr}: expected {expected}, got {got} (normalized: {f.Normalized})");
    }

    [Fact]
    public void CatastrophicRegex_TimesOut_ReturnsFalseAndSaysSo()
    {
        // A back-reference forces the backtracking engine; nested quantifiers make it exponential.
        var pf = new PacketFields();
        pf.Reset(new byte[1]);
        pf.AddString(TestFields.HttpHost, 0, 0, new string('a', 5000) + "!");
        var f = TestFields.Compile("http.host matches \"^(a|aa)+(a)\\\\2$\"");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        bool m = f.Matches(pf);
        sw.Stop();
        Assert.False(m);
        Assert.True(f.RegexTimedOut);
        Assert.NotNull(f.Warning);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }

    [Fact]
    public void EmptyPacket_MatchesOnlyNegations()
    {
        var pf = new PacketFields();
        pf.Reset(default);
        Assert.False(TestFields.Compile("tcp.port != 80").Matches(pf));
        Assert.True(TestFields.Compile("not tcp.port == 80").Matches(pf));
        Assert.False(TestFields.Compile("frame[0] == 00").Matches(pf));
    }
}
