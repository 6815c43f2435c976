using Dissect.Core;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>The allocation-free Info helpers; IPv6 expectations are glibc inet_ntop's (Wireshark uses the same rules).</summary>
public class InfoTextTests
{
    [Theory]
    [InlineData("00000000000000000000000000000000", "::")]
    [InlineData("00000000000000000000000000000001", "::1")]
    [InlineData("fe800000000000000000000000000001", "fe80::1")]
    [InlineData("20010db8000000000000000000000000", "2001:db8::")]
    [InlineData("20010db800000001c00054fffef50000", "2001:db8:0:1:c000:54ff:fef5:0")]
    [InlineData("00000000000000000000ffff01020304", "::ffff:1.2.3.4")]
    [InlineData("00000000000000000000000001020304", "::1.2.3.4")]
    [InlineData("00010000000000020000000000000003", "1:0:0:2::3")]
    [InlineData("00010000000000000002000000000003", "1::2:0:0:3")]
    [InlineData("00000000000100000000000000000000", "0:0:1::")]
    [InlineData("ff0200000000000000000001ff000002", "ff02::1:ff00:2")]
    [InlineData("20010db8000000000001000000000001", "2001:db8::1:0:0:1")]
    [InlineData("00010000000000000000000000000000", "1::")]
    [InlineData("00000002000300040005000600070008", "0:2:3:4:5:6:7:8")]
    [InlineData("00010002000300040005000600070008", "1:2:3:4:5:6:7:8")]
    [InlineData("00000000000000000000ffff00000000", "::ffff:0.0.0.0")]
    [InlineData("00000000000000000000000100000000", "::1:0:0")]
    public void InfoText_IPv6_AsInetNtop(string hex, string expected)
    {
        var col = new TextColumn();
        global::Dissect.Dissectors.Transport.InfoText.IPv6(col, Convert.FromHexString(hex));
        Assert.Equal(expected, col.ToString());
    }

    [Theory]
    [InlineData(0, "0x0000")]
    [InlineData(0x107d, "0x107d")]
    [InlineData(0xffff, "0xffff")]
    public void InfoText_Hex4_PadsToFourDigits(int v, string expected)
    {
        var col = new TextColumn();
        global::Dissect.Dissectors.Transport.InfoText.Hex4(col, (ushort)v);
        Assert.Equal(expected, col.ToString());
    }
}
