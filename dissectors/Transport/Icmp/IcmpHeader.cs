using System.Buffers.Binary;

namespace Dissect.Dissectors.Transport.Icmp;

/// <summary>Zero-copy view of the 8-byte ICMP header (type, code, checksum and the type-specific second word);
/// one length check in <see cref="TryCreate"/>.</summary>
public readonly ref struct IcmpHeader
{
    public const int Size = 8;
    readonly ReadOnlySpan<byte> _b;

    IcmpHeader(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out IcmpHeader header)
    {
        if (data.Length < Size) { header = default; return false; }
        header = new IcmpHeader(data.Slice(0, Size));
        return true;
    }

    public byte Type => _b[0];
    public byte Code => _b[1];
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
    /// <summary>Echo/timestamp/mask identifier (bytes 4-5, big-endian).</summary>
    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(4));
    public ushort IdentifierLE => BinaryPrimitives.ReadUInt16LittleEndian(_b.Slice(4));
    public ushort Sequence => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(6));
    public ushort SequenceLE => BinaryPrimitives.ReadUInt16LittleEndian(_b.Slice(6));
    /// <summary>RFC 4884 length of the original datagram, in 32-bit words (byte 5; 0 when not used).</summary>
    public byte OriginalLengthWords => _b[5];
    /// <summary>Next-hop MTU of "fragmentation needed" (RFC 1191, bytes 6-7).</summary>
    public ushort NextHopMtu => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(6));
    /// <summary>The second 32-bit word as bytes (gateway address of a redirect).</summary>
    public ReadOnlySpan<byte> Rest => _b.Slice(4, 4);
}
