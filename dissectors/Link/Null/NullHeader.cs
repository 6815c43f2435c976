using System.Buffers.Binary;

namespace Dissect.Dissectors.Link.Null;

/// <summary>View of the 4-byte loopback header: an address family in the capturing host's byte order
/// (LINKTYPE_NULL) or in network byte order (LINKTYPE_LOOP).</summary>
public readonly ref struct NullHeader
{
    public const int Length = 4;
    readonly ReadOnlySpan<byte> _b;
    NullHeader(ReadOnlySpan<byte> b) { _b = b; }

    public static bool TryCreate(ReadOnlySpan<byte> data, out NullHeader header)
    {
        if (data.Length < Length) { header = default; return false; }
        header = new NullHeader(data.Slice(0, Length));
        return true;
    }

    /// <summary>LINKTYPE_NULL: the value in host byte order. Read little-endian; a value with any of the upper 16
    /// bits set was written by a big-endian host and is byte-swapped (Wireshark's rule).</summary>
    public uint HostOrderValue
    {
        get
        {
            uint v = BinaryPrimitives.ReadUInt32LittleEndian(_b);
            return (v & 0xffff0000) != 0 ? BinaryPrimitives.ReverseEndianness(v) : v;
        }
    }

    /// <summary>LINKTYPE_LOOP: the value in network byte order.</summary>
    public uint NetworkOrderValue => BinaryPrimitives.ReadUInt32BigEndian(_b);
}
