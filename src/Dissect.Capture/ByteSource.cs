using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Dissect.Capture;

/// <summary>The bytes of a capture: a memory-mapped file or a caller's memory. Offsets are longs (files can pass
/// 2 GiB); callers check bounds against <see cref="Length"/> before asking for a span.</summary>
internal abstract class ByteSource : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Bytes [offset, offset+length) for parsing headers; valid only during the call.</summary>
    public abstract ReadOnlySpan<byte> Span(long offset, int length);

    /// <summary>Bytes [offset, offset+length) as memory that stays valid until the source is disposed (no copy).</summary>
    public abstract ReadOnlyMemory<byte> Memory(long offset, int length);

    public abstract void Dispose();
}

internal sealed class MemoryByteSource(ReadOnlyMemory<byte> bytes) : ByteSource
{
    public override long Length => bytes.Length;
    public override ReadOnlySpan<byte> Span(long offset, int length) => bytes.Span.Slice((int)offset, length);
    public override ReadOnlyMemory<byte> Memory(long offset, int length) => bytes.Slice((int)offset, length);
    public override void Dispose() { }
}

/// <summary>
/// A read-only mapping of a whole file with one view. Packet memory is handed out through
/// <see cref="MemoryManager{T}"/> windows over the mapped pointer: one window covers up to 2 GiB (the limit of a
/// <see cref="ReadOnlyMemory{T}"/>), so a new window object is made only when reading crosses into a part of the
/// file the current window does not cover: no allocation per packet.
/// </summary>
internal sealed unsafe class MappedByteSource : ByteSource
{
    readonly MemoryMappedFile _map;
    readonly MemoryMappedViewAccessor _view;
    readonly long _length;
    byte* _ptr;
    Window? _window;

    MappedByteSource(MemoryMappedFile map, MemoryMappedViewAccessor view, long length)
    {
        _map = map; _view = view; _length = length;
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _ptr = p + _view.PointerOffset;
    }

    /// <summary>Maps the file of <paramref name="stream"/> (which must be non-empty); takes ownership of it.</summary>
    public static MappedByteSource Map(FileStream stream)
    {
        long length = stream.Length;
        MemoryMappedFile? map = null;
        try
        {
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MappedByteSource(map, view, length);
        }
        catch
        {
            if (map is null) stream.Dispose();
            map?.Dispose();
            throw;
        }
    }

    internal bool Disposed => _ptr == null;

    // Reading is sequential: pages well behind the read position are dropped from this process's resident set
    // (madvise DONTNEED on a read-only file mapping: they stay in the page cache and fault back in if touched
    // again), so resident memory stays bounded whatever the file size.
    const long ReleaseStep = 16L << 20, KeepBehind = 4L << 20;
    long _released;

    void ReleaseBehind(long offset)
    {
        if (!OperatingSystem.IsLinux()) { _released = offset; return; }
        long page = Environment.SystemPageSize;
        byte* basePtr = _ptr;
        long start = _released, end = offset - KeepBehind;
        // madvise wants page-aligned addresses: align within the mapping's absolute addresses.
        long absStart = (long)basePtr + start, absEnd = (long)basePtr + end;
        absStart = (absStart + page - 1) / page * page;
        absEnd = absEnd / page * page;
        if (absEnd > absStart) _ = Madvise((nint)absStart, (nuint)(absEnd - absStart), 4 /* MADV_DONTNEED */);
        _released = end;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "madvise")]
    static extern int Madvise(nint addr, nuint length, int advice);

    public override long Length => _length;

    public override ReadOnlySpan<byte> Span(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(_ptr == null, this);
        if ((ulong)offset > (ulong)_length || (ulong)length > (ulong)(_length - offset)) throw new ArgumentOutOfRangeException(nameof(offset));
        return new ReadOnlySpan<byte>(_ptr + offset, length);
    }

    public override ReadOnlyMemory<byte> Memory(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(_ptr == null, this);
        if ((ulong)offset > (ulong)_length || (ulong)length > (ulong)(_length - offset)) throw new ArgumentOutOfRangeException(nameof(offset));
        if (offset - _released > ReleaseStep) ReleaseBehind(offset);
        var w = _window;
        if (w is null || offset < w.Start || offset + length > w.Start + w.Length)
        {
            int size = (int)Math.Min(int.MaxValue, _length - offset);
            _window = w = new Window(this, offset, size);
        }
        return w.Memory.Slice((int)(offset - w.Start), length);
    }

    public override void Dispose()
    {
        if (_ptr == null) return;
        _ptr = null;
        _window = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    /// <summary>Memory over [Start, Start+Length) of the mapping; refuses access once the mapping is gone.</summary>
    sealed class Window(MappedByteSource owner, long start, int length) : MemoryManager<byte>
    {
        public long Start { get; } = start;
        public int Length { get; } = length;

        byte* Pointer
        {
            get
            {
                byte* p = owner._ptr;
                ObjectDisposedException.ThrowIf(p == null, owner);
                return p + Start;
            }
        }

        public override Span<byte> GetSpan() => new(Pointer, Length);

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)Length, nameof(elementIndex));
            return new MemoryHandle(Pointer + elementIndex);
        }

        public override void Unpin() { }

        protected override void Dispose(bool disposing) { }
    }
}
