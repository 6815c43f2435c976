using Dissect.Core;

namespace Dissect.Dissectors.Application.Dns;

/// <summary>
/// DNS (RFC 1035, 3596, 2782, 6891, 8659, 9460), mDNS (RFC 6762) and LLMNR (RFC 4795) fields, with Wireshark's
/// abbrevs. mDNS and LLMNR are their own protocols (Protocol column "MDNS"/"LLMNR") but record the dns.* fields, as
/// Wireshark does. Value names are tshark 4.0's (`tshark -G values`).
/// </summary>
public static class DnsFields
{
    public static readonly ProtocolDef Protocol = new("dns", "Domain Name System", "DNS");
    public static readonly ProtocolDef MdnsProtocol = new("mdns", "Multicast Domain Name System", "MDNS");
    public static readonly ProtocolDef LlmnrProtocol = new("llmnr", "Link-local Multicast Name Resolution", "LLMNR");

    public static readonly Dictionary<ulong, string> TypeNames = new()
    {
        [0] = "Unused", [1] = "A (Host Address)", [2] = "NS (authoritative Name Server)",
        [3] = "MD (Mail Destination)", [4] = "MF (Mail Forwarder)", [5] = "CNAME (Canonical NAME for an alias)",
        [6] = "SOA (Start Of a zone of Authority)", [7] = "MB (MailBox domain name)", [8] = "MG (Mail Group member)",
        [9] = "MR (Mail Rename domain)", [10] = "NULL RR", [11] = "WKS (Well Known Service)",
        [12] = "PTR (domain name PoinTeR)", [13] = "HINFO (host information)",
        [14] = "MINFO (Mailbox or mail list information)", [15] = "MX (Mail eXchange)", [16] = "TXT (Text strings)",
        [17] = "RP (Responsible Person)", [18] = "AFSDB (AFS Data Base location)", [19] = "X25 (XX.25 PSDN address)",
        [20] = "ISDN (ISDN address)", [21] = "RT (Route Through)", [22] = "NSAP (NSAP address)",
        [23] = "NSAP-PTR (NSAP domain name pointer)", [24] = "SIG (security signature)", [25] = "KEY (security key)",
        [26] = "PX (X.400 mail mapping information)", [27] = "GPOS (Geographical Position)",
        [28] = "AAAA (IPv6 Address)", [29] = "LOC (Location Information)", [30] = "NXT (Next Domain)",
        [31] = "EID (Endpoint Identifier)", [32] = "NIMLOC (Nimrod Locator)", [33] = "SRV (Server Selection)",
        [34] = "ATMA (ATM Address)", [35] = "NAPTR (Naming Authority Pointer)", [36] = "KX (Key Exchanger)",
        [37] = "CERT", [38] = "A6 (OBSOLETE - use AAAA)", [39] = "DNAME", [40] = "SINK", [41] = "OPT", [42] = "APL",
        [43] = "DS (Delegation Signer)", [44] = "SSHFP (SSH Key Fingerprint)", [45] = "IPSECKEY",
        [46] = "RRSIG (Resource Record Signature)", [47] = "NSEC (Next Secure)", [48] = "DNSKEY (DNS Public Key)",
        [49] = "DHCID", [50] = "NSEC3", [51] = "NSEC3PARAM", [52] = "TLSA", [55] = "HIP (Host Identity Protocol)",
        [57] = "RKEY", [58] = "TALINK (Trust Anchor LINK)", [59] = "CDS (Child DS)",
        [60] = "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)", [61] = "OPENPGPKEY (OpenPGP Key)",
        [62] = "CSYNC (Child-to-Parent Synchronization)", [63] = "ZONEMD",
        [64] = "SVCB (General Purpose Service Endpoints)", [65] = "HTTPS (HTTPS Specific Service Endpoints)",
        [99] = "SPF", [100] = "UINFO", [101] = "UID", [102] = "GID", [103] = "UNSPEC", [104] = "NID (NodeID)",
        [105] = "L32 (Locator32)", [106] = "L64 (Locator64)", [107] = "LP (Locator FQDN)", [108] = "EUI48",
        [109] = "EUI64", [249] = "TKEY (Transaction Key)", [250] = "TSIG (Transaction Signature)",
        [251] = "IXFR (incremental transfer)", [252] = "AXFR (transfer of an entire zone)",
        [253] = "MAILB (mailbox-related RRs)", [254] = "MAILA (mail agent RRs)",
        [255] = "* (A request for all records the server/cache has available)", [256] = "URI",
        [257] = "CAA (Certification Authority Restriction)", [32768] = "TA (DNSSEC Trust Authorities)",
        [32769] = "DLV (DNSSEC Lookaside Validation)", [65281] = "WINS", [65282] = "WINS-R", [65422] = "XPF",
    };

