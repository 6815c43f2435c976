namespace Dissect.Analysis.Reassembly;

/// <summary>Sorted, disjoint, non-adjacent half-open intervals [Start, End) of byte positions: which bytes are held.
/// A mutable struct held in a field of its owner (one object less to reach per segment): never copy it.</summary>
internal struct IntervalSet
{
    internal struct Interval { public long Start, End; }

    Interval[]? _items;         // allocated when the first bytes are held
    int _count;

    public readonly int Count => _count;
    public readonly ref readonly Interval this[int i] => ref _items![i];
    public void Clear() => _count = 0;

    /// <summary>Index of the first interval whose End is greater than <paramref name="x"/> (Count when none).</summary>
    public readonly int FirstEndingAfter(long x)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_items![mid].End > x) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Marks [s, e) held, merging with overlapping or adjacent intervals.</summary>
    public void Add(long s, long e)
    {
        if (e <= s) return;
        int i = FirstEndingAfter(s - 1);            // first with End >= s (touching counts)
        int j = i;
        while (j < _count && _items![j].Start <= e) j++;
        if (i == j)
        {
            if (_items is null || _count == _items.Length) Array.Resize(ref _items, Math.Max(4, _count * 2));
            Array.Copy(_items, i, _items, i + 1, _count - i);
            _items[i] = new Interval { Start = s, End = e };
            _count++;
            return;
        }
        _items![i].Start = Math.Min(s, _items[i].Start);
        _items[i].End = Math.Max(e, _items[j - 1].End);
        int removed = j - i - 1;
        if (removed > 0)
        {
            Array.Copy(_items, j, _items, i + 1, _count - j);
            _count -= removed;
        }
    }

    /// <summary>Forgets everything below <paramref name="x"/>.</summary>
    public void TrimBelow(long x)
    {
        int k = FirstEndingAfter(x);
        if (k > 0)
        {
            Array.Copy(_items!, k, _items!, 0, _count - k);
            _count -= k;
        }
        if (_count > 0 && _items![0].Start < x) _items[0].Start = x;
    }

    /// <summary>End of the run of held bytes starting at <paramref name="x"/> (x itself when x is not held).</summary>
    public readonly long ContiguousEnd(long x)
    {
        int k = FirstEndingAfter(x);
        return k < _count && _items![k].Start <= x ? _items[k].End : x;
    }

    /// <summary>Start of the first interval beginning after <paramref name="x"/>, or -1.</summary>
    public readonly long NextStartAfter(long x)
    {
        int k = FirstEndingAfter(x);
        for (; k < _count; k++) if (_items![k].Start > x) return _items[k].Start;
        return -1;
    }

    public readonly long MaxEnd => _count == 0 ? long.MinValue : _items![_count - 1].End;
    public readonly long MinStart => _count == 0 ? long.MaxValue : _items![0].Start;
}
