using Dissect.Core;

namespace Dissect.Dissectors.Transport.Tcp;

/// <summary>TCP (RFC 9293) header and option fields with Wireshark's abbrevs. The analysis fields
/// (tcp.analysis.*, tcp.completeness) belong to Dissect.Analysis and are registered under <see cref="Protocol"/>.</summary>
public static class TcpFields
{
    public static readonly ProtocolDef Protocol = new("tcp", "Transmission Control Protocol", "TCP");

    public static readonly FieldDef SrcPort = new("tcp.srcport", "Source Port", FieldKind.UInt16, flags: FieldFlags.Indexed);
    public static readonly FieldDef DstPort = new("tcp.dstport", "Destination Port", FieldKind.UInt16, flags: FieldFlags.Indexed);
    public static readonly FieldDef Port = new("tcp.port", "Source or Destination Port", FieldKind.UInt16, flags: FieldFlags.Indexed);
    public static readonly FieldDef Stream = new("tcp.stream", "Stream index", FieldKind.UInt32, flags: FieldFlags.Generated | FieldFlags.Indexed);
    public static readonly FieldDef Len = new("tcp.len", "TCP Segment Len", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef Seq = new("tcp.seq", "Sequence Number", FieldKind.UInt32);
    public static readonly FieldDef SeqRaw = new("tcp.seq_raw", "Sequence Number (raw)", FieldKind.UInt32,
        blurb: "This shows the raw value of the sequence number");
    public static readonly FieldDef NxtSeq = new("tcp.nxtseq", "Next Sequence Number", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef Ack = new("tcp.ack", "Acknowledgment Number", FieldKind.UInt32);
    public static readonly FieldDef AckRaw = new("tcp.ack_raw", "Acknowledgment number (raw)", FieldKind.UInt32,
        blurb: "This shows the raw value of the acknowledgment number");
    public static readonly FieldDef HdrLen = new("tcp.hdr_len", "Header Length", FieldKind.UInt8, blurb: "Data offset in 32-bit words");

    public static readonly FieldDef Flags = new("tcp.flags", "Flags", FieldKind.UInt16, FieldBase.Hex, bitmask: 0xfff, blurb: "Flags (12 bits)");
    public static readonly FieldDef FlagsRes = new("tcp.flags.res", "Reserved", FieldKind.Bool, bitmask: 0xe00, bitWidth: 12,
        blurb: "Three reserved bits (must be zero)");
    public static readonly FieldDef FlagsAe = new("tcp.flags.ae", "Accurate ECN", FieldKind.Bool, bitmask: 0x100, bitWidth: 12);
    public static readonly FieldDef FlagsCwr = new("tcp.flags.cwr", "Congestion Window Reduced", FieldKind.Bool, bitmask: 0x80, bitWidth: 12);
    public static readonly FieldDef FlagsEce = new("tcp.flags.ece", "ECN-Echo", FieldKind.Bool, bitmask: 0x40, bitWidth: 12);
    public static readonly FieldDef FlagsUrg = new("tcp.flags.urg", "Urgent", FieldKind.Bool, bitmask: 0x20, bitWidth: 12);
    public static readonly FieldDef FlagsAck = new("tcp.flags.ack", "Acknowledgment", FieldKind.Bool, bitmask: 0x10, bitWidth: 12);
    public static readonly FieldDef FlagsPush = new("tcp.flags.push", "Push", FieldKind.Bool, bitmask: 0x8, bitWidth: 12);
    public static readonly FieldDef FlagsReset = new("tcp.flags.reset", "Reset", FieldKind.Bool, bitmask: 0x4, bitWidth: 12);
    public static readonly FieldDef FlagsSyn = new("tcp.flags.syn", "Syn", FieldKind.Bool, bitmask: 0x2, bitWidth: 12);
    public static readonly FieldDef FlagsFin = new("tcp.flags.fin", "Fin", FieldKind.Bool, bitmask: 0x1, bitWidth: 12);
    public static readonly FieldDef FlagsStr = new("tcp.flags.str", "TCP Flags", FieldKind.String, flags: FieldFlags.Generated);

    public static readonly FieldDef WindowSizeValue = new("tcp.window_size_value", "Window", FieldKind.UInt16,
        blurb: "The window size value from the TCP header");
    public static readonly FieldDef WindowSize = new("tcp.window_size", "Calculated window size", FieldKind.UInt32,
        flags: FieldFlags.Generated, blurb: "The scaled window size (if scaling has been used)");
    public static readonly FieldDef WindowSizeScaleFactor = new("tcp.window_size_scalefactor", "Window size scaling factor", FieldKind.Int32,
        flags: FieldFlags.Generated | FieldFlags.NameAfterValue, blurb: "The window size scaling factor (-1 when unknown, -2 when no scaling is used)",
        valueNames: new Dictionary<ulong, string> { [unchecked((ulong)-1L)] = "unknown", [unchecked((ulong)-2L)] = "no window scaling used" });
    public static readonly FieldDef Checksum = new("tcp.checksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("tcp.checksum.status", "Checksum Status", FieldKind.UInt8,
        valueNames: Transport.ChecksumStatus.Names);
    public static readonly FieldDef UrgentPointer = new("tcp.urgent_pointer", "Urgent Pointer", FieldKind.UInt16);

    // ---- options ----
    public static readonly FieldDef Options = new("tcp.options", "TCP Options", FieldKind.Bytes);
    public static readonly FieldDef OptionKind = new("tcp.option_kind", "Kind", FieldKind.UInt8, valueNames: OptionKindNames(),
        blurb: "This TCP option's kind");
    public static readonly FieldDef OptionLen = new("tcp.option_len", "Length", FieldKind.UInt8,
        blurb: "Length of this TCP option in bytes (including kind and length fields)");
    // One per option kind; the value is the option's bytes (Wireshark registers them as name-only protocols).
    public static readonly FieldDef OptEol = new("tcp.options.eol", "TCP Option - End of Option List (EOL)", FieldKind.Bytes);
    public static readonly FieldDef OptNop = new("tcp.options.nop", "TCP Option - No-Operation (NOP)", FieldKind.Bytes);
    public static readonly FieldDef OptMss = new("tcp.options.mss", "TCP Option - Maximum segment size", FieldKind.Bytes);
    public static readonly FieldDef OptWscale = new("tcp.options.wscale", "TCP Option - Window scale", FieldKind.Bytes);
    public static readonly FieldDef OptSackPerm = new("tcp.options.sack_perm", "TCP Option - SACK permitted", FieldKind.Bytes);
    public static readonly FieldDef OptSack = new("tcp.options.sack", "TCP Option - SACK", FieldKind.Bytes);
    public static readonly FieldDef OptTimestamp = new("tcp.options.timestamp", "TCP Option - Timestamps", FieldKind.Bytes);
    public static readonly FieldDef OptMd5 = new("tcp.options.md5", "TCP Option - TCP MD5 signature", FieldKind.Bytes);
    public static readonly FieldDef OptUserTo = new("tcp.options.user_to", "TCP Option - User Timeout", FieldKind.Bytes);
    public static readonly FieldDef OptTfo = new("tcp.options.tfo", "TCP Option - TCP Fast Open", FieldKind.Bytes);
    public static readonly FieldDef OptAccEcn = new("tcp.options.acc_ecn", "TCP Option - Accurate ECN", FieldKind.Bytes);
    public static readonly FieldDef OptExperimental = new("tcp.options.experimental", "TCP Option - Experimental", FieldKind.Bytes);
    public static readonly FieldDef OptUnknown = new("tcp.options.unknown", "TCP Option - Unknown", FieldKind.Bytes);

    public static readonly FieldDef MssVal = new("tcp.options.mss_val", "MSS Value", FieldKind.UInt16);
    public static readonly FieldDef WscaleShift = new("tcp.options.wscale.shift", "Shift count", FieldKind.UInt8,
        blurb: "Logarithmically encoded power of 2 scale factor");
    public static readonly FieldDef WscaleMultiplier = new("tcp.options.wscale.multiplier", "Multiplier", FieldKind.UInt16,
        flags: FieldFlags.Generated, blurb: "Multiply segment window size by this for scaled window size");
    public static readonly FieldDef SackLe = new("tcp.options.sack_le", "TCP SACK Left Edge", FieldKind.UInt32);
    public static readonly FieldDef SackRe = new("tcp.options.sack_re", "TCP SACK Right Edge", FieldKind.UInt32);
    public static readonly FieldDef SackCount = new("tcp.options.sack.count", "TCP SACK Count", FieldKind.UInt8, flags: FieldFlags.Generated);
    public static readonly FieldDef DsackLe = new("tcp.options.sack.dsack_le", "TCP D-SACK Left Edge", FieldKind.UInt32, blurb: "Duplicate SACK Left Edge");
    public static readonly FieldDef DsackRe = new("tcp.options.sack.dsack_re", "TCP D-SACK Right Edge", FieldKind.UInt32, blurb: "Duplicate SACK Right Edge");
    public static readonly FieldDef TsVal = new("tcp.options.timestamp.tsval", "Timestamp value", FieldKind.UInt32,
        blurb: "Value of sending machine's timestamp clock");
    public static readonly FieldDef TsEcr = new("tcp.options.timestamp.tsecr", "Timestamp echo reply", FieldKind.UInt32,
        blurb: "Echoed timestamp from remote machine");
    public static readonly FieldDef Md5Digest = new("tcp.options.md5.digest", "MD5 digest", FieldKind.Bytes);
    public static readonly FieldDef UserToGranularity = new("tcp.options.user_to_granularity", "Granularity", FieldKind.Bool, bitmask: 0x8000, bitWidth: 16,
        blurb: "Minutes (set) or seconds (not set)");
    public static readonly FieldDef UserToVal = new("tcp.options.user_to_val", "User Timeout", FieldKind.UInt16, bitmask: 0x7fff);
    public static readonly FieldDef TfoRequest = new("tcp.options.tfo.request", "Fast Open Cookie Request", FieldKind.None);
    public static readonly FieldDef TfoCookie = new("tcp.options.tfo.cookie", "Fast Open Cookie", FieldKind.Bytes);
    public static readonly FieldDef ExperimentalExid = new("tcp.options.experimental.exid", "Experiment Identifier", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef ExperimentalData = new("tcp.options.experimental.data", "Data", FieldKind.Bytes);
    public static readonly FieldDef AccEcnEe0b = new("tcp.options.acc_ecn.ee0b", "Accurate ECN Echo ECT(0) Byte Counter", FieldKind.UInt24);
    public static readonly FieldDef AccEcnEceb = new("tcp.options.acc_ecn.eceb", "Accurate ECN Echo CE Byte Counter", FieldKind.UInt24);
    public static readonly FieldDef AccEcnEe1b = new("tcp.options.acc_ecn.ee1b", "Accurate ECN Echo ECT(1) Byte Counter", FieldKind.UInt24);
    public static readonly FieldDef MptcpSubtype = new("tcp.options.mptcp.subtype", "Multipath TCP subtype", FieldKind.UInt8, bitmask: 0xf0);
    public static readonly FieldDef MptcpVersion = new("tcp.options.mptcp.version", "Multipath TCP version", FieldKind.UInt8, bitmask: 0x0f);
    public static readonly FieldDef UnknownPayload = new("tcp.options.unknown.payload", "Payload", FieldKind.Bytes);

    public static readonly FieldDef Payload = new("tcp.payload", "TCP payload", FieldKind.Bytes, blurb: "The TCP payload of this packet");

    // ---- reassembly (on the frame that completes a PDU spanning several segments) ----
    public static readonly FieldDef Segments = new("tcp.segments", "Reassembled TCP Segments", FieldKind.None, flags: FieldFlags.Generated);
    public static readonly FieldDef Segment = new("tcp.segment", "TCP Segment", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef SegmentCount = new("tcp.segment.count", "Segment count", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef ReassembledLength = new("tcp.reassembled.length", "Reassembled TCP length", FieldKind.UInt32, flags: FieldFlags.Generated,
        blurb: "The total length of the reassembled payload");
    public static readonly FieldDef ReassembledData = new("tcp.reassembled.data", "Reassembled TCP Data", FieldKind.Bytes, flags: FieldFlags.Generated,
        blurb: "The reassembled payload");

    // ---- expert items ----
    static FieldDef Expert(string abbrev, string name, ExpertSeverity s, ExpertGroup g = ExpertGroup.Sequence) => new(abbrev, name, FieldKind.None, severity: s, group: g);

    public static readonly FieldDef ConnectionSyn = Expert("tcp.connection.syn", "Connection establish request (SYN)", ExpertSeverity.Chat);
    public static readonly FieldDef ConnectionSynAck = Expert("tcp.connection.synack", "Connection establish acknowledge (SYN+ACK)", ExpertSeverity.Chat);
    public static readonly FieldDef ConnectionFin = Expert("tcp.connection.fin", "Connection finish (FIN)", ExpertSeverity.Chat);
    public static readonly FieldDef ConnectionRst = Expert("tcp.connection.rst", "Connection reset (RST)", ExpertSeverity.Warn);
    public static readonly FieldDef AckNonzero = Expert("tcp.ack.nonzero", "The acknowledgment number field is nonzero while the ACK flag is not set", ExpertSeverity.Note, ExpertGroup.Protocol);
    public static readonly FieldDef UrgentPointerNonZero = Expert("tcp.urgent_pointer.non_zero", "The urgent pointer field is nonzero while the URG flag is not set", ExpertSeverity.Note, ExpertGroup.Protocol);
    public static readonly FieldDef BogusHeaderLength = Expert("tcp.bogus_header_length", "Bogus TCP Header length", ExpertSeverity.Error, ExpertGroup.Malformed);
    public static readonly FieldDef ShortSegment = Expert("tcp.short_segment", "Short segment", ExpertSeverity.Warn, ExpertGroup.Malformed);
    public static readonly FieldDef OptionLenInvalid = Expert("tcp.option.len.invalid", "Invalid length for option", ExpertSeverity.Note);
    public static readonly FieldDef SuboptionMalformed = Expert("tcp.suboption_malformed", "suboption would go past end of option", ExpertSeverity.Error, ExpertGroup.Malformed);
    public static readonly FieldDef Nop = Expert("tcp.nop", "4 NOP in a row - a router may have removed some options", ExpertSeverity.Warn, ExpertGroup.Protocol);
    public static readonly FieldDef NonZeroBytesAfterEol = Expert("tcp.non_zero_bytes_after_eol", "Non zero bytes in option space after EOL option", ExpertSeverity.Error, ExpertGroup.Protocol);
    public static readonly FieldDef WscaleShiftInvalid = Expert("tcp.options.wscale.shift.invalid", "Window scale shift exceeds 14", ExpertSeverity.Warn, ExpertGroup.Protocol);
    public static readonly FieldDef MssAbsent = Expert("tcp.options.mss.absent", "The SYN packet does not contain a MSS option", ExpertSeverity.Note, ExpertGroup.Protocol);
    public static readonly FieldDef MssPresent = Expert("tcp.options.mss.present", "The non-SYN packet does contain a MSS option", ExpertSeverity.Warn, ExpertGroup.Protocol);
    public static readonly FieldDef Dsack = Expert("tcp.options.sack.dsack", "D-SACK Sequence", ExpertSeverity.Warn);

    public static readonly FieldDef[] All =
    [
        SrcPort, DstPort, Port, Stream, Len, Seq, SeqRaw, NxtSeq, Ack, AckRaw, HdrLen,
        Flags, FlagsRes, FlagsAe, FlagsCwr, FlagsEce, FlagsUrg, FlagsAck, FlagsPush, FlagsReset, FlagsSyn, FlagsFin, FlagsStr,
        WindowSizeValue, WindowSize, WindowSizeScaleFactor, Checksum, ChecksumStatus, UrgentPointer,
        Options, OptionKind, OptionLen, OptEol, OptNop, OptMss, OptWscale, OptSackPerm, OptSack, OptTimestamp, OptMd5, OptUserTo,
        OptTfo, OptAccEcn, OptExperimental, OptUnknown,
        MssVal, WscaleShift, WscaleMultiplier, SackLe, SackRe, SackCount, DsackLe, DsackRe, TsVal, TsEcr, Md5Digest,
        UserToGranularity, UserToVal, TfoRequest, TfoCookie, ExperimentalExid, ExperimentalData, AccEcnEe0b, AccEcnEceb, AccEcnEe1b,
        MptcpSubtype, MptcpVersion, UnknownPayload, Payload, Segments, Segment, SegmentCount, ReassembledLength, ReassembledData,
        ConnectionSyn, ConnectionSynAck, ConnectionFin, ConnectionRst, AckNonzero, UrgentPointerNonZero, BogusHeaderLength,
        ShortSegment, OptionLenInvalid, SuboptionMalformed, Nop, NonZeroBytesAfterEol, WscaleShiftInvalid, MssAbsent, MssPresent, Dsack,
    ];

    static Dictionary<ulong, string> OptionKindNames() => new()
    {
        [0] = "End of Option List", [1] = "No-Operation", [2] = "Maximum Segment Size", [3] = "Window Scale",
        [4] = "SACK Permitted", [5] = "SACK", [6] = "Echo", [7] = "Echo Reply", [8] = "Time Stamp Option",
        [9] = "Partial Order Connection Permitted", [10] = "Partial Order Service Profile", [11] = "CC", [12] = "CC.NEW",
        [13] = "CC.ECHO", [14] = "TCP Alternate Checksum Request", [15] = "TCP Alternate Checksum Data", [16] = "Skeeter",
        [17] = "Bubba", [18] = "Trailer Checksum Option", [19] = "MD5 Signature Option", [20] = "SCPS Capabilities",
        [21] = "Selective Negative Acknowledgements", [22] = "Record Boundaries", [23] = "Corruption experienced",
        [24] = "SNAP", [25] = "Unassigned", [26] = "TCP Compression Filter", [27] = "Quick-Start Response",
        [28] = "User Timeout Option", [29] = "TCP Authentication Option", [30] = "Multipath TCP", [34] = "TCP Fast Open Cookie",
        [69] = "Encryption Negotiation", [172] = "Accurate ECN Order 0", [174] = "Accurate ECN Order 1",
        [253] = "RFC3692-style Experiment 1", [254] = "RFC3692-style Experiment 2",
    };
}
