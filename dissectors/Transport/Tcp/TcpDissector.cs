using System.Buffers.Binary;
using System.Globalization;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Transport.Tcp;

/// <summary>
/// TCP (RFC 9293), IP protocol 6. Reads the header and options into a <see cref="TcpSegment"/>, lets the TCP
/// analyzer (ctx.Tcp, when attached) number the stream and compute relative numbers and the scaled window, records
/// the fields in tshark's order (analysis subtree after the options), writes tshark's Info line and hands the payload
/// on (<see cref="PayloadHandoff"/>). Without an analyzer sequence numbers are raw and tcp.stream is absent. Inside an
/// ICMP error (ctx.InErrorPacket) the header may be cut after 8 bytes and no analysis runs, as in Wireshark.
/// Checksums are not verified (tshark's default).
/// </summary>
public sealed class TcpDissector : IDissector
{
    public const byte IpProtocolNumber = 6;

    DissectorTable _ports = null!;

    public ProtocolDef Protocol => TcpFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ports = tables.Get("tcp.port", "TCP port");
        tables.Get("ip.proto", "IP protocol").Add(IpProtocolNumber, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        bool inError = ctx.InErrorPacket;
        if (cols) info.Clear();

        if (!TcpHeader.TryCreate(data, out var h))
            return Partial(tvb, ctx);

        ushort sp = h.SrcPort, dp = h.DstPort, flags = h.Flags, win = h.Window;
        uint seq = h.Seq, ack = h.Ack;
        // Header fields only when some TCP field is wanted (a conversation table wants none); checks stay.
        bool pf = f.WantsProtocol(TcpFields.Protocol);
        if (pf) AddPorts(f, o, sp, dp);
        if (cols) info.Append((ulong)sp).Append(" \u2192 ").Append((ulong)dp);

        int hlen = h.HeaderLength;
        int reported = tvb.Reported;
        if (hlen < TcpHeader.MinSize)
            return BogusHeaderLength(tvb, ctx, h);
        if (hlen > reported && !inError)
            return ShortSegment(tvb, ctx, h);

        var seg = new TcpSegment
        {
            SrcPort = sp, DstPort = dp, Seq = seq, Ack = ack, Flags = flags, WindowRaw = win,
            HeaderOffset = o, HeaderLength = hlen, PayloadOffset = o + hlen,
            PayloadLength = Math.Max(0, reported - hlen), PayloadCaptured = Math.Max(0, data.Length - hlen),
            Mss = -1, WindowScale = -1,
        };
        int optDeclared = hlen - TcpHeader.MinSize;
        var opts = data.Slice(TcpHeader.MinSize, Math.Min(optDeclared, data.Length - TcpHeader.MinSize));
        bool optionsComplete = optDeclared <= 0 || TcpOptions.Walk(opts, optDeclared, o + TcpHeader.MinSize, ref seg, ctx, emit: false, sackBase: 0);

        ctx.SrcPort = sp; ctx.DstPort = dp;
        if (!inError && ctx.Tcp is { } analyzer) analyzer.Analyze(ref seg, ctx);
        bool analyzed = seg.Analyzed;
        bool syn = (flags & TcpSegment.SYN) != 0, hasAck = (flags & TcpSegment.ACK) != 0;

        // ---- header fields (tshark's order) ----
        uint relSeq = analyzed ? seg.RelSeq : seq;
        uint relAck = analyzed && hasAck ? seg.RelAck : ack;
        if (pf)
        {
            if (analyzed) f.AddUInt(TcpFields.Stream, -1, 0, seg.Stream);
            if (!inError) f.AddUInt(TcpFields.Len, -1, 0, (ulong)seg.PayloadLength);
            f.AddUInt(TcpFields.Seq, o + 4, 4, relSeq);
            if (!inError)
            {
                f.AddUInt(TcpFields.SeqRaw, o + 4, 4, seq);
                uint next = analyzed ? seg.RelNextSeq
                    : seq + (uint)seg.PayloadLength + ((flags & (TcpSegment.SYN | TcpSegment.FIN)) != 0 ? 1u : 0u);
                f.AddUInt(TcpFields.NxtSeq, -1, 0, next);
            }
            f.AddUInt(TcpFields.Ack, o + 8, 4, relAck);
            f.AddUInt(TcpFields.AckRaw, o + 8, 4, ack);
            if (!hasAck && ack != 0)
                f.AddFlag(TcpFields.AckNonzero, o + 8, 4, "The acknowledgment number field is nonzero while the ACK flag is not set");
            f.AddUInt(TcpFields.HdrLen, o + 12, 1, (ulong)hlen);
            AddFlags(f, o, flags, sp, dp);
        }

        long window = win;
        int scaleFactor = 0;   // 0: field not shown (SYN, or inside an ICMP error)
        if (!syn && !inError)
        {
            if (!analyzed) scaleFactor = -1;
            else
            {
                scaleFactor = seg.WindowScaleFactor;
                if (scaleFactor > 0) window = seg.WindowScaled;
            }
        }
        ushort urp = h.UrgentPointer;
        if (pf)
        {
            f.AddUInt(TcpFields.WindowSizeValue, o + 14, 2, win);
            f.AddUInt(TcpFields.WindowSize, o + 14, 2, (ulong)window);
            if (scaleFactor != 0) f.AddInt(TcpFields.WindowSizeScaleFactor, o + 14, 2, scaleFactor);
            f.AddUInt(TcpFields.Checksum, o + 16, 2, h.Checksum);
            f.AddUInt(TcpFields.ChecksumStatus, o + 16, 2, ChecksumStatus.Unverified);
            f.AddUInt(TcpFields.UrgentPointer, o + 18, 2, urp);
            if ((flags & TcpSegment.URG) == 0 && urp != 0)
                f.AddFlag(TcpFields.UrgentPointerNonZero, o + 18, 2, "The urgent pointer field is nonzero while the URG flag is not set");
        }

        if (cols)
        {
            AppendFlagNames(info.Append(" ["), flags).Append(']');
            info.Append(" Seq=").Append((ulong)relSeq);
            if (hasAck) info.Append(" Ack=").Append((ulong)relAck);
            info.Append(" Win=").Append(window);
            if ((flags & TcpSegment.URG) != 0) info.Append(" Urg=").Append((ulong)urp);
            if (!inError) info.Append(" Len=").Append((ulong)seg.PayloadLength);
        }

        // ---- options (second walk: fields and Info, SACK edges relative to the peer's base) ----
        // Skipped when nothing would show: no column, no TCP field and no malformed mark asked for.
        if (optDeclared > 0 && (cols || f.WantsProtocol(TcpFields.Protocol) || f.Wants(FrameFields.Malformed)))
        {
            int ot = opts.Length > 0 ? f.BeginTree(TcpFields.Options, o + TcpHeader.MinSize, opts.Length) : -1;
            uint sackBase = analyzed ? ack - seg.RelAck : 0;
            optionsComplete = TcpOptions.Walk(opts, optDeclared, o + TcpHeader.MinSize, ref seg, ctx, emit: true, sackBase);
            f.EndTree(ot);
        }

        if (analyzed && pf) ctx.Tcp!.AddFields(seg, ctx);

        if (cols)
        {
            if (seg.InfoPrefix is { Length: > 0 } prefix) info.Prepend(prefix);
            if (seg.InfoSuffix is { Length: > 0 } suffix) info.Append(suffix);
        }

        if (!optionsComplete)
            return inError ? Handoff.Done : Handoff.Truncated("TCP options cut by the capture length");
        if (hlen > data.Length)
            return inError ? Handoff.Done : Handoff.Truncated("TCP header cut by the capture length");
        // A quoted segment usually ends before its payload: hand on only what the ICMP message kept.
        if (inError && seg.PayloadCaptured <= 0) return Handoff.Done;
        if (seg.PayloadLength > 0 && seg.PayloadCaptured > 0)
            f.AddBytes(TcpFields.Payload, seg.PayloadOffset, Math.Min(seg.PayloadCaptured, seg.PayloadLength));
        return PayloadHandoff(in seg, tvb.Frame, ctx);
    }

