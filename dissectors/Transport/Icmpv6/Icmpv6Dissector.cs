using System.Buffers.Binary;
using System.Globalization;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Transport.Icmpv6;

/// <summary>
/// ICMPv6 (RFC 4443), IP protocol 58: errors (the invoking packet goes to the IPv6 dissector with ctx.InErrorPacket
/// set and the columns frozen), echo, MLDv1/v2 (RFC 2710, 3810) and Neighbor Discovery (RFC 4861: RS, RA, NS, NA,
/// Redirect) with the common options (link-layer addresses, prefix information, MTU, redirected header, nonce,
/// RDNSS). The checksum, which covers the IPv6 pseudo-header, is verified when the whole message was captured, as
/// tshark does. Info as tshark: "Neighbor Solicitation for fe80::1 from 02:00:00:00:00:01",
/// "Echo (ping) request id=0x108e, seq=1, hop limit=64". Request/response matching is not done here.
/// </summary>
public sealed class Icmpv6Dissector : IDissector
{
    public const byte IpProtocolNumber = 58;

    DissectorTables _tables = null!;
    IDissector? _ipv6;

    public ProtocolDef Protocol => Icmpv6Fields.Protocol;

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

        if (!Icmpv6Header.TryCreate(data, out var h))
        {
            var r0 = tvb.Reader();
            r0.Need(Icmpv6Header.Size);
            if (ctx.InErrorPacket) return Handoff.Done;
            return Handoff.Stop(r0.Status, r0.Status == ReadStatus.Malformed
                ? "ICMPv6 header needs 4 bytes, the packet has fewer" : "ICMPv6 header cut by the capture length");
        }

        byte type = h.Type, code = h.Code;
        if (cols) AppendTypeAndCode(info, type, code);
        f.AddUInt(Icmpv6Fields.Type, o, 1, type);
        f.AddUInt(Icmpv6Fields.Code, o + 1, 1, code);
        AddChecksum(tvb, ctx, h.Checksum);

