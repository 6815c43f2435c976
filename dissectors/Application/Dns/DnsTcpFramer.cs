using System.Buffers.Binary;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Dns;

/// <summary>
/// DNS over TCP framing (RFC 1035 section 4.2.2, RFC 7766): each message is preceded by a two-byte length. Pure and
/// allocation-free, for the TCP reassembler's framer and for the DNS dissector on a single segment.
/// </summary>
public static class DnsTcpFramer
{
    public const int PrefixLength = 2;

    /// <summary>True when <paramref name="data"/> starts with a whole length-prefixed message; then
    /// <paramref name="pduLength"/> is prefix plus message. When false, <paramref name="pduLength"/> is the length the
    /// PDU will have (prefix read) or 0 (fewer than two bytes: unknown yet).</summary>
    public static bool TryFrame(ReadOnlySpan<byte> data, out int pduLength)
    {
        if (data.Length < PrefixLength) { pduLength = 0; return false; }
        pduLength = PrefixLength + BinaryPrimitives.ReadUInt16BigEndian(data);
        return data.Length >= pduLength;
    }

    /// <summary>Bytes still needed before <see cref="TryFrame"/> succeeds (0 when it already does; at least 1 when
    /// the prefix is incomplete).</summary>
    public static int MissingBytes(ReadOnlySpan<byte> data)
    {
        if (data.Length < PrefixLength) return PrefixLength - data.Length;
        int pdu = PrefixLength + BinaryPrimitives.ReadUInt16BigEndian(data);
        return Math.Max(0, pdu - data.Length);
    }
}

/// <summary>The reassembler's framer for DNS over TCP: one length-prefixed message per PDU. After a gap the message
/// boundaries are lost, so the rest of the direction is delivered unframed.</summary>
public sealed class DnsTcpPduFramer : IPduFramer
{
    public static readonly DnsTcpPduFramer Instance = new();

    public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
    {
        if (gapBefore) return FramerResult.NotMine;
        if (DnsTcpFramer.TryFrame(available, out int pdu)) return FramerResult.Pdu(pdu);
        return FramerResult.NeedMore(DnsTcpFramer.MissingBytes(available));
    }
}
