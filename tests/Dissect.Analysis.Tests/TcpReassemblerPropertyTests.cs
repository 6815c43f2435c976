using Dissect.Core.Flow;
using Dissect.Analysis.Reassembly;

namespace Dissect.Analysis.Tests;

/// <summary>Reassembly properties (STYLE.md): cut a stream of PDUs at every boundary, permute, duplicate, overlap:
/// the same PDUs come out; a missing segment gives exactly one explicit gap and no invented bytes.</summary>
public class TcpReassemblerPropertyTests
{
    public static TheoryData<string> Framers => new() { "line", "length" };

    static IPduFramer FramerOf(string name) => name == "line" ? LineFramer.Instance : LengthPrefixedFramer.Instance;

    static List<byte[]> Pdus(string framer, Random rng, int count, int maxLen)
        => framer == "line" ? Streams.Lines(rng, count, maxLen) : Streams.LengthPrefixed(rng, count, maxLen);

    static uint RandomIsn(Random rng) => rng.Next(3) switch
    {
        0 => uint.MaxValue - (uint)rng.Next(0, 64),     // wraps inside the stream
        1 => (uint)rng.Next(),
        _ => 0,
    };

    static Run Play(string framer, uint isn, IEnumerable<Seg> data, long finAt, TcpReassemblyOptions? options = null)
    {
        var run = new Run(FramerOf(framer), isn, options);
        run.Feed(Run.Syn);
        run.FeedAll(data);
        run.Feed(Run.Fin(finAt));
        run.Finish();
        return run;
    }

    [Theory, MemberData(nameof(Framers))]
    public void Stream_EveryOneAndTwoCutPoints_AllPermutations_SamePdus(string framer)
    {
        var rng = new Random(1);
        var pdus = Pdus(framer, rng, 4, 5);
        var stream = Streams.Concat(pdus);
        int runs = 0;
        for (int i = 0; i <= stream.Length; i++)
        for (int j = i; j <= stream.Length; j++)
        {
            var segs = Run.Cut(stream, [i, j]);
            foreach (var perm in Perm.All(segs.Count))
            {
                var run = Play(framer, RandomIsn(rng), perm.Select(k => segs[k]), stream.Length);
                run.AssertClean(pdus, stream);
                runs++;
            }
        }
        Assert.True(runs > 400, $"only {runs} runs");
    }

    [Theory, MemberData(nameof(Framers))]
    public void Stream_RandomCuttingsIntoUpToSixSegments_AllPermutationsAndFinAnywhere_SamePdus(string framer)
    {
        var rng = new Random(2);
        for (int iter = 0; iter < 25; iter++)
        {
            var pdus = Pdus(framer, rng, rng.Next(1, 6), 8);
            var stream = Streams.Concat(pdus);
            int nseg = Math.Min(6, stream.Length);
            var cuts = Enumerable.Range(1, stream.Length - 1).OrderBy(_ => rng.Next()).Take(nseg - 1).Order().ToArray();
            var segs = Run.Cut(stream, cuts);
            segs.Add(Run.Fin(stream.Length));          // the FIN is permuted too
            uint isn = RandomIsn(rng);
            foreach (var perm in Perm.All(segs.Count))
            {
                var run = new Run(FramerOf(framer), isn);
                run.Feed(Run.Syn);
                run.FeedAll(perm.Select(k => segs[k]));
                run.Finish();
                run.AssertClean(pdus, stream);
            }
        }
    }

    [Theory, MemberData(nameof(Framers))]
    public void Stream_LargeRandomCuttings_ShuffledDuplicatedOverlapping_SamePdus(string framer)
    {
        var rng = new Random(3);
        for (int iter = 0; iter < 150; iter++)
        {
            var pdus = Pdus(framer, rng, 150, 40);
            var stream = Streams.Concat(pdus);
            var segs = Run.RandomCut(rng, stream, rng.Next(1, 80));
            // Duplicates and same-data overlaps.
            int extra = segs.Count / 5;
            for (int k = 0; k < extra; k++)
            {
                if (rng.Next(2) == 0) segs.Add(segs[rng.Next(segs.Count)]);
                else
                {
                    int a = rng.Next(stream.Length), b = Math.Min(stream.Length, a + rng.Next(1, 120));
                    segs.Add(new Seg(a, stream[a..b]));
                }
            }
            // Reorder: either a full shuffle or local reordering (as on a real path).
            if (iter % 2 == 0) Perm.Shuffle(rng, segs);
            else
                for (int k = 0; k + 1 < segs.Count; k++)
                    if (rng.Next(4) == 0) (segs[k], segs[k + 1]) = (segs[k + 1], segs[k]);
            var run = Play(framer, RandomIsn(rng), segs, stream.Length);
            run.AssertClean(pdus, stream);
        }
    }

