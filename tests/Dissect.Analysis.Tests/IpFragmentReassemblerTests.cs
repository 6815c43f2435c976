using Dissect.Analysis.Reassembly;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Tests;

public class IpFragmentReassemblerTests
{
    sealed class Sink : IReassemblyAnomalySink
    {
        public readonly List<ReassemblyAnomaly> Items = new();
        public void OnAnomaly(in ReassemblyAnomaly anomaly) => Items.Add(anomaly);
    }

    sealed record Frag(int Offset, byte[] Data, bool More);

    static readonly Address Src = Address.From(AddressKind.IPv4, [10, 0, 0, 1]);
    static readonly Address Dst = Address.From(AddressKind.IPv4, [10, 0, 0, 2]);
    static FragmentKey Key(ushort id = 7) => FragmentKey.IPv4(Src, Dst, 17, id);
    static Timestamp T(double s) => Timestamp.FromNanoseconds((long)(s * 1e9));

    static byte[] Datagram(Random rng, int len) { var b = new byte[len]; rng.NextBytes(b); return b; }

    /// <summary>Cuts at multiples of 8 (as IPv4 and IPv6 require for all but the last fragment).</summary>
    static List<Frag> CutInto(Random rng, byte[] dg, int pieces)
    {
        var cuts = Enumerable.Range(1, dg.Length / 8 - 1).Select(k => k * 8).OrderBy(_ => rng.Next()).Take(pieces - 1).Order().ToList();
        var frags = new List<Frag>();
        int prev = 0;
        foreach (int c in cuts.Append(dg.Length)) { frags.Add(new Frag(prev, dg[prev..c], c < dg.Length)); prev = c; }
        return frags;
    }

    /// <summary>Feeds fragments (frames 1..n) and returns (frame, data, frames) of each completion.</summary>
    static List<(long Frame, byte[] Data, long[] Frames)> Feed(IpFragmentReassembler r, IEnumerable<Frag> frags, FragmentKey key, List<FragmentStatus>? statuses = null)
    {
        var done = new List<(long, byte[], long[])>();
        long f = 0;
        foreach (var fr in frags)
        {
            f++;
            var res = r.Add(key, fr.Offset, fr.More, fr.Data, f, T(f * 0.001));
            statuses?.Add(res.Status);
            if (res.Status == FragmentStatus.Complete)
            {
                Assert.Equal(f, res.CompletedIn);
                done.Add((f, res.Data.ToArray(), res.Frames.ToArray()));
            }
        }
        return done;
    }

    [Fact]
    public void EveryPermutationOfThreeToFiveFragments_CompletesOnceWithTheDatagram()
    {
        var rng = new Random(11);
        for (int pieces = 3; pieces <= 5; pieces++)
        for (int rep = 0; rep < 3; rep++)
        {
            var dg = Datagram(rng, rng.Next(pieces * 8 + 1, 3000));
            var frags = CutInto(rng, dg, pieces);
            foreach (var perm in Perm.All(frags.Count))
            {
                var sink = new Sink();
                using var r = new IpFragmentReassembler(sink: sink);
                var done = Feed(r, perm.Select(i => frags[i]), Key());
                var (frame, data, frames) = Assert.Single(done);
                Assert.Equal(frags.Count, frame);                       // completed by the last missing piece
                Assert.Equal(dg, data);
                Assert.Equal(Enumerable.Range(1, frags.Count).Select(i => (long)i), frames);
                Assert.Empty(sink.Items);
                Assert.Equal(0, r.PendingDatagrams);
            }
        }
    }