    /// <summary>Where the payload goes (STYLE rule 8): through the stream reassembly, which returns the PDUs this
    /// segment completes; each is then dissected by the engine through the "tcp.port" table. Without reassembly
    /// (no analysis, a segment cut by the snaplen, or quoted in an ICMP error) the payload goes straight to the
    /// table as it is.</summary>
    Handoff PayloadHandoff(in TcpSegment seg, ReadOnlySpan<byte> data, DissectContext ctx)
    {
        ctx.SrcPort = seg.SrcPort; ctx.DstPort = seg.DstPort;
        if (ctx.TransportOnly && !_ports.HasEncapsulation(seg.SrcPort, seg.DstPort)) return Handoff.Done;
        var reassembly = ctx.TcpReassembly;
        // A segment cut by the snaplen cannot be reassembled; with reassembly on, tshark then hands it to no
        // application dissector (the frame stays TCP).
        if (reassembly is not null && seg.Analyzed && !ctx.InErrorPacket && seg.PayloadCaptured < seg.PayloadLength)
            return Handoff.Done;
        if (reassembly is null || !seg.Analyzed || ctx.InErrorPacket)
        {
            if (seg.PayloadLength <= 0) return Handoff.Done;
            return Handoff.ToPorts(_ports, seg.SrcPort, seg.DstPort, seg.PayloadOffset, seg.PayloadLength);
        }
        // Data on a RST is not handed to the application (tshark shows it as the reset's payload); the RST still
        // closes the stream.
        var payload = (seg.Flags & TcpSegment.RST) != 0 ? default : data.Slice(seg.PayloadOffset, Math.Max(0, seg.PayloadLength));
        var r = reassembly.Add(seg, payload, _ports, ctx);
        if (r.Direct) return Handoff.ToPorts(_ports, seg.SrcPort, seg.DstPort, seg.PayloadOffset, seg.PayloadLength);
        if (r.PdusCount == 0)
        {
            if (seg.PayloadLength <= 0) return Handoff.Done;
            // Part of a PDU that is not complete yet, or bytes already delivered (a retransmission).
            if (r.HeldBytes > 0 && ctx.WantColumns) ctx.Columns.Info.Append(" [TCP segment of a reassembled PDU]");
            return Handoff.Done;
        }
        // Also on a FIN or RST without data: it ends a message whose length was "until the connection closes".
        AddReassembled(ctx, r);
        return Handoff.ToPdus(_ports, seg.SrcPort, seg.DstPort, seg.PayloadOffset, r.PdusStart, r.PdusCount, r.Dissector);
    }

