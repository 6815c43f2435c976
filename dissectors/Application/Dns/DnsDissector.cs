using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Dns;

/// <summary>Which protocol of the DNS family a dissector instance speaks.</summary>
public enum DnsVariant : byte { Dns, Mdns, Llmnr }

/// <summary>
/// DNS (udp.port/tcp.port 53), mDNS (udp.port 5353) and LLMNR (udp.port/tcp.port 5355): header and flags, questions,
/// answer/authority/additional records (A, AAAA, CNAME, NS, PTR, DNAME, MX, TXT, SOA, SRV, OPT with EDNS options,
/// CAA, SVCB/HTTPS; others as dns.data), compressed names with loop, direction and size guards, tshark's Info text,
/// and request/response matching (<see cref="DnsTransactions"/>) when a flow analysis is attached. Over TCP a
/// message carries a two-byte length prefix (<see cref="DnsTcpFramer"/>); every whole message in the payload is
/// dissected, and a payload that does not hold one (it needs reassembly) is rejected so it shows as data.
/// </summary>
public sealed class DnsDissector : IDissector, ITcpFramed
{
    public const ushort DnsPort = 53, MdnsPort = 5353, LlmnrPort = 5355;
    const byte TcpProtocol = 6;

    readonly DnsVariant _variant;

    public DnsDissector(DnsVariant variant = DnsVariant.Dns) { _variant = variant; }

    public DnsVariant Variant => _variant;

    /// <summary>DNS over TCP reaches the dissector one length-prefixed message at a time (RFC 7766).</summary>
    public IPduFramer TcpFramer => DnsTcpPduFramer.Instance;

    public ProtocolDef Protocol => _variant switch
    {
        DnsVariant.Mdns => DnsFields.MdnsProtocol,
        DnsVariant.Llmnr => DnsFields.LlmnrProtocol,
        _ => DnsFields.Protocol,
    };

    public void Register(DissectorTables tables)
    {
        var udp = tables.Get("udp.port", "UDP port");
        var tcp = tables.Get("tcp.port", "TCP port");
        switch (_variant)
        {
            case DnsVariant.Dns: udp.Add(DnsPort, this); tcp.Add(DnsPort, this); break;
            case DnsVariant.Mdns: udp.Add(MdnsPort, this); break;
            case DnsVariant.Llmnr: udp.Add(LlmnrPort, this); tcp.Add(LlmnrPort, this); break;
        }
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (ctx.IpProto != TcpProtocol)
        {
            if (ctx.WantColumns) ctx.Columns.Info.Clear();
            return DissectMessage(tvb.Span, tvb.Reported, tvb.Offset, ctx, tvb, 0, tcp: false);
        }

        // DNS over TCP: one or more length-prefixed messages.
        var data = tvb.Span;
        int o = tvb.Offset;
        // Not a whole message (a message cut by the connection's end, or not DNS): the previous layer's Info stays.
        if (!DnsTcpFramer.TryFrame(data, out int first) && (first == 0 || first > tvb.Reported))
            return Handoff.Reject;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        // Index of the message within the frame (transaction matching tells messages of one frame apart).
        int pos = 0, index = Math.Max(0, ctx.TcpPduIndex);
        while (pos < tvb.Reported)
        {
            var rest = data.Slice(Math.Min(pos, data.Length));
            bool whole = DnsTcpFramer.TryFrame(rest, out int pdu);
            if (!whole && (pdu == 0 || pos + pdu > tvb.Reported))
                return Handoff.Data(o + pos, tvb.Reported - pos);   // the start of a message continued in a later segment
            ctx.Fields.AddUInt(DnsFields.Length, o + pos, 2, (ulong)(pdu - 2));
            if (pos > 0 && ctx.WantColumns) ctx.Columns.Info.Append(", ");
            int msgLen = Math.Min(pdu - 2, Math.Max(0, rest.Length - 2));
            var h = DissectMessage(rest.Slice(2, msgLen), pdu - 2, o + pos + 2, ctx, tvb, index, tcp: true);
            if (h.Status != LayerStatus.Ok) return h;
            pos += pdu; index++;
        }
        return Handoff.Done;
    }