    public static readonly Dictionary<ulong, string> ClassNames = new()
    {
        [1] = "IN", [2] = "CS", [3] = "CH", [4] = "HS", [254] = "NONE", [255] = "ANY",
    };

    public static readonly Dictionary<ulong, string> OpcodeNames = new()
    {
        [0] = "Standard query", [1] = "Inverse query", [2] = "Server status request",
        [4] = "Zone change notification", [5] = "Dynamic update", [6] = "DNS Stateful operations (DSO)",
    };

    public static readonly Dictionary<ulong, string> RcodeNames = new()
    {
        [0] = "No error", [1] = "Format error", [2] = "Server failure", [3] = "No such name", [4] = "Not implemented",
        [5] = "Refused", [6] = "Name exists", [7] = "RRset exists", [8] = "RRset does not exist",
        [9] = "Not authoritative", [10] = "Name out of zone", [11] = "DSO-Type not implemented",
        [16] = "Bad OPT Version or TSIG Signature Failure", [17] = "Key not recognized",
        [18] = "Signature out of time window", [19] = "Bad TKEY Mode", [20] = "Duplicate key name",
        [21] = "Algorithm not supported", [22] = "Bad Truncation", [23] = "Bad/missing Server Cookie",
    };

    public static readonly Dictionary<ulong, string> OptionNames = new()
    {
        [0] = "Reserved", [1] = "LLQ - Long-lived query", [2] = "UL - Update lease",
        [3] = "NSID - Name Server Identifier", [4] = "Owner (reserved)",
        [5] = "DAU - DNSSEC Algorithm Understood (RFC6975)", [6] = "DHU - DS Hash Understood (RFC6975)",
        [7] = "N3U - NSEC3 Hash Understood (RFC6975)", [20730] = "Experimental - CSUBNET - Client subnet",
        [8] = "CSUBNET - Client subnet", [9] = "EDNS EXPIRE (RFC7314)", [10] = "COOKIE", [11] = "EDNS TCP Keepalive",
        [12] = "PADDING", [13] = "CHAIN", [15] = "Extended DNS Error",
    };

    public static readonly Dictionary<ulong, string> SvcParamNames = new()
    {
        [0] = "mandatory", [1] = "alpn", [2] = "no-default-alpn", [3] = "port", [4] = "ipv4hint", [5] = "echconfig",
        [6] = "ipv6hint", [32769] = "odohconfig", [65535] = "key65535",
    };

    public static readonly Dictionary<ulong, string> FamilyNames = new()
    {
        [1] = "IPv4", [2] = "IPv6",
    };

    /// <summary>Short type names for the Info column and summaries ("A", "AAAA", "ANY").</summary>
    public static string TypeShort(ushort type)
    {
        switch (type)
        {
            case 10: return "NULL";
            case 255: return "ANY";
        }
        if (TypeNames.TryGetValue(type, out var s))
        {
            int p = s.IndexOf(" (", StringComparison.Ordinal);
            return p > 0 ? s.Substring(0, p) : s;
        }
        return "";
    }

    static readonly string[] TypeShortCache = BuildShort();
    static string[] BuildShort()
    {
        var a = new string[65536];
        foreach (var k in TypeNames.Keys) a[k] = TypeShort((ushort)k);
        a[10] = "NULL"; a[255] = "ANY";
        return a;
    }

    /// <summary>Cached short name, or null for a type without one (printed "Unknown (N)").</summary>
    internal static string? ShortName(ushort type) => TypeShortCache[type];

