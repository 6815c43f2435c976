using System.Buffers;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Reassembly;

/// <summary>Identifies one fragmented datagram: IPv4 (src, dst, protocol, id) or IPv6 (src, dst, identification).</summary>
public readonly struct FragmentKey : IEquatable<FragmentKey>
{
    public readonly Address Source, Destination;
    public readonly uint Id;
    /// <summary>IPv4 protocol; 0 for IPv6 (its key has no next header).</summary>
    public readonly byte Protocol;

    FragmentKey(in Address src, in Address dst, byte protocol, uint id) { Source = src; Destination = dst; Protocol = protocol; Id = id; }

    public static FragmentKey IPv4(in Address src, in Address dst, byte protocol, ushort id) => new(src, dst, protocol, id);
    public static FragmentKey IPv6(in Address src, in Address dst, uint identification) => new(src, dst, 0, identification);

    public bool IsIPv6 => Source.Kind == AddressKind.IPv6;
    public bool Equals(FragmentKey o) => Id == o.Id && Protocol == o.Protocol && Source.Equals(o.Source) && Destination.Equals(o.Destination);
    public override bool Equals(object? obj) => obj is FragmentKey k && Equals(k);
    public override int GetHashCode() => HashCode.Combine(Source.GetHashCode(), Destination.GetHashCode(), Id, Protocol);
}

public enum FragmentStatus : byte
{
    /// <summary>Held; the datagram is not complete yet (or the fragment duplicated a datagram completed recently).</summary>
    Incomplete,
    /// <summary>This fragment completed the datagram: <see cref="FragmentResult.Data"/> holds it.</summary>
    Complete,
    /// <summary>The fragment was rejected (see <see cref="FragmentResult.Error"/>); held state is unchanged.</summary>
    Error,
}

public enum FragmentError : byte
{
    None,
    /// <summary>offset + length is past the largest datagram allowed.</summary>
    TooLong,
    /// <summary>A last fragment disagrees with the end already known, or data lies past that end.</summary>
    InconsistentEnd,
    /// <summary>Negative offset (caller error).</summary>
    BadOffset,
}

/// <summary>Outcome of <see cref="IpFragmentReassembler.Add"/>. The spans are valid until the next call on the
/// reassembler (the data buffer is pooled and returned then): copy what must be kept.</summary>
public readonly ref struct FragmentResult
{
    public FragmentStatus Status { get; init; }
    public FragmentError Error { get; init; }
    /// <summary>This fragment overlapped held bytes with different data; the first data was kept.</summary>
    public bool OverlapConflict { get; init; }
    /// <summary>This fragment only repeated bytes already held (or of a datagram completed recently).</summary>
    public bool Duplicate { get; init; }
    /// <summary>For a duplicate of a datagram completed recently: the frame that completed it; else 0.</summary>
    public long ReassembledIn { get; init; }
    /// <summary>Complete: the reassembled payload (offset 0 = first payload byte after the IP header).</summary>
    public ReadOnlySpan<byte> Data { get; init; }
    /// <summary>Complete: every frame whose fragment was accepted into the datagram, in arrival order (duplicates
    /// included); the last is the completing frame.</summary>
    public ReadOnlySpan<long> Frames { get; init; }
    /// <summary>Complete: the frame that completed the datagram (the frame of this call).</summary>
    public long CompletedIn { get; init; }
    /// <summary>Incomplete datagrams dropped during this call (timeout or cap); each was reported to the sink.</summary>
    public int Evicted { get; init; }
}

public sealed class IpFragmentOptions
{
    /// <summary>Largest reassembled payload (IPv4: 65535 minus the header; we allow the full 16-bit range).</summary>
    public int MaxDatagramBytes { get; init; } = 65535;
    /// <summary>Cap on the bytes held by all incomplete datagrams (pooled buffer sizes).</summary>
    public long TotalCapBytes { get; init; } = 16L << 20;
    /// <summary>Incomplete datagrams older than this (capture time, since their first fragment) are dropped.</summary>
    public long TimeoutNs { get; init; } = 60_000_000_000L;
    /// <summary>How long a completed datagram's key is remembered so that late duplicates of its fragments are
    /// recognised instead of starting a new datagram. Short, because IPv4 ids are reused.</summary>
    public long CompletedMemoryNs { get; init; } = 5_000_000_000L;
    /// <summary>How many completed keys are remembered at most.</summary>
    public int CompletedMemoryCount { get; init; } = 4096;
}

