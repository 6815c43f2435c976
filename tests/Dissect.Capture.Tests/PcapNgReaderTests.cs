using Dissect.Core;

namespace Dissect.Capture.Tests;

public class PcapNgReaderTests
{
    [Fact]
    public void PcapNg_MultiSectionMixedByteOrder_NumbersInterfacesAcrossSections()
    {
        var b = new NgBuilder();
        b.Shb(big: false, options: [(2, NgBuilder.Text("hw0")), (3, NgBuilder.Text("os0")), (4, NgBuilder.Text("app0")), (1, NgBuilder.Text("c0"))]);
        b.Idb(1, 0, (2, NgBuilder.Text("eth0")));
        b.Idb(0, 0, (2, NgBuilder.Text("lo0")));
        b.Epb(1, 1_000_000, Bytes.Seq(20, 1));
        b.Epb(0, 2_000_000, Bytes.Seq(30, 2));
        b.Shb(big: true, options: [(4, NgBuilder.Text("app1"))]);
        b.Idb(101, 128, (2, NgBuilder.Text("ip0")));
        b.Idb(113, 0);
        b.Idb(1, 0);
        b.Epb(2, 3_000_000, Bytes.Seq(25, 3));
        b.Epb(0, 4_000_000, Bytes.Seq(26, 4));
        b.Shb(big: false);
        b.Idb(276, 0);
        b.Epb(0, 5_000_000, Bytes.Seq(27, 5));

        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal([1L, 2, 3, 4, 5], r.Frames.Select(f => f.Number));
        Assert.Equal([1, 0, 4, 2, 5], r.Frames.Select(f => f.InterfaceId));
        Assert.Equal([0, 1, 1, 101, 276], r.Frames.Select(f => f.LinkType));
        Assert.Equal([1L, 2, 3, 4, 5], r.Frames.Select(f => f.Time.Seconds));
        Assert.Equal(Bytes.Seq(25, 3), r.Frames[2].Data.ToArray());
        Assert.Equal(6, r.Source.Interfaces.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], r.Source.Interfaces.Select(i => i.Id));
        Assert.Equal([0, 0, 1, 1, 1, 2], r.Source.Interfaces.Select(i => i.Section));
        Assert.Equal("ip0", r.Source.Interfaces[2].Name);
        Assert.Equal(128, r.Source.Interfaces[2].SnapLength);
        var sections = ((PcapNgReader)r.Source).Sections;
        Assert.Equal(3, sections.Count);
        Assert.Equal([false, true, false], sections.Select(s => s.BigEndian));
        Assert.Equal([0, 2, 5], sections.Select(s => s.FirstInterfaceId));
        Assert.Equal("hw0", sections[0].Hardware);
        Assert.Equal("os0", sections[0].OS);
        Assert.Equal("app0", sections[0].Application);
        Assert.Equal(["c0"], sections[0].Comments);
        Assert.Equal("app1", sections[1].Application);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PcapNg_TimestampResolutionsAndOffset_ConvertExactly(bool big)
    {
        var b = new NgBuilder().Shb(big);
        b.Idb(1, 0, (9, [9]));                                  // 10^-9
        b.Idb(1, 0, (9, [0x8A]), (14, b.U64(1000)));           // 2^-10, +1000 s
        b.Idb(1, 0, (9, [12]));                                 // 10^-12, finer than ns: truncated
        b.Idb(1, 0, (14, b.U64(unchecked((ulong)-5L))));        // µs, -5 s
        b.Idb(1, 0, (9, [0x80 | 40]));                          // 2^-40
        b.Idb(1, 0, (9, [0]));                                  // whole seconds
        b.Epb(0, 1_234_567_890_123_456_789, Bytes.Seq(4));
        b.Epb(1, 5 * 1024 + 1, Bytes.Seq(4));
        b.Epb(2, 7_123_456_789_987, Bytes.Seq(4));
        b.Epb(3, 1_000_001, Bytes.Seq(4));
        b.Epb(4, (3UL << 40) + (1UL << 39) + 1, Bytes.Seq(4));
        b.Epb(5, 17, Bytes.Seq(4));

        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal(
            ["1234567890.123456789", "1005.000976562", "7.123456789", "-4.000001000", "3.500000000", "17.000000000"],
            r.Frames.Select(f => Read.Epoch(f.Time)));
        var ifs = r.Source.Interfaces;
        Assert.Equal([1_000_000_000L, 1024, 1_000_000_000_000, 1_000_000, 1L << 40, 1], ifs.Select(i => i.TicksPerSecond));
        Assert.Equal([0L, 1000, 0, -5, 0, 0], ifs.Select(i => i.TimestampOffsetSeconds));
        Assert.Equal((byte)0x8A, ifs[1].TimestampResolution);
        Assert.Null(ifs[3].TimestampResolution);
    }

