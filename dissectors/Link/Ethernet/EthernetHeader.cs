using System.Buffers.Binary;

namespace Dissect.Dissectors.Link.Ethernet;

/// <summary>Zero-copy view of the 14-byte Ethernet header (destination, source, type or 802.3 length).</summary>
public readonly ref struct EthernetHeader
{
    public const int Length = 14;
    /// <summary>Largest value of the type/length field that is an 802.3 length.</summary>
    public const int MaxLength8023 = 1500;
    /// <summary>Smallest value that is an Ethernet II type.</summary>
    public const int MinEtherType = 1536;

    readonly ReadOnlySpan<byte> _b;
    EthernetHeader(ReadOnlySpan<byte> b) { _b = b; }

    /// <summary>False when fewer than 14 bytes are present.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> data, out EthernetHeader header)
    {
        if (data.Length < Length) { header = default; return false; }
        header = new EthernetHeader(data.Slice(0, Length));
        return true;
    }

    public ReadOnlySpan<byte> Destination => _b.Slice(0, 6);
    public ReadOnlySpan<byte> Source => _b.Slice(6, 6);
    /// <summary>The type (Ethernet II, &gt;= 1536) or length (802.3, &lt;= 1500) field.</summary>
    public ushort TypeOrLength => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(12));
}