    /// <summary>For each PDU assembled from several segments: which frames brought it and how long it is.</summary>
    static void AddReassembled(DissectContext ctx, in TcpReassemblyResult r)
    {
        var f = ctx.Fields;
        for (int i = r.PdusStart; i < r.PdusStart + r.PdusCount; i++)
        {
            var pdu = ctx.TcpPdus[i];
            if (!pdu.Reassembled || !f.WantsProtocol(TcpFields.Protocol)) continue;
            int saved = f.CurrentSource;
            f.CurrentSource = pdu.Source;
            int t = f.BeginTree(TcpFields.Segments, pdu.Offset, pdu.Length);
            for (int k = 0; k < pdu.SegmentCount; k++)
                f.AddUInt(TcpFields.Segment, -1, 0, (ulong)ctx.TcpPduFrames[pdu.SegmentStart + k]);
            f.AddUInt(TcpFields.SegmentCount, -1, 0, (ulong)pdu.SegmentCount);
            f.AddUInt(TcpFields.ReassembledLength, -1, 0, (ulong)pdu.Length);
            f.AddBytes(TcpFields.ReassembledData, pdu.Offset, pdu.Length);
            f.EndTree(t);
            f.CurrentSource = saved;
        }
    }

    static void AddPorts(PacketFields f, int o, ushort sp, ushort dp)
    {
        f.AddUInt(TcpFields.SrcPort, o, 2, sp);
        f.AddUInt(TcpFields.DstPort, o + 2, 2, dp);
        f.AddUInt(TcpFields.Port, o, 2, sp);
        f.AddUInt(TcpFields.Port, o + 2, 2, dp);
    }