    [Fact]
    public void EveryPermutationWithADuplicateAnywhere_CompletesOnce_LateDuplicatesRecognised()
    {
        var rng = new Random(12);
        for (int pieces = 3; pieces <= 5; pieces++)
        {
            var dg = Datagram(rng, rng.Next(pieces * 8 + 1, 2000));
            var frags = CutInto(rng, dg, pieces);
            foreach (var perm in Perm.All(frags.Count))
            for (int dup = 0; dup < frags.Count; dup++)
            for (int at = 0; at <= frags.Count; at++)
            {
                var order = perm.Select(i => frags[i]).ToList();
                order.Insert(at, frags[dup]);
                var sink = new Sink();
                using var r = new IpFragmentReassembler(sink: sink);
                var statuses = new List<FragmentStatus>();
                var done = Feed(r, order, Key(), statuses);
                var (_, data, _) = Assert.Single(done);
                Assert.Equal(dg, data);
                Assert.DoesNotContain(FragmentStatus.Error, statuses);
                Assert.Empty(sink.Items);
                Assert.Equal(0, r.PendingDatagrams);                    // a late duplicate opens no new datagram
            }
        }
    }

    [Fact]
    public void OverlappingFragmentsWithTheSameData_Complete_NoAnomaly()
    {
        var rng = new Random(13);
        for (int iter = 0; iter < 300; iter++)
        {
            var dg = Datagram(rng, rng.Next(64, 4000));
            var frags = new List<Frag>();
            int pos = 0;
            while (pos < dg.Length)
            {
                int start = Math.Max(0, pos - 8 * rng.Next(0, 4));               // back up: overlap
                int end = Math.Min(dg.Length, pos + 8 * rng.Next(1, 40));
                frags.Add(new Frag(start, dg[start..end], end < dg.Length));
                pos = end;
            }
            Perm.Shuffle(rng, frags);
            var sink = new Sink();
            using var r = new IpFragmentReassembler(sink: sink);
            var done = Feed(r, frags, Key());
            Assert.Equal(dg, Assert.Single(done).Data);
            Assert.Empty(sink.Items);
        }
    }

    [Fact]
    public void ConflictingOverlap_FirstDataWins_AnomalyReported()
    {
        var rng = new Random(14);
        var dg = Datagram(rng, 48);
        var sink = new Sink();
        using var r = new IpFragmentReassembler(sink: sink);
        Assert.Equal(FragmentStatus.Incomplete, r.Add(Key(), 0, true, dg[..24], 1, T(0)).Status);
        var bad = dg[16..40]; bad[0] ^= 0x55;                                       // overlaps [16,24) with different bytes
        var res = r.Add(Key(), 16, true, bad, 2, T(0.1));
        Assert.Equal(FragmentStatus.Incomplete, res.Status);
        Assert.True(res.OverlapConflict);
        res = r.Add(Key(), 40, false, dg[40..], 3, T(0.2));
        Assert.Equal(FragmentStatus.Complete, res.Status);
        Assert.Equal(dg, res.Data.ToArray());                                        // the first copy of [16,24) kept
        var a = Assert.Single(sink.Items);
        Assert.Equal((ReassemblyAnomalyKind.FragmentOverlapConflict, 2L, 1L), (a.Kind, a.Frame, a.RelatedFrame));
        Assert.Equal("ip.fragment.overlap.conflict", a.ExpertId);
    }

    [Fact]
    public void MissingFragment_TimesOutInCaptureTime_Reported_BuffersReturned()
    {
        var sink = new Sink();
        using var r = new IpFragmentReassembler(sink: sink);
        var dg = new byte[100];
        r.Add(Key(1), 0, true, dg[..32], 1, T(10));
        r.Add(Key(1), 64, false, dg[64..], 2, T(11));                              // [32,64) never comes
        Assert.Equal(1, r.PendingDatagrams);
        Assert.True(r.HeldBytes > 0);
        var res = r.Add(Key(2), 0, true, dg[..8], 3, T(69.9));                     // 59.9 s later: still there
        Assert.Equal(0, res.Evicted);
        res = r.Add(Key(2), 8, true, dg[8..16], 4, T(70.5));                       // 60.5 s after frame 1
        Assert.Equal(1, res.Evicted);
        var a = Assert.Single(sink.Items);
        Assert.Equal((ReassemblyAnomalyKind.FragmentTimeout, 4L, 1L), (a.Kind, a.Frame, a.RelatedFrame));
        Assert.Equal(1, r.PendingDatagrams);
        r.DropAll(5);
        Assert.Equal(0, r.PendingDatagrams);
        Assert.Equal(0, r.HeldBytes);
        Assert.Equal(2, sink.Items.Count);
    }