/// <summary>
/// IPv4/IPv6 fragment reassembly. Fragments are copied into one pooled buffer per datagram; overlaps with the same
/// bytes are accepted, conflicting overlaps keep the first data and report an anomaly. Memory is bounded per datagram
/// (MaxDatagramBytes) and in total (TotalCapBytes, oldest incomplete datagram evicted first); incomplete datagrams
/// time out in capture time. Every eviction is reported to the sink. Not thread-safe: one per capture pass.
/// </summary>
public sealed class IpFragmentReassembler : IDisposable
{
    sealed class Datagram
    {
        public FragmentKey Key;
        public byte[]? Buffer;
        public IntervalSet Cover;             // a struct: use in place
        public int End = -1;          // total length once the last fragment was seen
        public int MaxEnd;
        public long[] Frames = new long[4];
        public int FrameCount;
        public long FirstFrame;
        public Timestamp FirstTime;
        public Datagram? Older, Newer; // age list

        public void AddFrame(long f)
        {
            if (FrameCount == Frames.Length) Array.Resize(ref Frames, Frames.Length * 2);
            Frames[FrameCount++] = f;
        }
    }

    readonly struct Completed(long frame, int total, Timestamp time)
    {
        public readonly long Frame = frame;
        public readonly int Total = total;
        public readonly Timestamp Time = time;
    }

    readonly IpFragmentOptions _opt;
    readonly IReassemblyAnomalySink? _sink;
    readonly Dictionary<FragmentKey, Datagram> _open = new();
    readonly Stack<Datagram> _free = new();
    Datagram? _oldest, _newest;
    Datagram? _lastCompleted;
    readonly Dictionary<FragmentKey, Completed> _completed = new();
    readonly Queue<(FragmentKey Key, long Frame, Timestamp Time)> _completedOrder = new();
    long _held;
    int _evictedThisCall;

    public IpFragmentReassembler(IpFragmentOptions? options = null, IReassemblyAnomalySink? sink = null)
    {
        _opt = options ?? new IpFragmentOptions();
        if (_opt.MaxDatagramBytes <= 0 || _opt.TotalCapBytes < _opt.MaxDatagramBytes)
            throw new ArgumentException("TotalCapBytes must hold at least one datagram of MaxDatagramBytes", nameof(options));
        _sink = sink;
    }

    /// <summary>Incomplete datagrams held.</summary>
    public int PendingDatagrams => _open.Count;
    /// <summary>Bytes held in pooled buffers by incomplete datagrams (never above TotalCapBytes after a call).</summary>
    public long HeldBytes => _held;

