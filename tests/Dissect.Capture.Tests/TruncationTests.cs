using Xunit.Abstractions;
namespace Dissect.Capture.Tests;

/// <summary>Cut valid files at every length: Open throws only while the file header is incomplete, and reading
/// returns exactly the packets that are whole, with a warning exactly when the cut falls inside a record.</summary>
public class TruncationTests(ITestOutputHelper output)
{
    static NgBuilder MultiSection()
    {
        var b = new NgBuilder();
        b.Shb(false, options: [(4, NgBuilder.Text("app"))]);
        b.Block(4, [.. b.U16(1), .. b.U16(8), 10, 0, 0, 1, .. NgBuilder.Text("host"), .. b.U32(0)]);
        b.Idb(1, 0, (2, NgBuilder.Text("eth0")), (9, [9]));
        b.Idb(0, 0);
        b.Epb(0, 1_000_000_001, Bytes.Seq(21, 1), null, null, (1, NgBuilder.Text("hello")));
        b.Spb(30, Bytes.Seq(30, 2));
        b.Block(5, [.. b.U32(0), .. b.U32(0), .. b.U32(1)]);
        b.Shb(true);
        b.Idb(101, 64, (9, [0x8A]));
        b.Block(0x0BAD, [.. b.U32(32473), 1, 2, 3, 4]);
        b.Pb(0, 5000, Bytes.Seq(17, 3), 40);
        b.Epb(0, 6000, Bytes.Seq(3, 4));
        return b;
    }

    [Fact]
    public void PcapNg_CutAtEveryLength_KeepsWholePacketsAndWarnsInsideBlocks()
    {
        var b = MultiSection();
        var full = b.ToArray();
        var reference = Read.All(full);
        using var _ = reference.Source;
        Assert.Equal(4, reference.Frames.Count);
        Assert.Null(reference.Warning);
        Sweep(full, b.FirstShbEnd, b.BlockEnds, b.PacketEnds, reference);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Pcap_CutAtEveryLength_KeepsWholePacketsAndWarnsInsideRecords(bool big, bool nano)
    {
        var b = new PcapBuilder(big, nano).Record(1, 2, Bytes.Seq(60)).Record(3, 4, Bytes.Seq(0)).Record(5, 6, Bytes.Seq(7, 1)).Record(7, 8, Bytes.Seq(33, 2));
        var full = b.ToArray();
        var reference = Read.All(full);
        using var _ = reference.Source;
        Assert.Equal(4, reference.Frames.Count);
        Sweep(full, 24, b.RecordEnds, b.RecordEnds, reference);
    }

    [Fact]
    public void Pcap_CutAtEveryLength_ThroughTheMappedFile()
    {
        var b = new PcapBuilder().Record(1, 2, Bytes.Seq(40)).Record(3, 4, Bytes.Seq(9));
        var full = b.ToArray();
        var dir = Directory.CreateTempSubdirectory("dissect-cut-");
        try
        {
            for (int cut = 0; cut <= full.Length; cut++)
            {
                string p = Path.Combine(dir.FullName, cut + ".pcap");
                File.WriteAllBytes(p, full[..cut]);
                IPacketSource src;
                try { src = CaptureFile.Open(p); }
                catch (CaptureFileException)
                {
                    Assert.True(cut < 24, $"cut {cut}: Open threw after the header was complete");
                    continue;
                }
                var r = Read.All(src);
                using (src)
                {
                    int whole = b.RecordEnds.Count(e => e <= cut);
                    Assert.Equal(whole, r.Frames.Count);
                    Assert.Equal(cut != 24 && !b.RecordEnds.Contains(cut), r.Warning is not null);
                }
            }
        }
        finally { dir.Delete(true); }
    }

    void Sweep(byte[] full, long headerEnd, List<long> blockEnds, List<long> packetEnds, Read.Result reference)
    {
        int warned = 0;
        for (int cut = 0; cut <= full.Length; cut++)
        {
            var bytes = full[..cut];
            IPacketSource src;
            try
            {
                src = CaptureFile.Open(bytes, "cut");
            }
            catch (CaptureFileException e)
            {
                Assert.True(cut < headerEnd, $"cut {cut}: Open threw although the file header ({headerEnd} bytes) is whole: {e.Message}");
                Assert.DoesNotContain('\n', e.Message);
                continue;
            }
            Assert.True(cut >= headerEnd, $"cut {cut}: Open accepted an incomplete file header");
            using (src)
            {
                var r = Read.All(src);
                int whole = packetEnds.Count(e => e <= cut);
                Assert.True(whole == r.Frames.Count, $"cut {cut}: {r.Frames.Count} frames, expected {whole} ({r.Warning})");
                for (int i = 0; i < whole; i++)
                {
                    Assert.Equal(reference.Frames[i].Time, r.Frames[i].Time);
                    Assert.Equal(reference.Frames[i].InterfaceId, r.Frames[i].InterfaceId);
                    Assert.Equal(reference.Frames[i].OriginalLength, r.Frames[i].OriginalLength);
                    Assert.Equal(reference.Frames[i].Data.ToArray(), r.Frames[i].Data.ToArray());
                    Assert.Equal(reference.Comments[i], r.Comments[i]);
                }
                bool clean = cut == headerEnd || blockEnds.Contains(cut);
                Assert.True(clean == (r.Warning is null), $"cut {cut}: warning {r.Warning ?? "(none)"}, expected {(clean ? "none" : "one")}");
                if (r.Warning is not null)
                {
                    warned++;
                    Assert.DoesNotContain('\n', r.Warning);
                    Assert.Contains("cut short", r.Warning);
                }
            }
        }
        output.WriteLine($"{full.Length + 1} cuts, {warned} with a warning");
    }
}
