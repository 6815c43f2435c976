using Dissect.Core;

namespace Dissect.Capture.Tests;

public class WriterTests
{
    [Fact]
    public void Pcap_Writer_WritesTheExactBytes()
    {
        var ms = new MemoryStream();
        using (var w = CaptureWriter.CreatePcap(ms, 1, 65535))
            w.Write(new Frame(1, new Timestamp(0x01020304, 5_006_000), 3, 9, 1, 0, 0, new byte[] { 0xAA, 0xBB, 0xCC }), "dropped");
        byte[] expected =
        [
            0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0,
            4, 3, 2, 1, 0x8E, 0x13, 0, 0, 3, 0, 0, 0, 9, 0, 0, 0, 0xAA, 0xBB, 0xCC,
        ];
        Assert.Equal(expected, ms.ToArray());
    }

    [Fact]
    public void Pcap_Writer_Nanosecond_RoundTrips()
    {
        var ms = new MemoryStream();
        using (var w = CaptureWriter.CreatePcap(ms, 113, 200, nanosecond: true))
        {
            w.Write(new Frame(1, new Timestamp(10, 123_456_789), 4, 4, 113, 0, 0, Bytes.Seq(4)));
            w.Write(new Frame(2, new Timestamp(11, 1), 5, 50, 113, 0, 0, Bytes.Seq(5)));
        }
        Assert.Equal([0x4D, 0x3C, 0xB2, 0xA1], ms.ToArray()[..4]);
        var r = Read.All(ms.ToArray());
        using var _ = r.Source;
        Assert.Equal([new Timestamp(10, 123_456_789), new Timestamp(11, 1)], r.Frames.Select(f => f.Time));
        Assert.Equal([4, 50], r.Frames.Select(f => f.OriginalLength));
        Assert.Equal(200, r.Source.Interfaces[0].SnapLength);
        Assert.Equal(113, r.Source.Interfaces[0].LinkType);
    }

    [Theory]
    [InlineData(false, false, 2, 4)]
    [InlineData(true, true, 2, 4)]
    [InlineData(false, false, 2, 2)]
    public void Pcap_ReadThenWriteWithTheSameHeader_IsByteIdentical(bool big, bool nano, int major, int minor)
    {
        // Before 2.3 the record header held the original length first.
        bool swapped = minor < 3;
        var original = new PcapBuilder(big, nano, (ushort)major, (ushort)minor, snap: 1000, linkType: 0x30000001, thisZone: -3600, sigFigs: 7)
            .Record(1, 999_999, Bytes.Seq(60), original: swapped ? 60u : 70u, captured: swapped ? 70u : 60u)
            .Record(2, 0, Bytes.Seq(0))
            .Record(3, 1_000_001, Bytes.Seq(5))   // an invalid fraction is written back as it was read
            .ToArray();
        Assert.Equal(original, RoundTripPcap(original, out var warning));
        Assert.Null(warning);
    }

    /// <summary>Reads a pcap and writes every frame back with the reader's header.</summary>
    internal static byte[] RoundTripPcap(byte[] bytes, out string? warning)
    {
        using var src = (PcapReader)CaptureFile.Open(bytes, "rt");
        var ms = new MemoryStream();
        using (var w = CaptureWriter.CreatePcap(ms, src.Header))
            while (src.TryRead(out var f)) w.Write(f);
        warning = src.Warning;
        return ms.ToArray();
    }

