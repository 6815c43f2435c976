using System.Buffers.Binary;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Ssh;

/// <summary>
/// SSH framing for the TCP reassembler (pure, stateless): a version line ("SSH-…\n", at most 255 bytes) is one PDU;
/// a cleartext binary packet (RFC 4253 §6: uint32 packet_length, byte padding_length ≥ 4, a key-exchange or
/// transport message code, total a multiple of 8) is packet_length + 4 bytes; anything else is encrypted traffic and
/// is handed over as it comes (one PDU per delivery, i.e. per segment, as tshark shows one "Encrypted packet" per
/// segment). Encrypted packets whose length is sent in clear (AES-GCM, *-etm MACs) can occasionally pass the
/// cleartext test; chacha20-poly1305 and CTR/CBC lengths are encrypted and never look like one (see the report).
/// </summary>
public sealed class SshFramer : IPduFramer
{
    public static readonly SshFramer Instance = new();
    public const int MaxBannerLength = 255;
    /// <summary>RFC 4253 §6.1: implementations must handle 35000-byte packets; cleartext ones are far smaller.</summary>
    public const int MaxCleartextPacket = 35000;

    public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
    {
        var r = Classify(available, out int length);
        return r switch
        {
            Kind.Banner or Kind.Packet => FramerResult.Pdu(length),
            Kind.NeedMore => FramerResult.NeedMore(length),
            _ => available.IsEmpty ? FramerResult.NeedMore(1) : FramerResult.Pdu(available.Length),
        };
    }

    public enum Kind : byte { Banner, Packet, NeedMore, Other }

    /// <summary>What the bytes start with; <paramref name="length"/> is the PDU length (Banner/Packet) or the bytes
    /// still missing (NeedMore).</summary>
    public static Kind Classify(ReadOnlySpan<byte> d, out int length)
    {
        length = 0;
        if (d.IsEmpty) { length = 1; return Kind.NeedMore; }
        if (d[0] == (byte)'S')
        {
            ReadOnlySpan<byte> magic = "SSH-"u8;
            int n = Math.Min(d.Length, 4);
            if (d.Slice(0, n).SequenceEqual(magic.Slice(0, n)))
            {
                if (d.Length < 4) { length = 4 - d.Length; return Kind.NeedMore; }
                int nl = d.Slice(0, Math.Min(d.Length, MaxBannerLength)).IndexOf((byte)'\n');
                if (nl >= 0) { length = nl + 1; return Kind.Banner; }
                if (d.Length >= MaxBannerLength) { length = MaxBannerLength; return Kind.Banner; }
                length = 1;
                return Kind.NeedMore;
            }
        }
        if (d.Length < 6)
        {
            // Could still be a cleartext packet header: its length's top bytes are zero.
            if (d[0] == 0 && (d.Length < 2 || d[1] == 0)) { length = 6 - d.Length; return Kind.NeedMore; }
            return Kind.Other;
        }
        if (!PlausibleCleartext(d)) return Kind.Other;
        uint pl = BinaryPrimitives.ReadUInt32BigEndian(d);
        length = (int)pl + 4;
        if (d.Length < length) { length -= d.Length; return Kind.NeedMore; }
        return Kind.Packet;
    }

    /// <summary>A cleartext binary packet header: sane lengths, block multiple of 8, a message code sent before
    /// the keys are in use (transport 1–4, KEXINIT 20, NEWKEYS 21, key exchange 30–49).</summary>
    public static bool PlausibleCleartext(ReadOnlySpan<byte> d)
    {
        if (d.Length < 6) return false;
        uint pl = BinaryPrimitives.ReadUInt32BigEndian(d);
        byte pad = d[4], code = d[5];
        if (pl < 12 || pl > MaxCleartextPacket || (pl + 4) % 8 != 0) return false;
        if (pad < 4 || pad > pl - 2) return false;
        return code is (>= 1 and <= 4) or 20 or 21 or (>= 30 and <= 49);
    }
}
