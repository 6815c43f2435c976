using System.Buffers.Binary;

namespace Dissect.Dissectors.Network.IPv6;

/// <summary>View of the fixed 40-byte IPv6 header (RFC 8200). <see cref="Available"/> says how much of it a cut
/// capture holds.</summary>
public readonly ref struct IPv6Header
{
    public const int Length = 40;
    readonly ReadOnlySpan<byte> _b;
    IPv6Header(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out IPv6Header header)
    {
        header = new IPv6Header(data.Length >= Length ? data.Slice(0, Length) : data);
        return data.Length >= Length;
    }

    public int Available => _b.Length;
    public int Version => _b[0] >> 4;
    /// <summary>The first 32 bits: version, traffic class, flow label.</summary>
    public uint FirstWord => BinaryPrimitives.ReadUInt32BigEndian(_b);
    public int TrafficClass => (int)(FirstWord >> 20) & 0xff;
    public int FlowLabel => (int)(FirstWord & 0xfffff);
    public ushort PayloadLength => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(4));
    public byte NextHeader => _b[6];
    public byte HopLimit => _b[7];
    public ReadOnlySpan<byte> Source => _b.Slice(8, 16);
    public ReadOnlySpan<byte> Destination => _b.Slice(24, 16);
}

/// <summary>View of the common start of an IPv6 extension header: next header and length in 8-octet units
/// beyond the first 8 (the fragment header has a fixed 8 bytes).</summary>
public readonly ref struct IPv6ExtHeader
{
    readonly ReadOnlySpan<byte> _b;
    IPv6ExtHeader(ReadOnlySpan<byte> b) { _b = b; }

    /// <summary>Checks the 2 bytes that say the header's length, then the whole header.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> data, out IPv6ExtHeader header, out int length)
    {
        header = default;
        length = 2;
        if (data.Length < 2) return false;
        length = (data[1] + 1) * 8;
        if (data.Length < length) return false;
        header = new IPv6ExtHeader(data.Slice(0, length));
        return true;
    }

    public byte NextHeader => _b[0];
    public byte LengthUnits => _b[1];
    public int Length => _b.Length;
    public ReadOnlySpan<byte> Bytes => _b;
}