    [Fact]
    public void TotalCap_EvictsOldestIncompleteFirst_HeldNeverAboveCap()
    {
        var sink = new Sink();
        var opt = new IpFragmentOptions { TotalCapBytes = 256 << 10 };
        using var r = new IpFragmentReassembler(opt, sink);
        var chunk = new byte[1480];
        for (ushort id = 0; id < 20; id++)
        {
            r.Add(Key(id), 0, true, chunk, id * 2 + 1, T(id));
            r.Add(Key(id), 60000, true, chunk, id * 2 + 2, T(id));                  // needs a 64 KiB buffer
            Assert.True(r.HeldBytes <= opt.TotalCapBytes, $"held {r.HeldBytes}");
        }
        var evicted = sink.Items.Where(a => a.Kind == ReassemblyAnomalyKind.FragmentEvicted).ToList();
        Assert.NotEmpty(evicted);
        // Oldest first: the first datagrams (frames 1, 3, 5, ...) go in order.
        Assert.Equal(evicted.Select((_, i) => (long)(i * 2 + 1)), evicted.Select(a => a.RelatedFrame));
        Assert.Equal(20 - evicted.Count, r.PendingDatagrams);
    }

    [Fact]
    public void TooLongAndInconsistentEnds_AreErrors_HeldStateUnchanged()
    {
        var sink = new Sink();
        using var r = new IpFragmentReassembler(sink: sink);
        var res = r.Add(Key(), 65528, true, new byte[16], 1, T(0));
        Assert.Equal((FragmentStatus.Error, FragmentError.TooLong), (res.Status, res.Error));
        Assert.Equal(0, r.PendingDatagrams);
        r.Add(Key(), 0, true, new byte[16], 2, T(0));
        r.Add(Key(), 24, false, new byte[8], 3, T(0));                              // end = 32
        res = r.Add(Key(), 32, true, new byte[8], 4, T(0));                         // past the known end
        Assert.Equal((FragmentStatus.Error, FragmentError.InconsistentEnd), (res.Status, res.Error));
        res = r.Add(Key(), 16, false, new byte[8], 5, T(0));                        // a second, different end
        Assert.Equal(FragmentError.InconsistentEnd, res.Error);
        res = r.Add(Key(), 16, true, new byte[8], 6, T(0));
        Assert.Equal(FragmentStatus.Complete, res.Status);
        Assert.Equal([2L, 3L, 6L], res.Frames.ToArray());
        Assert.Equal(["ip.fragment.toolongfragment", "ip.fragment.error", "ip.fragment.error"], sink.Items.Select(a => a.ExpertId));
    }

    [Fact]
    public void IPv6AndIPv4Keys_AreDistinct()
    {
        var s6 = Address.From(AddressKind.IPv6, new byte[16]);
        var d6 = Address.From(AddressKind.IPv6, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray());
        using var r = new IpFragmentReassembler();
        var k6 = FragmentKey.IPv6(s6, d6, 0xDEADBEEF);
        Assert.True(k6.IsIPv6);
        Assert.Equal(FragmentStatus.Incomplete, r.Add(k6, 0, true, new byte[8], 1, T(0)).Status);
        Assert.Equal(FragmentStatus.Incomplete, r.Add(Key(0xBEEF), 8, false, new byte[8], 2, T(0)).Status);
        var res = r.Add(k6, 8, false, new byte[8], 3, T(0));
        Assert.Equal(FragmentStatus.Complete, res.Status);
        Assert.Equal(16, res.Data.Length);
        Assert.Equal(1, r.PendingDatagrams);
    }
}
