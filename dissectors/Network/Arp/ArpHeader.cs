using System.Buffers.Binary;

namespace Dissect.Dissectors.Network.Arp;

/// <summary>View of an ARP packet (RFC 826): the 8-byte fixed part and the four variable-size addresses.</summary>
public readonly ref struct ArpHeader
{
    public const int FixedLength = 8;
    public const ushort HwEther = 1, HwIeee802 = 6;
    public const ushort ProtoIPv4 = 0x0800, ProtoAx25IPv4 = 0x00cc;

    readonly ReadOnlySpan<byte> _b;
    ArpHeader(ReadOnlySpan<byte> b) { _b = b; }

    /// <summary>Fixed part only; <see cref="TotalLength"/> says how many bytes the addresses need.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> data, out ArpHeader header)
    {
        if (data.Length < FixedLength) { header = default; return false; }
        header = new ArpHeader(data);
        return true;
    }

    public ushort HwType => BinaryPrimitives.ReadUInt16BigEndian(_b);
    public ushort ProtoType => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(2));
    public byte HwSize => _b[4];
    public byte ProtoSize => _b[5];
    public ushort Opcode => BinaryPrimitives.ReadUInt16BigEndian(_b.Slice(6));
    public int TotalLength => FixedLength + 2 * HwSize + 2 * ProtoSize;
    public bool HasAddresses => _b.Length >= TotalLength;

    public int SenderHwOffset => FixedLength;
    public int SenderProtoOffset => FixedLength + HwSize;
    public int TargetHwOffset => FixedLength + HwSize + ProtoSize;
    public int TargetProtoOffset => FixedLength + 2 * HwSize + ProtoSize;

    public ReadOnlySpan<byte> SenderHw => _b.Slice(SenderHwOffset, HwSize);
    public ReadOnlySpan<byte> SenderProto => _b.Slice(SenderProtoOffset, ProtoSize);
    public ReadOnlySpan<byte> TargetHw => _b.Slice(TargetHwOffset, HwSize);
    public ReadOnlySpan<byte> TargetProto => _b.Slice(TargetProtoOffset, ProtoSize);
    /// <summary>Bytes from <paramref name="offset"/> (may be shorter than asked near the end).</summary>
    public ReadOnlySpan<byte> From(int offset) => offset < _b.Length ? _b.Slice(offset) : default;

    /// <summary>6-byte Ethernet or IEEE 802 hardware addresses (shown as MAC addresses).</summary>
    public bool HwIsEther => (HwType == HwEther || HwType == HwIeee802) && HwSize == 6;
    /// <summary>4-byte IPv4 protocol addresses.</summary>
    public bool ProtoIsIPv4 => (ProtoType == ProtoIPv4 || ProtoType == ProtoAx25IPv4) && ProtoSize == 4;
}
