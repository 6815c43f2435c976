using Dissect.Core.Flow;
using Dissect.Analysis.Reassembly;
using System.Text;

namespace Dissect.Analysis.Tests;

public class TcpReassemblerTests
{
    static byte[] A(string s) => Encoding.ASCII.GetBytes(s);

    [Fact]
    public void PduSpanningThreeSegments_ReassembledInTheLast_EarlierFramesHoldBytes()
    {
        var run = new Run(LineFramer.Instance, 77);
        run.Feed(Run.Syn);                       // 1
        run.Feed(new Seg(0, A("HEL")));          // 2
        run.Feed(new Seg(3, A("LO\r")));         // 3
        run.Feed(new Seg(6, A("\nX\r\n")));      // 4: completes "HELLO\r\n" and "X\r\n"
        Assert.Empty(run.PerFrame[1]);
        Assert.Empty(run.PerFrame[2]);
        Assert.Equal(2, run.PerFrame[3].Length);
        Assert.Equal(new CompletedPdu(0, 7, 2, 4, PduFlags.None, 3), run.PerFrame[3][0]);
        Assert.Equal(new CompletedPdu(7, 3, 4, 4, PduFlags.None, 1), run.PerFrame[3][1]);
        Assert.Equal([new PduSegment(2, 0, 3), new PduSegment(3, 3, 3), new PduSegment(4, 6, 1)], run.Rec.Pdus[0].Segments);
    }

    [Fact]
    public void SegmentResult_HeldBytes_SaysWhichSegmentsWaitForALaterFrame()
    {
        var rec = new Recorder();
        var r = new TcpReassembler(rec);
        Assert.Equal(3, r.Segment(1, TcpDirection.BtoA, 10, A("ab\r"), SegmentFlags.None, 1, LineFramer.Instance).HeldBytes);
        var res = r.Segment(1, TcpDirection.BtoA, 13, A("\ncd"), SegmentFlags.None, 2, LineFramer.Instance);
        Assert.Equal(2, res.HeldBytes);
        Assert.Equal(1, res.Pdus.Length);
        Assert.Equal(3, res.StreamOffset);
        Assert.Equal(2, r.BufferedBytes(1, TcpDirection.BtoA));
        Assert.Equal(0, r.BufferedBytes(1, TcpDirection.AtoB));
    }

    [Fact]
    public void Outcomes_RetransmissionOutOfOrderPartialOverlap()
    {
        var run = new Run(LineFramer.Instance, 0);
        run.Feed(Run.Syn);
        run.Feed(new Seg(0, A("a\r\n")));
        run.Feed(new Seg(0, A("a\r\n")));                 // 3: retransmission of delivered bytes
        run.Feed(new Seg(6, A("c\r\n")));                 // 4: out of order
        run.Feed(new Seg(2, A("\nb\r\n")));               // 5: overlaps 1 old byte, fills the hole
        Assert.Equal(SegmentOutcome.NewData, run.Outcomes[1]);
        Assert.Equal(SegmentOutcome.Retransmission, run.Outcomes[2]);
        Assert.Equal(SegmentOutcome.NewData | SegmentOutcome.OutOfOrder, run.Outcomes[3]);
        Assert.Equal(SegmentOutcome.NewData | SegmentOutcome.PartialOverlap, run.Outcomes[4]);
        Assert.Equal(["a\r\n", "b\r\n", "c\r\n"], run.Rec.Pdus.Select(p => Encoding.ASCII.GetString(p.Bytes)));
        Assert.Empty(run.Rec.Anomalies);
    }

    [Fact]
    public void Rst_WithHoleAndPartialPdu_DeclaresGapsAndTruncates_ThenDropsLaterData()
    {
        var run = new Run(LineFramer.Instance, 1);
        run.Feed(Run.Syn);
        run.Feed(new Seg(0, A("one\r\ntw")));              // 2
        run.Feed(new Seg(10, A("x\r\nthree")));            // 3: hole [7,10)
        run.Feed(new Seg(18, [], SegmentFlags.Rst));       // 4
        run.Feed(new Seg(7, A("o\r\n")));                  // 5: after close
        Assert.Equal(SegmentOutcome.Closed, run.Outcomes[3] & SegmentOutcome.Closed);
        Assert.Equal(SegmentOutcome.AfterClose, run.Outcomes[4]);
        var gap = Assert.Single(run.Rec.Gaps);
        Assert.Equal((7L, 3L, 4L), (gap.StreamOffset, gap.MissingBytes, gap.Frame));
        Assert.Equal(
            [("one\r\n", PduFlags.None), ("tw", PduFlags.Truncated), ("x\r\n", PduFlags.Unframed | PduFlags.GapBefore), ("three", PduFlags.Truncated)],
            run.Rec.Pdus.Select(p => (Encoding.ASCII.GetString(p.Bytes), p.Flags)));
        Assert.Contains(run.Rec.Anomalies, a => a.Kind == ReassemblyAnomalyKind.DataAfterClose && a.Frame == 5);
        Assert.Equal(0, run.R.TotalHeldBytes);
    }