    [Fact]
    public void PcapNg_InterfaceOptions_AreRead()
    {
        var b = new NgBuilder().Shb();
        b.Idb(1, 65535, (2, NgBuilder.Text("eth0\0")), (3, NgBuilder.Text("Intel NIC")), (11, [0, .. NgBuilder.Text("tcp port 80")]),
              (12, NgBuilder.Text("Linux 6.1")), (13, [4]), (15, NgBuilder.Text("x86")), (8, b.U64(1_000_000_000)));
        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        var i = Assert.Single(r.Source.Interfaces);
        Assert.Equal("eth0", i.Name);
        Assert.Equal("Intel NIC", i.Description);
        Assert.Equal("tcp port 80", i.Filter);
        Assert.Equal("Linux 6.1", i.OS);
        Assert.Equal(4, i.FcsLength);
        Assert.Equal("x86", i.Hardware);
        Assert.Equal(65535, i.SnapLength);
        Assert.Equal([2, 3, 11, 12, 13, 15, 8], i.Options.Select(o => o.Code));
    }

    [Fact]
    public void PcapNg_SimplePacketBlock_UsesInterfaceZeroAndSnaplen()
    {
        var b = new NgBuilder().Shb();
        b.Idb(1, 20);
        b.Idb(0, 0);
        b.Spb(100, Bytes.Seq(20));        // orig 100, snaplen 20: 20 bytes kept
        b.Spb(10, Bytes.Seq(12));         // orig 10 < room 12 (padding): 10 bytes
        b.Spb(50, Bytes.Seq(16));         // a writer that kept less than the snaplen: the block room (16) wins
        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal([20, 10, 16], r.Frames.Select(f => f.CapturedLength));
        Assert.Equal([100, 10, 50], r.Frames.Select(f => f.OriginalLength));
        Assert.All(r.Frames, f => Assert.Equal(0, f.InterfaceId));
        Assert.All(r.Frames, f => Assert.Equal(1, f.LinkType));
        Assert.All(r.HasTime, Assert.False);
        Assert.Equal(default, r.Frames[0].Time);
        Assert.Equal(Bytes.Seq(10), r.Frames[1].Data.ToArray());
    }

    [Fact]
    public void PcapNg_ObsoletePacketBlockAndComments_AreRead()
    {
        var b = new NgBuilder().Shb();
        b.Idb(1, 0);
        b.Idb(0, 0);
        b.Pb(1, 3_000_000, Bytes.Seq(33), 40, (1, NgBuilder.Text("obsolete")));
        b.Epb(0, 4_000_000, Bytes.Seq(8), null, null, (1, NgBuilder.Text("one")), (2, b.U32(1)), (1, NgBuilder.Text("two\0")));
        b.Epb(0, 5_000_000, Bytes.Seq(8));
        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal(3, r.Frames.Count);
        Assert.Equal(1, r.Frames[0].InterfaceId);
        Assert.Equal(0, r.Frames[0].LinkType);
        Assert.Equal(33, r.Frames[0].CapturedLength);
        Assert.Equal(40, r.Frames[0].OriginalLength);
        Assert.Equal(3, r.Frames[0].Time.Seconds);
        Assert.Equal(["obsolete", "one\ntwo", null], r.Comments);
        Assert.All(r.HasTime, Assert.True);
    }

