using System.Buffers.Binary;

namespace Dissect.Dissectors.Link.Sll;

/// <summary>View of a Linux cooked-capture header, v1 (16 bytes: packet type, ARPHRD type, address length, 8
/// address bytes, protocol) or v2 (20 bytes: protocol, reserved, interface index, ARPHRD type, packet type,
/// address length, 8 address bytes).</summary>
public readonly ref struct SllHeader
{
    public const int V1Length = 16, V2Length = 20;
    readonly ReadOnlySpan<byte> _b;
    readonly bool _v2;
    SllHeader(ReadOnlySpan<byte> b, bool v2) { _b = b; _v2 = v2; }

    public static bool TryCreate(ReadOnlySpan<byte> data, bool v2, out SllHeader header)
    {
        int n = v2 ? V2Length : V1Length;
        if (data.Length < n) { header = default; return false; }
        header = new SllHeader(data.Slice(0, n), v2);
        return true;
    }

    public bool IsV2 => _v2;
    public int Length => _b.Length;
    public ushort PacketType => _v2 ? _b[10] : BinaryPrimitives.ReadUInt16BigEndian(_b);
    public ushort HaType => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(_v2 ? 8 : 2));
    public ushort HaLen => _v2 ? _b[11] : BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(4));
    /// <summary>Offset of the 8-byte address field.</summary>
    public int AddressOffset => _v2 ? 12 : 6;
    public ReadOnlySpan<byte> Address => _b.Slice(AddressOffset, 8);
    public int ProtocolOffset => _v2 ? 0 : 14;
    public ushort Protocol => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(ProtocolOffset));
    public uint IfIndex => _v2 ? BinaryPrimitives.ReadUInt32BigEndian(_b.Slice(4)) : 0;
}
