using System.Buffers.Binary;

namespace Dissect.Core;

/// <summary>Why a read stopped.</summary>
public enum ReadStatus : byte
{
    Ok,
    /// <summary>Ran past the captured bytes (snaplen cut): benign, the packet was just not saved whole.</summary>
    Truncated,
    /// <summary>A length or value in the packet points past its real (reported) end, or is impossible.</summary>
    Malformed,
}

/// <summary>
/// Bounds-checked big-endian reader over one layer's bytes (STYLE rule 1). Never throws: a short read returns
/// false and <see cref="Status"/> says whether the captured bytes (Truncated) or the reported length (Malformed)
/// ran out. Positions are relative to the layer start; <see cref="BaseOffset"/> maps them to frame offsets.
/// </summary>
public ref struct WireReader
{
    readonly ReadOnlySpan<byte> _data;   // captured bytes of the layer
    readonly int _reported;              // reported length of the layer (>= captured when snaplen cut it)
    int _pos;

    public WireReader(ReadOnlySpan<byte> data, int baseOffset = 0, int reportedLength = -1)
    {
        _data = data; BaseOffset = baseOffset; _reported = reportedLength < 0 ? data.Length : Math.Max(reportedLength, data.Length);
        _pos = 0; Status = ReadStatus.Ok;
    }

    public WireReader(in Tvb tvb) : this(tvb.Span, tvb.Offset, tvb.Reported) { }

    public int BaseOffset { get; }
    public int Position { readonly get => _pos; set => _pos = value; }
    /// <summary>Absolute offset in the frame of the current position.</summary>
    public readonly int FrameOffset => BaseOffset + _pos;
    public readonly int Remaining => _data.Length - _pos;
    public readonly int ReportedRemaining => _reported - _pos;
    public readonly int Length => _data.Length;
    public readonly int ReportedLength => _reported;
    public ReadStatus Status { readonly get; private set; }
    public readonly ReadOnlySpan<byte> Data => _data;
    public readonly ReadOnlySpan<byte> Rest => _data.Slice(Math.Min(_pos, _data.Length));

    /// <summary>Checks n bytes are available; sets Status (Truncated if only the snaplen is short) on failure.</summary>
    public bool Need(int n)
    {
        if (n >= 0 && _pos + n <= _data.Length && _pos + n >= 0) return true;
        Status = (n >= 0 && _pos + n <= _reported) ? ReadStatus.Truncated : ReadStatus.Malformed;
        return false;
    }

    public bool TryU8(out byte v)
    {
        if (!Need(1)) { v = 0; return false; }
        v = _data[_pos++]; return true;
    }

    public bool TryU16(out ushort v)
    {
        if (!Need(2)) { v = 0; return false; }
        v = BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(_pos)); _pos += 2; return true;
    }

    public bool TryU24(out uint v)
    {
        if (!Need(3)) { v = 0; return false; }
        v = (uint)(_data[_pos] << 16 | _data[_pos + 1] << 8 | _data[_pos + 2]); _pos += 3; return true;
    }

    public bool TryU32(out uint v)
    {
        if (!Need(4)) { v = 0; return false; }
        v = BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(_pos)); _pos += 4; return true;
    }

    public bool TryU64(out ulong v)
    {
        if (!Need(8)) { v = 0; return false; }
        v = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_pos)); _pos += 8; return true;
    }

    public bool TryU16LE(out ushort v)
    {
        if (!Need(2)) { v = 0; return false; }
        v = BinaryPrimitives.ReadUInt16LittleEndian(_data.Slice(_pos)); _pos += 2; return true;
    }

    public bool TryU32LE(out uint v)
    {
        if (!Need(4)) { v = 0; return false; }
        v = BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice(_pos)); _pos += 4; return true;
    }

    public bool TryBytes(int n, out ReadOnlySpan<byte> v)
    {
        if (!Need(n)) { v = default; return false; }
        v = _data.Slice(_pos, n); _pos += n; return true;
    }

    public bool TrySkip(int n)
    {
        if (!Need(n)) return false;
        _pos += n; return true;
    }

    /// <summary>Marks the read as malformed (a value is impossible, not just short).</summary>
    public void SetMalformed() => Status = ReadStatus.Malformed;
}
