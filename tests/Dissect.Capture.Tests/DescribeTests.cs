using Dissect.Core;

namespace Dissect.Capture.Tests;

public class DescribeTests
{
    [Fact]
    public void Describe_PcapNg_SummarizesLikeCapinfos()
    {
        var ms = new MemoryStream();
        using (var w = PcapNgWriter.Create(ms, new PcapNgSectionOptions { Hardware = "hw", OS = "os", Application = "app", Comments = ["hello"] },
                   [new CaptureInterface { LinkType = 1, Name = "eth0" }, new CaptureInterface { LinkType = 0 }, new CaptureInterface { LinkType = 1 }]))
        {
            w.Write(new Frame(1, new Timestamp(100, 0), 10, 60, 1, 0, 0, Bytes.Seq(10)), "c1");
            w.Write(new Frame(2, new Timestamp(99, 5_000), 20, 20, 0, 1, 0, Bytes.Seq(20)));
            w.Write(new Frame(3, new Timestamp(101, 0), 30, 40, 1, 0, 0, Bytes.Seq(30)), "c3");
        }
        string p = Path.Combine(Path.GetTempPath(), $"dissect-describe-{Guid.NewGuid():N}.pcapng");
        File.WriteAllBytes(p, [.. ms.ToArray(), 1, 2, 3]);   // cut-short tail
        try
        {
            var info = CaptureFile.Describe(p);
            Assert.Equal(CaptureFormat.PcapNg, info.Format);
            Assert.Equal("Wireshark/... - pcapng", info.FileType);
            Assert.Equal(3, info.PacketCount);
            Assert.Equal(120, info.DataBytes);
            Assert.Equal(60, info.CapturedBytes);
            Assert.Equal(ms.Length + 3, info.FileSize);
            Assert.Equal(new Timestamp(100, 0), info.FirstTime);
            Assert.Equal(new Timestamp(101, 0), info.LastTime);
            Assert.Equal(new Timestamp(99, 5_000), info.EarliestTime);
            Assert.False(info.StrictTimeOrder);
            Assert.Equal((10, 30), info.InferredSnapLength);
            Assert.Equal([2L, 1, 0], info.Interfaces.Select(i => i.Packets));
            Assert.Equal([(1, 2L), (0, 1L)], info.Encapsulations.Select(e => (e.LinkType, e.Packets)));
            Assert.Equal(["Ethernet", "NULL/Loopback"], info.Encapsulations.Select(e => e.Description));
            Assert.Equal([(1L, "c1"), (3L, "c3")], info.PacketComments.Select(c => (c.FrameNumber, c.Text)));
            var s = Assert.Single(info.Sections);
            Assert.Equal(("hw", "os", "app"), (s.Hardware, s.OS, s.Application));
            Assert.Equal(["hello"], s.Comments);
            Assert.Null(info.SnapLength);
            Assert.Equal($"file appears to be cut short in the middle of a block header (offset {ms.Length}): 3 packets read", info.Warning);
        }
        finally { File.Delete(p); }
    }

    [Theory]
    [InlineData(false, "Wireshark/tcpdump/... - pcap")]
    [InlineData(true, "Wireshark/tcpdump/... - nanosecond pcap")]
    public void Describe_Pcap_NamesTheFileTypeLikeCapinfos(bool nano, string type)
    {
        string p = Path.Combine(Path.GetTempPath(), $"dissect-describe-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(p, new PcapBuilder(nano: nano, snap: 1500, linkType: 113).Record(5, 6, Bytes.Seq(10)).Record(7, 8, Bytes.Seq(12)).ToArray());
        try
        {
            var info = CaptureFile.Describe(p);
            Assert.Equal(type, info.FileType);
            Assert.Equal(1500, info.SnapLength);
            Assert.Equal(2, info.PacketCount);
            Assert.True(info.StrictTimeOrder);
            Assert.Null(info.InferredSnapLength);
            Assert.Equal("Linux cooked-mode capture v1", Assert.Single(info.Encapsulations).Description);
            Assert.Empty(info.Sections);
            Assert.Null(info.Warning);
        }
        finally { File.Delete(p); }
    }
}
