using System.Buffers.Binary;

namespace Dissect.Dissectors.Transport.Tcp;

/// <summary>Zero-copy view of the fixed 20-byte TCP header; one length check in <see cref="TryCreate"/>.
/// Options are read separately (<see cref="TcpOptions"/>) because their length comes from the data offset.</summary>
public readonly ref struct TcpHeader
{
    public const int MinSize = 20;
    readonly ReadOnlySpan<byte> _b;

    TcpHeader(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out TcpHeader header)
    {
        if (data.Length < MinSize) { header = default; return false; }
        header = new TcpHeader(data.Slice(0, MinSize));
        return true;
    }

    public ushort SrcPort => BinaryPrimitives.ReadUInt16BigEndian(_b);
    public ushort DstPort => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
    public uint Seq => BinaryPrimitives.ReadUInt32BigEndian(_b.Slice(4));
    public uint Ack => BinaryPrimitives.ReadUInt32BigEndian(_b.Slice(8));
    /// <summary>Data offset in bytes (the 4-bit word count times 4); may be below 20 in a bogus header.</summary>
    public int HeaderLength => (_b[12] >> 4) * 4;
    /// <summary>The 12 flag bits: 3 reserved, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN.</summary>
    public ushort Flags => (ushort)(BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(12)) & 0x0fff);
    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(14));
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(16));
    public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(18));
}
