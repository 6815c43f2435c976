using Dissect.Core.Flow;

namespace Dissect.Core.Tests;

/// <summary>FlowKey holds its endpoints as words: both directions of a flow make the same key, A is the lower
/// (address, port), and A, B and the ports come back as given, for IPv4 and IPv6.</summary>
public class FlowKeyTests
{
    [Theory]
    [InlineData("10.0.0.2", 40000, "10.0.0.1", 80)]
    [InlineData("10.0.0.1", 80, "10.0.0.1", 81)]
    [InlineData("2001:db8::2", 443, "2001:db8::1", 443)]
    [InlineData("fe80::1", 1, "2001:db8::ffff", 65535)]
    public void BothDirections_SameKey_EndpointsKept(string s, int sport, string d, int dport)
    {
        var src = Ip(s); var dst = Ip(d);
        var k1 = new FlowKey(src, (ushort)sport, dst, (ushort)dport, out bool srcIsA);
        var k2 = new FlowKey(dst, (ushort)dport, src, (ushort)sport, out bool dstIsA);
        Assert.True(k1.Equals(k2));
        Assert.Equal(k1.GetHashCode(), k2.GetHashCode());
        Assert.NotEqual(srcIsA, dstIsA);
        int c = src.CompareTo(dst);
        Assert.Equal(c < 0 || (c == 0 && sport <= dport), srcIsA);
        var (a, pa, b, pb) = srcIsA ? (src, sport, dst, dport) : (dst, dport, src, sport);
        Assert.Equal(a, k1.A); Assert.Equal(b, k1.B);
        Assert.Equal(pa, k1.PortA); Assert.Equal(pb, k1.PortB);
        Assert.Equal(a.ToString(), k1.A.ToString());
    }

    [Fact]
    public void DifferentPortOrAddress_DifferentKey()
    {
        var a = Ip("10.0.0.1"); var b = Ip("10.0.0.2");
        var k = new FlowKey(a, 1000, b, 80, out _);
        Assert.False(k.Equals(new FlowKey(a, 1001, b, 80, out _)));
        Assert.False(k.Equals(new FlowKey(a, 80, b, 1000, out _)));
        Assert.False(k.Equals(new FlowKey(a, 1000, Ip("10.0.0.3"), 80, out _)));
        // The same bytes as another kind of address are another flow.
        var mac = Address.From(AddressKind.Ether, [10, 0, 0, 1, 0, 0]);
        var ip4 = Address.From(AddressKind.IPv4, [10, 0, 0, 1]);
        Assert.Equal(mac.Word0 & 0xFFFFFFFF, ip4.Word0 & 0xFFFFFFFF);
        Assert.False(new FlowKey(mac, 1, b, 2, out _).Equals(new FlowKey(ip4, 1, b, 2, out _)));
    }

    static Address Ip(string s)
    {
        var ip = System.Net.IPAddress.Parse(s);
        return Address.From(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? AddressKind.IPv4 : AddressKind.IPv6, ip.GetAddressBytes());
    }
}
