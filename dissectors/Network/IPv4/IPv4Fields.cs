using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Network.IPv4;

/// <summary>Fields of IPv4 (Wireshark's "ip"), its options and its expert items.</summary>
public static class IPv4Fields
{
    public static readonly ProtocolDef Protocol = new("ip", "Internet Protocol Version 4", "IPv4");

    public static readonly FieldDef Version = new("ip.version", "Version", FieldKind.UInt8);
    /// <summary>Header length in bytes (tshark shows the byte count, not the 32-bit word count).</summary>
    public static readonly FieldDef HdrLen = new("ip.hdr_len", "Header Length", FieldKind.UInt8, blurb: "Header length in 32-bit words");
    public static readonly FieldDef DsField = new("ip.dsfield", "Differentiated Services Field", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef Dscp = new("ip.dsfield.dscp", "Differentiated Services Codepoint", FieldKind.UInt8, bitmask: 0xfc, valueNames: DscpNames);
    public static readonly FieldDef Ecn = new("ip.dsfield.ecn", "Explicit Congestion Notification", FieldKind.UInt8, bitmask: 0x03, valueNames: EcnNames);
    public static readonly FieldDef Len = new("ip.len", "Total Length", FieldKind.UInt16);
    public static readonly FieldDef Id = new("ip.id", "Identification", FieldKind.UInt16, FieldBase.HexDec, flags: FieldFlags.Indexed);
    public static readonly FieldDef Flags = new("ip.flags", "Flags", FieldKind.UInt8, FieldBase.Hex, bitmask: 0xe0, blurb: "Flags (3 bits)");
    public static readonly FieldDef FlagsRb = new("ip.flags.rb", "Reserved bit", FieldKind.Bool, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef FlagsDf = new("ip.flags.df", "Don't fragment", FieldKind.Bool, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef FlagsMf = new("ip.flags.mf", "More fragments", FieldKind.Bool, bitmask: 0x20, bitWidth: 8);
    /// <summary>In 8-byte units, as tshark 4.0 shows it (the Info column shows bytes).</summary>
    public static readonly FieldDef FragOffset = new("ip.frag_offset", "Fragment Offset", FieldKind.UInt16, bitmask: 0x1fff, blurb: "Fragment offset (13 bits)");
    public static readonly FieldDef Ttl = new("ip.ttl", "Time to Live", FieldKind.UInt8);
    public static readonly FieldDef Proto = new("ip.proto", "Protocol", FieldKind.UInt8, valueNames: IpProtocolNames.Names, flags: FieldFlags.Indexed);
    public static readonly FieldDef Checksum = new("ip.checksum", "Header Checksum", FieldKind.UInt16, FieldBase.Hex);
    /// <summary>Always Unverified (2): like tshark's default preferences, the checksum is not validated.</summary>
    public static readonly FieldDef ChecksumStatus = new("ip.checksum.status", "Header checksum status", FieldKind.UInt8, valueNames: EthernetFields.StatusNames, flags: FieldFlags.Generated);
    public static readonly FieldDef Src = new("ip.src", "Source Address", FieldKind.IPv4, flags: FieldFlags.Indexed);
    public static readonly FieldDef Dst = new("ip.dst", "Destination Address", FieldKind.IPv4, flags: FieldFlags.Indexed);
    /// <summary>Either address (added after ip.src and after ip.dst).</summary>
    public static readonly FieldDef Addr = new("ip.addr", "Source or Destination Address", FieldKind.IPv4);

    // ---- options ----
    /// <summary>The options area as a whole (tshark shows it as an unnamed "Options: (n bytes), …" subtree).</summary>
    public static readonly FieldDef Options = new("ip.options", "Options", FieldKind.Bytes);
    public static readonly FieldDef OptEol = new("ip.options.eol", "IP Option - End of Options List (EOL)", FieldKind.Bytes);
    public static readonly FieldDef OptNop = new("ip.options.nop", "IP Option - No-Operation (NOP)", FieldKind.Bytes);
    public static readonly FieldDef OptSecurity = new("ip.options.security", "IP Option - Security", FieldKind.Bytes);
    public static readonly FieldDef OptLsrr = new("ip.options.route", "IP Option - Loose Source Route", FieldKind.Bytes);
    public static readonly FieldDef OptTimestamp = new("ip.options.timestamp", "IP Option - Time Stamp", FieldKind.Bytes);
    public static readonly FieldDef OptExtSecurity = new("ip.options.ext_security", "IP Option - Extended Security", FieldKind.Bytes);
    public static readonly FieldDef OptCipso = new("ip.options.cipso", "IP Option - Commercial Security", FieldKind.Bytes);
    public static readonly FieldDef OptRecordRoute = new("ip.options.record_route", "IP Option - Record Route", FieldKind.Bytes);
    public static readonly FieldDef OptSid = new("ip.options.sid", "IP Option - Stream ID", FieldKind.Bytes);
    public static readonly FieldDef OptSsrr = new("ip.options.source_route", "IP Option - Strict Source Route", FieldKind.Bytes);
    public static readonly FieldDef OptMtuProbe = new("ip.options.mtu_probe", "IP Option - MTU Probe", FieldKind.Bytes);
    public static readonly FieldDef OptMtuReply = new("ip.options.mtu_reply", "IP Option - MTU Reply", FieldKind.Bytes);
    public static readonly FieldDef OptTraceroute = new("ip.options.traceroute", "IP Option - Traceroute", FieldKind.Bytes);
    public static readonly FieldDef OptRouterAlert = new("ip.options.routeralert", "IP Option - Router Alert", FieldKind.Bytes);
    public static readonly FieldDef OptSdb = new("ip.options.sdb", "IP Option - Selective Directed Broadcast", FieldKind.Bytes);
    public static readonly FieldDef OptQs = new("ip.options.qs", "IP Option - Quick-Start", FieldKind.Bytes);
    /// <summary>An option type Wireshark has no name for.</summary>
    public static readonly FieldDef OptUnknown = new("ip.options.unknown", "IP Option - Unknown", FieldKind.Bytes);

    public static readonly FieldDef OptType = new("ip.opt.type", "Type", FieldKind.UInt8);
    public static readonly FieldDef OptTypeCopy = new("ip.opt.type.copy", "Copy on fragmentation", FieldKind.Bool, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef OptTypeClass = new("ip.opt.type.class", "Class", FieldKind.UInt8, bitmask: 0x60, valueNames: OptClassNames);
    public static readonly FieldDef OptTypeNumber = new("ip.opt.type.number", "Number", FieldKind.UInt8, bitmask: 0x1f, valueNames: OptNumberNames);
    public static readonly FieldDef OptLen = new("ip.opt.len", "Length", FieldKind.UInt8);
    public static readonly FieldDef OptPtr = new("ip.opt.ptr", "Pointer", FieldKind.UInt8);
    public static readonly FieldDef OptSidValue = new("ip.opt.sid", "Stream Identifier", FieldKind.UInt16, blurb: "SATNET stream identifier");
    public static readonly FieldDef OptMtu = new("ip.opt.mtu", "MTU", FieldKind.UInt16);
    public static readonly FieldDef OptIdNumber = new("ip.opt.id_number", "ID Number", FieldKind.UInt16);
    public static readonly FieldDef OptOhc = new("ip.opt.ohc", "Outbound Hop Count", FieldKind.UInt16);
    public static readonly FieldDef OptRhc = new("ip.opt.rhc", "Return Hop Count", FieldKind.UInt16);
    public static readonly FieldDef OptOriginator = new("ip.opt.originator", "Originator IP Address", FieldKind.IPv4);
    public static readonly FieldDef OptRa = new("ip.opt.ra", "Router Alert", FieldKind.UInt16, valueNames: RaNames);
    public static readonly FieldDef OptOverflow = new("ip.opt.overflow", "Overflow", FieldKind.UInt8, bitmask: 0xf0);
    public static readonly FieldDef OptFlag = new("ip.opt.flag", "Flag", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x0f, valueNames: TsFlagNames);
    public static readonly FieldDef OptTimeStamp = new("ip.opt.time_stamp", "Time stamp", FieldKind.UInt32);
    public static readonly FieldDef OptTimeStampAddr = new("ip.opt.time_stamp_addr", "Address", FieldKind.IPv4);
    public static readonly FieldDef RecRt = new("ip.rec_rt", "Recorded Route", FieldKind.IPv4);
    public static readonly FieldDef SrcRt = new("ip.src_rt", "Source Route", FieldKind.IPv4);
    public static readonly FieldDef EmptyRt = new("ip.empty_rt", "Empty Route", FieldKind.IPv4);

    // ---- expert items ----
    public static readonly FieldDef BogusVersion = new("ip.bogus_ip_version", "Bogus IP version", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef BogusHeaderLength = new("ip.bogus_header_length", "Bogus IP header length", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef BogusLength = new("ip.bogus_ip_length", "Bogus IP length", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef OptLenInvalid = new("ip.opt.len.invalid", "Invalid length for option", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef OptPtrBeforeAddress = new("ip.opt.ptr.before_address", "Pointer points before first address", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef OptPtrMiddleAddress = new("ip.opt.ptr.middle_address", "Pointer points to middle of address", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef Nop = new("ip.nop", "4 NOP in a row - a router may have removed some options", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef TtlTooSmall = new("ip.ttl.too_small", "Time To Live", FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Sequence);
    public static readonly FieldDef TtlLncb = new("ip.ttl.lncb", "Time To Live", FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Sequence);

    public static readonly FieldDef[] All =
    [
        Version, HdrLen, DsField, Dscp, Ecn, Len, Id, Flags, FlagsRb, FlagsDf, FlagsMf, FragOffset, Ttl, Proto, Checksum,
        ChecksumStatus, Src, Dst, Addr,
        Options, OptEol, OptNop, OptSecurity, OptLsrr, OptTimestamp, OptExtSecurity, OptCipso, OptRecordRoute, OptSid,
        OptSsrr, OptMtuProbe, OptMtuReply, OptTraceroute, OptRouterAlert, OptSdb, OptQs, OptUnknown,
        OptType, OptTypeCopy, OptTypeClass, OptTypeNumber, OptLen, OptPtr, OptSidValue, OptMtu, OptIdNumber, OptOhc, OptRhc,
        OptOriginator, OptRa, OptOverflow, OptFlag, OptTimeStamp, OptTimeStampAddr, RecRt, SrcRt, EmptyRt,
        BogusVersion, BogusHeaderLength, BogusLength, OptLenInvalid, OptPtrBeforeAddress, OptPtrMiddleAddress, Nop,
        TtlTooSmall, TtlLncb,
    ];

    static Dictionary<ulong, string> RaNames => new() { [0] = "Router shall examine packet" };
    static Dictionary<ulong, string> TsFlagNames => new() { [0] = "Time stamps only", [1] = "Time stamp and address", [3] = "Time stamps for prespecified addresses" };

    /// <summary>Value names of ip.dsfield.dscp (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> DscpNames => new()
    {
        [0] = "Default",
        [1] = "Lower Effort",
        [8] = "Class Selector 1",
        [10] = "Assured Forwarding 11",
        [12] = "Assured Forwarding 12",
        [14] = "Assured Forwarding 13",
        [16] = "Class Selector 2",
        [18] = "Assured Forwarding 21",
        [20] = "Assured Forwarding 22",
        [22] = "Assured Forwarding 23",
        [24] = "Class Selector 3",
        [26] = "Assured Forwarding 31",
        [28] = "Assured Forwarding 32",
        [30] = "Assured Forwarding 33",
        [32] = "Class Selector 4",
        [34] = "Assured Forwarding 41",
        [36] = "Assured Forwarding 42",
        [38] = "Assured Forwarding 43",
        [40] = "Class Selector 5",
        [44] = "Voice Admit",
        [46] = "Expedited Forwarding",
        [48] = "Class Selector 6",
        [56] = "Class Selector 7",
    };

    /// <summary>Value names of ip.dsfield.ecn (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> EcnNames => new()
    {
        [0] = "Not ECN-Capable Transport",
        [1] = "ECN-Capable Transport codepoint '01'",
        [2] = "ECN-Capable Transport codepoint '10'",
        [3] = "Congestion Experienced",
    };

    /// <summary>Value names of ip.opt.type.class (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> OptClassNames => new()
    {
        [0] = "Control",
        [1] = "Reserved for future use",
        [2] = "Debugging and measurement",
        [3] = "Reserved for future use",
    };

    /// <summary>Value names of ip.opt.type.number (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> OptNumberNames => new()
    {
        [0] = "End of Option List (EOL)",
        [1] = "No-Operation (NOP)",
        [2] = "Security",
        [3] = "Loose source route",
        [4] = "Time stamp",
        [5] = "Extended security",
        [6] = "Commercial IP security option",
        [7] = "Record route",
        [8] = "Stream identifier",
        [9] = "Strict source route",
        [10] = "Experimental Measurement",
        [11] = "MTU probe",
        [12] = "MTU Reply",
        [13] = "Experimental Flow Control",
        [14] = "Experimental Access Control",
        [15] = "Ask Estrin",
        [16] = "IMI Traffic Descriptor",
        [17] = "Extended Internet Protocol",
        [18] = "Traceroute",
        [19] = "Address Extension",
        [20] = "Router Alert",
        [21] = "Selective Directed Broadcast",
        [22] = "Unassigned",
        [23] = "Dynamic Packet State",
        [24] = "Upstream Multicast Packet",
        [25] = "Quick-Start",
        [30] = "RFC 3692-style experiment",
    };
}