    static void AddFlags(PacketFields f, int o, ushort flags, ushort sp, ushort dp)
    {
        int t = f.BeginTree(TcpFields.Flags, o + 12, 2, flags);
        f.AddBool(TcpFields.FlagsRes, o + 12, 2, (flags & 0xe00) != 0);
        f.AddBool(TcpFields.FlagsAe, o + 12, 2, (flags & TcpSegment.AE) != 0);
        f.AddBool(TcpFields.FlagsCwr, o + 12, 2, (flags & TcpSegment.CWR) != 0);
        f.AddBool(TcpFields.FlagsEce, o + 12, 2, (flags & TcpSegment.ECE) != 0);
        f.AddBool(TcpFields.FlagsUrg, o + 12, 2, (flags & TcpSegment.URG) != 0);
        f.AddBool(TcpFields.FlagsAck, o + 12, 2, (flags & TcpSegment.ACK) != 0);
        f.AddBool(TcpFields.FlagsPush, o + 12, 2, (flags & TcpSegment.PSH) != 0);
        f.AddBool(TcpFields.FlagsReset, o + 12, 2, (flags & TcpSegment.RST) != 0);
        if ((flags & TcpSegment.RST) != 0) f.AddFlag(TcpFields.ConnectionRst, o + 12, 2, "Connection reset (RST)");
        f.AddBool(TcpFields.FlagsSyn, o + 12, 2, (flags & TcpSegment.SYN) != 0);
        if ((flags & TcpSegment.SYN) != 0)
        {
            bool synAck = (flags & TcpSegment.ACK) != 0;
            string? text = f.WantsAll
                ? (synAck ? "Connection establish acknowledge (SYN+ACK): server port " + sp.ToString(CultureInfo.InvariantCulture)
                          : "Connection establish request (SYN): server port " + dp.ToString(CultureInfo.InvariantCulture))
                : null;
            f.AddFlag(synAck ? TcpFields.ConnectionSynAck : TcpFields.ConnectionSyn, o + 12, 2, text);
        }
        f.AddBool(TcpFields.FlagsFin, o + 12, 2, (flags & TcpSegment.FIN) != 0);
        if ((flags & TcpSegment.FIN) != 0) f.AddFlag(TcpFields.ConnectionFin, o + 12, 2, "Connection finish (FIN)");
        if (f.Wants(TcpFields.FlagsStr))
        {
            // Twelve places, high bit first: reserved bits 'R', then A(E) C(WR) E(CE) U A P R S F; '·' when clear.
            ReadOnlySpan<char> letters = "RRRACEUAPRSF";
            Span<char> s = stackalloc char[12];
            for (int i = 0; i < 12; i++) s[i] = (flags >> (11 - i) & 1) != 0 ? letters[i] : '\u00b7';
            f.AddString(TcpFields.FlagsStr, o + 12, 2, s);
        }
        f.EndTree(t);
    }

    /// <summary>tshark's flag list: "SYN, ACK", "<None>" when no flag is set.</summary>
    internal static TextColumn AppendFlagNames(TextColumn info, ushort flags)
    {
        if ((flags & 0xfff) == 0) return info.Append("<None>");
        bool first = true;
        void Name(TextColumn c, ref bool first, string n) { if (!first) c.Append(", "); c.Append(n); first = false; }
        if ((flags & TcpSegment.FIN) != 0) Name(info, ref first, "FIN");
        if ((flags & TcpSegment.SYN) != 0) Name(info, ref first, "SYN");
        if ((flags & TcpSegment.RST) != 0) Name(info, ref first, "RST");
        if ((flags & TcpSegment.PSH) != 0) Name(info, ref first, "PSH");
        if ((flags & TcpSegment.ACK) != 0) Name(info, ref first, "ACK");
        if ((flags & TcpSegment.URG) != 0) Name(info, ref first, "URG");
        if ((flags & TcpSegment.ECE) != 0) Name(info, ref first, "ECE");
        if ((flags & TcpSegment.CWR) != 0) Name(info, ref first, "CWR");
        if ((flags & TcpSegment.AE) != 0) Name(info, ref first, "AE");
        if ((flags & 0xe00) != 0) Name(info, ref first, "Reserved");
        return info;
    }

