using System.Text;

namespace Dissect.Filter.Tests;

public class ErrorTests
{
    /// <summary>Every error message, rendered with its caret, in one golden file (golden/errors.txt).</summary>
    public static readonly string[] Bad =
    [
        "",
        "   ",
        "tcp.prot == 80",
        "tcp.prot",
        "htp",
        "ip.scr == 1.2.3.4",
        "totally.unknown.field == 1",
        "tcp.port == \"x\"",
        "ip.src > foo",
        "ip.src == 1.2.3",
        "ip.src == 1.2.3.4/33",
        "ip.addr > 10.0.0.0/8",
        "ipv6.src == 1.2.3.4",
        "eth.src == 00:11:22",
        "tcp.port contains 80",
        "ip.src contains 0a",
        "tcp.flags.syn > 0",
        "tcp.flags.syn == maybe",
        "tcp.port == 70000",
        "tcp.port == -1",
        "tcp.port == 1.5",
        "tcp.port == foo",
        "dns.qry.type == AAAAA",
        "tcp.analysis.retransmission == 1",
        "tcp.port == ip.src",
        "tcp.port[0] == 0",
        "frame[1:0] == 00",
        "frame[x] == 00",
        "frame[1 == 00",
        "http.host matches foo",
        "http.host matches \"(\"",
        "tcp.port matches \"8\"",
        "tcp.payload == zz",
        "tcp.port in {}",
        "tcp.port in {80, 443",
        "tcp.port in 80",
        "tcp.port in {80, tcp.srcport}",
        "1 == 2",
        "\"abc\"",
        "80",
        "tcp.port ==",
        "tcp.port == 80 and",
        "(tcp.port == 80",
        "tcp.port == 80)",
        "tcp or or udp",
        "tcp.port == 80 80",
        "tcp xor",
        "len(tcp.port) == 2",
        "lower(tcp.port) == \"a\"",
        "string(http.host) == \"a\"",
        "count(frame[0:1]) == 1",
        "len(tcp.port, udp.port) == 2",
        "max(tcp.port) == 2",
        "len(80) == 2",
        "tcp.flags & 0x02",
        "http.host == \"unterminated",
        "http.host == \"bad \\q escape\"",
        "tcp.port == 'ab'",
        "tcp.port $ 3",
        "all tcp",
        "frame.time_relative > soon",
        "frame.time > \"yesterday\"",
        "test.double == abc",
        "test.int == 3000000000",
        "http.host contains \"\"",
        "tcp.port in {1..2.5}",
        "ip.addr in {10.0.0.0/8 .. 11.0.0.0}",
    ];

    [Fact]
    public void EveryErrorMessage_MatchesGolden()
    {
        var sb = new StringBuilder();
        foreach (var expr in Bad)
        {
            bool ok = DisplayFilter.TryCompile(expr, TestFields.Registry, out var f, out var e);
            Assert.False(ok, $"expected an error for: {expr} (got {f?.Normalized})");
            Assert.NotNull(e);
            Assert.DoesNotContain('\n', e!.Message);
            Assert.InRange(e.Position, 0, expr.Length);
            sb.Append("### ").Append(expr).Append('\n').Append(e.Render()).Append("\n\n");
        }
        Golden.Check("errors.txt", sb.ToString());
    }

    [Fact]
    public void UnknownField_SuggestsNearestField()
    {
        Assert.False(DisplayFilter.TryCompile("tcp.prot == 80", TestFields.Registry, out _, out var e));
        Assert.Equal("unknown field \"tcp.prot\"; did you mean \"tcp.port\"?", e!.Message);
        Assert.Equal(0, e.Position);
        Assert.Equal(8, e.Length);
        Assert.Equal("tcp.prot == 80\n^~~~~~~~\nunknown field \"tcp.prot\"; did you mean \"tcp.port\"?", e.Render());
    }

    [Fact]
    public void WrongLiteral_PointsAtTheLiteral()
    {
        Assert.False(DisplayFilter.TryCompile("ip.src > foo", TestFields.Registry, out _, out var e));
        Assert.Equal(9, e!.Position);
        Assert.Equal(3, e.Length);
    }
}