    /// <summary>Adds one fragment. <paramref name="offset"/> is in bytes (IPv4: fragment offset × 8) and
    /// <paramref name="payload"/> is the fragment's data after the IP header (IPv6: after the fragment header).</summary>
    public FragmentResult Add(in FragmentKey key, int offset, bool moreFragments, ReadOnlySpan<byte> payload,
                              long frameNumber, Timestamp time)
    {
        ReleaseLastCompleted();
        _evictedThisCall = 0;
        ExpireAt(time, frameNumber);

        if (offset < 0)
            return new FragmentResult { Status = FragmentStatus.Error, Error = FragmentError.BadOffset, Evicted = _evictedThisCall };
        long endL = (long)offset + payload.Length;
        if (endL > _opt.MaxDatagramBytes)
        {
            Report(ReassemblyAnomalyKind.FragmentTooLong, frameNumber, 0, offset, payload.Length);
            return new FragmentResult { Status = FragmentStatus.Error, Error = FragmentError.TooLong, Evicted = _evictedThisCall };
        }
        int end = (int)endL;

        if (!_open.TryGetValue(key, out var dg))
        {
            // A late duplicate of a datagram completed a moment ago?
            if (_completed.TryGetValue(key, out var done) && time.NanosecondsSince(done.Time) <= _opt.CompletedMemoryNs &&
                end <= done.Total && (moreFragments || end == done.Total))
                return new FragmentResult { Status = FragmentStatus.Incomplete, Duplicate = true, ReassembledIn = done.Frame, Evicted = _evictedThisCall };
            dg = _free.Count > 0 ? _free.Pop() : new Datagram();
            dg.Key = key; dg.FirstFrame = frameNumber; dg.FirstTime = time;
            _open[key] = dg;
            LinkNewest(dg);
        }

        // End consistency.
        if ((!moreFragments && ((dg.End >= 0 && dg.End != end) || end < dg.MaxEnd)) || (moreFragments && dg.End >= 0 && end > dg.End))
        {
            Report(ReassemblyAnomalyKind.FragmentInconsistentEnd, frameNumber, dg.FirstFrame, offset, payload.Length);
            if (dg.FrameCount == 0) Drop(dg);
            return new FragmentResult { Status = FragmentStatus.Error, Error = FragmentError.InconsistentEnd, Evicted = _evictedThisCall };
        }

        if (!EnsureCapacity(dg, end, frameNumber))
        {
            // Cannot happen with TotalCap ≥ MaxDatagramBytes, kept for safety.
            Drop(dg);
            return new FragmentResult { Status = FragmentStatus.Error, Error = FragmentError.TooLong, Evicted = _evictedThisCall };
        }

        // Compare overlapping bytes, copy the new ones.
        bool conflict = false, anyNew = false;
        var buf = dg.Buffer!;
        ref var cover = ref dg.Cover;
        long pos = offset;
        int k = cover.FirstEndingAfter(pos);
        while (pos < end)
        {
            if (k < cover.Count && cover[k].Start <= pos)
            {
                long ce = Math.Min(end, cover[k].End);
                if (!conflict && !payload.Slice((int)(pos - offset), (int)(ce - pos)).SequenceEqual(buf.AsSpan((int)pos, (int)(ce - pos))))
                    conflict = true;
                pos = ce; k++;
            }
            else
            {
                long ne = k < cover.Count ? Math.Min(end, cover[k].Start) : end;
                payload.Slice((int)(pos - offset), (int)(ne - pos)).CopyTo(buf.AsSpan((int)pos));
                anyNew = true;
                pos = ne;
            }
        }
        cover.Add(offset, end);
        if (conflict) Report(ReassemblyAnomalyKind.FragmentOverlapConflict, frameNumber, dg.FirstFrame, offset, payload.Length);
        dg.AddFrame(frameNumber);
        if (!moreFragments) dg.End = end;
        dg.MaxEnd = Math.Max(dg.MaxEnd, end);

        bool complete = dg.End >= 0 && (dg.End == 0 || (cover.Count == 1 && cover[0].Start == 0 && cover[0].End == dg.End));
        if (!complete)
            return new FragmentResult { Status = FragmentStatus.Incomplete, OverlapConflict = conflict, Duplicate = !anyNew && payload.Length > 0, Evicted = _evictedThisCall };

        _open.Remove(dg.Key);
        Unlink(dg);
        _lastCompleted = dg;
        RememberCompleted(dg.Key, frameNumber, dg.End, time);
        return new FragmentResult
        {
            Status = FragmentStatus.Complete,
            OverlapConflict = conflict,
            Data = buf.AsSpan(0, dg.End),
            Frames = dg.Frames.AsSpan(0, dg.FrameCount),
            CompletedIn = frameNumber,
            Evicted = _evictedThisCall,
        };
    }

    /// <summary>Drops incomplete datagrams whose first fragment is older than the timeout at <paramref name="now"/>
    /// (each reported as <see cref="ReassemblyAnomalyKind.FragmentTimeout"/>). Add calls it itself; call it at the end
    /// of a capture with a time far in the future to flush, or use <see cref="DropAll"/>.</summary>
    public int Expire(Timestamp now, long frameNumber = 0)
    {
        ReleaseLastCompleted();
        _evictedThisCall = 0;
        ExpireAt(now, frameNumber);
        return _evictedThisCall;
    }

    /// <summary>Drops every incomplete datagram, reporting each as a timeout (end of capture).</summary>
    public void DropAll(long frameNumber = 0)
    {
        ReleaseLastCompleted();
        while (_oldest is { } d)
        {
            Report(ReassemblyAnomalyKind.FragmentTimeout, frameNumber, d.FirstFrame, 0, d.MaxEnd);
            Drop(d);
        }
    }

