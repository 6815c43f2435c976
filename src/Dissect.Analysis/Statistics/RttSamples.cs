namespace Dissect.Analysis.Statistics;

/// <summary>RTT samples of one connection: running min/max/mean/variance plus a bounded reservoir for percentiles.</summary>
public sealed class RttSamples
{
    const int Reservoir = 512;
    long[]? _keep;
    int _kept;
    ulong _seen;
    double _mean, _m2;

    public long Count => (long)_seen;
    public long MinNs { get; private set; } = long.MaxValue;
    public long MaxNs { get; private set; }
    public double MeanNs => _mean;
    public double StdevNs => _seen > 1 ? Math.Sqrt(_m2 / (_seen - 1)) : 0;

    public void Add(long ns)
    {
        _seen++;
        if (ns < MinNs) MinNs = ns;
        if (ns > MaxNs) MaxNs = ns;
        double d = ns - _mean;
        _mean += d / _seen;
        _m2 += d * (ns - _mean);
        _keep ??= new long[16];
        if (_kept < Reservoir)
        {
            if (_kept == _keep.Length) Array.Resize(ref _keep, Math.Min(Reservoir, _keep.Length * 2));
            _keep[_kept++] = ns;
        }
        else
        {
            // Deterministic reservoir replacement (no RNG: output is a function of the input).
            ulong slot = (_seen * 2654435761UL) % _seen;
            if (slot < Reservoir) _keep[slot] = ns;
        }
    }

    /// <summary>Percentile (0..100) over the kept samples (exact while fewer than 512 samples were seen).</summary>
    public long Percentile(double p)
    {
        if (_kept == 0 || _keep is null) return 0;
        var copy = _keep.AsSpan(0, _kept).ToArray();
        Array.Sort(copy);
        int idx = (int)Math.Ceiling(p / 100.0 * copy.Length) - 1;
        return copy[Math.Clamp(idx, 0, copy.Length - 1)];
    }
}