    Handoff DissectMessage(ReadOnlySpan<byte> msg, int reported, int baseOffset, DissectContext ctx, in Tvb tvb, int index, bool tcp)
    {
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        if (!DnsHeader.TryCreate(msg, out var h))
            return PartialHeader(msg, reported, baseOffset, ctx);

        ushort id = h.Id, flags = h.Flags;
        bool response = h.IsResponse;
        int opcode = h.Opcode, rcode = h.Rcode;
        if (cols) HeaderInfo(info, id, opcode, rcode, response);

        f.AddUInt(DnsFields.Id, baseOffset, 2, id);
        AddFlags(f, baseOffset + 2, flags, _variant);
        ushort qd = h.QdCount, an = h.AnCount, ns = h.NsCount, ar = h.ArCount;
        f.AddUInt(DnsFields.CountQueries, baseOffset + 4, 2, qd);
        f.AddUInt(DnsFields.CountAnswers, baseOffset + 6, 2, an);
        f.AddUInt(DnsFields.CountAuth, baseOffset + 8, 2, ns);
        f.AddUInt(DnsFields.CountAdd, baseOffset + 10, 2, ar);

        // Transaction state is written when the header is read (as Wireshark does), shown after the records.
        DnsMatch match = default;
        bool matched = !ctx.InErrorPacket && TryMatch(ctx, tvb, tcp, id, response, index, out match);

        Span<byte> n1 = stackalloc byte[DnsName.BufferSize];
        Span<byte> n2 = stackalloc byte[DnsName.BufferSize];
        var p = new DnsMessageParser(msg, reported, baseOffset, f, cols ? info : null, _variant, n1, n2);
        if (!p.Questions(qd) || !p.Records(an, DnsFields.ExpertAncountMismatch) ||
            !p.Records(ns, DnsFields.ExpertNscountMismatch) || !p.Records(ar, DnsFields.ExpertArcountMismatch))
            return Handoff.Stop(p.Stop, p.Reason ?? "DNS message cut short");

        if (!tcp && p.Pos < reported)
        {
            int extra = reported - p.Pos;
            f.AddFlag(DnsFields.ExpertExtraneous, baseOffset + p.Pos, Math.Max(0, Math.Min(extra, msg.Length - p.Pos)),
                f.WantsAll ? "Extraneous data after the last resource record" : null);
            f.AddBytes(DnsFields.ExtraneousData, baseOffset + p.Pos, Math.Max(0, Math.Min(extra, msg.Length - p.Pos)));
            f.AddInt(DnsFields.ExtraneousLength, baseOffset + p.Pos, 0, extra);
        }

        if (matched) AddMatch(f, match);
        return Handoff.Done;
    }

    static void HeaderInfo(TextColumn info, ushort id, int opcode, int rcode, bool response)
    {
        if (DnsFields.OpcodeNames.TryGetValue((ulong)opcode, out var op)) info.Append(op);
        else info.Append("Unknown operation (").Append((ulong)opcode).Append(')');
        if (response) info.Append(" response");
        info.Append(' ').AppendHex(id, 4);
        if (response && rcode != 0)
        {
            info.Append(' ');
            if (DnsFields.RcodeNames.TryGetValue((ulong)rcode, out var rc)) info.Append(rc);
            else info.Append("Unknown error (").Append((ulong)rcode).Append(')');
        }
    }

    /// <summary>The flag bits tshark shows: queries omit AA/RA/RCODE (and AD unless set); LLMNR has C, TC, T.</summary>
    static void AddFlags(PacketFields f, int o, ushort flags, DnsVariant v)
    {
        int t = f.BeginTree(DnsFields.Flags, o, 2, flags);
        bool response = (flags & DnsHeader.QR) != 0;
        f.AddBool(DnsFields.FlagResponse, o, 2, response);
        f.AddUInt(DnsFields.FlagOpcode, o, 2, (ulong)((flags >> 11) & 0xF));
        if (v == DnsVariant.Llmnr)
        {
            f.AddBool(DnsFields.FlagConflict, o, 2, (flags & DnsHeader.AA) != 0);
            f.AddBool(DnsFields.FlagTruncated, o, 2, (flags & DnsHeader.TC) != 0);
            f.AddBool(DnsFields.FlagTentative, o, 2, (flags & DnsHeader.RD) != 0);
        }
        else
        {
            if (response) f.AddBool(DnsFields.FlagAuthoritative, o, 2, (flags & DnsHeader.AA) != 0);
            f.AddBool(DnsFields.FlagTruncated, o, 2, (flags & DnsHeader.TC) != 0);
            f.AddBool(DnsFields.FlagRecDesired, o, 2, (flags & DnsHeader.RD) != 0);
            if (response) f.AddBool(DnsFields.FlagRecAvail, o, 2, (flags & DnsHeader.RA) != 0);
            f.AddBool(DnsFields.FlagZ, o, 2, (flags & DnsHeader.Z) != 0);
            if (response || (flags & DnsHeader.AD) != 0) f.AddBool(DnsFields.FlagAuthenticated, o, 2, (flags & DnsHeader.AD) != 0);
            f.AddBool(DnsFields.FlagCheckDisable, o, 2, (flags & DnsHeader.CD) != 0);
        }
        if (response) f.AddUInt(DnsFields.FlagRcode, o, 2, (ulong)(flags & 0xF));
        f.EndTree(t);
    }