    public void Dispose()
    {
        ReleaseLastCompleted();
        while (_oldest is { } d) Drop(d);
    }

    void ExpireAt(Timestamp now, long frameNumber)
    {
        while (_oldest is { } d && now.NanosecondsSince(d.FirstTime) > _opt.TimeoutNs)
        {
            Report(ReassemblyAnomalyKind.FragmentTimeout, frameNumber, d.FirstFrame, 0, d.MaxEnd);
            Drop(d);
            _evictedThisCall++;
        }
        while (_completedOrder.Count > 0 &&
               (_completedOrder.Count > _opt.CompletedMemoryCount || now.NanosecondsSince(_completedOrder.Peek().Time) > _opt.CompletedMemoryNs))
        {
            var (key, frame, _) = _completedOrder.Dequeue();
            if (_completed.TryGetValue(key, out var c) && c.Frame == frame) _completed.Remove(key);
        }
    }

    void RememberCompleted(in FragmentKey key, long frame, int total, Timestamp time)
    {
        if (_opt.CompletedMemoryCount <= 0) return;
        _completed[key] = new Completed(frame, total, time);
        _completedOrder.Enqueue((key, frame, time));
        if (_completedOrder.Count > _opt.CompletedMemoryCount)
        {
            var (k, f, _) = _completedOrder.Dequeue();
            if (_completed.TryGetValue(k, out var c) && c.Frame == f) _completed.Remove(k);
        }
    }

    bool EnsureCapacity(Datagram dg, int end, long frameNumber)
    {
        int have = dg.Buffer?.Length ?? 0;
        if (end <= have) return true;
        int want = Math.Min(Math.Max(end, Math.Max(have * 2, 1024)), _opt.MaxDatagramBytes);
        // Make room: evict the oldest other incomplete datagrams.
        while (_held - have + RoundedSize(want) > _opt.TotalCapBytes)
        {
            var victim = _oldest == dg ? dg.Newer : _oldest;
            if (victim is null) return false;
            Report(ReassemblyAnomalyKind.FragmentEvicted, frameNumber, victim.FirstFrame, 0, victim.MaxEnd);
            Drop(victim);
            _evictedThisCall++;
        }
        var nb = ArrayPool<byte>.Shared.Rent(want);
        if (dg.Buffer is { } old)
        {
            old.AsSpan(0, Math.Min(old.Length, dg.MaxEnd)).CopyTo(nb);
            _held -= old.Length;
            ArrayPool<byte>.Shared.Return(old);
        }
        dg.Buffer = nb;
        _held += nb.Length;
        return true;
    }

    /// <summary>ArrayPool.Shared hands out power-of-two arrays; account for what it will give.</summary>
    static long RoundedSize(int n) => n <= 16 ? 16 : (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n);

    void Drop(Datagram dg)
    {
        _open.Remove(dg.Key);
        Unlink(dg);
        Recycle(dg);
    }

    void Recycle(Datagram dg)
    {
        if (dg.Buffer is { } b)
        {
            _held -= b.Length;
            ArrayPool<byte>.Shared.Return(b);
            dg.Buffer = null;
        }
        dg.Cover.Clear(); dg.End = -1; dg.MaxEnd = 0; dg.FrameCount = 0; dg.Key = default;
        if (_free.Count < 64) _free.Push(dg);
    }

    void ReleaseLastCompleted()
    {
        if (_lastCompleted is { } d) { _lastCompleted = null; Recycle(d); }
    }

    void LinkNewest(Datagram d)
    {
        d.Older = _newest; d.Newer = null;
        if (_newest is not null) _newest.Newer = d; else _oldest = d;
        _newest = d;
    }

    void Unlink(Datagram d)
    {
        if (d.Older is not null) d.Older.Newer = d.Newer; else if (_oldest == d) _oldest = d.Newer;
        if (d.Newer is not null) d.Newer.Older = d.Older; else if (_newest == d) _newest = d.Older;
        d.Older = d.Newer = null;
    }

    void Report(ReassemblyAnomalyKind kind, long frame, long related, long offset, long length)
        => _sink?.OnAnomaly(new ReassemblyAnomaly(kind, frame, related, offset, length));
}
