using System.Buffers.Binary;

namespace Dissect.Dissectors.Transport.Icmpv6;

/// <summary>Zero-copy view of the 4-byte ICMPv6 header (type, code, checksum); the message body that follows
/// depends on the type and is read with a bounds-checked reader.</summary>
public readonly ref struct Icmpv6Header
{
    public const int Size = 4;
    readonly ReadOnlySpan<byte> _b;

    Icmpv6Header(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out Icmpv6Header header)
    {
        if (data.Length < Size) { header = default; return false; }
        header = new Icmpv6Header(data.Slice(0, Size));
        return true;
    }

    public byte Type => _b[0];
    public byte Code => _b[1];
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
}