    [Theory, MemberData(nameof(Framers))]
    public void Stream_ConflictingOverlapAfterTheOriginal_FirstDataKept_AnomalyWithItsFrame(string framer)
    {
        var rng = new Random(4);
        var options = new TcpReassemblyOptions { RetainDeliveredBytes = 1 << 20 };
        for (int iter = 0; iter < 100; iter++)
        {
            var pdus = Pdus(framer, rng, 60, 30);
            var stream = Streams.Concat(pdus);
            var segs = Run.RandomCut(rng, stream, rng.Next(1, 50));
            Perm.Shuffle(rng, segs);
            int conflicts = rng.Next(1, 4);
            for (int c = 0; c < conflicts; c++)
            {
                int a = rng.Next(stream.Length), b = Math.Min(stream.Length, a + rng.Next(1, 40));
                var bad = stream[a..b];
                bad[rng.Next(bad.Length)] ^= (byte)rng.Next(1, 256);
                // After every original segment overlapping [a, b).
                int after = segs.FindLastIndex(s => s.Data.Length > 0 && s.Offset < b && a < s.Offset + s.Data.Length);
                segs.Insert(after + 1, new Seg(a, bad));
            }
            var run = Play(framer, RandomIsn(rng), segs, stream.Length, options);
            run.AssertClean(pdus, stream, allowConflicts: true);
            var reported = run.Rec.AnomaliesOf(ReassemblyAnomalyKind.SegmentOverlapConflict).ToList();
            Assert.Equal(conflicts, reported.Count);
            foreach (var a in reported)
            {
                var fed = run.Fed[(int)a.Frame - 1];
                Assert.NotEqual(stream[(int)fed.Offset..(int)(fed.Offset + fed.Data.Length)], fed.Data);
                Assert.True((run.Outcomes[(int)a.Frame - 1] & SegmentOutcome.OverlapConflict) != 0);
            }
        }
    }

    [Theory, MemberData(nameof(Framers))]
    public void Stream_ConflictingOverlapWithoutHistory_OutputUnchanged(string framer)
    {
        var rng = new Random(5);
        for (int iter = 0; iter < 100; iter++)
        {
            var pdus = Pdus(framer, rng, 40, 30);
            var stream = Streams.Concat(pdus);
            var segs = Run.RandomCut(rng, stream, rng.Next(1, 50));
            Perm.Shuffle(rng, segs);
            int a = rng.Next(stream.Length), b = Math.Min(stream.Length, a + rng.Next(1, 40));
            var bad = stream[a..b];
            bad[0] ^= 0xFF;
            int after = segs.FindLastIndex(s => s.Offset < b && a < s.Offset + s.Data.Length);
            segs.Insert(after + 1, new Seg(a, bad));
            var run = Play(framer, RandomIsn(rng), segs, stream.Length);
            // Detected only while the original bytes are still held; never changes what was delivered.
            run.AssertClean(pdus, stream, allowConflicts: true);
            Assert.True(run.Rec.Anomalies.Count <= 1);
        }
    }

    [Fact]
    public void Stream_ConflictingCopyArrivesFirst_ItIsKeptAndTheLaterOriginalIsReported()
    {
        var run = new Run(LineFramer.Instance, 1000);
        run.Feed(Run.Syn);                                   // frame 1
        run.Feed(new Seg(4, "Cx\r\n"u8.ToArray()));          // frame 2: out of order, held
        run.Feed(new Seg(4, "CD\r\n"u8.ToArray()));          // frame 3: differs from the held copy
        run.Feed(new Seg(0, "AB\r\n"u8.ToArray()));          // frame 4: fills the hole
        Assert.Equal(["AB\r\n", "Cx\r\n"], run.Rec.Pdus.Select(p => System.Text.Encoding.ASCII.GetString(p.Bytes)));
        var a = Assert.Single(run.Rec.Anomalies);
        Assert.Equal(ReassemblyAnomalyKind.SegmentOverlapConflict, a.Kind);
        Assert.Equal(3, a.Frame);
        Assert.Equal(2, a.RelatedFrame);
        Assert.Equal("tcp.segment.overlap.conflict", a.ExpertId);
        Assert.True((run.Outcomes[1] & SegmentOutcome.OutOfOrder) != 0);
        Assert.True((run.Outcomes[2] & (SegmentOutcome.Retransmission | SegmentOutcome.OverlapConflict)) == (SegmentOutcome.Retransmission | SegmentOutcome.OverlapConflict));
    }

