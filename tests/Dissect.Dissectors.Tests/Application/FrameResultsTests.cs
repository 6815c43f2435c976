using Dissect.Dissectors.Application;

namespace Dissect.Dissectors.Tests.Application;

public sealed class FrameResultsTests
{
    /// <summary>The ring keeps exactly what the dictionary it replaced kept (when it holds twice the bound before an
    /// add, all but the newest keys are forgotten), finds every key it holds, and finds none it forgot; keys come
    /// in increasing order, now and then two messages of one frame in the wrong order.</summary>
    [Fact]
    public void FrameResults_KeepsAndFindsWhatTheSortedDictionaryKept()
    {
        const int keep = 100;
        var ring = new FrameResults<long>(keep, initialCapacity: 4);
        var model = new Dictionary<long, long>();
        var rng = new Random(7);
        long frame = 0;
        var seqs = new Dictionary<long, long>();
        for (int step = 0; step < 5000; step++)
        {
            frame += 1 + rng.Next(3);
            int messages = rng.Next(10) == 0 ? 3 : 1;
            var idx = Enumerable.Range(0, messages).ToArray();
            if (messages > 1 && rng.Next(2) == 0) (idx[0], idx[2]) = (idx[2], idx[0]);
            foreach (int i in idx)
            {
                long key = (frame << 3) | (uint)i;
                if (model.Count >= 2 * keep)
                {
                    var keys = model.Keys.OrderBy(k => k).ToList();
                    for (int j = 0; j < keys.Count - keep; j++) model.Remove(keys[j]);
                }
                model[key] = key * 10;
                seqs[key] = ring.Add(key, key * 10);
                Assert.Equal(model.Count, ring.Count);
            }
            if (step % 50 == 0)
                foreach (var (k, _) in seqs)
                {
                    bool held = model.ContainsKey(k);
                    Assert.Equal(held, ring.TryGetValue(k, out long v));
                    if (held) Assert.Equal(k * 10, v);
                    if (held) Assert.Equal(k * 10, ring.At(seqs[k], k));
                }
        }
        for (long s = ring.Head + 1; s < ring.Tail; s++) Assert.True(ring.KeyAt(s - 1) < ring.KeyAt(s));
    }
}