    /// <summary>Fewer than 20 bytes captured: the ports (and, inside an ICMP error, the sequence number) when
    /// present, then stop. A quoted header cut after 8 bytes is normal and not an error.</summary>
    static Handoff Partial(in Tvb tvb, DissectContext ctx)
    {
        var data = tvb.Span;
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (data.Length >= 4)
        {
            ushort sp = BinaryPrimitives.ReadUInt16BigEndian(data), dp = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2));
            AddPorts(f, o, sp, dp);
            if (ctx.WantColumns) ctx.Columns.Info.Append((ulong)sp).Append(" \u2192 ").Append((ulong)dp);
            if (ctx.InErrorPacket && data.Length >= 8)
                f.AddUInt(TcpFields.Seq, o + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(data.Slice(4)));
        }
        if (ctx.InErrorPacket) return Handoff.Done;
        var r = tvb.Reader();
        r.Need(TcpHeader.MinSize);
        return Handoff.Stop(r.Status, r.Status == ReadStatus.Malformed
            ? "TCP header needs 20 bytes, the packet has fewer" : "TCP header cut by the capture length");
    }

    /// <summary>Data offset below 5 words: Wireshark's "Bogus TCP header length (N, must be at least 20)".</summary>
    static Handoff BogusHeaderLength(in Tvb tvb, DissectContext ctx, in TcpHeader h)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        int hlen = h.HeaderLength;
        f.AddUInt(TcpFields.Len, -1, 0, (ulong)Math.Max(0, tvb.Reported - hlen));
        f.AddUInt(TcpFields.Seq, o + 4, 4, h.Seq);
        f.AddUInt(TcpFields.SeqRaw, o + 4, 4, h.Seq);
        f.AddUInt(TcpFields.HdrLen, o + 12, 1, (ulong)hlen);
        string reason = BogusText(hlen);
        f.AddFlag(TcpFields.BogusHeaderLength, o + 12, 1, reason);
        if (ctx.WantColumns)
        {
            var info = ctx.Columns.Info;
            AppendFlagNames(info.Append(" ["), h.Flags).Append(']');
            info.Append(" Seq=").Append((ulong)h.Seq);
            if ((h.Flags & TcpSegment.ACK) != 0) info.Append(" Ack=").Append((ulong)h.Ack);
            info.Append(" Win=").Append((ulong)h.Window).Append(", bogus TCP header length (").Append((ulong)hlen)
                .Append(", must be at least 20)");
        }
        return Handoff.Malformed(reason);
    }

    static string BogusText(int hlen) => hlen switch
    {
        0 => "Bogus TCP header length (0, must be at least 20)",
        4 => "Bogus TCP header length (4, must be at least 20)",
        8 => "Bogus TCP header length (8, must be at least 20)",
        12 => "Bogus TCP header length (12, must be at least 20)",
        _ => "Bogus TCP header length (16, must be at least 20)",
    };

    const string ShortSegmentText = "Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)";

    /// <summary>Header longer than the segment the IP layer reported: Wireshark's "Short segment", malformed.</summary>
    static Handoff ShortSegment(in Tvb tvb, DissectContext ctx, in TcpHeader h)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        ushort flags = h.Flags;
        f.AddFlag(TcpFields.ShortSegment, o, tvb.Captured, ShortSegmentText);
        f.AddUInt(TcpFields.Seq, o + 4, 4, h.Seq);
        f.AddUInt(TcpFields.SeqRaw, o + 4, 4, h.Seq);
        f.AddUInt(TcpFields.Ack, o + 8, 4, h.Ack);
        f.AddUInt(TcpFields.AckRaw, o + 8, 4, h.Ack);
        f.AddUInt(TcpFields.HdrLen, o + 12, 1, (ulong)h.HeaderLength);
        AddFlags(f, o, flags, h.SrcPort, h.DstPort);
        f.AddUInt(TcpFields.WindowSizeValue, o + 14, 2, h.Window);
        f.AddUInt(TcpFields.WindowSize, o + 14, 2, h.Window);
        if ((flags & TcpSegment.SYN) == 0) f.AddInt(TcpFields.WindowSizeScaleFactor, o + 14, 2, -1);
        f.AddUInt(TcpFields.Checksum, o + 16, 2, h.Checksum);
        f.AddUInt(TcpFields.ChecksumStatus, o + 16, 2, ChecksumStatus.Unverified);
        f.AddUInt(TcpFields.UrgentPointer, o + 18, 2, h.UrgentPointer);
        int optCaptured = Math.Min(h.HeaderLength, tvb.Captured) - TcpHeader.MinSize;
        if (optCaptured > 0) f.AddBytes(TcpFields.Options, o + TcpHeader.MinSize, optCaptured);
        if (ctx.WantColumns)
        {
            var info = ctx.Columns.Info;
            AppendFlagNames(info.Append(" ["), flags).Append(']');
            info.Append(" Seq=").Append((ulong)h.Seq);
            if ((flags & TcpSegment.ACK) != 0) info.Append(" Ack=").Append((ulong)h.Ack);
            info.Append(" Win=").Append((ulong)h.Window);
        }
        return Handoff.Malformed(ShortSegmentText);
    }
}
