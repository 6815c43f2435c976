using System.Buffers.Binary;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Tls;

/// <summary>
/// The TLS record header (RFC 8446 section 5.1): content type, legacy version, length. Pure checks shared by the
/// framer, the heuristic and the dissector.
/// </summary>
public static class TlsRecord
{
    public const int HeaderLength = 5;
    /// <summary>2^14 plaintext + 2048 expansion: the largest record a peer may send (TLSCiphertext).</summary>
    public const int MaxLength = 16384 + 2048;

    public const byte ChangeCipherSpec = 20, Alert = 21, Handshake = 22, ApplicationData = 23, Heartbeat = 24, ConnectionId = 25;

    /// <summary>Wireshark's ssl_is_valid_content_type.</summary>
    public static bool IsValidContentType(byte t) => t is >= ChangeCipherSpec and <= ConnectionId;

    /// <summary>The record versions Wireshark takes for SSLv3/TLS (ssl_looks_like_sslv3): SSL 3.0, TLS 1.0-1.2
    /// (TLS 1.3 keeps 0x0303 on the wire) and GMTLS.</summary>
    public static bool IsRecordVersion(ushort v) => v is 0x0300 or 0x0301 or 0x0302 or 0x0303 or 0x0101;

    /// <summary>A plausible record header at the start of <paramref name="b"/> (at least 5 bytes).</summary>
    public static bool LooksLikeHeader(ReadOnlySpan<byte> b)
        => b.Length >= HeaderLength && IsValidContentType(b[0]) && IsRecordVersion(BinaryPrimitives.ReadUInt16BigEndian(b.Slice(1)))
           && BinaryPrimitives.ReadUInt16BigEndian(b.Slice(3)) <= MaxLength;

    /// <summary>The heuristic on any TCP port (Wireshark's is_sslv3_or_tls): a Handshake or Application Data record
    /// with a known version and a sane, non-zero length. An SSLv2-compatible ClientHello is not taken.</summary>
    public static bool HeuristicAccepts(ReadOnlySpan<byte> b)
    {
        if (b.Length < HeaderLength || b[0] is not (Handshake or ApplicationData)) return false;
        if (!IsRecordVersion(BinaryPrimitives.ReadUInt16BigEndian(b.Slice(1)))) return false;
        int len = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(3));
        return len is > 0 and < MaxLength;
    }

    /// <summary>A prefix shorter than a header that could still start one.</summary>
    public static bool CouldStartHeader(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 1 && !IsValidContentType(b[0])) return false;
        if (b.Length >= 2 && b[1] is not (0x03 or 0x01)) return false;
        if (b.Length >= 3 && !IsRecordVersion(BinaryPrimitives.ReadUInt16BigEndian(b.Slice(1)))) return false;
        if (b.Length >= 4 && b[3] > (MaxLength >> 8)) return false;
        return true;
    }
}

/// <summary>
/// The TCP reassembly's framer for TLS: one record per PDU, sized by the 5-byte header. Bytes that do not start
/// with a record header are not TLS (the rest of the direction is delivered unframed), except after a gap, where the
/// framer skips to the next plausible header.
/// </summary>
public sealed class TlsRecordFramer : IPduFramer
{
    public static readonly TlsRecordFramer Instance = new();

    public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
    {
        if (available.Length < TlsRecord.HeaderLength)
        {
            if (TlsRecord.CouldStartHeader(available)) return FramerResult.NeedMore(TlsRecord.HeaderLength - available.Length);
            return gapBefore ? FramerResult.Skip(available.Length == 0 ? 1 : available.Length) : FramerResult.NotMine;
        }
        if (TlsRecord.LooksLikeHeader(available))
        {
            int total = TlsRecord.HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(available.Slice(3));
            return total <= available.Length ? FramerResult.Pdu(total) : FramerResult.NeedMore(total - available.Length);
        }
        if (!gapBefore) return FramerResult.NotMine;
        // Resynchronise after a gap: skip to the next offset that looks like a record header.
        for (int i = 1; i + TlsRecord.HeaderLength <= available.Length; i++)
            if (TlsRecord.LooksLikeHeader(available.Slice(i))) return FramerResult.Skip(i);
        return FramerResult.Skip(Math.Max(1, available.Length - (TlsRecord.HeaderLength - 1)));
    }
}
