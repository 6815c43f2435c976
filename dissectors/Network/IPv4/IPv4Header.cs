using System.Buffers.Binary;

namespace Dissect.Dissectors.Network.IPv4;

/// <summary>View of the fixed 20-byte IPv4 header (RFC 791). <see cref="TryCreate"/> checks the 20 bytes;
/// <see cref="Available"/> says how many of them a cut capture holds so the fields present can still be shown.</summary>
public readonly ref struct IPv4Header
{
    public const int MinLength = 20;
    readonly ReadOnlySpan<byte> _b;
    IPv4Header(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out IPv4Header header)
    {
        header = new IPv4Header(data.Length >= MinLength ? data.Slice(0, MinLength) : data);
        return data.Length >= MinLength;
    }

    /// <summary>Bytes of the fixed header present (20 unless the capture was cut).</summary>
    public int Available => _b.Length;
    public int Version => _b[0] >> 4;
    public int HeaderLength => (_b[0] & 0x0f) * 4;
    public byte DsField => _b[1];
    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
    public ushort Id => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(4));
    /// <summary>The three flag bits (reserved, DF, MF) as a value 0..7.</summary>
    public int Flags => _b[6] >> 5;
    public bool DontFragment => (_b[6] & 0x40) != 0;
    public bool MoreFragments => (_b[6] & 0x20) != 0;
    /// <summary>Fragment offset in 8-byte units.</summary>
    public int FragmentOffset => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(6)) & 0x1fff;
    public byte Ttl => _b[8];
    public byte Protocol => _b[9];
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(10));
    public ReadOnlySpan<byte> Source => _b.Slice(12, 4);
    public ReadOnlySpan<byte> Destination => _b.Slice(16, 4);
}
