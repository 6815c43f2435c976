using System.Buffers.Binary;

namespace Dissect.Dissectors.Application.Dns;

/// <summary>Zero-copy view of the 12-byte DNS header (RFC 1035 section 4.1.1); one length check in <see cref="TryCreate"/>.</summary>
public readonly ref struct DnsHeader
{
    public const int Size = 12;
    public const ushort QR = 0x8000, AA = 0x0400, TC = 0x0200, RD = 0x0100, RA = 0x0080, Z = 0x0040, AD = 0x0020, CD = 0x0010;
    readonly ReadOnlySpan<byte> _b;

    DnsHeader(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out DnsHeader header)
    {
        if (data.Length < Size) { header = default; return false; }
        header = new DnsHeader(data.Slice(0, Size));
        return true;
    }

    public ushort Id => BinaryPrimitives.ReadUInt16BigEndian(_b);
    public ushort Flags => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
    public bool IsResponse => (Flags & QR) != 0;
    public int Opcode => (Flags >> 11) & 0xF;
    public int Rcode => Flags & 0xF;
    public ushort QdCount => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(4));
    public ushort AnCount => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(6));
    public ushort NsCount => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(8));
    public ushort ArCount => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(10));
}
