using Dissect.Core.Flow;
using Dissect.Analysis.Reassembly;

namespace Dissect.Analysis.Tests;

sealed record DeliveredPdu(byte[] Bytes, uint Stream, TcpDirection Direction, long Offset, long FirstFrame, long LastFrame,
                           PduFlags Flags, PduSegment[] Segments);

sealed class Recorder : IPduConsumer
{
    public readonly List<DeliveredPdu> Pdus = new();
    public readonly List<GapInfo> Gaps = new();
    public readonly List<ReassemblyAnomaly> Anomalies = new();

    public void OnPdu(ReadOnlySpan<byte> pdu, in PduInfo info)
        => Pdus.Add(new DeliveredPdu(pdu.ToArray(), info.Stream, info.Direction, info.StreamOffset, info.FirstFrame,
                                     info.LastFrame, info.Flags, info.Segments.ToArray()));
    public void OnGap(in GapInfo gap) => Gaps.Add(gap);
    public void OnAnomaly(in ReassemblyAnomaly anomaly) => Anomalies.Add(anomaly);

    public IEnumerable<ReassemblyAnomaly> AnomaliesOf(ReassemblyAnomalyKind k) => Anomalies.Where(a => a.Kind == k);
}

/// <summary>One segment to feed: stream offset of its first byte (SYN: -1), bytes, flags.</summary>
sealed record Seg(long Offset, byte[] Data, SegmentFlags Flags = SegmentFlags.None);

/// <summary>Feeds segments (frame numbers 1..n in feed order) to a reassembler and records everything.</summary>
sealed class Run
{
    public readonly Recorder Rec = new();
    public readonly TcpReassembler R;
    public readonly List<CompletedPdu[]> PerFrame = new();
    public readonly List<SegmentOutcome> Outcomes = new();
    public readonly List<Seg> Fed = new();
    public readonly uint Isn;
    readonly IPduFramer _framer;

    public Run(IPduFramer framer, uint isn, TcpReassemblyOptions? options = null)
    {
        _framer = framer; Isn = isn; R = new TcpReassembler(Rec, options);
    }

    public long Frame => Fed.Count;

    public void Feed(Seg s, uint stream = 0, TcpDirection dir = TcpDirection.AtoB)
    {
        Fed.Add(s);
        uint seq = (s.Flags & SegmentFlags.Syn) != 0 ? Isn : unchecked(Isn + 1 + (uint)s.Offset);
        var r = R.Segment(stream, dir, seq, s.Data, s.Flags, Fed.Count, _framer);
        PerFrame.Add(r.Pdus.ToArray());
        Outcomes.Add(r.Outcome);
    }

    public void FeedAll(IEnumerable<Seg> segs) { foreach (var s in segs) Feed(s); }
    public void Finish() => R.FinishAll(Fed.Count + 1);

    public static Seg Syn => new(-1, [], SegmentFlags.Syn);
    public static Seg Fin(long at) => new(at, [], SegmentFlags.Fin);

    public static List<Seg> Cut(byte[] stream, IReadOnlyList<int> cuts)
    {
        var list = new List<Seg>();
        int prev = 0;
        foreach (int c in cuts.Append(stream.Length))
        {
            if (c > prev) list.Add(new Seg(prev, stream[prev..c]));
            prev = Math.Max(prev, c);
        }
        return list;
    }

    public static List<Seg> RandomCut(Random rng, byte[] stream, int maxLen)
    {
        var cuts = new List<int>();
        int pos = 0;
        while (true)
        {
            pos += rng.Next(1, maxLen + 1);
            if (pos >= stream.Length) break;
            cuts.Add(pos);
        }
        return Cut(stream, cuts);
    }

