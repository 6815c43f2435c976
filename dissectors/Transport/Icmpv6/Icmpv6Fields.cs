using Dissect.Core;

namespace Dissect.Dissectors.Transport.Icmpv6;

/// <summary>ICMPv6 (RFC 4443), Neighbor Discovery (RFC 4861, 8106) and MLD (RFC 2710, 3810) fields with
/// Wireshark's abbrevs.</summary>
public static class Icmpv6Fields
{
    public static readonly ProtocolDef Protocol = new("icmpv6", "Internet Control Message Protocol v6", "ICMPv6");

    public static readonly FieldDef Type = new("icmpv6.type", "Type", FieldKind.UInt8, valueNames: TypeNames(), flags: FieldFlags.Indexed);
    public static readonly FieldDef Code = new("icmpv6.code", "Code", FieldKind.UInt8);
    public static readonly FieldDef Checksum = new("icmpv6.checksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("icmpv6.checksum.status", "Checksum Status", FieldKind.UInt8,
        valueNames: Transport.ChecksumStatus.Names);
    public static readonly FieldDef Reserved = new("icmpv6.reserved", "Reserved", FieldKind.Bytes);
    public static readonly FieldDef Data = new("icmpv6.data", "Data", FieldKind.Bytes);
    public static readonly FieldDef Mtu = new("icmpv6.mtu", "MTU", FieldKind.UInt32);
    public static readonly FieldDef Pointer = new("icmpv6.pointer", "Pointer", FieldKind.UInt32);
    public static readonly FieldDef EchoIdentifier = new("icmpv6.echo.identifier", "Identifier", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef EchoSequence = new("icmpv6.echo.sequence_number", "Sequence", FieldKind.UInt16);

    // ---- Neighbor Discovery ----
    public static readonly FieldDef RaCurHopLimit = new("icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", FieldKind.UInt8);
    public static readonly FieldDef RaFlag = new("icmpv6.nd.ra.flag", "Flags", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef RaFlagM = new("icmpv6.nd.ra.flag.m", "Managed address configuration", FieldKind.Bool, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef RaFlagO = new("icmpv6.nd.ra.flag.o", "Other configuration", FieldKind.Bool, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef RaFlagH = new("icmpv6.nd.ra.flag.h", "Home Agent", FieldKind.Bool, bitmask: 0x20, bitWidth: 8);
    public static readonly FieldDef RaFlagPrf = new("icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)", FieldKind.UInt8, bitmask: 0x18,
        valueNames: new Dictionary<ulong, string> { [0] = "Medium", [1] = "High", [2] = "Reserved", [3] = "Low" });
    public static readonly FieldDef RaFlagP = new("icmpv6.nd.ra.flag.p", "Proxy", FieldKind.Bool, bitmask: 0x04, bitWidth: 8);
    public static readonly FieldDef RaFlagRsv = new("icmpv6.nd.ra.flag.rsv", "Reserved", FieldKind.UInt8, bitmask: 0x03);
    public static readonly FieldDef RaRouterLifetime = new("icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", FieldKind.UInt16);
    public static readonly FieldDef RaReachableTime = new("icmpv6.nd.ra.reachable_time", "Reachable time (ms)", FieldKind.UInt32);
    public static readonly FieldDef RaRetransTimer = new("icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", FieldKind.UInt32);
    public static readonly FieldDef NsTargetAddress = new("icmpv6.nd.ns.target_address", "Target Address", FieldKind.IPv6);
    public static readonly FieldDef NaFlag = new("icmpv6.nd.na.flag", "Flags", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef NaFlagR = new("icmpv6.nd.na.flag.r", "Router", FieldKind.Bool, bitmask: 0x80000000, bitWidth: 32);
    public static readonly FieldDef NaFlagS = new("icmpv6.nd.na.flag.s", "Solicited", FieldKind.Bool, bitmask: 0x40000000, bitWidth: 32);
    public static readonly FieldDef NaFlagO = new("icmpv6.nd.na.flag.o", "Override", FieldKind.Bool, bitmask: 0x20000000, bitWidth: 32);
    public static readonly FieldDef NaFlagRsv = new("icmpv6.nd.na.flag.rsv", "Reserved", FieldKind.UInt32, bitmask: 0x1fffffff);
    public static readonly FieldDef NaTargetAddress = new("icmpv6.nd.na.target_address", "Target Address", FieldKind.IPv6);
    public static readonly FieldDef RdTargetAddress = new("icmpv6.nd.rd.target_address", "Target Address", FieldKind.IPv6);
    public static readonly FieldDef RdDestinationAddress = new("icmpv6.rd.na.destination_address", "Destination Address", FieldKind.IPv6);

    // ---- ND options ----
    public static readonly FieldDef Opt = new("icmpv6.opt", "ICMPv6 Option", FieldKind.None);
    public static readonly FieldDef OptType = new("icmpv6.opt.type", "Type", FieldKind.UInt8, valueNames: OptionNames());
    public static readonly FieldDef OptLength = new("icmpv6.opt.length", "Length", FieldKind.UInt8);
    public static readonly FieldDef OptReserved = new("icmpv6.opt.reserved", "Reserved", FieldKind.None);
    // tshark prints these colon-separated (a MAC for Ethernet links); kind Ether formats any length that way.
    public static readonly FieldDef OptLinkAddr = new("icmpv6.opt.linkaddr", "Link-layer address", FieldKind.Ether);
    public static readonly FieldDef OptSrcLinkAddr = new("icmpv6.opt.src_linkaddr", "Source Link-layer address", FieldKind.Ether);
    public static readonly FieldDef OptTargetLinkAddr = new("icmpv6.opt.target_linkaddr", "Target Link-layer address", FieldKind.Ether);
    public static readonly FieldDef OptPrefixLength = new("icmpv6.opt.prefix.length", "Prefix Length", FieldKind.UInt8);
    public static readonly FieldDef OptPrefixFlag = new("icmpv6.opt.prefix.flag", "Flag", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef OptPrefixFlagL = new("icmpv6.opt.prefix.flag.l", "On-link flag(L)", FieldKind.Bool, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef OptPrefixFlagA = new("icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", FieldKind.Bool, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef OptPrefixFlagR = new("icmpv6.opt.prefix.flag.r", "Router address flag(R)", FieldKind.Bool, bitmask: 0x20, bitWidth: 8);
    public static readonly FieldDef OptPrefixFlagReserved = new("icmpv6.opt.prefix.flag.reserved", "Reserved", FieldKind.UInt8, bitmask: 0x1f);
    public static readonly FieldDef OptPrefixValidLifetime = new("icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", FieldKind.UInt32);
    public static readonly FieldDef OptPrefixPreferredLifetime = new("icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", FieldKind.UInt32);
    public static readonly FieldDef OptPrefix = new("icmpv6.opt.prefix", "Prefix", FieldKind.IPv6);
    public static readonly FieldDef OptRedirectedPacket = new("icmpv6.opt.redirected_packet", "Redirected Packet", FieldKind.None);
    public static readonly FieldDef OptMtu = new("icmpv6.opt.mtu", "MTU", FieldKind.UInt32);
    public static readonly FieldDef OptNonce = new("icmpv6.opt.nonce", "Nonce", FieldKind.Bytes);
    public static readonly FieldDef OptRdnssLifetime = new("icmpv6.opt.rdnss.lifetime", "Lifetime", FieldKind.UInt32);
    public static readonly FieldDef OptRdnss = new("icmpv6.opt.rdnss", "Recursive DNS Servers", FieldKind.IPv6);
    public static readonly FieldDef OptDnsslLifetime = new("icmpv6.opt.dnssl.lifetime", "Lifetime", FieldKind.UInt32);
    public static readonly FieldDef OptDnssl = new("icmpv6.opt.dnssl", "Domain Names", FieldKind.String);
    public static readonly FieldDef OptPadding = new("icmpv6.opt.padding", "Padding", FieldKind.None);
    public static readonly FieldDef OptAdvertisementInterval = new("icmpv6.opt.advertisement_interval", "Advertisement Interval", FieldKind.UInt32);
    public static readonly FieldDef OptHomeAgentPreference = new("icmpv6.opt.home_agent_preference", "Home Agent Preference", FieldKind.UInt16);
    // (Wireshark names this one "Home Agent Preference" too.)
    public static readonly FieldDef OptHomeAgentLifetime = new("icmpv6.opt.home_agent_lifetime", "Home Agent Lifetime", FieldKind.UInt16);

    // ---- MLD ----
    public static readonly FieldDef MldMaxResponseDelay = new("icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", FieldKind.UInt16);
    public static readonly FieldDef MldMaxResponseCode = new("icmpv6.mld.maximum_response_code", "Maximum Response Code", FieldKind.UInt16);
    public static readonly FieldDef MldMulticastAddress = new("icmpv6.mld.multicast_address", "Multicast Address", FieldKind.IPv6);
    public static readonly FieldDef MldFlag = new("icmpv6.mld.flag", "Flags", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef MldFlagS = new("icmpv6.mld.flag.s", "Suppress Router-Side Processing", FieldKind.Bool, bitmask: 0x08, bitWidth: 8);
    public static readonly FieldDef MldFlagQrv = new("icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)", FieldKind.UInt8, bitmask: 0x07);
    public static readonly FieldDef MldFlagReserved = new("icmpv6.mld.flag.reserved", "Reserved", FieldKind.UInt8, bitmask: 0xf0);
    public static readonly FieldDef MldQqi = new("icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)", FieldKind.UInt8);
    public static readonly FieldDef MldNbSources = new("icmpv6.mld.nb_sources", "Number of Sources", FieldKind.UInt16);
    public static readonly FieldDef MldSourceAddress = new("icmpv6.mld.source_address", "Source Address", FieldKind.IPv6);
    public static readonly FieldDef MldrNbMcastRecords = new("icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", FieldKind.UInt16);
    public static readonly FieldDef MldrMar = new("icmpv6.mldr.mar", "Multicast Address Record", FieldKind.None);
    public static readonly FieldDef MldrMarRecordType = new("icmpv6.mldr.mar.record_type", "Record Type", FieldKind.UInt8,
        valueNames: new Dictionary<ulong, string>
        {
            [1] = "Include", [2] = "Exclude", [3] = "Changed to include", [4] = "Changed to exclude",
            [5] = "Allow new sources", [6] = "Block old sources",
        });
    public static readonly FieldDef MldrMarAuxDataLen = new("icmpv6.mldr.mar.aux_data_len", "Aux Data Len", FieldKind.UInt8);
    public static readonly FieldDef MldrMarNbSources = new("icmpv6.mldr.mar.nb_sources", "Number of Sources", FieldKind.UInt16);
    public static readonly FieldDef MldrMarMulticastAddress = new("icmpv6.mldr.mar.multicast_address", "Multicast Address", FieldKind.IPv6);
    public static readonly FieldDef MldrMarSourceAddress = new("icmpv6.mldr.mar.source_address", "Source Address", FieldKind.IPv6);
    public static readonly FieldDef MldrMarAuxiliaryData = new("icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data", FieldKind.Bytes);

    // ---- expert items ----
    public static readonly FieldDef ChecksumBad = new("icmpv6.checksum_bad.expert", "Bad checksum", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Checksum);
    public static readonly FieldDef InvalidOptionLength = new("icmpv6.invalid_option_length", "Invalid Option Length", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef UndecodedType = new("icmpv6.undecoded.type", "Undecoded type", FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Undecoded);

    public static readonly FieldDef[] All =
    [
        Type, Code, Checksum, ChecksumStatus, Reserved, Data, Mtu, Pointer, EchoIdentifier, EchoSequence,
        RaCurHopLimit, RaFlag, RaFlagM, RaFlagO, RaFlagH, RaFlagPrf, RaFlagP, RaFlagRsv, RaRouterLifetime, RaReachableTime,
        RaRetransTimer, NsTargetAddress, NaFlag, NaFlagR, NaFlagS, NaFlagO, NaFlagRsv, NaTargetAddress, RdTargetAddress,
        RdDestinationAddress,
        Opt, OptType, OptLength, OptReserved, OptLinkAddr, OptSrcLinkAddr, OptTargetLinkAddr, OptPrefixLength, OptPrefixFlag,
        OptPrefixFlagL, OptPrefixFlagA, OptPrefixFlagR, OptPrefixFlagReserved, OptPrefixValidLifetime, OptPrefixPreferredLifetime,
        OptPrefix, OptRedirectedPacket, OptMtu, OptNonce, OptRdnssLifetime, OptRdnss, OptDnsslLifetime, OptDnssl, OptPadding,
        OptAdvertisementInterval, OptHomeAgentPreference, OptHomeAgentLifetime,
        MldMaxResponseDelay, MldMaxResponseCode, MldMulticastAddress, MldFlag, MldFlagS, MldFlagQrv, MldFlagReserved, MldQqi,
        MldNbSources, MldSourceAddress, MldrNbMcastRecords, MldrMar, MldrMarRecordType, MldrMarAuxDataLen, MldrMarNbSources,
        MldrMarMulticastAddress, MldrMarSourceAddress, MldrMarAuxiliaryData,
        ChecksumBad, InvalidOptionLength, UndecodedType,
    ];

    /// <summary>Type names as tshark shows them (icmpv6_type_val); null for unnamed types ("Unknown (N)").</summary>
    public static string? TypeName(byte type) => type switch
    {
        1 => "Destination Unreachable", 2 => "Packet Too Big", 3 => "Time Exceeded", 4 => "Parameter Problem",
        100 or 101 or 200 or 201 => "Private experimentation",
        127 => "Reserved for expansion of ICMPv6 error messages",
        128 => "Echo (ping) request", 129 => "Echo (ping) reply",
        130 => "Multicast Listener Query", 131 => "Multicast Listener Report", 132 => "Multicast Listener Done",
        133 => "Router Solicitation", 134 => "Router Advertisement", 135 => "Neighbor Solicitation",
        136 => "Neighbor Advertisement", 137 => "Redirect", 138 => "Router Renumbering",
        139 => "Node Information Query", 140 => "Node Information Reply",
        141 => "Inverse Neighbor Discovery Solicitation", 142 => "Inverse Neighbor Discovery Advertisement",
        143 => "Multicast Listener Report Message v2", 144 => "Home Agent Address Discovery Request",
        145 => "Home Agent Address Discovery Reply", 146 => "Mobile Prefix Solicitation", 147 => "Mobile Prefix Advertisement",
        148 => "Certification Path Solicitation", 149 => "Certification Path Advertisement", 150 => "Experimental Mobility",
        151 => "Multicast Router Advertisement", 152 => "Multicast Router Solicitation", 153 => "Multicast Router Termination",
        154 => "FMIPv6", 155 => "RPL Control", 156 => "Locator Update", 157 => "Duplicate Address Request",
        158 => "Duplicate Address Confirmation", 159 => "MPL Control Message", 160 => "Extended Echo request",
        161 => "Extended Echo reply",
        255 => "Reserved for expansion of ICMPv6 informational messages",
        _ => null,
    };

    /// <summary>True for the types whose Info carries a code name.</summary>
    public static bool HasCodeNames(byte type) => type is 1 or 3 or 4 or 138 or 139 or 140 or 160 or 161;

    /// <summary>Code name for <paramref name="type"/>, null when unknown (Info then says "Unknown (N)", or
    /// "Unknown" for Destination Unreachable).</summary>
    public static string? CodeName(byte type, byte code) => type switch
    {
        1 => code switch
        {
            0 => "no route to destination", 1 => "Administratively prohibited", 2 => "Beyond scope of source address",
            3 => "Address unreachable", 4 => "Port unreachable", 5 => "Source address failed ingress/egress policy",
            6 => "Reject route to destination", 7 => "Error in Source Routing Header", _ => null,
        },
        3 => code switch { 0 => "hop limit exceeded in transit", 1 => "fragment reassembly time exceeded", _ => null },
        4 => code switch
        {
            0 => "erroneous header field encountered", 1 => "unrecognized Next Header type encountered",
            2 => "unrecognized IPv6 option encountered", 3 => "IPv6 First Fragment has incomplete IPv6 Header Chain", _ => null,
        },
        138 => code switch { 0 => "Command", 1 => "Result", 255 => "Sequence number reset", _ => null },
        139 => code switch
        {
            0 => "Query subject = IPv6 addresses", 1 => "Query subject = DNS name or empty",
            2 => "Query subject = IPv4 addresses", _ => null,
        },
        140 => code switch { 0 => "Successful", 1 => "Refused", 2 => "Unknown query type", _ => null },
        160 => code == 0 ? "No error" : null,
        161 => code switch
        {
            0 => "No error", 1 => "Malformed Query", 2 => "No Such Interface", 3 => "No Such Table Entry",
            4 => "Multiple Interfaces Satisfy Query", _ => null,
        },
        _ => null,
    };

    static Dictionary<ulong, string> TypeNames()
    {
        var d = new Dictionary<ulong, string>();
        for (int t = 0; t < 256; t++) if (TypeName((byte)t) is { } n) d[(ulong)t] = n;
        return d;
    }

    static Dictionary<ulong, string> OptionNames() => new()
    {
        [1] = "Source link-layer address", [2] = "Target link-layer address", [3] = "Prefix information",
        [4] = "Redirected header", [5] = "MTU", [6] = "NBMA Shortcut Limit Option", [7] = "Advertisement Interval",
        [8] = "Home Agent Information", [9] = "Source Address List", [10] = "Target Address List", [11] = "CGA",
        [12] = "RSA Signature", [13] = "Timestamp", [14] = "Nonce", [15] = "Trust Anchor", [16] = "Certificate",
        [17] = "IP Address/Prefix Option", [18] = "New Router Prefix Information", [19] = "Link-layer Address",
        [20] = "Neighbor Advertisement Acknowledgment", [23] = "MAP", [24] = "Route Information",
        [25] = "Recursive DNS Server", [26] = "RA Flags Extension", [27] = "Handover Key Request",
        [28] = "Handover Key Reply", [29] = "Handover Assist Information", [30] = "Mobile Node Identifier Option",
        [31] = "DNS Search List Option", [32] = "Proxy Signature (PS)", [33] = "Address Registration Option",
        [34] = "6LoWPAN Context Option", [35] = "Authoritative Border Router", [36] = "6LoWPAN Capability Indication Option",
        [37] = "DHCP Captive-Portal", [38] = "PREF64 Option", [138] = "CARD Request", [139] = "CARD Reply",
        [253] = "RFC3692-style Experiment 1", [254] = "RFC3692-style Experiment 2",
    };
}
