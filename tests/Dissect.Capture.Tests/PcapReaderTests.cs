using Dissect.Core;

namespace Dissect.Capture.Tests;

public class PcapReaderTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Pcap_BothByteOrdersAndResolutions_ReadFramesExactly(bool big, bool nano)
    {
        var a = Bytes.Seq(60, 1);
        var b = Bytes.Seq(41, 2);
        var bytes = new PcapBuilder(big, nano, snap: 96, linkType: 113)
            .Record(1_400_000_000, nano ? 123_456_789u : 123_456u, a, original: 60)
            .Record(1_400_000_001, nano ? 5u : 999_999u, b, original: 1514)
            .ToArray();

        var r = Read.All(bytes);
        using var _ = r.Source;
        Assert.Null(r.Warning);
        Assert.Equal(CaptureFormat.Pcap, r.Source.Format);
        Assert.Equal(2, r.Frames.Count);
        var f1 = r.Frames[0];
        Assert.Equal(1, f1.Number);
        Assert.Equal(new Timestamp(1_400_000_000, nano ? 123_456_789u : 123_456_000u), f1.Time);
        Assert.Equal(60, f1.CapturedLength);
        Assert.Equal(60, f1.OriginalLength);
        Assert.Equal(113, f1.LinkType);
        Assert.Equal(0, f1.InterfaceId);
        Assert.Equal(24, f1.FileOffset);
        Assert.Equal(a, f1.Data.ToArray());
        var f2 = r.Frames[1];
        Assert.Equal(2, f2.Number);
        Assert.Equal(new Timestamp(1_400_000_001, nano ? 5u : 999_999_000u), f2.Time);
        Assert.Equal(41, f2.CapturedLength);
        Assert.Equal(1514, f2.OriginalLength);
        Assert.Equal(24 + 16 + 60, f2.FileOffset);
        Assert.Equal(b, f2.Data.ToArray());
        var i = Assert.Single(r.Source.Interfaces);
        Assert.Equal(113, i.LinkType);
        Assert.Equal(96, i.SnapLength);
        Assert.Equal(nano ? 1_000_000_000 : 1_000_000, i.TicksPerSecond);
        var h = ((PcapReader)r.Source).Header;
        Assert.Equal(big, h.BigEndian);
        Assert.Equal(nano, h.Nanosecond);
    }

    [Fact]
    public void Pcap_FcsBitsInLinkType_AreKeptOutOfTheLinkType()
    {
        // 0x30000001: FCS length nibble 3 without the P flag (as in tcp_header_heapoverflow.pcap); 0x14000001: P flag, 1 word.
        var r = Read.All(new PcapBuilder(linkType: 0x30000001).Record(1, 0, Bytes.Seq(20)).ToArray());
        using (r.Source)
        {
            Assert.Null(r.Warning);
            Assert.Equal(1, Assert.Single(r.Frames).LinkType);
            Assert.Equal(-1, r.Source.Interfaces[0].FcsLength);
        }
        var r2 = Read.All(new PcapBuilder(linkType: 0x14000001).Record(1, 0, Bytes.Seq(20)).ToArray());
        using (r2.Source)
        {
            Assert.Equal(1, Assert.Single(r2.Frames).LinkType);
            Assert.Equal(2, r2.Source.Interfaces[0].FcsLength);
        }
    }

    [Fact]
    public void Pcap_ReservedLinkTypeBits_AreRejectedLikeTshark()
    {
        var e = Assert.Throws<CaptureFileException>(() => CaptureFile.Open(new PcapBuilder(linkType: 0x00300000).ToArray(), "r.pcap"));
        Assert.Equal("dissect: r.pcap: pcap: network type reserved field not zero (0x00300000)", e.Message);
    }

    [Theory]
    [InlineData(1, 0, "pcap: major version 1 unsupported")]
    [InlineData(3, 0, "pcap: major version 3 unsupported")]
    public void Pcap_UnsupportedVersion_Throws(int major, int minor, string reason)
    {
        var bytes = new PcapBuilder(major: (ushort)major, minor: (ushort)minor).Record(1, 0, Bytes.Seq(10)).ToArray();
        var e = Assert.Throws<CaptureFileException>(() => CaptureFile.Open(bytes, "v.pcap"));
        Assert.Equal("dissect: v.pcap: " + reason, e.Message);
    }

    [Fact]
    public void Pcap_Version22_HasItsLengthsSwapped_AsLibpcapReadsIt()
    {
        // Before 2.3 the record header held the original length first; wiretap and libpcap swap them back.
        var data = Bytes.Seq(40);
        var bytes = new PcapBuilder(minor: 2).Record(7, 0, data, original: 40, captured: 60).ToArray();   // fields: caplen=60 (really len), len=40 (really caplen)
        var r = Read.All(bytes);
        using var _ = r.Source;
        var f = Assert.Single(r.Frames);
        Assert.Null(r.Warning);
        Assert.Equal(40, f.CapturedLength);
        Assert.Equal(60, f.OriginalLength);
    }

    [Fact]
    public void Pcap_Version25_IsReadLikeTsharkDoes()
    {
        var r = Read.All(new PcapBuilder(minor: 5).Record(7, 0, Bytes.Seq(12)).ToArray());
        using var _ = r.Source;
        Assert.Single(r.Frames);
        Assert.Null(r.Warning);
    }

    [Fact]
    public void Pcap_CapturedLengthBeyondTheLimit_StopsWithWarningKeepingEarlierPackets()
    {
        // snaplen 20: the limit is max(snaplen, 262144), as libpcap and wiretap allow.
        var bytes = new PcapBuilder(snap: 20).Record(1, 0, Bytes.Seq(60)).Record(2, 0, new byte[300_000]).Record(3, 0, Bytes.Seq(5)).ToArray();
        var r = Read.All(bytes);
        using var _ = r.Source;
        Assert.Single(r.Frames);
        Assert.Equal("packet 2 (offset 100) has a captured length of 300000 bytes, more than the maximum of 262144: 1 packet read", r.Warning);
    }

    [Fact]
    public void Pcap_CapturedLengthAboveSnaplenButWithinLimit_IsRead()
    {
        var r = Read.All(new PcapBuilder(snap: 20).Record(1, 0, Bytes.Seq(60)).ToArray());
        using var _ = r.Source;
        Assert.Equal(60, Assert.Single(r.Frames).CapturedLength);
        Assert.Null(r.Warning);
    }

    [Fact]
    public void Pcap_DbusAllowsLargerRecords()
    {
        var r = Read.All(new PcapBuilder(snap: 20, linkType: 231).Record(1, 0, new byte[300_000]).ToArray());
        using var _ = r.Source;
        Assert.Equal(300_000, Assert.Single(r.Frames).CapturedLength);
    }

    [Fact]
    public void Pcap_InvalidFraction_IsKeptAsWrittenLikeTsharkAndTcpdump()
    {
        // timestamp_invalid_nano.pcap style: tshark prints 1418145370.1000000000, tcpdump "10.1000000000 (invalid ns)".
        var bytes = new PcapBuilder(nano: true)
            .Record(1418145370, 1_000_000_000, Bytes.Seq(4))
            .Record(1418145370, 0x80000000, Bytes.Seq(4))
            .ToArray();
        var r = Read.All(bytes);
        using var _ = r.Source;
        Assert.Equal("1418145370.1000000000", Read.Epoch(r.Frames[0].Time));
        Assert.Equal("1418145370.2147483648", Read.Epoch(r.Frames[1].Time));
        // Microseconds: 1,500,000 µs stays as 1.5e9 ns (tshark: 1.1500000000); too big for 32 bits is carried.
        var us = Read.All(new PcapBuilder().Record(1, 1_500_000, Bytes.Seq(4)).Record(1, uint.MaxValue, Bytes.Seq(4)).ToArray());
        using var __ = us.Source;
        Assert.Equal("1.1500000000", Read.Epoch(us.Frames[0].Time));
        Assert.Equal("4295.967295000", Read.Epoch(us.Frames[1].Time));
    }

    [Fact]
    public void Pcap_SecondsAreUnsigned()
    {
        var r = Read.All(new PcapBuilder().Record(uint.MaxValue, 999_999, Bytes.Seq(4)).ToArray());
        using var _ = r.Source;
        Assert.Equal("4294967295.999999000", Read.Epoch(Assert.Single(r.Frames).Time));
    }

    [Fact]
    public void Pcap_TrailingBytesShorterThanARecordHeader_WarnCutShort()
    {
        var r = Read.All(new PcapBuilder().Record(1, 0, Bytes.Seq(10)).Raw([1, 2, 3]).ToArray());
        using var _ = r.Source;
        Assert.Single(r.Frames);
        Assert.Equal("file appears to be cut short in the middle of packet 2 (offset 50): 1 packet read", r.Warning);
    }

    [Fact]
    public void Pcap_EmptyAfterHeader_HasNoPacketsAndNoWarning()
    {
        var r = Read.All(new PcapBuilder().ToArray());
        using var _ = r.Source;
        Assert.Empty(r.Frames);
        Assert.Null(r.Warning);
        Assert.False(r.Source.TryRead(out var _));
        Assert.Null(r.Warning);
    }
}