    [Fact]
    public void Pcap_Writer_RefusesWhatPcapCannotHold()
    {
        using var w = CaptureWriter.CreatePcap(new MemoryStream(), 1);
        Assert.Throws<ArgumentException>(() => w.Write(new Frame(1, new Timestamp(1, 0), 1, 1, 101, 0, 0, new byte[1])));
        Assert.Throws<ArgumentException>(() => w.Write(new Frame(1, new Timestamp(1L << 32, 0), 1, 1, 1, 0, 0, new byte[1])));
        Assert.Throws<ArgumentException>(() => w.Write(new Frame(1, new Timestamp(-1, 0), 1, 1, 1, 0, 0, new byte[1])));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PcapNg_Writer_ReadsBackEqual(bool big)
    {
        CaptureInterface[] ifs =
        [
            new() { LinkType = 1, SnapLength = 0, Name = "eth0", Description = "wired", TicksPerSecond = 1_000_000_000, Filter = "tcp", OS = "Linux", Hardware = "nic", FcsLength = 0 },
            new() { LinkType = 0, SnapLength = 96, TicksPerSecond = 1024, TimestampOffsetSeconds = 1_600_000_000 },
            new() { LinkType = 101, SnapLength = 65535 },
        ];
        var frames = new[]
        {
            new Frame(1, new Timestamp(1_700_000_000, 123_456_789), 20, 20, 1, 0, 0, Bytes.Seq(20, 1)),
            new Frame(2, new Timestamp(1_600_000_005, 976_562), 13, 96, 0, 1, 0, Bytes.Seq(13, 2)),   // exactly 5 s + 1 tick
            new Frame(3, new Timestamp(1_600_000_006, 999_023_437), 1, 1, 0, 1, 0, Bytes.Seq(1, 3)), // 6 s + 1023 ticks
            new Frame(4, new Timestamp(42, 7_000), 0, 0, 101, 2, 0, Array.Empty<byte>()),
        };
        string?[] comments = ["first", null, "line1\nline2 ünïcode", null];

        var ms = new MemoryStream();
        using (var w = PcapNgWriter.Create(ms, new PcapNgSectionOptions { BigEndian = big, Hardware = "hw", OS = "os", Comments = ["sc"] }, ifs))
        {
            for (int i = 0; i < frames.Length; i++) w.Write(frames[i], comments[i]);
            w.WriteStatistics(0, 100, 3, new Timestamp(1_700_000_000, 0), new Timestamp(1_700_000_001, 5));
        }
        var bytes = ms.ToArray();
        var r = Read.All(bytes);
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal(frames.Select(f => f.Time), r.Frames.Select(f => f.Time));
        Assert.Equal(frames.Select(f => f.InterfaceId), r.Frames.Select(f => f.InterfaceId));
        Assert.Equal(frames.Select(f => f.LinkType), r.Frames.Select(f => f.LinkType));
        Assert.Equal(frames.Select(f => f.OriginalLength), r.Frames.Select(f => f.OriginalLength));
        Assert.Equal(frames.Select(f => f.Data.ToArray()), r.Frames.Select(f => f.Data.ToArray()));
        Assert.Equal(comments, r.Comments);
        var back = r.Source.Interfaces;
        Assert.Equal(ifs.Select(i => (i.LinkType, i.SnapLength, i.Name, i.Description, i.TicksPerSecond, i.TimestampOffsetSeconds, i.Filter, i.OS, i.Hardware, i.FcsLength)),
                     back.Select(i => (i.LinkType, i.SnapLength, i.Name, i.Description, i.TicksPerSecond, i.TimestampOffsetSeconds, i.Filter, i.OS, i.Hardware, i.FcsLength)));
        Assert.Equal([(byte?)9, (byte?)0x8A, null], back.Select(i => i.TimestampResolution));
        var section = Assert.Single(((PcapNgReader)r.Source).Sections);
        Assert.Equal((big, "hw", "os", "Dissect"), (section.BigEndian, section.Hardware, section.OS, section.Application));
        Assert.Equal(["sc"], section.Comments);
        // The ISB is the last block, with the statistics in the interface's units.
        Assert.Equal(5u, BlockTypes(bytes, big).Last());
        Assert.Equal([0x0A0D0D0Au, 1, 1, 1, 6, 6, 6, 6, 5], BlockTypes(bytes, big));
    }

    static List<uint> BlockTypes(byte[] bytes, bool big)
    {
        var types = new List<uint>();
        for (int p = 0; p < bytes.Length;)
        {
            uint t = big ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(p)) : BitConverter.ToUInt32(bytes, p);
            uint len = big ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(p + 4)) : BitConverter.ToUInt32(bytes, p + 4);
            types.Add(t);
            p += (int)len;
        }
        return types;
    }

    [Fact]
    public void PcapNg_Writer_StatisticsBlockHoldsTheCounters()
    {
        var ms = new MemoryStream();
        using (var w = CaptureWriter.CreatePcapNg(ms, [new CaptureInterface { LinkType = 1 }], application: null))
            w.WriteStatistics(0, 0x1122334455667788, 9, new Timestamp(1, 0), new Timestamp(2, 500_000));
        var bytes = ms.ToArray();
        // SHB without options is 28 bytes, IDB without options 20; the ISB follows.
        int isb = 28 + 20;
        Assert.Equal(5u, BitConverter.ToUInt32(bytes, isb));
        Assert.Equal(0u, BitConverter.ToUInt32(bytes, isb + 8));                       // interface
        ulong end = ((ulong)BitConverter.ToUInt32(bytes, isb + 12) << 32) | BitConverter.ToUInt32(bytes, isb + 16);
        Assert.Equal(2_000_500UL, end);
        // options: starttime(2), endtime(3), ifrecv(4), ifdrop(5), end
        int o = isb + 20;
        Assert.Equal((2, 8), (BitConverter.ToUInt16(bytes, o), BitConverter.ToUInt16(bytes, o + 2)));
        Assert.Equal(1_000_000UL, ((ulong)BitConverter.ToUInt32(bytes, o + 4) << 32) | BitConverter.ToUInt32(bytes, o + 8));
        Assert.Equal((4, 8), (BitConverter.ToUInt16(bytes, o + 24), BitConverter.ToUInt16(bytes, o + 26)));
        Assert.Equal(0x1122334455667788UL, BitConverter.ToUInt64(bytes, o + 28));
        Assert.Equal(9UL, BitConverter.ToUInt64(bytes, o + 40));
        Assert.Equal(bytes.Length, isb + (int)BitConverter.ToUInt32(bytes, isb + 4));
        var r = Read.All(bytes);
        using var _ = r.Source;
        Assert.Empty(r.Frames);
        Assert.Null(r.Warning);
        Assert.Null(Assert.Single(((PcapNgReader)r.Source).Sections).Application);
    }

    [Fact]
    public void PcapNg_Writer_NewSectionInOtherByteOrder_ReadsBackWithOffsetInterfaceIds()
    {
        var ms = new MemoryStream();
        using (var w = PcapNgWriter.Create(ms, new PcapNgSectionOptions(), [new CaptureInterface { LinkType = 1 }, new CaptureInterface { LinkType = 0 }]))
        {
            w.Write(new Frame(1, new Timestamp(1, 0), 4, 4, 1, 1, 0, Bytes.Seq(4)));
            w.StartSection([new CaptureInterface { LinkType = 101, TicksPerSecond = 1_000_000_000 }], new PcapNgSectionOptions { BigEndian = true, Application = "second" });
            w.Write(new Frame(2, new Timestamp(2, 2), 5, 5, 101, 0, 0, Bytes.Seq(5)), "in section 2");
        }
        var r = Read.All(ms.ToArray());
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal([1, 2], r.Frames.Select(f => f.InterfaceId));
        Assert.Equal([0, 101], r.Frames.Select(f => f.LinkType));
        Assert.Equal(new Timestamp(2, 2), r.Frames[1].Time);
        Assert.Equal([null, "in section 2"], r.Comments);
        Assert.Equal([false, true], ((PcapNgReader)r.Source).Sections.Select(s => s.BigEndian));
    }

    [Fact]
    public void PcapNg_Writer_RefusesUnknownInterfaceAndUnwritableTimes()
    {
        using var w = CaptureWriter.CreatePcapNg(new MemoryStream(), [new CaptureInterface { LinkType = 1, TimestampOffsetSeconds = 100 }]);
        Assert.Throws<ArgumentException>(() => w.Write(new Frame(1, new Timestamp(200, 0), 1, 1, 1, 3, 0, new byte[1])));
        Assert.Throws<ArgumentException>(() => w.Write(new Frame(1, new Timestamp(99, 0), 1, 1, 1, 0, 0, new byte[1])));
        Assert.Throws<ArgumentException>(() => CaptureWriter.CreatePcapNg(new MemoryStream(), [new CaptureInterface { LinkType = 1, TicksPerSecond = 3 }]));
    }

    [Fact]
    public void Create_ChoosesTheFormatByExtension()
    {
        var dir = Directory.CreateTempSubdirectory("dissect-w-");
        try
        {
            CaptureInterface[] ifs = [new() { LinkType = 1, SnapLength = 128, TicksPerSecond = 1_000_000_000 }];
            var frame = new Frame(1, new Timestamp(5, 123_456_789), 3, 3, 1, 0, 0, Bytes.Seq(3));
            foreach (var (name, format) in new[] { ("a.pcapng", CaptureFormat.PcapNg), ("a.PCAPNG", CaptureFormat.PcapNg), ("a.pcap", CaptureFormat.Pcap), ("a.cap", CaptureFormat.Pcap) })
            {
                string p = Path.Combine(dir.FullName, name);
                using (var w = CaptureWriter.Create(p, ifs)) w.Write(frame, "c");
                using var src = CaptureFile.Open(p);
                Assert.Equal(format, src.Format);
                Assert.True(src.TryRead(out var f));
                Assert.Equal(frame.Time, f.Time);   // nanosecond pcap when the interface counts nanoseconds
                Assert.Equal(format == CaptureFormat.PcapNg ? "c" : null, src.CurrentComment);
                Assert.Equal(128, src.Interfaces[0].SnapLength);
            }
            Assert.Throws<ArgumentException>(() => CaptureWriter.Create(Path.Combine(dir.FullName, "b.pcap"),
                [new CaptureInterface { LinkType = 1 }, new CaptureInterface { LinkType = 0 }]));
        }
        finally { dir.Delete(true); }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(1000UL)]
    [InlineData(1_000_000UL)]
    [InlineData(1_000_000_000UL)]
    [InlineData(1024UL)]
    [InlineData(1UL << 20)]
    [InlineData(1UL << 29)]
    [InlineData(3UL)]
    [InlineData(7_000_000UL)]
    public void Timestamps_ReadAtAResolution_WriteBackToTheSameTick(ulong ticksPerSecond)
    {
        var rng = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            ulong ticks = (ulong)rng.NextInt64(0, long.MaxValue / 2) % (ticksPerSecond * 4_000_000_000UL);
            var t = TimestampMath.FromUnits(ticks, ticksPerSecond, 0);
            Assert.True(TimestampMath.TryToUnits(t, ticksPerSecond, 0, out ulong back));
            Assert.True(ticks == back, $"{ticks} ticks at {ticksPerSecond}/s read as {t} and wrote back as {back}");
        }
    }

    [Fact]
    public void Timestamps_FinerThanNanoseconds_AreTruncatedExactly()
    {
        // 10^-18 s and 2^-62 s units with values whose products overflow 64 bits.
        Assert.Equal(new Timestamp(9, 223_372_036), TimestampMath.FromUnits(9_223_372_036_854_775_807, 1_000_000_000_000_000_000, 0));
        Assert.Equal(new Timestamp(3, 999_999_999), TimestampMath.FromUnits(ulong.MaxValue, 1UL << 62, 0));
        Assert.True(TimestampMath.TryMulDiv(ulong.MaxValue - 1, 1_000_000_000, ulong.MaxValue, out ulong q));
        Assert.Equal(999_999_999UL, q);
    }
}
