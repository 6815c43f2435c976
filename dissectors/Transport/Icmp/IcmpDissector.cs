using System.Buffers.Binary;
using System.Globalization;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Transport.Icmp;

/// <summary>
/// ICMP (RFC 792), IP protocol 1. Reads the 8-byte header and the type-specific fields, verifies the checksum when
/// the whole message was captured (as tshark does), and writes tshark's Info ("Echo (ping) request  id=0x0001,
/// seq=1/256, ttl=64", "Destination unreachable (Port unreachable)"). Echo data goes to `data` after an optional
/// timestamp; the datagram quoted by an error message (unreachable, source quench, redirect, time exceeded,
/// parameter problem) goes to the IPv4 dissector with ctx.InErrorPacket set and the columns frozen, so the inner
/// layers add their fields (ip.src twice in -T fields, as in tshark) without touching the summary line.
/// Request/response matching (icmp.resp_in, "(reply in N)") is not done here.
/// </summary>
public sealed class IcmpDissector : IDissector
{
    public const byte IpProtocolNumber = 1;

    DissectorTables _tables = null!;
    IDissector? _ipv4;

    public ProtocolDef Protocol => IcmpFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _tables = tables;
        tables.Get("ip.proto", "IP protocol").Add(IpProtocolNumber, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        if (cols) info.Clear();

        if (!IcmpHeader.TryCreate(data, out var h))
        {
            var r0 = tvb.Reader();
            r0.Need(IcmpHeader.Size);
            if (ctx.InErrorPacket) return Handoff.Done;
            return Handoff.Stop(r0.Status, r0.Status == ReadStatus.Malformed
                ? "ICMP header needs 8 bytes, the packet has fewer" : "ICMP header cut by the capture length");
        }

        byte type = h.Type, code = h.Code;
        if (cols) AppendTypeAndCode(info, type, code);
        f.AddUInt(IcmpFields.Type, o, 1, type);
        f.AddUInt(IcmpFields.Code, o + 1, 1, code);
        AddChecksum(tvb, ctx, h.Checksum);

        // ---- the second word ----
        byte origWords = h.OriginalLengthWords;
        switch (type)
        {
            case 0: case 8: case 13: case 14: case 15: case 16: case 17: case 18:
                f.AddUInt(IcmpFields.Ident, o + 4, 2, h.Identifier);
                f.AddUInt(IcmpFields.IdentLe, o + 4, 2, h.IdentifierLE);
                f.AddUInt(IcmpFields.Seq, o + 6, 2, h.Sequence);
                f.AddUInt(IcmpFields.SeqLe, o + 6, 2, h.SequenceLE);
                if (cols)
                {
                    Transport.InfoText.Hex4(info.Append(" id="), h.Identifier).Append(", seq=").Append((ulong)h.Sequence)
                        .Append('/').Append((ulong)h.SequenceLE);
                    if (ctx.NetSrc.Kind == AddressKind.IPv4) info.Append(", ttl=").Append((ulong)ctx.IpTtl);
                }
                break;
            case 3:
                if (origWords > 0)
                {
                    OriginalLength(f, o, origWords, unusedByte: true);
                    if (code == 4) f.AddUInt(IcmpFields.Mtu, o + 6, 2, h.NextHopMtu);
                    else f.AddBytes(IcmpFields.Unused, o + 6, 2);
                }
                else if (code == 4)
                {
                    f.AddBytes(IcmpFields.Unused, o + 4, 2);
                    f.AddUInt(IcmpFields.Mtu, o + 6, 2, h.NextHopMtu);
                }
                else f.AddBytes(IcmpFields.Unused, o + 4, 4);
                break;
            case 9:
                f.AddUInt(IcmpFields.NumAddrs, o + 4, 1, data[4]);
                f.AddUInt(IcmpFields.AddrEntrySize, o + 5, 1, data[5]);
                f.AddUInt(IcmpFields.Lifetime, o + 6, 2, BinaryPrimitives.ReadUInt16BigEndian(data.Slice(6)));
                break;
            case 12:
                f.AddUInt(IcmpFields.Pointer, o + 4, 1, data[4]);
                if (origWords > 0) { OriginalLength(f, o, origWords, unusedByte: false); f.AddBytes(IcmpFields.Unused, o + 6, 2); }
                else f.AddBytes(IcmpFields.Unused, o + 5, 3);
                break;
            case 5:
                f.AddBytes(IcmpFields.RedirGw, o + 4, 4);
                break;
            case 11:
                if (origWords > 0) { OriginalLength(f, o, origWords, unusedByte: true); f.AddBytes(IcmpFields.Unused, o + 6, 2); }
                else f.AddBytes(IcmpFields.Unused, o + 4, 4);
                break;
            case 42:
            case 43:
                f.AddUInt(IcmpFields.Ident, o + 4, 2, h.Identifier);
                f.AddUInt(IcmpFields.IdentLe, o + 4, 2, h.IdentifierLE);
                f.AddUInt(IcmpFields.ExtEchoSeq, o + 6, 1, data[6]);
                byte b7 = data[7];
                if (type == 42)
                {
                    f.AddUInt(IcmpFields.ExtEchoReqRes, o + 7, 1, (ulong)(b7 >> 1));
                    f.AddBool(IcmpFields.ExtEchoReqLocal, o + 7, 1, (b7 & 1) != 0);
                }
                else
                {
                    f.AddUInt(IcmpFields.ExtEchoRspState, o + 7, 1, (ulong)(b7 >> 5));
                    f.AddUInt(IcmpFields.ExtEchoRspRes, o + 7, 1, (ulong)((b7 >> 3) & 3));
                    f.AddBool(IcmpFields.ExtEchoRspActive, o + 7, 1, (b7 & 4) != 0);
                    f.AddBool(IcmpFields.ExtEchoRspIpv4, o + 7, 1, (b7 & 2) != 0);
                    f.AddBool(IcmpFields.ExtEchoRspIpv6, o + 7, 1, (b7 & 1) != 0);
                }
                break;
        }

        // ---- what follows the header ----
        int rest = tvb.Reported - IcmpHeader.Size;
        switch (type)
        {
            case 3: case 4: case 5: case 11: case 12:
                return Quoted(tvb, ctx, type, origWords);
            case 0: case 8:
                return EchoData(tvb, ctx);
            case 9:
                return RouterAdvertisement(tvb, ctx, data[4], data[5]);
            case 13: case 14:
            {
                var r = tvb.Reader();
                if (!r.Need(20)) return Handoff.Stop(r.Status, "ICMP timestamp message needs 20 bytes");
                f.AddUInt(IcmpFields.OriginateTimestamp, o + 8, 4, BinaryPrimitives.ReadUInt32BigEndian(data.Slice(8)));
                f.AddUInt(IcmpFields.ReceiveTimestamp, o + 12, 4, BinaryPrimitives.ReadUInt32BigEndian(data.Slice(12)));
                f.AddUInt(IcmpFields.TransmitTimestamp, o + 16, 4, BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16)));
                return Handoff.Done;
            }
            case 17: case 18:
            {
                var r = tvb.Reader();
                if (!r.Need(12)) return Handoff.Stop(r.Status, "ICMP address mask message needs 12 bytes");
                f.AddBytes(IcmpFields.AddressMask, o + 8, 4);
                return Handoff.Done;
            }
            default:
                _ = rest;
                return Handoff.Done;
        }
    }

    static void AppendTypeAndCode(TextColumn info, byte type, byte code)
    {
        string name = type == 9 && code is 0 or 16 ? "Mobile IP Advertisement" : IcmpFields.TypeName(type);
        info.Append(name);
        for (int i = name.Length; i < 20; i++) info.Append(' ');   // tshark pads the type to 20 characters
        if (!IcmpFields.HasCodeNames(type)) return;
        var codeName = IcmpFields.CodeName(type, code);
        info.Append(" (");
        if (codeName is not null) info.Append(codeName);
        else info.Append("Unknown code: ").Append((ulong)code);
        info.Append(')');
    }

    static void OriginalLength(PacketFields f, int o, byte words, bool unusedByte)
    {
        if (unusedByte) f.AddBytes(IcmpFields.Unused, o + 4, 1);
        f.AddUInt(IcmpFields.Length, o + 5, 1, words);
        f.AddUInt(IcmpFields.LengthOriginalDatagram, o + 5, 1, (ulong)(words * 4));
    }

    /// <summary>icmp.checksum and its status: verified over the whole message when it was captured whole, is not a
    /// fragment and is not itself quoted in an error (tshark's rule); otherwise Unverified.</summary>
    static void AddChecksum(in Tvb tvb, DissectContext ctx, ushort checksum)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        f.AddUInt(IcmpFields.Checksum, o + 2, 2, checksum);
        bool wantStatus = f.Wants(IcmpFields.ChecksumStatus), wantBad = f.Wants(IcmpFields.ChecksumBad);
        if (!wantStatus && !wantBad) return;
        if (ctx.IpFragment || tvb.IsCut || ctx.InErrorPacket)
        {
            f.AddUInt(IcmpFields.ChecksumStatus, o + 2, 2, ChecksumStatus.Unverified);
            return;
        }
        bool good = Transport.InetChecksum.Verify(0, tvb.Span, 2, out ushort expected);
        if (!good)
            f.AddFlag(IcmpFields.ChecksumBad, o + 2, 2,
                f.WantsAll ? "Bad checksum [should be 0x" + expected.ToString("x4", CultureInfo.InvariantCulture) + "]" : null);
        f.AddUInt(IcmpFields.ChecksumStatus, o + 2, 2, good ? ChecksumStatus.Good : ChecksumStatus.Bad);
    }

    /// <summary>The IP header and first bytes of the datagram an error message quotes, handed to IPv4 as an
    /// error packet (columns frozen). Redirects quote the IP header plus 64 bits; RFC 4884 messages say how much.</summary>
    Handoff Quoted(in Tvb tvb, DissectContext ctx, byte type, byte origWords)
    {
        var data = tvb.Span;
        int o = tvb.Offset;
        int rest = tvb.Reported - IcmpHeader.Size;
        if (type == 5 && data.Length <= IcmpHeader.Size)
        {
            // A redirect's quote length comes from the quoted header, which tshark reads even when it is absent.
            var r = tvb.Reader();
            r.Need(IcmpHeader.Size + 1);
            return Handoff.Stop(r.Status, "ICMP redirect without the quoted datagram");
        }
        if (rest <= 0) return Handoff.Done;
        int quoted = rest;
        if (data.Length > IcmpHeader.Size)
        {
            int ihl = (data[IcmpHeader.Size] & 0x0f) * 4;
            if (type == 5) quoted = Math.Min(rest, ihl + 8);
            else if (origWords > 0 && rest > origWords * 4 && data.Length >= IcmpHeader.Size + 4 &&
                     BinaryPrimitives.ReadUInt16BigEndian(data.Slice(IcmpHeader.Size + 2)) > origWords * 4)
                quoted = Math.Min(rest, ihl + origWords * 4);
        }
        _ipv4 ??= _tables.Dissector("ip");
        if (_ipv4 is null) return Handoff.Data(o + IcmpHeader.Size, quoted);
        ctx.InErrorPacket = true;
        ctx.Columns.Freeze();
        return Handoff.ToDissector(_ipv4, o + IcmpHeader.Size, quoted);
    }

    /// <summary>Echo data: ping's timeval (seconds and microseconds, big- or little-endian, within a day of the
    /// frame time) is shown as icmp.data_time as tshark 4.0 does; the rest becomes `data`.</summary>
    static Handoff EchoData(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        int rest = tvb.Reported - IcmpHeader.Size;
        if (rest <= 0) return Handoff.Done;
        if (data.Length - IcmpHeader.Size < 8) return Handoff.Data(o + IcmpHeader.Size, rest);

        var frameTime = ctx.Frame.Time;
        var body = data.Slice(IcmpHeader.Size, 8);
        uint secs = BinaryPrimitives.ReadUInt32BigEndian(body), usecs = BinaryPrimitives.ReadUInt32BigEndian(body.Slice(4));
        if (!Plausible(secs, usecs, frameTime.Seconds))
        {
            secs = BinaryPrimitives.ReadUInt32LittleEndian(body);
            usecs = BinaryPrimitives.ReadUInt32LittleEndian(body.Slice(4));
        }
        if (!Plausible(secs, usecs, frameTime.Seconds)) return Handoff.Data(o + IcmpHeader.Size, rest);

        var ts = new Timestamp(secs, usecs * 1000);
        f.AddTime(IcmpFields.DataTime, o + IcmpHeader.Size, 8, ts);
        f.AddRelativeTime(IcmpFields.DataTimeRelative, o + IcmpHeader.Size, 8, frameTime.NanosecondsSince(ts));
        return rest > 8 ? Handoff.Data(o + IcmpHeader.Size + 8, rest - 8) : Handoff.Done;
    }

    /// <summary>Within a day of the frame time (compared as 32-bit signed, like Wireshark) with valid microseconds.</summary>
    static bool Plausible(uint secs, uint usecs, long frameSecs)
    {
        long delta = (int)(secs - (uint)frameSecs);
        return Math.Abs(delta) < 86400 && usecs < 1_000_000;
    }

    static Handoff RouterAdvertisement(in Tvb tvb, DissectContext ctx, byte count, byte entrySize)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        int rest = tvb.Reported - IcmpHeader.Size;
        if (entrySize != 2) return rest > 0 ? Handoff.Data(o + IcmpHeader.Size, rest) : Handoff.Done;
        var r = tvb.Reader();
        r.Position = IcmpHeader.Size;
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            if (!r.TrySkip(4)) return Handoff.Stop(r.Status, "ICMP router advertisement entry cut short");
            f.AddBytes(IcmpFields.RouterAddress, o + at, 4);
            if (!r.TryU32(out uint pref)) return Handoff.Stop(r.Status, "ICMP router advertisement entry cut short");
            f.AddInt(IcmpFields.PrefLevel, o + at + 4, 4, (int)pref);
        }
        // Mobile IP extensions (codes 0 and 16) are not decoded.
        return Handoff.Done;
    }
}