    [Fact]
    public void Fin_WithPartialPdu_DeliversItTruncated()
    {
        var run = new Run(LengthPrefixedFramer.Instance, 9);
        run.Feed(Run.Syn);
        run.Feed(new Seg(0, [0, 2, 1, 2, 0, 5, 1], SegmentFlags.Fin));
        Assert.Equal([PduFlags.None, PduFlags.Truncated], run.Rec.Pdus.Select(p => p.Flags));
        Assert.Equal([0, 5, 1], run.Rec.Pdus[1].Bytes);
        Assert.Contains(run.Rec.Anomalies, a => a.Kind == ReassemblyAnomalyKind.TruncatedPdu);
        Assert.Empty(run.Rec.Gaps);
    }

    [Fact]
    public void FramerSaysNotMine_RestOfDirectionIsDeliveredUnframed()
    {
        var run = new Run(new RejectAfterFirst(), 0);
        run.Feed(Run.Syn);
        run.Feed(new Seg(0, A("ok\r\nGARBAGE")));
        run.Feed(new Seg(11, A("MORE")));
        Assert.Equal(["ok\r\n", "GARBAGE", "MORE"], run.Rec.Pdus.Select(p => Encoding.ASCII.GetString(p.Bytes)));
        Assert.Equal([PduFlags.None, PduFlags.Unframed, PduFlags.Unframed], run.Rec.Pdus.Select(p => p.Flags));
        Assert.Equal(ReassemblyAnomalyKind.FramerError, Assert.Single(run.Rec.Anomalies).Kind);
    }

    sealed class RejectAfterFirst : IPduFramer
    {
        int _calls;
        public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
            => _calls++ == 0 ? FramerResult.Pdu(4) : FramerResult.Pdu(available.Length + 1);   // invalid length = error
    }

    [Fact]
    public void PduLargerThanTheStreamCap_DeliveredTruncated_NeverBufferedPastTheCap()
    {
        var opt = new TcpReassemblyOptions { MaxBufferedPerStream = 1000, TotalCapBytes = 1 << 20 };
        var run = new Run(LengthPrefixedFramer.Instance, 0, opt);
        run.Feed(Run.Syn);
        var big = new byte[2 + 5000]; big[0] = 5000 >> 8; big[1] = 5000 & 0xFF;
        for (int off = 0; off < big.Length; off += 300)
        {
            run.Feed(new Seg(off, big[off..Math.Min(big.Length, off + 300)]));
            Assert.True(run.R.BufferedBytes(0, TcpDirection.AtoB) <= 1000);
        }
        Assert.Contains(run.Rec.Anomalies, a => a.Kind == ReassemblyAnomalyKind.PduTooLarge);
        Assert.Equal(PduFlags.Truncated, run.Rec.Pdus[0].Flags);
        Assert.True(run.Rec.Pdus.Skip(1).All(p => (p.Flags & PduFlags.Unframed) != 0));   // the framer cannot resync
        run.Finish();
        Assert.Equal(big, run.Rec.Pdus.SelectMany(p => p.Bytes).ToArray());   // every byte, once, in order
        Assert.Empty(run.Rec.Gaps);                        // nothing was missing: no gap, only truncation
    }

