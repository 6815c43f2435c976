using System.Buffers.Binary;

namespace Dissect.Dissectors.Link.Vlan;

/// <summary>View of a 4-byte VLAN tag as it follows the tag's ethertype: TCI (priority, DEI, VLAN id) and the
/// inner type or 802.3 length. Also the layout of an 802.1ad service tag.</summary>
public readonly ref struct VlanHeader
{
    public const int Length = 4;
    readonly ReadOnlySpan<byte> _b;
    VlanHeader(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out VlanHeader header)
    {
        if (data.Length < Length) { header = default; return false; }
        header = new VlanHeader(data.Slice(0, Length));
        return true;
    }

    public ushort Tci => BinaryPrimitives.ReadUInt16BigEndian(_b);
    public int Priority => Tci >> 13;
    public bool Dei => (Tci & 0x1000) != 0;
    public int Id => Tci & 0x0fff;
    /// <summary>Inner ethertype, or an 802.3 length when &lt;= 1500.</summary>
    public ushort TypeOrLength => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
}
