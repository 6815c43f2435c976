using System.Buffers.Binary;

namespace Dissect.Dissectors.Transport.Udp;

/// <summary>Zero-copy view of the 8-byte UDP header; one length check in <see cref="TryCreate"/>.</summary>
public readonly ref struct UdpHeader
{
    public const int Size = 8;
    readonly ReadOnlySpan<byte> _b;

    UdpHeader(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out UdpHeader header)
    {
        if (data.Length < Size) { header = default; return false; }
        header = new UdpHeader(data.Slice(0, Size));
        return true;
    }

    public ushort SrcPort => BinaryPrimitives.ReadUInt16BigEndian(_b);
    public ushort DstPort => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
    /// <summary>Length of header plus data (0 in IPv6 jumbograms).</summary>
    public ushort Length => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(4));
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(6));
}