        var r = tvb.Reader();
        r.Position = Icmpv6Header.Size;
        switch (type)
        {
            case 1: case 3:
                if (!r.TrySkip(4)) return Cut(r, "ICMPv6 error message cut short");
                f.AddBytes(Icmpv6Fields.Reserved, o + 4, 4);
                return Quoted(tvb, ctx, 8);
            case 2:
            {
                if (!r.TryU32(out uint mtu)) return Cut(r, "ICMPv6 Packet Too Big cut short");
                f.AddUInt(Icmpv6Fields.Mtu, o + 4, 4, mtu);
                return Quoted(tvb, ctx, 8);
            }
            case 4:
            {
                if (!r.TryU32(out uint ptr)) return Cut(r, "ICMPv6 Parameter Problem cut short");
                f.AddUInt(Icmpv6Fields.Pointer, o + 4, 4, ptr);
                return Quoted(tvb, ctx, 8);
            }
            case 128: case 129:
            {
                if (!r.TryU16(out ushort id) || !r.TryU16(out ushort seq)) return Cut(r, "ICMPv6 echo cut short");
                f.AddUInt(Icmpv6Fields.EchoIdentifier, o + 4, 2, id);
                f.AddUInt(Icmpv6Fields.EchoSequence, o + 6, 2, seq);
                if (cols)
                {
                    Transport.InfoText.Hex4(info.Append(" id="), id).Append(", seq=").Append((ulong)seq);
                    if (ctx.NetSrc.Kind == AddressKind.IPv6) info.Append(", hop limit=").Append((ulong)ctx.IpTtl);
                }
                int rest = tvb.Reported - 8;
                return rest > 0 ? Handoff.Data(o + 8, rest) : Handoff.Done;
            }
            case 130: case 131: case 132:
                return Mld(tvb, ctx, type, ref r);
            case 143:
                return MldV2Report(tvb, ctx, ref r);
            case 133:
                if (!r.TrySkip(4)) return Cut(r, "ICMPv6 Router Solicitation cut short");
                f.AddBytes(Icmpv6Fields.Reserved, o + 4, 4);
                return Options(tvb, ctx, ref r);
            case 134:
                return RouterAdvertisement(tvb, ctx, ref r);
            case 135:
            {
                if (!r.TrySkip(4) || !r.TryBytes(16, out var target)) return Cut(r, "ICMPv6 Neighbor Solicitation cut short");
                f.AddBytes(Icmpv6Fields.Reserved, o + 4, 4);
                f.AddBytes(Icmpv6Fields.NsTargetAddress, o + 8, 16);
                if (cols) Transport.InfoText.IPv6(info.Append(" for "), target);
                return Options(tvb, ctx, ref r);
            }
            case 136:
                return NeighborAdvertisement(tvb, ctx, ref r);
            case 137:
            {
                if (!r.TrySkip(4) || !r.TrySkip(32)) return Cut(r, "ICMPv6 Redirect cut short");
                f.AddBytes(Icmpv6Fields.Reserved, o + 4, 4);
                f.AddBytes(Icmpv6Fields.RdTargetAddress, o + 8, 16);
                f.AddBytes(Icmpv6Fields.RdDestinationAddress, o + 24, 16);
                return Options(tvb, ctx, ref r);
            }
            default:
            {
                f.AddFlag(Icmpv6Fields.UndecodedType, o, 1, f.WantsAll
                    ? "Dissector for ICMPv6 Type (" + type.ToString(CultureInfo.InvariantCulture) + ") code not implemented, Contact Wireshark developers if you want this supported"
                    : null);
                int rest = Math.Min(tvb.Reported, data.Length) - Icmpv6Header.Size;
                if (rest > 0) f.AddBytes(Icmpv6Fields.Data, o + 4, rest);
                return Handoff.Done;
            }
        }
    }

    static Handoff Cut(in WireReader r, string reason) => Handoff.Stop(r.Status, reason);

    static void AppendTypeAndCode(TextColumn info, byte type, byte code)
    {
        if (Icmpv6Fields.TypeName(type) is { } name) info.Append(name);
        else info.Append("Unknown (").Append((ulong)type).Append(')');
        if (!Icmpv6Fields.HasCodeNames(type)) return;
        info.Append(" (");
        if (Icmpv6Fields.CodeName(type, code) is { } c) info.Append(c);
        else if (type == 1) info.Append("Unknown");
        else info.Append("Unknown (").Append((ulong)code).Append(')');
        info.Append(')');
    }

    /// <summary>icmpv6.checksum and its status, verified over the IPv6 pseudo-header and the whole message when it
    /// was captured whole, is not a fragment and is not quoted inside an error (tshark's rule).</summary>
    static void AddChecksum(in Tvb tvb, DissectContext ctx, ushort checksum)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        f.AddUInt(Icmpv6Fields.Checksum, o + 2, 2, checksum);
        bool wantStatus = f.Wants(Icmpv6Fields.ChecksumStatus), wantBad = f.Wants(Icmpv6Fields.ChecksumBad);
        if (!wantStatus && !wantBad) return;
        if (ctx.IpFragment || tvb.IsCut || ctx.InErrorPacket ||
            !Transport.InetChecksum.TryPseudoHeader(ctx.NetSrc, ctx.NetDst, IpProtocolNumber, (uint)tvb.Reported, out ulong pseudo))
        {
            f.AddUInt(Icmpv6Fields.ChecksumStatus, o + 2, 2, ChecksumStatus.Unverified);
            return;
        }
        bool good = Transport.InetChecksum.Verify(pseudo, tvb.Span, 2, out ushort expected);
        if (!good)
            f.AddFlag(Icmpv6Fields.ChecksumBad, o + 2, 2,
                f.WantsAll ? "Bad checksum [should be 0x" + expected.ToString("x4", CultureInfo.InvariantCulture) + "]" : null);
        f.AddUInt(Icmpv6Fields.ChecksumStatus, o + 2, 2, good ? ChecksumStatus.Good : ChecksumStatus.Bad);
    }

    /// <summary>The invoking packet of an error message (or the redirected header), handed to IPv6 as an error
    /// packet with the columns frozen.</summary>
    Handoff Quoted(in Tvb tvb, DissectContext ctx, int at)
    {
        int o = tvb.Offset;
        int rest = tvb.Reported - at;
        if (rest <= 0) return Handoff.Malformed("ICMPv6 error message without the invoking packet");
        _ipv6 ??= _tables.Dissector("ipv6");
        if (_ipv6 is null) return Handoff.Data(o + at, rest);
        ctx.InErrorPacket = true;
        ctx.Columns.Freeze();
        return Handoff.ToDissector(_ipv6, o + at, rest);
    }

    Handoff RouterAdvertisement(in Tvb tvb, DissectContext ctx, ref WireReader r)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TryU8(out byte hop) || !r.TryU8(out byte flags) || !r.TryU16(out ushort lifetime) ||
            !r.TryU32(out uint reachable) || !r.TryU32(out uint retrans))
            return Cut(r, "ICMPv6 Router Advertisement cut short");
        f.AddUInt(Icmpv6Fields.RaCurHopLimit, o + 4, 1, hop);
        int t = f.BeginTree(Icmpv6Fields.RaFlag, o + 5, 1, flags);
        f.AddBool(Icmpv6Fields.RaFlagM, o + 5, 1, (flags & 0x80) != 0);
        f.AddBool(Icmpv6Fields.RaFlagO, o + 5, 1, (flags & 0x40) != 0);
        f.AddBool(Icmpv6Fields.RaFlagH, o + 5, 1, (flags & 0x20) != 0);
        f.AddUInt(Icmpv6Fields.RaFlagPrf, o + 5, 1, (ulong)((flags >> 3) & 3));
        f.AddBool(Icmpv6Fields.RaFlagP, o + 5, 1, (flags & 0x04) != 0);
        f.AddUInt(Icmpv6Fields.RaFlagRsv, o + 5, 1, (ulong)(flags & 3));
        f.EndTree(t);
        f.AddUInt(Icmpv6Fields.RaRouterLifetime, o + 6, 2, lifetime);
        f.AddUInt(Icmpv6Fields.RaReachableTime, o + 8, 4, reachable);
        f.AddUInt(Icmpv6Fields.RaRetransTimer, o + 12, 4, retrans);
        return Options(tvb, ctx, ref r);
    }

    Handoff NeighborAdvertisement(in Tvb tvb, DissectContext ctx, ref WireReader r)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TryU32(out uint flags) || !r.TryBytes(16, out var target)) return Cut(r, "ICMPv6 Neighbor Advertisement cut short");
        int t = f.BeginTree(Icmpv6Fields.NaFlag, o + 4, 4, flags);
        f.AddBool(Icmpv6Fields.NaFlagR, o + 4, 4, (flags & 0x80000000) != 0);
        f.AddBool(Icmpv6Fields.NaFlagS, o + 4, 4, (flags & 0x40000000) != 0);
        f.AddBool(Icmpv6Fields.NaFlagO, o + 4, 4, (flags & 0x20000000) != 0);
        f.AddUInt(Icmpv6Fields.NaFlagRsv, o + 4, 4, flags & 0x1fffffff);
        f.EndTree(t);
        f.AddBytes(Icmpv6Fields.NaTargetAddress, o + 8, 16);
        if (ctx.WantColumns)
        {
            var info = ctx.Columns.Info;
            Transport.InfoText.IPv6(info.Append(' '), target).Append(" (");
            bool any = false;
            if ((flags & 0x80000000) != 0) { info.Append("rtr"); any = true; }
            if ((flags & 0x40000000) != 0) { info.Append(any ? ", sol" : "sol"); any = true; }
            if ((flags & 0x20000000) != 0) { info.Append(any ? ", ovr" : "ovr"); any = true; }
            if (!any) info.Append("none");
            info.Append(')');
        }
        return Options(tvb, ctx, ref r);
    }

    /// <summary>Neighbor Discovery options (RFC 4861 4.6) from the reader's position to the end of the message.</summary>
    Handoff Options(in Tvb tvb, DissectContext ctx, ref WireReader r)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        int redirectedAt = -1, redirectedLen = 0;
        Span<char> text = stackalloc char[256];
        while (r.ReportedRemaining > 0)
        {
            int at = r.Position;
            if (!r.TryU8(out byte type) || !r.TryU8(out byte len8))
                return Cut(r, "ICMPv6 option header cut short");
            int olen = len8 * 8;
            int t = f.BeginTree(Icmpv6Fields.Opt, o + at, olen == 0 ? 2 : Math.Min(olen, data.Length - at));
            f.AddUInt(Icmpv6Fields.OptType, o + at, 1, type);
            f.AddUInt(Icmpv6Fields.OptLength, o + at + 1, 1, len8);
            if (len8 == 0)
            {
                f.AddFlag(Icmpv6Fields.InvalidOptionLength, o + at + 1, 1, "Invalid option length (Zero)");
                f.AddFlag(FrameFields.Malformed, o + at + 1, 1, "Invalid option length (Zero)");
                f.EndTree(t);
                return Handoff.Done;
            }
            r.Position = at;
            if (!r.Need(olen)) { f.EndTree(t); return Cut(r, "ICMPv6 option goes past the end of the message"); }
            var b = data.Slice(at, olen);
            int bo = o + at;
            switch (type)
            {
                case 1: case 2:
                {
                    int n = len8 == 1 ? 6 : olen - 2;
                    f.AddBytes(Icmpv6Fields.OptLinkAddr, bo + 2, n);
                    f.AddBytes(type == 1 ? Icmpv6Fields.OptSrcLinkAddr : Icmpv6Fields.OptTargetLinkAddr, bo + 2, n);
                    if (cols)
                    {
                        info.Append(type == 1 ? " from " : " is at ");
                        var mac = b.Slice(2, Math.Min(n, 64));
                        info.Append(text.Slice(0, Format.WriteHexSep(mac, text, ':')));
                    }
                    break;
                }
                case 3 when olen >= 32:
                {
                    byte pf = b[3];
                    f.AddUInt(Icmpv6Fields.OptPrefixLength, bo + 2, 1, b[2]);
                    int ft = f.BeginTree(Icmpv6Fields.OptPrefixFlag, bo + 3, 1, pf);
                    f.AddBool(Icmpv6Fields.OptPrefixFlagL, bo + 3, 1, (pf & 0x80) != 0);
                    f.AddBool(Icmpv6Fields.OptPrefixFlagA, bo + 3, 1, (pf & 0x40) != 0);
                    f.AddBool(Icmpv6Fields.OptPrefixFlagR, bo + 3, 1, (pf & 0x20) != 0);
                    f.AddUInt(Icmpv6Fields.OptPrefixFlagReserved, bo + 3, 1, (ulong)(pf & 0x1f));
                    f.EndTree(ft);
                    f.AddUInt(Icmpv6Fields.OptPrefixValidLifetime, bo + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(4)));
                    f.AddUInt(Icmpv6Fields.OptPrefixPreferredLifetime, bo + 8, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(8)));
                    f.AddFlag(Icmpv6Fields.OptReserved, bo + 12, 4);
                    f.AddBytes(Icmpv6Fields.OptPrefix, bo + 16, 16);
                    break;
                }
                case 4:
                    f.AddFlag(Icmpv6Fields.OptReserved, bo + 2, 6);
                    if (olen > 8)
                    {
                        f.AddFlag(Icmpv6Fields.OptRedirectedPacket, bo + 8, olen - 8);
                        redirectedAt = at + 8; redirectedLen = olen - 8;
                    }
                    break;
                case 5:
                    f.AddFlag(Icmpv6Fields.OptReserved, bo + 2, 2);
                    f.AddUInt(Icmpv6Fields.OptMtu, bo + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(4)));
                    break;
                case 7:
                    f.AddFlag(Icmpv6Fields.OptReserved, bo + 2, 2);
                    f.AddUInt(Icmpv6Fields.OptAdvertisementInterval, bo + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(4)));
                    break;
                case 8:
                    f.AddFlag(Icmpv6Fields.OptReserved, bo + 2, 2);
                    f.AddUInt(Icmpv6Fields.OptHomeAgentPreference, bo + 4, 2, BinaryPrimitives.ReadUInt16BigEndian(b.Slice(4)));
                    f.AddUInt(Icmpv6Fields.OptHomeAgentLifetime, bo + 6, 2, BinaryPrimitives.ReadUInt16BigEndian(b.Slice(6)));
                    break;
                case 14:
                    f.AddBytes(Icmpv6Fields.OptNonce, bo + 2, olen - 2);
                    break;
                case 31:
                    f.AddFlag(Icmpv6Fields.OptReserved, bo + 2, 2);
                    f.AddUInt(Icmpv6Fields.OptDnsslLifetime, bo + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(4)));
                    SearchList(f, b, bo, text);
                    break;
                case 25:
                    f.AddFlag(Icmpv6Fields.OptReserved, bo + 2, 2);
                    f.AddUInt(Icmpv6Fields.OptRdnssLifetime, bo + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(4)));
                    for (int k = 8; k + 16 <= olen; k += 16) f.AddBytes(Icmpv6Fields.OptRdnss, bo + k, 16);
                    break;
            }
            f.EndTree(t);
            r.Position = at + olen;
        }
        if (redirectedAt >= 0) return RedirectedPacket(tvb, ctx, redirectedAt, redirectedLen);
        return Handoff.Done;
    }

    /// <summary>DNSSL domain names (RFC 8106): uncompressed DNS names, each ended by a zero label, then zero
    /// padding. A name is written into <paramref name="buffer"/> (no allocation) and recorded as icmpv6.opt.dnssl.</summary>
    static void SearchList(PacketFields f, ReadOnlySpan<byte> opt, int bo, Span<char> buffer)
    {
        int p = 8;
        while (p < opt.Length && opt[p] != 0)
        {
            int start = p, n = 0;
            while (p < opt.Length && opt[p] != 0)
            {
                int len = opt[p];
                if (p + 1 + len > opt.Length || n + len + 1 > buffer.Length) return;   // a label past the option: stop
                if (n > 0) buffer[n++] = '.';
                foreach (byte c in opt.Slice(p + 1, len)) buffer[n++] = c is >= 0x20 and < 0x7f ? (char)c : '?';
                p += 1 + len;
            }
            p++;   // the zero label ending the name
            f.AddString(Icmpv6Fields.OptDnssl, bo + start, Math.Min(p, opt.Length) - start, buffer.Slice(0, n));
        }
        if (p < opt.Length) f.AddFlag(Icmpv6Fields.OptPadding, bo + p, opt.Length - p);
    }

    Handoff RedirectedPacket(in Tvb tvb, DissectContext ctx, int at, int length)
    {
        _ipv6 ??= _tables.Dissector("ipv6");
        if (_ipv6 is null) return Handoff.Data(tvb.Offset + at, length);
        ctx.InErrorPacket = true;
        ctx.Columns.Freeze();
        return Handoff.ToDissector(_ipv6, tvb.Offset + at, length);
    }

    static Handoff Mld(in Tvb tvb, DissectContext ctx, byte type, ref WireReader r)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        bool v2Query = type == 130 && tvb.Reported >= 28;
        if (!r.TryU16(out ushort maxResp) || !r.TrySkip(2) || !r.TrySkip(16)) return Cut(r, "MLD message cut short");
        f.AddUInt(v2Query ? Icmpv6Fields.MldMaxResponseCode : Icmpv6Fields.MldMaxResponseDelay, o + 4, 2, maxResp);
        f.AddBytes(Icmpv6Fields.Reserved, o + 6, 2);
        f.AddBytes(Icmpv6Fields.MldMulticastAddress, o + 8, 16);
        if (!v2Query) return Handoff.Done;
        if (!r.TryU8(out byte flags) || !r.TryU8(out byte qqi) || !r.TryU16(out ushort nsrc)) return Cut(r, "MLDv2 query cut short");
        int t = f.BeginTree(Icmpv6Fields.MldFlag, o + 24, 1, flags);
        f.AddBool(Icmpv6Fields.MldFlagS, o + 24, 1, (flags & 0x08) != 0);
        f.AddUInt(Icmpv6Fields.MldFlagQrv, o + 24, 1, (ulong)(flags & 0x07));
        f.AddUInt(Icmpv6Fields.MldFlagReserved, o + 24, 1, (ulong)(flags >> 4));
        f.EndTree(t);
        f.AddUInt(Icmpv6Fields.MldQqi, o + 25, 1, qqi);
        f.AddUInt(Icmpv6Fields.MldNbSources, o + 26, 2, nsrc);
        for (int i = 0; i < nsrc; i++)
        {
            int at = r.Position;
            if (!r.TrySkip(16)) return Cut(r, "MLDv2 query source list cut short");
            f.AddBytes(Icmpv6Fields.MldSourceAddress, o + at, 16);
        }
        return Handoff.Done;
    }

    static Handoff MldV2Report(in Tvb tvb, DissectContext ctx, ref WireReader r)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TrySkip(2) || !r.TryU16(out ushort records)) return Cut(r, "MLDv2 report cut short");
        f.AddBytes(Icmpv6Fields.Reserved, o + 4, 2);
        f.AddUInt(Icmpv6Fields.MldrNbMcastRecords, o + 6, 2, records);
        for (int i = 0; i < records; i++)
        {
            int at = r.Position;
            if (!r.TryU8(out byte rtype) || !r.TryU8(out byte aux) || !r.TryU16(out ushort nsrc) || !r.TrySkip(16))
                return Cut(r, "MLDv2 multicast address record cut short");
            int recLen = 20 + nsrc * 16 + aux * 4;
            int t = f.BeginTree(Icmpv6Fields.MldrMar, o + at, Math.Min(recLen, Math.Max(0, tvb.Captured - at)));
            f.AddUInt(Icmpv6Fields.MldrMarRecordType, o + at, 1, rtype);
            f.AddUInt(Icmpv6Fields.MldrMarAuxDataLen, o + at + 1, 1, aux);
            f.AddUInt(Icmpv6Fields.MldrMarNbSources, o + at + 2, 2, nsrc);
            f.AddBytes(Icmpv6Fields.MldrMarMulticastAddress, o + at + 4, 16);
            for (int k = 0; k < nsrc; k++)
            {
                int sa = r.Position;
                if (!r.TrySkip(16)) { f.EndTree(t); return Cut(r, "MLDv2 source list cut short"); }
                f.AddBytes(Icmpv6Fields.MldrMarSourceAddress, o + sa, 16);
            }
            if (aux > 0)
            {
                int da = r.Position;
                if (!r.TrySkip(aux * 4)) { f.EndTree(t); return Cut(r, "MLDv2 auxiliary data cut short"); }
                f.AddBytes(Icmpv6Fields.MldrMarAuxiliaryData, o + da, aux * 4);
            }
            f.EndTree(t);
        }
        return Handoff.Done;
    }
}
