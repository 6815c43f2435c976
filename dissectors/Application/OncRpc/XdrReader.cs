using Dissect.Core;

namespace Dissect.Dissectors.Application.OncRpc;

/// <summary>
/// Bounds-checked XDR (RFC 4506) reader over one RPC message body: 4-byte big-endian words, 8-byte hypers, and
/// variable-length opaque/string items padded to a multiple of four. Never throws: a short read returns false and
/// <see cref="Status"/> says whether the captured bytes ran out (Truncated) or the reported length did (Malformed).
/// Positions are relative to the start of the data; <see cref="Offset"/> gives the offset in the data source.
/// </summary>
public ref struct XdrReader
{
    /// <summary>Longest opaque/string item accepted (a length past it is treated as malformed).</summary>
    public const int MaxItem = 1 << 24;

    WireReader _r;

    public XdrReader(ReadOnlySpan<byte> data, int baseOffset, int reported)
    {
        _r = new WireReader(data, baseOffset, reported);
    }

    public XdrReader(in Tvb tvb) : this(tvb.Span, tvb.Offset, tvb.Reported) { }

    public int Position { readonly get => _r.Position; set => _r.Position = value; }
    /// <summary>Offset of the current position in the data source (frame or reassembled bytes).</summary>
    public readonly int Offset => _r.FrameOffset;
    public readonly int Remaining => _r.Remaining;
    public readonly int ReportedRemaining => _r.ReportedRemaining;
    public readonly ReadStatus Status => _r.Status;
    public readonly ReadOnlySpan<byte> Data => _r.Data;

    public bool TryU32(out uint v) => _r.TryU32(out v);
    public bool TryU64(out ulong v) => _r.TryU64(out v);
    public bool TryBool(out bool v) { bool ok = _r.TryU32(out uint u); v = u != 0; return ok; }
    public bool TrySkip(int n) => _r.TrySkip(n);
    /// <summary>Marks the read as malformed (a value is impossible, not just short).</summary>
    public void SetMalformed() => _r.SetMalformed();

    /// <summary>Fixed-length opaque of <paramref name="n"/> bytes (padded to four).</summary>
    public bool TryFixedOpaque(int n, out ReadOnlySpan<byte> v)
    {
        v = default;
        if (n < 0) { _r.SetMalformed(); return false; }
        if (!_r.TryBytes(n, out v)) return false;
        return _r.TrySkip(Pad(n));
    }

    /// <summary>Variable-length opaque or string: a length word, the bytes, padding. <paramref name="offset"/> is where
    /// the bytes start in the data source.</summary>
    public bool TryOpaque(out ReadOnlySpan<byte> v, out int offset, int max = MaxItem)
    {
        v = default; offset = Offset;
        if (!_r.TryU32(out uint len)) return false;
        if (len > (uint)max) { _r.SetMalformed(); return false; }
        offset = Offset;
        return TryFixedOpaque((int)len, out v);
    }

    static int Pad(int n) => (4 - (n & 3)) & 3;
}
