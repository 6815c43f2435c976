using Dissect.Core;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.NetworkTests;

/// <summary>Never-throw fuzzing of the link and network layers: real frames with bytes flipped, set to boundary
/// values and cut, with a fixed seed and step budget. A dissector that throws shows up as a "dissector error"
/// malformed item (the engine catches it); none may appear.</summary>
public class FuzzTests
{
    static readonly (string Name, int LinkType, byte[] Bytes)[] Seeds =
    [
        ("eth arp", Ethernet, Hex("ffffffffffff020000000001080600010800060400010200000000010a6300010000000000000a630002")),
        ("802.3 snap ipv4", Ethernet, Hex("66778899aabb0011223344550030aaaa03000000080045000028000100004006f77bc0a80101c0a80102303900500000" +
                                            "00640000000050022000dba10000")),
        ("qinq arp", Ethernet, Hex("ffffffffffff0020d25afb3f88a800c8810007d1080600010800060400010020d25afb3fac154f61000000000000ac15" +
                                     "4f640000000000000000000000000000")),
        ("ipv4 options", Ethernet, Hex("ffffffffffff02000000000108004800002c00010000401100000a0000010a000002890b040a0000070a000008003039" +
                                         "3039000c000061626364")),
        ("ipv4 timestamp", Ethernet, Hex("ffffffffffff020000000001080048b8002c123440004011c7c30a0000010a000002440c050000000001000000023039" +
                                           "3039000c000061626364")),
        ("ipv6 hbh", Ethernet, Hex("333300000016001517cce54686dd6000000000240001fe80000000000000021517fffecce546ff020000000000000000" +
                                     "0000000000163a000502000001008f001fc50000000104000000ff0200000000000000000db811223344")),
        ("ipv6 rh0", Ethernet, Hex("ffffffffffff00000000000086dd60000000003b0040200104f80004000702e081fffe52ffff200104f80004000702e0" +
                                     "81fffe529a6b2b0001040000000011040002000000002001007800010032000000000000000120010078000100320000" +
                                     "00000000000200350035000b8631585858")),
        ("ipv6 srh", Ethernet, Hex("080027206bcf080027c22da586dd600889ad00902b40000a000b000c00120000000000000001000a000b000c00020000" +
                                     "000000f100002904040101000000000a000b000c000300000000000000d6000a000b000c00020000000000f100006008" +
                                     "89ad00403a40000a000b000c0012000000000000000100b20000000000000000000000000002")),
        ("ipv6 dstopts", Ethernet, Hex("ffffffffffff00000000000086dd6000000000243c40200104f80004000702e081fffe52ffff200104f80004000702e0" +
                                         "81fffe529a6b110201020000c90120010078000100320000000000000001753032c8000c43de58585858")),
        ("sll v1", Sll, Hex("00000001000600226b970ea200000806000108000604000100226b970ea2c0a80101000000000000c0a80166")),
        ("sll v2", Sll2, Hex("080600000000001a000104068e360644acaf000000010800060400018e360644acafc0000201000000000000c0000202")),
        ("null", Null, Hex("1e0000006000000000083c4020010db800000000000000000000000120010db80000000000000000000000023b000104000000002c")),
        ("loop", Loop, Hex("000000024500001400000000401100000a0000010a000002")),
        ("raw", Raw, Hex("45000039000100004011a695c0a80164090909093039003500251976123401000001000000000000076578616d706c65" +
                          "03636f6d0000010001")),
    ];

    static readonly byte[] Boundary = [0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x0f, 0x10, 0x2b, 0x2c, 0x3a, 0x3b, 0x3c, 0x7f, 0x80, 0xc2, 0xc9, 0xfe, 0xff];

    [Fact]
    public void LinkAndNetwork_MutatedFrames_NeverThrow()
    {
        var rng = new Random(20261122);
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        int steps = 0;
        foreach (var (name, linkType, seed) in Seeds)
        {
            for (int i = 0; i < 1500; i++, steps++)
            {
                var b = (byte[])seed.Clone();
                int edits = 1 + rng.Next(4);
                for (int e = 0; e < edits; e++)
                {
                    int at = rng.Next(b.Length);
                    b[at] = rng.Next(3) switch
                    {
                        0 => (byte)(b[at] ^ (1 << rng.Next(8))),
                        1 => Boundary[rng.Next(Boundary.Length)],
                        _ => (byte)rng.Next(256),
                    };
                }
                int len = rng.Next(4) == 0 ? rng.Next(b.Length + 1) : b.Length;
                var data = b.AsSpan(0, len).ToArray();
                int orig = rng.Next(2) == 0 ? len : b.Length + rng.Next(64);
                engine.Dissect(new Frame(steps + 1, new Timestamp(1_600_000_000, 0), data.Length, orig, linkType, 0, 0, data), ctx);
                var f = ctx.Fields;
                for (int k = 0; k < f.Count; k++)
                    if (f[k].Text >= 0 && f.Texts[f[k].Text].StartsWith("dissector error", StringComparison.Ordinal))
                        Assert.Fail($"{name} step {i}: {f.Texts[f[k].Text]} on {Convert.ToHexString(data)} (original length {orig})");
            }
        }
        Assert.Equal(Seeds.Length * 1500, steps);
    }
}