    // ---- header ----
    public static readonly FieldDef Length = new("dns.length", "Length", FieldKind.UInt16,
        blurb: "Length of DNS-over-TCP request or response");
    public static readonly FieldDef Id = new("dns.id", "Transaction ID", FieldKind.UInt16, FieldBase.Hex,
        blurb: "Identification of transaction", flags: FieldFlags.Indexed);
    public static readonly FieldDef Flags = new("dns.flags", "Flags", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef FlagResponse = new("dns.flags.response", "Response", FieldKind.Bool, bitmask: 0x8000,
        blurb: "Is the message a response?", flags: FieldFlags.Indexed, bitWidth: 16);
    public static readonly FieldDef FlagOpcode = new("dns.flags.opcode", "Opcode", FieldKind.UInt16, bitmask: 0x7800,
        valueNames: OpcodeNames, blurb: "Operation code");
    public static readonly FieldDef FlagAuthoritative = new("dns.flags.authoritative", "Authoritative", FieldKind.Bool,
        bitmask: 0x0400, blurb: "Is the server is an authority for the domain?", bitWidth: 16);
    public static readonly FieldDef FlagConflict = new("dns.flags.conflict", "Conflict", FieldKind.Bool, bitmask: 0x0400,
        blurb: "Did we receive multiple responses to a query?", bitWidth: 16);
    public static readonly FieldDef FlagTruncated = new("dns.flags.truncated", "Truncated", FieldKind.Bool, bitmask: 0x0200,
        blurb: "Is the message truncated?", bitWidth: 16);
    public static readonly FieldDef FlagRecDesired = new("dns.flags.recdesired", "Recursion desired", FieldKind.Bool,
        bitmask: 0x0100, blurb: "Do query recursively?", bitWidth: 16);
    public static readonly FieldDef FlagTentative = new("dns.flags.tentative", "Tentative", FieldKind.Bool, bitmask: 0x0100,
        blurb: "Is the responder authoritative for the name, but not yet verified the uniqueness?", bitWidth: 16);
    public static readonly FieldDef FlagRecAvail = new("dns.flags.recavail", "Recursion available", FieldKind.Bool,
        bitmask: 0x0080, blurb: "Can the server do recursive queries?", bitWidth: 16);
    public static readonly FieldDef FlagZ = new("dns.flags.z", "Z", FieldKind.Bool, bitmask: 0x0040, blurb: "Z flag", bitWidth: 16);
    public static readonly FieldDef FlagAuthenticated = new("dns.flags.authenticated", "Answer authenticated", FieldKind.Bool,
        bitmask: 0x0020, blurb: "Was the reply data authenticated by the server?", bitWidth: 16);
    public static readonly FieldDef FlagCheckDisable = new("dns.flags.checkdisable", "Non-authenticated data", FieldKind.Bool,
        bitmask: 0x0010, blurb: "Is non-authenticated data acceptable?", bitWidth: 16);
    public static readonly FieldDef FlagRcode = new("dns.flags.rcode", "Reply code", FieldKind.UInt16, bitmask: 0x000f,
        valueNames: RcodeNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef CountQueries = new("dns.count.queries", "Questions", FieldKind.UInt16,
        blurb: "Number of queries in packet");
    public static readonly FieldDef CountAnswers = new("dns.count.answers", "Answer RRs", FieldKind.UInt16,
        blurb: "Number of answers in packet");
    public static readonly FieldDef CountAuth = new("dns.count.auth_rr", "Authority RRs", FieldKind.UInt16,
        blurb: "Number of authoritative records in packet");
    public static readonly FieldDef CountAdd = new("dns.count.add_rr", "Additional RRs", FieldKind.UInt16,
        blurb: "Number of additional records in packet");

    // ---- questions ----
    public static readonly FieldDef QryName = new("dns.qry.name", "Name", FieldKind.String, blurb: "Query Name", flags: FieldFlags.Indexed);
    public static readonly FieldDef QryNameLen = new("dns.qry.name.len", "Name Length", FieldKind.UInt16,
        blurb: "Query Name Len", flags: FieldFlags.Generated);
    public static readonly FieldDef CountLabels = new("dns.count.labels", "Label Count", FieldKind.UInt16,
        blurb: "Query Label Count", flags: FieldFlags.Generated);
    public static readonly FieldDef QryType = new("dns.qry.type", "Type", FieldKind.UInt16, valueNames: TypeNames,
        blurb: "Query Type", flags: FieldFlags.Indexed);
    public static readonly FieldDef QryClass = new("dns.qry.class", "Class", FieldKind.UInt16, FieldBase.Hex,
        valueNames: ClassNames, blurb: "Query Class");
    public static readonly FieldDef QryQu = new("dns.qry.qu", "\"QU\" question", FieldKind.Bool, bitmask: 0x8000,
        blurb: "QU flag", bitWidth: 16);

    // ---- resource records ----
    public static readonly FieldDef RespName = new("dns.resp.name", "Name", FieldKind.String, blurb: "Response Name");
    public static readonly FieldDef RespType = new("dns.resp.type", "Type", FieldKind.UInt16, valueNames: TypeNames,
        blurb: "Response Type");
    public static readonly FieldDef RespClass = new("dns.resp.class", "Class", FieldKind.UInt16, FieldBase.Hex,
        valueNames: ClassNames, blurb: "Response Class");
    public static readonly FieldDef RespCacheFlush = new("dns.resp.cache_flush", "Cache flush", FieldKind.Bool,
        bitmask: 0x8000, blurb: "Cache flush flag", bitWidth: 16);
    public static readonly FieldDef RespTtl = new("dns.resp.ttl", "Time to live", FieldKind.UInt32, blurb: "Response TTL");
    public static readonly FieldDef RespLen = new("dns.resp.len", "Data length", FieldKind.UInt16, blurb: "Response Length");
    public static readonly FieldDef A = new("dns.a", "Address", FieldKind.IPv4, blurb: "Response Address", flags: FieldFlags.Indexed);
    public static readonly FieldDef Aaaa = new("dns.aaaa", "AAAA Address", FieldKind.IPv6, blurb: "AAAA Response Address", flags: FieldFlags.Indexed);
    public static readonly FieldDef Cname = new("dns.cname", "CNAME", FieldKind.String, blurb: "Response Primary Name");
    public static readonly FieldDef Ns = new("dns.ns", "Name Server", FieldKind.String);
    public static readonly FieldDef Ptr = new("dns.ptr.domain_name", "Domain Name", FieldKind.String);
    public static readonly FieldDef Dname = new("dns.dname", "Dname", FieldKind.String);
    public static readonly FieldDef MxPreference = new("dns.mx.preference", "Preference", FieldKind.UInt16);
    public static readonly FieldDef MxExchange = new("dns.mx.mail_exchange", "Mail Exchange", FieldKind.String);
    public static readonly FieldDef TxtLength = new("dns.txt.length", "TXT Length", FieldKind.UInt8);
    public static readonly FieldDef Txt = new("dns.txt", "TXT", FieldKind.String);
    public static readonly FieldDef SoaMname = new("dns.soa.mname", "Primary name server", FieldKind.String);
    public static readonly FieldDef SoaRname = new("dns.soa.rname", "Responsible authority's mailbox", FieldKind.String);
    public static readonly FieldDef SoaSerial = new("dns.soa.serial_number", "Serial Number", FieldKind.UInt32);
    public static readonly FieldDef SoaRefresh = new("dns.soa.refresh_interval", "Refresh Interval", FieldKind.UInt32);
    public static readonly FieldDef SoaRetry = new("dns.soa.retry_interval", "Retry Interval", FieldKind.UInt32);
    public static readonly FieldDef SoaExpire = new("dns.soa.expire_limit", "Expire limit", FieldKind.UInt32);
    public static readonly FieldDef SoaMinimum = new("dns.soa.minimum_ttl", "Minimum TTL", FieldKind.UInt32);
    public static readonly FieldDef SrvService = new("dns.srv.service", "Service", FieldKind.String, blurb: "Desired service");
    public static readonly FieldDef SrvProto = new("dns.srv.proto", "Protocol", FieldKind.String, blurb: "Desired protocol");
    public static readonly FieldDef SrvName = new("dns.srv.name", "Name", FieldKind.String, blurb: "Domain this resource record refers to");
    public static readonly FieldDef SrvPriority = new("dns.srv.priority", "Priority", FieldKind.UInt16);
    public static readonly FieldDef SrvWeight = new("dns.srv.weight", "Weight", FieldKind.UInt16);
    public static readonly FieldDef SrvPort = new("dns.srv.port", "Port", FieldKind.UInt16);
    public static readonly FieldDef SrvTarget = new("dns.srv.target", "Target", FieldKind.String);
    public static readonly FieldDef Data = new("dns.data", "Data", FieldKind.Bytes);

    // ---- OPT / EDNS(0) ----
    public static readonly FieldDef UdpPayloadSize = new("dns.rr.udp_payload_size", "UDP payload size", FieldKind.UInt16);
    public static readonly FieldDef ExtRcode = new("dns.resp.ext_rcode", "Higher bits in extended RCODE", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef Edns0Version = new("dns.resp.edns0_version", "EDNS0 version", FieldKind.UInt8);
    public static readonly FieldDef RespZ = new("dns.resp.z", "Z", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef RespZDo = new("dns.resp.z.do", "DO bit", FieldKind.Bool, bitmask: 0x8000,
        blurb: "DNSSEC OK", bitWidth: 16);
    public static readonly FieldDef RespZReserved = new("dns.resp.z.reserved", "Reserved", FieldKind.UInt16, FieldBase.Hex,
        bitmask: 0x7fff);
    public static readonly FieldDef Opt = new("dns.opt", "Option", FieldKind.None);
    public static readonly FieldDef OptCode = new("dns.opt.code", "Option Code", FieldKind.UInt16, valueNames: OptionNames);
    public static readonly FieldDef OptLen = new("dns.opt.len", "Option Length", FieldKind.UInt16);
    public static readonly FieldDef OptData = new("dns.opt.data", "Option Data", FieldKind.Bytes);
    public static readonly FieldDef OptClientFamily = new("dns.opt.client.family", "Family", FieldKind.UInt16, valueNames: FamilyNames);
    public static readonly FieldDef OptClientNetmask = new("dns.opt.client.netmask", "Source Netmask", FieldKind.UInt8);
    public static readonly FieldDef OptClientScope = new("dns.opt.client.scope", "Scope Netmask", FieldKind.UInt8);
    public static readonly FieldDef OptClientAddr = new("dns.opt.client.addr", "Client Subnet", FieldKind.Bytes);
    public static readonly FieldDef OptClientAddr4 = new("dns.opt.client.addr4", "Client Subnet", FieldKind.IPv4);
    public static readonly FieldDef OptClientAddr6 = new("dns.opt.client.addr6", "Client Subnet", FieldKind.IPv6);
    public static readonly FieldDef OptCookieClient = new("dns.opt.cookie.client", "Client Cookie", FieldKind.Bytes);
    public static readonly FieldDef OptCookieServer = new("dns.opt.cookie.server", "Server Cookie", FieldKind.Bytes);
    public static readonly FieldDef OptKeepalive = new("dns.opt.edns_tcp_keepalive.timeout", "Timeout", FieldKind.UInt16,
        blurb: "an idle timeout value for the TCP connection, specified in units of 100 milliseconds");
    public static readonly FieldDef OptPadding = new("dns.opt.padding", "Padding", FieldKind.Bytes);
    public static readonly FieldDef OptExtErrorCode = new("dns.opt.ext_error.info_code", "Info Code", FieldKind.UInt16);
    public static readonly FieldDef OptExtErrorText = new("dns.opt.ext_error.extra_text", "Extra Text", FieldKind.String);

    // ---- CAA (RFC 8659) ----
    public static readonly FieldDef CaaFlags = new("dns.caa.flags", "CAA Flags", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef CaaIssuerCritical = new("dns.caa.flags.issuer_critical", "Issuer Critical", FieldKind.Bool,
        bitmask: 0x80, blurb: "Other CAs must not issue certificates", bitWidth: 8);
    public static readonly FieldDef CaaIssue = new("dns.caa.issue", "Issue", FieldKind.String,
        blurb: "CA which is allowed to issue certificates");
    public static readonly FieldDef CaaIssueWild = new("dns.caa.issuewild", "Issue Wildcard", FieldKind.String,
        blurb: "CA which is allowed to issue wildcard certificates");
    public static readonly FieldDef CaaIodef = new("dns.caa.iodef", "Report URL", FieldKind.String,
        blurb: "URL or email address for certificate issue requests and violation reports");
    public static readonly FieldDef CaaUnknown = new("dns.caa.unknown", "Unknown tag", FieldKind.String);
    public static readonly FieldDef CaaTagLength = new("dns.caa.tag_length", "Tag length", FieldKind.UInt8);
    public static readonly FieldDef CaaTag = new("dns.caa.tag", "Tag", FieldKind.String);
    public static readonly FieldDef CaaValue = new("dns.caa.value", "Value", FieldKind.String);

    // ---- SVCB / HTTPS (RFC 9460) ----
    public static readonly FieldDef SvcPriority = new("dns.svcb.svcpriority", "SvcPriority", FieldKind.UInt16);
    public static readonly FieldDef SvcTarget = new("dns.svcb.targetname", "TargetName", FieldKind.String);
    public static readonly FieldDef SvcParam = new("dns.svcb.svcparam", "SvcParam", FieldKind.None);
    public static readonly FieldDef SvcParamKey = new("dns.svcb.svcparam.key", "SvcParamKey", FieldKind.UInt16, valueNames: SvcParamNames);
    public static readonly FieldDef SvcParamLength = new("dns.svcb.svcparam.value.length", "SvcParamValue length", FieldKind.UInt16);
    public static readonly FieldDef SvcParamValue = new("dns.svcb.svcparam.value", "SvcParamValue", FieldKind.Bytes);
    public static readonly FieldDef SvcMandatoryKey = new("dns.svcb.svcparam.mandatory.key", "Mandatory key", FieldKind.UInt16,
        valueNames: SvcParamNames);
    public static readonly FieldDef SvcAlpnLength = new("dns.svcb.svcparam.alpn.length", "ALPN length", FieldKind.UInt8);
    public static readonly FieldDef SvcAlpn = new("dns.svcb.svcparam.alpn", "ALPN", FieldKind.String);
    public static readonly FieldDef SvcPort = new("dns.svcb.svcparam.port", "Port", FieldKind.UInt16);
    public static readonly FieldDef SvcIpv4Hint = new("dns.svcb.svcparam.ipv4hint.ip", "IP", FieldKind.IPv4);
    public static readonly FieldDef SvcEchConfig = new("dns.svcb.svcparam.echconfig", "ECHConfig", FieldKind.Bytes);
    public static readonly FieldDef SvcIpv6Hint = new("dns.svcb.svcparam.ipv6hint.ip", "IP", FieldKind.IPv6);

    // ---- request/response tracking (generated) ----
    public static readonly FieldDef ResponseIn = new("dns.response_in", "Response In", FieldKind.FrameNum,
        blurb: "The response to this DNS query is in this frame", flags: FieldFlags.Generated);
    public static readonly FieldDef ResponseTo = new("dns.response_to", "Request In", FieldKind.FrameNum,
        blurb: "This is a response to the DNS query in this frame", flags: FieldFlags.Generated);
    public static readonly FieldDef Time = new("dns.time", "Time", FieldKind.RelativeTime,
        blurb: "The time between the Query and the Response", flags: FieldFlags.Generated);
    public static readonly FieldDef Retransmission = new("dns.retransmission", "Retransmission", FieldKind.Bool,
        blurb: "This is a retransmission", flags: FieldFlags.Generated);
    public static readonly FieldDef RetransmitRequestIn = new("dns.retransmit_request_in", "Retransmitted request. Original request in",
        FieldKind.FrameNum, blurb: "This is a retransmitted DNS query", flags: FieldFlags.Generated);
    public static readonly FieldDef RetransmitResponseIn = new("dns.retransmit_response_in", "Retransmitted response. Original response in",
        FieldKind.FrameNum, blurb: "This is a retransmitted DNS response", flags: FieldFlags.Generated);
    public static readonly FieldDef Unsolicited = new("dns.unsolicited", "Unsolicited", FieldKind.Bool,
        blurb: "This is an unsolicited response", flags: FieldFlags.Generated);
    public static readonly FieldDef ExtraneousData = new("dns.extraneous.data", "Extraneous Data Bytes", FieldKind.Bytes);
    public static readonly FieldDef ExtraneousLength = new("dns.extraneous.length", "Extraneous Data Length", FieldKind.Int32);

    // ---- expert items ----
    public static readonly FieldDef ExpertRetransmitRequest = new("dns.retransmit_request", "DNS query retransmission",
        FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertRetransmitResponse = new("dns.retransmit_response", "DNS response retransmission",
        FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertUndecoded = new("dns.undecoded.type", "Undecoded option", FieldKind.None,
        severity: ExpertSeverity.Note, group: ExpertGroup.Undecoded);
    public static readonly FieldDef ExpertTtlHighBit = new("dns.ttl.high_bit_set",
        "The uppermost bit of the TTL is set (RFC 2181, section 8)", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertExtraneous = new("dns.extraneous", "Extraneous data", FieldKind.None,
        severity: ExpertSeverity.Note, group: ExpertGroup.Undecoded);
    public static readonly FieldDef ExpertOptBadLength = new("dns.rr.opt.bad_length", "Length too long for any type of IP address.",
        FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertNameLoop = new("dns.name.loop", "Name compression pointers form a loop",
        FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertNamePointerForward = new("dns.name.pointer_forward",
        "Name compression pointer does not point backwards", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertNameTooLong = new("dns.name.too_long", "Name longer than 255 bytes or 128 labels",
        FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertNameBadLabel = new("dns.name.bad_label", "Unsupported label type (0x40/0x80)",
        FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef ExpertQdcountMismatch = new("dns.qdcount.mismatch",
        "Fewer questions in the message than the header counts", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef ExpertAncountMismatch = new("dns.ancount.mismatch",
        "Fewer answer records in the message than the header counts", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef ExpertNscountMismatch = new("dns.nscount.mismatch",
        "Fewer authority records in the message than the header counts", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef ExpertArcountMismatch = new("dns.arcount.mismatch",
        "Fewer additional records in the message than the header counts", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);

    public static readonly FieldDef[] All =
    [
        Length, Id, Flags, FlagResponse, FlagOpcode, FlagAuthoritative, FlagConflict, FlagTruncated, FlagRecDesired,
        FlagTentative, FlagRecAvail, FlagZ, FlagAuthenticated, FlagCheckDisable, FlagRcode,
        CountQueries, CountAnswers, CountAuth, CountAdd,
        QryName, QryNameLen, CountLabels, QryType, QryClass, QryQu,
        RespName, RespType, RespClass, RespCacheFlush, RespTtl, RespLen,
        A, Aaaa, Cname, Ns, Ptr, Dname, MxPreference, MxExchange, TxtLength, Txt,
        SoaMname, SoaRname, SoaSerial, SoaRefresh, SoaRetry, SoaExpire, SoaMinimum,
        SrvService, SrvProto, SrvName, SrvPriority, SrvWeight, SrvPort, SrvTarget, Data,
        UdpPayloadSize, ExtRcode, Edns0Version, RespZ, RespZDo, RespZReserved,
        Opt, OptCode, OptLen, OptData, OptClientFamily, OptClientNetmask, OptClientScope, OptClientAddr, OptClientAddr4,
        OptClientAddr6, OptCookieClient, OptCookieServer, OptKeepalive, OptPadding, OptExtErrorCode, OptExtErrorText,
        CaaFlags, CaaIssuerCritical, CaaIssue, CaaIssueWild, CaaIodef, CaaUnknown, CaaTagLength, CaaTag, CaaValue,
        SvcPriority, SvcTarget, SvcParam, SvcParamKey, SvcParamLength, SvcParamValue, SvcMandatoryKey, SvcAlpnLength,
        SvcAlpn, SvcPort, SvcIpv4Hint, SvcEchConfig, SvcIpv6Hint,
        ResponseIn, ResponseTo, Time, Retransmission, RetransmitRequestIn, RetransmitResponseIn, Unsolicited,
        ExtraneousData, ExtraneousLength,
        ExpertRetransmitRequest, ExpertRetransmitResponse, ExpertUndecoded, ExpertTtlHighBit, ExpertExtraneous,
        ExpertOptBadLength, ExpertNameLoop, ExpertNamePointerForward, ExpertNameTooLong, ExpertNameBadLabel,
        ExpertQdcountMismatch, ExpertAncountMismatch, ExpertNscountMismatch, ExpertArcountMismatch,
    ];
}
