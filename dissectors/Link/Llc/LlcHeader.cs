using System.Buffers.Binary;

namespace Dissect.Dissectors.Link.Llc;

/// <summary>View of an 802.2 LLC header: DSAP, SSAP and a one-byte (U frame) or two-byte little-endian (I and S
/// frames) control field, followed for SNAP (DSAP = SSAP = 0xaa, UI) by a 3-byte OUI and a 2-byte protocol id.</summary>
public readonly ref struct LlcHeader
{
    public const byte SapSnap = 0xaa;
    readonly ReadOnlySpan<byte> _b;
    LlcHeader(ReadOnlySpan<byte> b) { _b = b; }

    /// <summary>Checks the bytes the header says it has; <paramref name="needed"/> tells how many that is (3, 4,
    /// or 8 for SNAP) even when it fails.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> data, out LlcHeader header, out int needed)
    {
        header = default;
        needed = 3;
        if (data.Length < 3) return false;
        bool u = (data[2] & 3) == 3;
        needed = u ? 3 : 4;
        if (u && data[0] == SapSnap && data[1] == SapSnap && data[2] == 0x03) needed = 8;
        if (data.Length < needed) return false;
        header = new LlcHeader(data.Slice(0, needed));
        return true;
    }

    public byte Dsap => _b[0];
    public byte Ssap => _b[1];
    /// <summary>True for U frames (one control byte).</summary>
    public bool IsUnnumbered => (_b[2] & 3) == 3;
    public int ControlLength => IsUnnumbered ? 1 : 2;
    public ushort Control => IsUnnumbered ? _b[2] : BinaryPrimitives.ReadUInt16LittleEndian(_b.Slice(2));
    public bool IsSnap => _b.Length == 8;
    public uint Oui => IsSnap ? (uint)(_b[3] << 16 | _b[4] << 8 | _b[5]) : 0;
    public ushort Pid => IsSnap ? BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(6)) : (ushort)0;
    public int Length => _b.Length;
}