    [Fact]
    public void FirstByteNeverArrives_100kSegments_BufferStaysUnderTheCap_OneGapDeclared()
    {
        const int cap = 1 << 20;
        var rec = new Recorder();
        var r = new TcpReassembler(rec, new TcpReassemblyOptions { MaxBufferedPerStream = cap });
        var line = new byte[100];
        for (int i = 0; i < 98; i++) line[i] = (byte)('a' + i % 26);
        line[98] = (byte)'\r'; line[99] = (byte)'\n';
        var rng = new Random(9);
        uint isn = uint.MaxValue - 1000;
        r.Segment(0, TcpDirection.AtoB, isn, [], SegmentFlags.Syn, 1, LineFramer.Instance);
        // Byte 0 never arrives; segments carry bytes [1 + 100k, 1 + 100(k+1)) with small local reordering.
        var order = Enumerable.Range(0, 100_000).ToArray();
        for (int k = 0; k + 1 < order.Length; k++) if (rng.Next(3) == 0) (order[k], order[k + 1]) = (order[k + 1], order[k]);
        long frame = 2, maxBuffered = 0, maxHeld = 0;
        var seg = new byte[100];
        foreach (int k in order)
        {
            for (int i = 0; i < 100; i++) seg[i] = line[(1 + i) % 100];     // stream byte at offset o is line[o % 100]
            r.Segment(0, TcpDirection.AtoB, unchecked(isn + 1 + 1 + (uint)k * 100), seg, SegmentFlags.None, frame++, LineFramer.Instance);
            maxBuffered = Math.Max(maxBuffered, r.BufferedBytes(0, TcpDirection.AtoB));
            maxHeld = Math.Max(maxHeld, r.TotalHeldBytes);
        }
        Assert.True(maxBuffered <= cap, $"buffered {maxBuffered}");
        Assert.True(maxHeld <= 2L * cap + 65536, $"held {maxHeld}");
        var gap = Assert.Single(rec.Gaps);
        Assert.Equal((0L, 1L), (gap.StreamOffset, gap.MissingBytes));
        Assert.Contains(rec.Anomalies, a => a.Kind == ReassemblyAnomalyKind.StreamCapExceeded);
        // After the gap the line framer resyncs and every later line comes out whole.
        Assert.Equal(PduFlags.Unframed | PduFlags.GapBefore, rec.Pdus[0].Flags);
        Assert.Equal(99, rec.Pdus[0].Bytes.Length);
        Assert.Equal(100_000 - 1, rec.Pdus.Count(p => p.Flags == PduFlags.None && p.Bytes.AsSpan().SequenceEqual(line)));
    }

    [Fact]
    public void TotalCap_ManyStreamsWithHoles_LeastRecentlyActiveFlushed_TotalStaysBounded()
    {
        var opt = new TcpReassemblyOptions { MaxBufferedPerStream = 256 << 10, TotalCapBytes = 2 << 20 };
        var rec = new Recorder();
        var r = new TcpReassembler(rec, opt);
        var data = new byte[1000];
        Array.Fill(data, (byte)'z');
        long frame = 1;
        for (int round = 0; round < 150; round++)
            for (uint s = 0; s < 40; s++)
            {
                // Each stream misses its first byte (offset 0 = seq 1000), then gets 1000-byte segments in order.
                if (round == 0) r.Segment(s, TcpDirection.AtoB, 999, [], SegmentFlags.Syn, frame++, LineFramer.Instance);
                r.Segment(s, TcpDirection.AtoB, 1000 + 1 + (uint)round * 1000, data, SegmentFlags.None, frame++, LineFramer.Instance);
                Assert.True(r.TotalHeldBytes <= opt.TotalCapBytes, $"held {r.TotalHeldBytes}");
            }
        Assert.Contains(rec.Anomalies, a => a.Kind == ReassemblyAnomalyKind.TotalCapExceeded);
        Assert.NotEmpty(rec.Gaps);
        Assert.All(rec.Pdus, p => Assert.True(p.Bytes.All(b => b == (byte)'z')));     // no invented bytes
    }

    [Fact]
    public void InOrderSegments_DoNotAllocatePerCall()
    {
        var r = new TcpReassembler(new NullConsumer());
        var seg = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\npartial");
        var rest = Encoding.ASCII.GetBytes(" line\r\n");
        uint seq = 1;
        void Round(long f)
        {
            r.Segment(3, TcpDirection.AtoB, seq, seg, SegmentFlags.None, f, LineFramer.Instance); seq += (uint)seg.Length;
            r.Segment(3, TcpDirection.AtoB, seq, rest, SegmentFlags.None, f, LineFramer.Instance); seq += (uint)rest.Length;
        }
        for (int i = 0; i < 1000; i++) Round(i);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Round(i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"allocated {allocated} bytes");
    }

