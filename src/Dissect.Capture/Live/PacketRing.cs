using System.Runtime.CompilerServices;

namespace Dissect.Capture.Live;

/// <summary>
/// A single-producer single-consumer ring of packets: one preallocated byte arena and a fixed slot array, so the
/// capture thread copies each packet out of libpcap's buffer without allocating. When the consumer falls behind
/// and the ring is full, the packet is dropped and counted (<see cref="Dropped"/>): the ring is the backpressure,
/// never a silent loss. A packet never straddles the end of the arena (the producer skips to offset 0).
/// </summary>
internal sealed class PacketRing
{
    private struct Slot
    {
        public int Offset;
        public int CapturedLength;
        public int OriginalLength;
        public long EndPosition;   // logical arena position after this packet (for release)
        public long Seconds;
        public uint Nanoseconds;
    }

    private readonly byte[] _arena;
    private readonly Slot[] _slots;
    private readonly int _slotMask;

    // Producer-owned.
    private long _writePosition;
    private long _head;            // slots published (monotonic)
    // Consumer-owned.
    private long _tail;            // slots released (monotonic)
    private long _readPosition;    // logical arena position released
    private long _dropped;

    public PacketRing(int arenaBytes, int slotCount)
    {
        if (arenaBytes < 65536) arenaBytes = 65536;
        int slots = 1;
        while (slots < slotCount && slots < (1 << 24)) slots <<= 1;
        _arena = GC.AllocateUninitializedArray<byte>(arenaBytes, pinned: true);
        _slots = new Slot[slots];
        _slotMask = slots - 1;
    }

    public int ArenaBytes => _arena.Length;
    public int SlotCount => _slots.Length;
    public long Dropped => Volatile.Read(ref _dropped);
    public long Published => Volatile.Read(ref _head);
    public int Count => (int)(Volatile.Read(ref _head) - Volatile.Read(ref _tail));

    /// <summary>Producer: copies one packet in. False (and counted as dropped) when the ring is full.</summary>
    public unsafe bool TryWrite(byte* data, int capturedLength, int originalLength, long seconds, uint nanoseconds)
    {
        long head = _head;
        if (head - Volatile.Read(ref _tail) >= _slots.Length) { _dropped++; return false; }
        int size = _arena.Length;
        if (capturedLength > size) { _dropped++; return false; }
        long pos = _writePosition;
        int offset = (int)(pos % size);
        if (offset + capturedLength > size) { pos += size - offset; offset = 0; }
        long end = pos + capturedLength;
        if (end - Volatile.Read(ref _readPosition) > size) { _dropped++; return false; }
        if (capturedLength > 0)
            new ReadOnlySpan<byte>(data, capturedLength).CopyTo(_arena.AsSpan(offset, capturedLength));
        ref Slot s = ref _slots[head & _slotMask];
        s.Offset = offset;
        s.CapturedLength = capturedLength;
        s.OriginalLength = originalLength;
        s.EndPosition = end;
        s.Seconds = seconds;
        s.Nanoseconds = nanoseconds;
        _writePosition = end;
        Volatile.Write(ref _head, head + 1);
        return true;
    }

    /// <summary>Consumer: true when a packet is waiting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasData() => _tail < Volatile.Read(ref _head);

    /// <summary>Consumer: the oldest waiting packet's timestamp (for merging), without taking it.</summary>
    public bool TryPeekTime(out long seconds, out uint nanoseconds)
    {
        if (!HasData()) { seconds = 0; nanoseconds = 0; return false; }
        ref Slot s = ref _slots[_tail & _slotMask];
        seconds = s.Seconds; nanoseconds = s.Nanoseconds;
        return true;
    }

    /// <summary>Consumer: describes the oldest waiting packet. Its bytes stay valid until <see cref="ReleaseOldest"/>.</summary>
    public bool TryPeek(out ReadOnlyMemory<byte> data, out int originalLength, out long seconds, out uint nanoseconds)
    {
        if (!HasData()) { data = default; originalLength = 0; seconds = 0; nanoseconds = 0; return false; }
        ref Slot s = ref _slots[_tail & _slotMask];
        data = new ReadOnlyMemory<byte>(_arena, s.Offset, s.CapturedLength);
        originalLength = s.OriginalLength;
        seconds = s.Seconds;
        nanoseconds = s.Nanoseconds;
        return true;
    }

    /// <summary>Consumer: gives the oldest packet's space back to the producer.</summary>
    public void ReleaseOldest()
    {
        long tail = _tail;
        Volatile.Write(ref _readPosition, _slots[tail & _slotMask].EndPosition);
        Volatile.Write(ref _tail, tail + 1);
    }
}

/// <summary>Wakes a consumer waiting for packets from one or more capture threads.</summary>
internal sealed class Doorbell : IDisposable
{
    private readonly ManualResetEventSlim _event = new(false, spinCount: 0);
    private int _waiting;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ring()
    {
        if (Volatile.Read(ref _waiting) != 0) _event.Set();
    }

    /// <summary>Rings after a full fence (used once per batch so a wake-up is never lost for long).</summary>
    public void RingFenced()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiting) != 0) _event.Set();
    }

    /// <summary>Waits until rung or the timeout passes. <paramref name="ready"/> is re-checked after announcing
    /// the wait so a packet published just before is not slept on. False when cancelled.</summary>
    public bool Wait(Func<bool> ready, int timeoutMs, CancellationToken ct)
    {
        _event.Reset();
        Interlocked.Exchange(ref _waiting, 1);
        try
        {
            if (ready()) return true;
            return _event.Wait(timeoutMs, ct) || true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            Volatile.Write(ref _waiting, 0);
        }
    }

    public void Dispose() => _event.Dispose();
}