    /// <summary>Header cut short: the words that are there, then stop.</summary>
    Handoff PartialHeader(ReadOnlySpan<byte> msg, int reported, int o, DissectContext ctx)
    {
        var f = ctx.Fields;
        if (msg.Length >= 2) f.AddUInt(DnsFields.Id, o, 2, BinaryPrimitives.ReadUInt16BigEndian(msg));
        if (msg.Length >= 4)
        {
            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(msg.Slice(2));
            if (ctx.WantColumns)
                HeaderInfo(ctx.Columns.Info, BinaryPrimitives.ReadUInt16BigEndian(msg), (flags >> 11) & 0xF, flags & 0xF, (flags & DnsHeader.QR) != 0);
            AddFlags(f, o + 2, flags, _variant);
        }
        ReadOnlySpan<FieldDef> counts = [DnsFields.CountQueries, DnsFields.CountAnswers, DnsFields.CountAuth, DnsFields.CountAdd];
        for (int i = 0; i < 4 && msg.Length >= 6 + 2 * i; i++)
            f.AddUInt(counts[i], o + 4 + 2 * i, 2, BinaryPrimitives.ReadUInt16BigEndian(msg.Slice(4 + 2 * i)));
        return reported >= DnsHeader.Size
            ? Handoff.Truncated("DNS header cut by the capture length")
            : Handoff.Malformed("DNS header needs 12 bytes, the message has fewer");
    }

    // ---- request/response matching ----

    static bool TryMatch(DissectContext ctx, in Tvb tvb, bool tcp, ushort id, bool response, int index, out DnsMatch m)
    {
        m = default;
        object? owner = (object?)ctx.Udp ?? ctx.Tcp;
        if (owner is null || ctx.NetSrc.Kind == AddressKind.None) return false;
        FindPorts(tvb, tcp, out ushort sp, out ushort dp);
        var key = new DnsTransactions.Key(ctx.NetSrc, sp, ctx.NetDst, dp, tcp ? (byte)6 : (byte)17, id);
        bool multicast = IsMulticast(ctx.NetDst);
        var frame = ctx.Frame;
        return DnsTransactions.For(owner).Match(key, response, multicast, frame.Number, index, frame.Time, out m);
    }

    /// <summary>The transport ports, read from the header just before the payload in the frame: UDP's is 8 bytes;
    /// TCP's is found by its data-offset nibble. Ports stay 0 when the payload is not in the frame's own bytes.</summary>
    static void FindPorts(in Tvb tvb, bool tcp, out ushort sp, out ushort dp)
    {
        sp = dp = 0;
        if (tvb.Source != 0) return;
        var frame = tvb.Frame;
        int o = tvb.Offset;
        if (!tcp)
        {
            if (o >= 8) { sp = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(o - 8)); dp = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(o - 6)); }
            return;
        }
        for (int hl = 20; hl <= 60 && hl <= o; hl += 4)
        {
            int start = o - hl;
            if ((frame[start + 12] >> 4) * 4 == hl)
            {
                sp = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(start));
                dp = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(start + 2));
                return;
            }
        }
    }

    static bool IsMulticast(in Address a) => a.Kind switch
    {
        AddressKind.IPv4 => (a.Bytes[0] & 0xF0) == 0xE0,
        AddressKind.IPv6 => a.Bytes[0] == 0xFF,
        _ => false,
    };

    static void AddMatch(PacketFields f, in DnsMatch m)
    {
        if (!m.IsResponse)
        {
            if (m.ResponseIn != 0) f.AddUInt(DnsFields.ResponseIn, -1, 0, (ulong)m.ResponseIn);
            if (m.Retransmission)
            {
                f.AddBool(DnsFields.Retransmission, -1, 0, true);
                f.AddUInt(DnsFields.RetransmitRequestIn, -1, 0, (ulong)m.OriginalFrame);
                f.AddFlag(DnsFields.ExpertRetransmitRequest, -1, 0, f.WantsAll ? "DNS query retransmission" : null);
            }
            return;
        }
        if (m.RequestIn != 0)
        {
            if (m.Retransmission)
            {
                f.AddBool(DnsFields.Retransmission, -1, 0, true);
                f.AddUInt(DnsFields.RetransmitResponseIn, -1, 0, (ulong)m.OriginalFrame);
                f.AddFlag(DnsFields.ExpertRetransmitResponse, -1, 0, f.WantsAll ? "DNS response retransmission" : null);
            }
            f.AddUInt(DnsFields.ResponseTo, -1, 0, (ulong)m.RequestIn);
            f.AddRelativeTime(DnsFields.Time, -1, 0, m.TimeNs);
        }
        else if (m.Unsolicited) f.AddBool(DnsFields.Unsolicited, -1, 0, true);
    }
}