    /// <summary>The direction objects of a removed connection are reused: a connection that gets them behaves as on a
    /// new reassembler, whatever state (held bytes, hole, FIN, framer error) the old one left.</summary>
    [Fact]
    public void RemovedConnection_ItsReusedStateStartsFresh()
    {
        var used = new Recorder();
        var r = new TcpReassembler(used);
        r.Segment(1, TcpDirection.AtoB, 100, [], SegmentFlags.Syn, 1, LineFramer.Instance);
        r.Segment(1, TcpDirection.AtoB, 111, A("later\r\n"), SegmentFlags.None, 2, LineFramer.Instance);
        r.Segment(1, TcpDirection.AtoB, 101, A("par"), SegmentFlags.None, 3, LineFramer.Instance);
        r.Segment(1, TcpDirection.AtoB, 140, [], SegmentFlags.Fin, 4, LineFramer.Instance);
        r.Segment(1, TcpDirection.BtoA, 5000, A("x"), SegmentFlags.None, 5, LengthPrefixedFramer.Instance);
        r.Segment(1, TcpDirection.BtoA, 4990, A("0123456789x"), SegmentFlags.Rst, 6, LengthPrefixedFramer.Instance);
        Assert.True(r.TotalHeldBytes > 0);
        Assert.Equal(0, r.BufferedBytes(1, TcpDirection.BtoA));         // closed
        r.Remove(1);
        Assert.Equal(0, r.DirectionCount);
        Assert.Equal(0, r.TotalHeldBytes);
        used.Pdus.Clear(); used.Gaps.Clear(); used.Anomalies.Clear();

        var fresh = new Recorder();
        var f = new TcpReassembler(fresh);
        var outcomes = (Used: new List<string>(), Fresh: new List<string>());
        void Both(TcpDirection dir, uint seq, string data, SegmentFlags flags, long frame)
        {
            var a = r.Segment(2, dir, seq, A(data), flags, frame, LineFramer.Instance);
            outcomes.Used.Add($"{a.Outcome} {a.StreamOffset} {a.HeldBytes} {string.Join(";", a.Pdus.ToArray())}");
            var b = f.Segment(2, dir, seq, A(data), flags, frame, LineFramer.Instance);
            outcomes.Fresh.Add($"{b.Outcome} {b.StreamOffset} {b.HeldBytes} {string.Join(";", b.Pdus.ToArray())}");
        }
        Both(TcpDirection.AtoB, 7000, "ab\r\ncd", SegmentFlags.None, 10);
        Both(TcpDirection.AtoB, 7012, "gh\r\n", SegmentFlags.None, 11);        // out of order
        Both(TcpDirection.AtoB, 7006, "\r\nef", SegmentFlags.None, 12);
        Both(TcpDirection.BtoA, 9000, "", SegmentFlags.Syn, 13);
        Both(TcpDirection.BtoA, 9001, "ok\r\nmore", SegmentFlags.None, 14);
        Both(TcpDirection.AtoB, 7016, "", SegmentFlags.Fin, 15);
        r.FinishAll(16); f.FinishAll(16);

        Assert.Equal(outcomes.Fresh, outcomes.Used);
        static string Show(Recorder x) => string.Join("|", x.Pdus.Select(p =>
            $"{Encoding.ASCII.GetString(p.Bytes)} {p.Stream} {p.Direction} {p.Offset} {p.FirstFrame}-{p.LastFrame} {p.Flags} {string.Join(",", p.Segments)}"))
            + " gaps " + string.Join(",", x.Gaps) + " anomalies " + string.Join(",", x.Anomalies);
        Assert.Equal(Show(fresh), Show(used));
        Assert.Equal(6, fresh.Pdus.Count);
    }

    sealed class NullConsumer : IPduConsumer
    {
        public void OnPdu(ReadOnlySpan<byte> pdu, in PduInfo info) { }
        public void OnGap(in GapInfo gap) { }
        public void OnAnomaly(in ReassemblyAnomaly anomaly) { }
    }

    [Fact]
    public void Directions_AreIndependent_AndFinishDeliversEachOnce()
    {
        var rec = new Recorder();
        var r = new TcpReassembler(rec);
        r.Segment(5, TcpDirection.AtoB, 100, A("q\r\nhalf"), SegmentFlags.None, 1, LineFramer.Instance);
        r.Segment(5, TcpDirection.BtoA, 900, A("r\r\n"), SegmentFlags.None, 2, LineFramer.Instance);
        r.FinishAll(3);
        r.FinishAll(4);
        Assert.Equal([("q\r\n", TcpDirection.AtoB), ("r\r\n", TcpDirection.BtoA), ("half", TcpDirection.AtoB)],
            rec.Pdus.Select(p => (Encoding.ASCII.GetString(p.Bytes), p.Direction)));
        Assert.Equal(3, rec.Pdus[2].LastFrame);
        Assert.Equal(0, r.TotalHeldBytes);
    }
}
