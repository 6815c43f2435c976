using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dissect.Dissectors.Application;

/// <summary>
/// The per-message results of a transaction table (DNS, HTTP), kept so that re-dissecting a recent frame gives the
/// first pass's answer (STYLE rule 6). Keys (frame number and message index) arrive in increasing order on the first
/// pass, so the results live in a ring sorted by key: adding is a write at the end, forgetting the oldest moves the
/// start, and a key is found by binary search (or at once, through the sequence number <see cref="Add"/> returned).
/// Bounded as the dictionary it replaces was: when <see cref="Count"/> reaches twice <c>keep</c> before an add, all
/// but the <c>keep</c> newest (largest keys) are forgotten. No allocation once the ring has grown to its size.
/// </summary>
public sealed class FrameResults<T> where T : struct
{
    readonly int _keep, _max;
    long[] _keys;
    T[] _values;
    int _mask;
    /// <summary>Sequence numbers: <c>_head</c> is the oldest kept entry, <c>_tail</c> the next one to be added.</summary>
    long _head, _tail;

    public FrameResults(int keep, int initialCapacity = 256)
    {
        _keep = keep;
        _max = 2 * keep;
        int cap = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, initialCapacity)), BitOperations.RoundUpToPowerOf2((uint)_max));
        _keys = new long[cap];
        _values = new T[cap];
        _mask = cap - 1;
    }

    public int Count => (int)(_tail - _head);

    /// <summary>Adds the result of a key not held yet; returns its sequence number (a hint for <see cref="At"/>).</summary>
    public long Add(long key, in T value)
    {
        if (Count >= _max) _head = _tail - _keep;   // keep the newest: the entries are sorted by key
        if (Count == _keys.Length) Grow();
        long s = _tail++;
        // Keys come in increasing order; one smaller than the last (never seen in practice: the messages of a
        // frame arrive in index order) is moved into place, so the ring stays sorted.
        while (s > _head && _keys[(int)((s - 1) & _mask)] > key)
        {
            _keys[(int)(s & _mask)] = _keys[(int)((s - 1) & _mask)];
            _values[(int)(s & _mask)] = _values[(int)((s - 1) & _mask)];
            s--;
        }
        _keys[(int)(s & _mask)] = key;
        _values[(int)(s & _mask)] = value;
        return s;
    }

    void Grow()
    {
        int cap = _keys.Length * 2;
        var keys = new long[cap];
        var values = new T[cap];
        int mask = cap - 1;
        for (long s = _head; s < _tail; s++)
        {
            keys[(int)(s & mask)] = _keys[(int)(s & _mask)];
            values[(int)(s & mask)] = _values[(int)(s & _mask)];
        }
        _keys = keys; _values = values; _mask = mask;
    }

    /// <summary>The result held for <paramref name="key"/>, or a null reference.</summary>
    public ref T Find(long key)
    {
        if (_tail == _head || key > _keys[(int)((_tail - 1) & _mask)]) return ref Unsafe.NullRef<T>();   // the usual case
        long s = LowerBound(key);
        if (s < _tail && _keys[(int)(s & _mask)] == key) return ref _values[(int)(s & _mask)];
        return ref Unsafe.NullRef<T>();
    }

    /// <summary>The result of <paramref name="key"/>, looked up first at sequence number <paramref name="seq"/>.</summary>
    public ref T At(long seq, long key)
    {
        if (seq >= _head && seq < _tail && _keys[(int)(seq & _mask)] == key) return ref _values[(int)(seq & _mask)];
        return ref Find(key);
    }

    public bool TryGetValue(long key, out T value)
    {
        ref T v = ref Find(key);
        if (Unsafe.IsNullRef(ref v)) { value = default; return false; }
        value = v;
        return true;
    }

    /// <summary>The sequence number of the first entry whose key is at least <paramref name="key"/>
    /// (<see cref="Tail"/> when none is).</summary>
    public long LowerBound(long key)
    {
        long lo = _head, hi = _tail;
        while (lo < hi)
        {
            long mid = lo + ((hi - lo) >> 1);
            if (_keys[(int)(mid & _mask)] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public long Head => _head;
    public long Tail => _tail;
    public long KeyAt(long seq) => _keys[(int)(seq & _mask)];
    public ref T ValueAt(long seq) => ref _values[(int)(seq & _mask)];
}