    [Fact]
    public void PcapNg_NonPacketBlocks_AreSkipped()
    {
        var b = new NgBuilder().Shb();
        b.Block(4, [.. b.U16(1), .. b.U16(8), 10, 0, 0, 1, .. NgBuilder.Text("host"), .. b.U32(0)]);   // NRB
        b.Idb(1, 0);
        b.Block(0x0BAD, [.. b.U32(32473), 1, 2, 3]);                 // custom block (copyable)
        b.Epb(0, 1, Bytes.Seq(10));
        b.Block(5, [.. b.U32(0), .. b.U32(0), .. b.U32(9)]);        // ISB
        b.Block(0x40000BAD, [.. b.U32(32473)]);                     // custom block (not copyable)
        b.Block(0x0A, [.. b.U32(0x544c534b), .. b.U32(0)]);          // decryption secrets
        b.Block(0x12345678, []);                                    // unknown
        b.Block(0x80000001, [1, 2, 3, 4, 5]);                       // local use
        b.Epb(0, 2, Bytes.Seq(11));
        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal([10, 11], r.Frames.Select(f => f.CapturedLength));
        Assert.Equal([1L, 2], r.Frames.Select(f => f.Number));
    }

    [Fact]
    public void PcapNg_Version12_IsReadLikeTshark()
    {
        var r = Read.All(new NgBuilder().Shb(minor: 2).Idb(1).Epb(0, 1, Bytes.Seq(4)).ToArray());
        using var _ = r.Source;
        Assert.Single(r.Frames);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    [InlineData(0, 1)]
    public void PcapNg_UnknownFirstShbVersion_Throws(int major, int minor)
    {
        var bytes = new NgBuilder().Shb(major: (ushort)major, minor: (ushort)minor).Idb(1).ToArray();
        var e = Assert.Throws<CaptureFileException>(() => CaptureFile.Open(bytes, "v.pcapng"));
        Assert.Equal($"dissect: v.pcapng: pcapng: unknown SHB version {major}.{minor}", e.Message);
    }

    [Fact]
    public void PcapNg_UnknownLaterShbVersion_StopsWithWarning()
    {
        var b = new NgBuilder().Shb().Idb(1).Epb(0, 1, Bytes.Seq(4));
        long second = b.ToArray().Length;
        b.Shb(major: 2).Idb(1).Epb(0, 2, Bytes.Seq(4));
        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        Assert.Single(r.Frames);
        Assert.Equal($"pcapng: unknown SHB version 2.0 (section at offset {second}): 1 packet read", r.Warning);
    }

    [Fact]
    public void PcapNg_ShbOptionTooLong_Throws()
    {
        var b = new NgBuilder();
        byte[] body = [.. b.U32(0x1A2B3C4D), .. b.U16(1), .. b.U16(0), .. b.U64(ulong.MaxValue), .. b.U16(1), .. b.U16(12336), 0x30, 0x30, 0x30, 0x30];
        var bytes = b.Block(0x0A0D0D0A, body).ToArray();
        var e = Assert.Throws<CaptureFileException>(() => CaptureFile.Open(bytes, "s.pcapng"));
        Assert.Equal("dissect: s.pcapng: malformed block at offset 0: section header block: option 1 of length 12336 does not fit in the 4 bytes left", e.Message);
    }

    public static TheoryData<string, string> MalformedCases => new()
    {
        { "length-not-multiple-of-4", "malformed block at offset {0}: block length 46 is not a multiple of 4: 1 packet read" },
        { "length-below-12", "malformed block at offset {0}: block length 8 is less than 12: 1 packet read" },
        { "trailer-mismatch", "malformed block at offset {0}: block length 48 at the start and 44 at the end disagree: 1 packet read" },
        { "caplen-past-block", "malformed block at offset {0}: packet 2 has a captured length of 100 bytes but the block holds 16: 1 packet read" },
        { "interface-out-of-range", "packet 2 (offset {0}) refers to interface 3, but its section has 1 interface: 1 packet read" },
        { "epb-option-too-long", "malformed block at offset {0}: packet 2: option 1 of length 200 does not fit in the 4 bytes left: 1 packet read" },
        { "caplen-over-limit", "packet 2 (offset {0}) has a captured length of 300000 bytes, more than the maximum of 262144: 1 packet read" },
        { "idb-option-too-long", "malformed block at offset {0}: interface description block: option 2 of length 100 does not fit in the 4 bytes left: 1 packet read" },
        { "epb-too-short", "malformed block at offset {0}: enhanced packet block length 28 is less than 32: 1 packet read" },
    };

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void PcapNg_DamagedBlock_StopsWithWarningKeepingEarlierPackets(string kind, string warning)
    {
        var b = new NgBuilder().Shb().Idb(1).Epb(0, 1_000_000, Bytes.Seq(16));
        long at = b.ToArray().Length;
        switch (kind)
        {
            case "length-not-multiple-of-4": b.Block(6, [.. b.U32(0), .. b.U32(0), .. b.U32(2), .. b.U32(16), .. b.U32(16), .. Bytes.Seq(16)], length: 46); break;
            case "length-below-12": b.Raw([.. b.U32(6), .. b.U32(8), .. b.U32(8)]); break;
            case "trailer-mismatch": b.Block(6, [.. b.U32(0), .. b.U32(0), .. b.U32(2), .. b.U32(16), .. b.U32(16), .. Bytes.Seq(16)], trailer: 44); break;
            case "caplen-past-block": b.Epb(0, 2, Bytes.Seq(16), captured: 100); break;
            case "interface-out-of-range": b.Epb(3, 2, Bytes.Seq(16)); break;
            case "epb-option-too-long": b.Block(6, [.. b.U32(0), .. b.U32(0), .. b.U32(2), .. b.U32(16), .. b.U32(16), .. Bytes.Seq(16), .. b.U16(1), .. b.U16(200), 1, 2, 3, 4]); break;
            case "caplen-over-limit": b.Epb(0, 2, new byte[300_000]); break;
            case "idb-option-too-long": b.Block(1, [.. b.U16(1), .. b.U16(0), .. b.U32(0), .. b.U16(2), .. b.U16(100), 1, 2, 3, 4]); break;
            case "epb-too-short": b.Block(6, [.. b.U32(0), .. b.U32(0), .. b.U32(2), .. b.U32(0)]); break;
        }
        b.Epb(0, 3_000_000, Bytes.Seq(16));   // never reached
        var r = Read.All(b.ToArray());
        using var _ = r.Source;
        Assert.Single(r.Frames);
        Assert.Equal(string.Format(warning, at), r.Warning);
        Assert.False(r.Source.TryRead(out var _));   // stays stopped
    }

    [Fact]
    public void PcapNg_CutInsideAnInterfaceBlock_NamesTheBlock()
    {
        var full = new NgBuilder().Shb().Idb(1, 0, (2, NgBuilder.Text("eth0"))).ToArray();
        var r = Read.All(full[..40]);
        using var _ = r.Source;
        Assert.Empty(r.Frames);
        Assert.Equal("file appears to be cut short in the middle of an interface description block (offset 28): 0 packets read", r.Warning);
    }

    [Fact]
    public void PcapNg_SpbBeforeAnyIdb_StopsWithWarning()
    {
        var r = Read.All(new NgBuilder().Shb().Spb(4, Bytes.Seq(4)).Idb(1).Epb(0, 1, Bytes.Seq(4)).ToArray());
        using var _ = r.Source;
        Assert.Empty(r.Frames);
        Assert.Equal("packet 1 (offset 28) is a simple packet block before any interface description block in its section: 0 packets read", r.Warning);
    }

    [Fact]
    public void PcapNg_EpbOnInterfaceOfEarlierSection_IsRefused()
    {
        // Section 2 has no IDB yet: interface 0 of section 1 must not be used.
        var r = Read.All(new NgBuilder().Shb().Idb(1).Epb(0, 1, Bytes.Seq(4)).Shb().Epb(0, 2, Bytes.Seq(4)).ToArray());
        using var _ = r.Source;
        Assert.Single(r.Frames);
        Assert.Contains("refers to interface 0, but its section has 0 interfaces", r.Warning);
    }

    [Fact]
    public void PcapNg_CommentIsDecodedOnlyForThePacketLastReturned()
    {
        var b = new NgBuilder().Shb().Idb(1);
        b.Epb(0, 1, Bytes.Seq(4), null, null, (1, NgBuilder.Text("first")));
        b.Epb(0, 2, Bytes.Seq(4));
        using var src = CaptureFile.Open(b.ToArray(), "c");
        Assert.Null(src.CurrentComment);
        Assert.True(src.TryRead(out _));
        Assert.Equal("first", src.CurrentComment);
        Assert.Same(src.CurrentComment, src.CurrentComment);
        Assert.True(src.TryRead(out _));
        Assert.Null(src.CurrentComment);
    }
}