    [Theory, MemberData(nameof(Framers))]
    public void Stream_OneSegmentDropped_ExactlyOneGap_NoInventedBytes_ResyncWherePossible(string framer)
    {
        var rng = new Random(6);
        for (int iter = 0; iter < 300; iter++)
        {
            var pdus = Pdus(framer, rng, rng.Next(2, 40), 25);
            var stream = Streams.Concat(pdus);
            var segs = Run.RandomCut(rng, stream, rng.Next(1, 40));
            if (segs.Count < 2) continue;
            var dropped = segs[rng.Next(segs.Count)];
            segs.Remove(dropped);
            if (iter % 2 == 0) Perm.Shuffle(rng, segs);
            long h0 = dropped.Offset, h1 = dropped.Offset + dropped.Data.Length;
            var run = Play(framer, RandomIsn(rng), segs, stream.Length);

            // Exactly one gap, at the right place, with the right size.
            var gap = Assert.Single(run.Rec.Gaps);
            Assert.Equal(h0, gap.StreamOffset);
            Assert.Equal(h1 - h0, gap.MissingBytes);

            // No invented bytes: everything delivered, in order, is the stream without the hole.
            long pos = 0;
            foreach (var p in run.Rec.Pdus)
            {
                if (pos == h0) pos = h1;
                Assert.Equal(pos, p.Offset);
                Assert.Equal(stream[(int)pos..(int)(pos + p.Bytes.Length)], p.Bytes);
                pos += p.Bytes.Length;
                run.AssertSegments(p, stream);
            }
            if (pos == h0) pos = h1;
            Assert.Equal(stream.Length, pos);

            // Before the hole: the original PDUs, then the cut one truncated.
            long end = 0;
            int idx = 0;
            var got = run.Rec.Pdus;
            int g = 0;
            for (; idx < pdus.Count && end + pdus[idx].Length <= h0; end += pdus[idx++].Length, g++)
            {
                Assert.Equal(PduFlags.None, got[g].Flags);
                Assert.Equal(pdus[idx], got[g].Bytes);
            }
            if (end < h0) Assert.Equal(PduFlags.Truncated, got[g++].Flags);

            // After the hole.
            var after = got.Skip(g).ToList();
            if (h1 == stream.Length) { Assert.Empty(after); continue; }
            Assert.True((after[0].Flags & PduFlags.GapBefore) != 0,
                $"iter {iter} hole [{h0},{h1}) len {stream.Length}: " + string.Join(" | ", got.Select(p => $"{p.Offset}+{p.Bytes.Length} {p.Flags}")));
            if (framer == "length")
                Assert.All(after, p => Assert.True((p.Flags & PduFlags.Unframed) != 0));   // cannot resync: data only
            else
            {
                // Resync at the first CRLF at or after h1; every later line comes out whole.
                int crlf = stream.AsSpan((int)h1).IndexOf("\r\n"u8);
                if (crlf < 0)
                {
                    // The hole ended between the last CR and LF: what is left is a truncated piece.
                    Assert.Equal(PduFlags.Truncated | PduFlags.GapBefore, Assert.Single(after).Flags);
                    continue;
                }
                long resync = h1 + crlf + 2;
                Assert.Equal(PduFlags.Unframed | PduFlags.GapBefore, after[0].Flags);
                Assert.Equal(resync, after[0].Offset + after[0].Bytes.Length);
                var expectedAfter = new List<byte[]>();
                long off = 0;
                foreach (var pdu in pdus) { if (off >= resync) expectedAfter.Add(pdu); off += pdu.Length; }
                Assert.Equal(expectedAfter, after.Skip(1).Select(p => p.Bytes));
                Assert.All(after.Skip(1), p => Assert.Equal(PduFlags.None, p.Flags));
            }
            Assert.Equal(0, run.R.TotalHeldBytes);
        }
    }

    [Fact]
    public void Stream_SequenceWraparound_DeliversAcrossZero()
    {
        var rng = new Random(7);
        var pdus = Streams.Lines(rng, 50, 30);
        var stream = Streams.Concat(pdus);
        foreach (uint isn in new uint[] { uint.MaxValue, uint.MaxValue - 1, uint.MaxValue - 700, uint.MaxValue - (uint)stream.Length + 3 })
        {
            var segs = Run.RandomCut(rng, stream, 37);
            Perm.Shuffle(rng, segs);
            var run = Play("line", isn, segs, stream.Length);
            run.AssertClean(pdus, stream);
        }
    }

    [Fact]
    public void Stream_WithoutSyn_StartsAtTheFirstSegment()
    {
        var rng = new Random(8);
        var pdus = Streams.LengthPrefixed(rng, 30, 20);
        var stream = Streams.Concat(pdus);
        var run = new Run(LengthPrefixedFramer.Instance, 0x7FFFFFF0);
        foreach (var s in Run.RandomCut(rng, stream, 17)) run.Feed(s);
        run.Finish();
        run.AssertClean(pdus, stream);
    }

    [Fact]
    public void Stream_DataBeforeTheLearntStart_IsDroppedAndReported()
    {
        var run = new Run(LineFramer.Instance, 5000);
        run.Feed(new Seg(4, "CD\r\n"u8.ToArray()));          // first seen: becomes offset 0
        run.Feed(new Seg(0, "AB\r\n"u8.ToArray()));          // before it
        Assert.Single(run.Rec.Pdus);
        Assert.Equal(ReassemblyAnomalyKind.DataBeforeStart, Assert.Single(run.Rec.Anomalies).Kind);
        Assert.True((run.Outcomes[1] & SegmentOutcome.BeforeStart) != 0);
    }
}
