using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Link.Ethernet;

/// <summary>
/// Hands a payload to the "ethertype" table the way Wireshark's ethertype step does. The payload only gets its
/// own length (IPv4 total length, IPv6 header plus payload length, ARP size) and what follows it is the link
/// layer's: zero padding up to the 60-byte minimum frame (eth.padding) and then a trailer, recorded under the
/// trailer field of the layer that dispatched (eth.trailer, vlan.trailer, sll.trailer). The payload length is
/// peeked from the first bytes of the payload because the engine runs the child after this layer returns.
/// </summary>
public static class EtherTypeDispatch
{
    /// <summary>Minimum Ethernet frame without FCS: shorter payloads are padded up to this.</summary>
    public const int MinFrame = 60;

    static readonly string?[] HexNames = new string?[65536];

    /// <summary>Handoff of the bytes after <paramref name="headerLength"/> to <paramref name="table"/> under
    /// <paramref name="etype"/>; records padding and trailer (none when <paramref name="trailerField"/> is null,
    /// as for 802.1ad, though the payload is still bounded); sets the columns tshark sets when no dissector is
    /// registered for the type (protocol "0x88b5", Info the type's name).</summary>
    public static Handoff To(DissectorTable table, ushort etype, in Tvb tvb, int headerLength, DissectContext ctx, FieldDef? trailerField, bool maybeFcs = false, bool setColumns = true)
    {
        int payOff = tvb.Offset + headerLength;
        int payRep = Math.Max(0, tvb.Reported - headerLength);
        int capturedEnd = tvb.Offset + tvb.Captured;
        int inner = InnerLength(etype, tvb.Frame, payOff, capturedEnd);
        if (inner >= 0 && inner < payRep)
        {
            if (trailerField is not null) AddTrailer(ctx, tvb, payOff + inner, payRep - inner, trailerField, maybeFcs);
            payRep = inner;
        }
        if (setColumns && ctx.WantColumns && !HasDissector(table, etype))
        {
            ctx.Columns.Protocol = HexName(etype);
            if (EtherTypeNames.Names.TryGetValue(etype, out var name)) ctx.Columns.Info.Clear().Append(name);
        }
        return Handoff.To(table, etype, payOff, payRep);
    }

    /// <summary>True when the table (or a decode-as override) has a dissector for the key.</summary>
    public static bool HasDissector(DissectorTable table, uint key)
        => table.TryGet(key, out _) || (table.HasOverrides && table.TryGetOverride(key, out _));

    /// <summary>"0x88b5": the protocol column tshark shows for an ethertype nobody dissects (cached per value).</summary>
    public static string HexName(ushort etype) => HexNames[etype] ??= "0x" + etype.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The length the payload says it has, or -1 when unknown (other protocols, too few bytes captured,
    /// impossible values, an IPv4 total length of 0 from segmentation offload, an IPv6 jumbogram). The IPv6
    /// jumbogram test is shared with the IPv6 dissector, the one place this layer looks into a child's header
    /// beyond its length fields.</summary>
    public static int InnerLength(ushort etype, ReadOnlySpan<byte> frame, int offset, int capturedEnd)
    {
        int avail = Math.Min(capturedEnd, frame.Length) - offset;
        switch (etype)
        {
            case 0x0800:
            {
                if (avail < 4) return -1;
                byte b0 = frame[offset];
                int ihl = (b0 & 0x0f) * 4;
                if (b0 >> 4 != 4 || ihl < 20) return -1;
                int total = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset + 2));
                return total < ihl ? -1 : total;
            }
            case 0x86dd:
            {
                if (avail < 6) return -1;
                if (frame[offset] >> 4 != 6) return -1;
                int plen = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset + 4));
                if (plen != 0) return 40 + plen;
                // Payload length 0: a jumbogram when a Hop-by-Hop header carries the length, else (like tshark)
                // just the fixed header.
                if (avail < 7) return -1;
                if (frame[offset + 6] == 0 &&
                    (avail < 40 || Network.IPv6.IPv6Dissector.FindJumbo(frame.Slice(offset + 40, avail - 40)) >= 0)) return -1;
                return 40;
            }
            case 0x0806:
            case 0x8035:
                if (avail < 6) return -1;
                return 8 + 2 * frame[offset + 4] + 2 * frame[offset + 5];
            default:
                return -1;
        }
    }

    /// <summary>Records what follows the payload: padding (only zero bytes, only up to the 60-byte minimum, only
    /// when the frame is at least that long), then the trailer (the captured part of it) and, for Ethernet's own
    /// trailer (<paramref name="maybeFcs"/>) of a frame of 64 bytes or more, a 4-byte FCS at the end (Wireshark's
    /// guess when the capture does not say whether frames carry their FCS).</summary>
    public static void AddTrailer(DissectContext ctx, in Tvb tvb, int start, int reported, FieldDef trailerField, bool maybeFcs = false)
    {
        var f = ctx.Fields;
        var frame = tvb.Frame;
        int captured = Math.Clamp(Math.Min(tvb.Offset + tvb.Captured, frame.Length) - start, 0, reported);
        if (tvb.Source == 0)
        {
            int pkt = ctx.Frame.OriginalLength;
            if (pkt >= MinFrame && pkt - reported < MinFrame)
            {
                int padding = Math.Min(MinFrame - (pkt - reported), reported);
                // Wireshark needs the padding captured to show either item.
                if (padding > captured) return;
                if (frame.Slice(start, padding).IndexOfAnyExcept((byte)0) < 0)
                {
                    f.AddBytes(EthernetFields.Padding, start, padding);
                    start += padding; captured -= padding; reported -= padding;
                }
            }
        }
        if (maybeFcs && tvb.Reported >= 64 && reported >= 4)
        {
            reported -= 4;
            if (captured >= reported + 4)
            {
                // The whole FCS was captured.
                if (reported > 0) f.AddBytes(trailerField, start, reported);
                f.AddUInt(EthernetFields.Fcs, start + reported, 4, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(start + reported)));
                f.AddUInt(EthernetFields.FcsStatus, start + reported, 4, EthernetFields.StatusUnverified);
                return;
            }
            captured = Math.Min(captured, reported);
        }
        if (captured > 0) f.AddBytes(trailerField, start, captured);
    }
}
