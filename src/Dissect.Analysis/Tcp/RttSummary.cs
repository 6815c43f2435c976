using System.Runtime.CompilerServices;

namespace Dissect.Analysis.Tcp;

/// <summary>
/// The ACK round-trip times of one connection in bounded memory: count, min, max, running mean and variance
/// (Welford), and p50/p99. Percentiles are exact while at most <see cref="ExactSamples"/> samples were seen (kept
/// inline, no allocation); past that every sample goes into a bounded log-bucket sketch (<see cref="RttSketch"/>:
/// at most 128 occupied buckets, 0.3–1.6 KiB whatever the number of samples) and p50/p99 become approximate with
/// a relative error of at most <see cref="RelativeErrorBound"/>: 1% (γ = 1.02) unless more than 128 distinct
/// buckets fill up, which takes RTTs spread densely over more than 12x; each merge then doubles the bound (2%, 4%,
/// …). Count, min, max, mean and stdev stay exact.
/// </summary>
public struct RttSummary
{
    public const int ExactSamples = 8;

    [InlineArray(ExactSamples)]
    struct Inline { long _e0; }

    Inline _first;
    RttSketch? _sketch;
    double _mean, _m2;

    public long Count { get; private set; }
    public long MinNs { get; private set; }
    public long MaxNs { get; private set; }
    public readonly double MeanNs => _mean;
    public readonly double StdevNs => Count > 1 ? Math.Sqrt(_m2 / (Count - 1)) : 0;
    /// <summary>True when p50/p99 come from the sketch (more than <see cref="ExactSamples"/> samples).</summary>
    public readonly bool Approximate => _sketch is not null;
    /// <summary>Largest relative error of <see cref="Percentile"/> for this connection (0 while exact).</summary>
    public readonly double RelativeErrorBound => _sketch?.RelativeErrorBound ?? 0;

    public void Add(long ns)
    {
        if (Count == 0 || ns < MinNs) MinNs = ns;
        if (Count == 0 || ns > MaxNs) MaxNs = ns;
        Count++;
        double d = ns - _mean;
        _mean += d / Count;
        _m2 += d * (ns - _mean);
        if (Count <= ExactSamples) { _first[(int)Count - 1] = ns; return; }
        if (_sketch is null)
        {
            _sketch = new RttSketch();
            for (int i = 0; i < ExactSamples; i++) _sketch.Add(_first[i]);
        }
        _sketch.Add(ns);
    }

    /// <summary>Nearest-rank percentile (0..100): exact over the first <see cref="ExactSamples"/> samples, then
    /// within <see cref="RelativeErrorBound"/> of the exact value (clamped to [min, max]).</summary>
    public readonly long Percentile(double p)
    {
        if (Count == 0) return 0;
        long rank = Math.Clamp((long)Math.Ceiling(p / 100.0 * Count) - 1, 0, Count - 1);
        if (_sketch is not null) return Math.Clamp(_sketch.ValueAtRank(rank), MinNs, MaxNs);
        Span<long> sorted = stackalloc long[ExactSamples];
        int n = (int)Count;
        for (int i = 0; i < n; i++) sorted[i] = _first[i];
        sorted = sorted[..n];
        sorted.Sort();
        return sorted[(int)rank];
    }
}

/// <summary>
/// A bounded quantile sketch for positive durations over logarithmic buckets: bucket k holds the values in
/// (γ^(k-1), γ^k]; only occupied buckets are stored (sorted keys and counts, growing from 16 to at most
/// <see cref="MaxBuckets"/> entries: ~1.6 KiB at most). It starts with γ = 1.02, a relative error of (γ−1)/(γ+1) ≈
/// 0.99% for any quantile; only when more than <see cref="MaxBuckets"/> distinct buckets are occupied are adjacent
/// buckets merged in pairs (γ becomes γ², the error bound about doubles), which needs the samples to cover over 12x
/// densely (1.02^128): the same bound then holds for every quantile. Deterministic.
/// </summary>
public sealed class RttSketch
{
    public const int MaxBuckets = 128;
    const double Gamma0 = 1.02;
    static readonly double LnGamma0 = Math.Log(Gamma0);

    int[] _keys = new int[16];
    long[] _counts = new long[16];
    int _n;
    long _zero;                      // values <= 0
    int _level;                      // γ = Gamma0^(2^level)

    public int Level => _level;
    public int Buckets => _n;
    public double Gamma => Math.Pow(Gamma0, 1 << _level);
    public double RelativeErrorBound { get { double g = Gamma; return (g - 1) / (g + 1); } }

    public void Add(long v)
    {
        if (v <= 0) { _zero++; return; }
        while (true)
        {
            int k = (int)Math.Ceiling(Math.Log(v) / (LnGamma0 * (1 << _level)));
            int i = Array.BinarySearch(_keys, 0, _n, k);
            if (i >= 0) { _counts[i]++; return; }
            if (_n == MaxBuckets) { Collapse(); continue; }
            i = ~i;
            if (_n == _keys.Length)
            {
                Array.Resize(ref _keys, Math.Min(MaxBuckets, _n * 2));
                Array.Resize(ref _counts, _keys.Length);
            }
            Array.Copy(_keys, i, _keys, i + 1, _n - i);
            Array.Copy(_counts, i, _counts, i + 1, _n - i);
            _keys[i] = k; _counts[i] = 1; _n++;
            return;
        }
    }

    void Collapse()
    {
        // Key k at level L becomes ceil(k / 2) at level L + 1 (the same as computing it at L + 1 directly); keys stay sorted.
        _level++;
        int w = -1;
        for (int r = 0; r < _n; r++)
        {
            int k = _keys[r] >= 0 ? (_keys[r] + 1) / 2 : -((-_keys[r]) / 2);
            if (w >= 0 && _keys[w] == k) _counts[w] += _counts[r];
            else { w++; _keys[w] = k; _counts[w] = _counts[r]; }
        }
        _n = w + 1;
    }

    /// <summary>Estimate of the value of 0-based rank <paramref name="rank"/> in sorted order: the middle (in the
    /// relative sense) 2γ^k/(γ+1) of its bucket, within <see cref="RelativeErrorBound"/> of the true value.</summary>
    public long ValueAtRank(long rank)
    {
        if (rank < _zero || _n == 0) return 0;
        long seen = _zero;
        double g = Gamma;
        int i = 0;
        for (; i < _n - 1; i++)
        {
            seen += _counts[i];
            if (seen > rank) break;
        }
        return (long)Math.Round(2 * Math.Pow(g, _keys[i]) / (g + 1));
    }
}