    /// <summary>Checks the contract on a run where every byte arrived: the framed PDUs are exactly the expected
    /// ones, in order, once, with consistent offsets, segments and per-frame results.</summary>
    public void AssertClean(List<byte[]> expected, byte[] stream, bool allowConflicts = false)
    {
        Assert.Empty(Rec.Gaps);
        Assert.All(Rec.Anomalies, a => Assert.True(allowConflicts && a.Kind == ReassemblyAnomalyKind.SegmentOverlapConflict, a.ToString()));
        Assert.Equal(expected.Count, Rec.Pdus.Count);
        long off = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            var p = Rec.Pdus[i];
            Assert.Equal(PduFlags.None, p.Flags);
            Assert.Equal(off, p.Offset);
            Assert.Equal(expected[i], p.Bytes);
            AssertSegments(p, stream);
            off += p.Bytes.Length;
        }
        AssertPerFrameMatches();
        Assert.Equal(0, R.TotalHeldBytes);
    }

    /// <summary>Each PDU's segments tile it and name frames whose segment carried those bytes.</summary>
    public void AssertSegments(DeliveredPdu p, byte[] stream)
    {
        int at = 0;
        foreach (var s in p.Segments)
        {
            Assert.Equal(at, s.Offset);
            var fed = Fed[(int)s.Frame - 1];
            long from = p.Offset + s.Offset;
            Assert.True(fed.Offset <= from && from + s.Length <= fed.Offset + fed.Data.Length, $"frame {s.Frame} does not carry [{from},{from + s.Length})");
            at += s.Length;
        }
        Assert.Equal(p.Bytes.Length, at);
        if (p.Segments.Length > 0) Assert.Equal(p.Segments[0].Frame, p.FirstFrame);
    }

    /// <summary>The per-segment results list exactly the PDUs the consumer got during that frame.</summary>
    public void AssertPerFrameMatches()
    {
        var fromResults = PerFrame.SelectMany((ps, i) => ps.Select(p => (Frame: (long)i + 1, p))).ToList();
        var fromConsumer = Rec.Pdus.Where(p => p.LastFrame <= Fed.Count).ToList();
        Assert.Equal(fromConsumer.Count, fromResults.Count);
        for (int i = 0; i < fromResults.Count; i++)
        {
            var (frame, c) = fromResults[i];
            var d = fromConsumer[i];
            Assert.Equal(frame, d.LastFrame);
            Assert.Equal(d.Offset, c.StreamOffset);
            Assert.Equal(d.Bytes.Length, c.Length);
            Assert.Equal(d.FirstFrame, c.FirstFrame);
            Assert.Equal(d.Flags, c.Flags);
            Assert.Equal(d.Segments.Length, c.SegmentCount);
        }
    }
}

static class Perm
{
    /// <summary>Every permutation of 0..n-1, in lexicographic order.</summary>
    public static IEnumerable<int[]> All(int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        while (true)
        {
            yield return (int[])a.Clone();
            int i = n - 2;
            while (i >= 0 && a[i] >= a[i + 1]) i--;
            if (i < 0) yield break;
            int j = n - 1;
            while (a[j] <= a[i]) j--;
            (a[i], a[j]) = (a[j], a[i]);
            Array.Reverse(a, i + 1, n - i - 1);
        }
    }

    public static void Shuffle<T>(Random rng, IList<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}

/// <summary>An engine over the built-in tables and one context with a flow analysis attached, no columns, and the
/// given fields selected (null: every field).</summary>
static class Attached
{
    public static (Dissect.Core.Engine Engine, FlowAnalysis Analysis, Dissect.Core.DissectContext Ctx) Make(Dissect.Core.FieldDef[]? fields = null)
    {
        var tables = Dissect.Dissectors.BuiltIn.CreateTables();
        var analysis = new FlowAnalysis(tables.Registry);
        var engine = new Dissect.Core.Engine(tables);
        var ctx = engine.CreateContext();
        analysis.Attach(ctx);
        if (fields is not null) ctx.Fields.Select(fields);
        ctx.WantColumns = false;
        return (engine, analysis, ctx);
    }
}
