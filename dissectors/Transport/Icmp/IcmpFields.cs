using Dissect.Core;

namespace Dissect.Dissectors.Transport.Icmp;

/// <summary>ICMP (RFC 792, 1191, 1256, 4884, 8335) fields with Wireshark's abbrevs.</summary>
public static class IcmpFields
{
    public static readonly ProtocolDef Protocol = new("icmp", "Internet Control Message Protocol", "ICMP");

    public static readonly FieldDef Type = new("icmp.type", "Type", FieldKind.UInt8, valueNames: TypeNames(), flags: FieldFlags.Indexed);
    public static readonly FieldDef Code = new("icmp.code", "Code", FieldKind.UInt8);
    public static readonly FieldDef Checksum = new("icmp.checksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("icmp.checksum.status", "Checksum Status", FieldKind.UInt8,
        valueNames: Transport.ChecksumStatus.Names);
    public static readonly FieldDef Unused = new("icmp.unused", "Unused", FieldKind.Bytes);
    public static readonly FieldDef Ident = new("icmp.ident", "Identifier (BE)", FieldKind.UInt16, FieldBase.DecHex,
        blurb: "Identifier (big endian representation)");
    public static readonly FieldDef IdentLe = new("icmp.ident_le", "Identifier (LE)", FieldKind.UInt16, FieldBase.DecHex,
        blurb: "Identifier (little endian representation)");
    public static readonly FieldDef Seq = new("icmp.seq", "Sequence Number (BE)", FieldKind.UInt16, FieldBase.DecHex,
        blurb: "Sequence Number (big endian representation)");
    public static readonly FieldDef SeqLe = new("icmp.seq_le", "Sequence Number (LE)", FieldKind.UInt16, FieldBase.DecHex,
        blurb: "Sequence Number (little endian representation)");
    public static readonly FieldDef Mtu = new("icmp.mtu", "MTU of next hop", FieldKind.UInt16);
    public static readonly FieldDef Length = new("icmp.length", "Length", FieldKind.UInt8, blurb: "The length of the original datagram");
    public static readonly FieldDef LengthOriginalDatagram = new("icmp.length.original_datagram", "Length of original datagram",
        FieldKind.UInt8, flags: FieldFlags.Generated, blurb: "The length of the original datagram (length * 4)");
    public static readonly FieldDef Pointer = new("icmp.pointer", "Pointer", FieldKind.UInt32);
    public static readonly FieldDef RedirGw = new("icmp.redir_gw", "Gateway Address", FieldKind.IPv4);
    public static readonly FieldDef NumAddrs = new("icmp.num_addrs", "Number of addresses", FieldKind.UInt8);
    public static readonly FieldDef AddrEntrySize = new("icmp.addr_entry_size", "Address entry size", FieldKind.UInt8);
    public static readonly FieldDef Lifetime = new("icmp.lifetime", "Lifetime", FieldKind.UInt16);
    public static readonly FieldDef RouterAddress = new("icmp.router_address", "Router address", FieldKind.IPv4);
    public static readonly FieldDef PrefLevel = new("icmp.pref_level", "Preference level", FieldKind.Int32);
    public static readonly FieldDef OriginateTimestamp = new("icmp.originate_timestamp", "Originate Timestamp", FieldKind.UInt32);
    public static readonly FieldDef ReceiveTimestamp = new("icmp.receive_timestamp", "Receive Timestamp", FieldKind.UInt32);
    public static readonly FieldDef TransmitTimestamp = new("icmp.transmit_timestamp", "Transmit Timestamp", FieldKind.UInt32);
    public static readonly FieldDef AddressMask = new("icmp.address_mask", "Address Mask", FieldKind.IPv4);
    public static readonly FieldDef ExtEchoSeq = new("icmp.ext.echo.seq", "Sequence Number", FieldKind.UInt8, FieldBase.DecHex);
    public static readonly FieldDef ExtEchoReqRes = new("icmp.ext.echo.req.res", "Reserved", FieldKind.UInt8, FieldBase.Hex, bitmask: 0xfe);
    public static readonly FieldDef ExtEchoReqLocal = new("icmp.ext.echo.req.local", "Local bit", FieldKind.Bool, bitmask: 0x01, bitWidth: 8);
    public static readonly FieldDef ExtEchoRspState = new("icmp.ext.echo.rsp.state", "State", FieldKind.UInt8, bitmask: 0xe0);
    public static readonly FieldDef ExtEchoRspRes = new("icmp.ext.echo.rsp.res", "Reserved", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x18);
    public static readonly FieldDef ExtEchoRspActive = new("icmp.ext.echo.rsp.active", "Active bit", FieldKind.Bool, bitmask: 0x04, bitWidth: 8);
    public static readonly FieldDef ExtEchoRspIpv4 = new("icmp.ext.echo.rsp.ipv4", "IPv4 bit", FieldKind.Bool, bitmask: 0x02, bitWidth: 8);
    public static readonly FieldDef ExtEchoRspIpv6 = new("icmp.ext.echo.rsp.ipv6", "IPv6 bit", FieldKind.Bool, bitmask: 0x01, bitWidth: 8);
    public static readonly FieldDef DataTime = new("icmp.data_time", "Timestamp from icmp data", FieldKind.AbsoluteTime,
        blurb: "The timestamp in the first 8 bytes of the icmp data");
    public static readonly FieldDef DataTimeRelative = new("icmp.data_time_relative", "Timestamp from icmp data (relative)",
        FieldKind.RelativeTime, flags: FieldFlags.Generated,
        blurb: "The timestamp of the packet, relative to the timestamp in the first 8 bytes of the icmp data");

    public static readonly FieldDef ChecksumBad = new("icmp.checksum_bad", "Bad checksum", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Checksum);

    public static readonly FieldDef[] All =
    [
        Type, Code, Checksum, ChecksumStatus, Unused, Ident, IdentLe, Seq, SeqLe, Mtu, Length, LengthOriginalDatagram, Pointer,
        RedirGw, NumAddrs, AddrEntrySize, Lifetime, RouterAddress, PrefLevel, OriginateTimestamp, ReceiveTimestamp,
        TransmitTimestamp, AddressMask, ExtEchoSeq, ExtEchoReqRes, ExtEchoReqLocal, ExtEchoRspState, ExtEchoRspRes,
        ExtEchoRspActive, ExtEchoRspIpv4, ExtEchoRspIpv6, DataTime, DataTimeRelative, ChecksumBad,
    ];

    /// <summary>Type names as tshark prints them in Info (icmp_type_str).</summary>
    public static string TypeName(byte type) => type switch
    {
        0 => "Echo (ping) reply",
        1 or 2 => "Reserved",
        3 => "Destination unreachable",
        4 => "Source quench (flow control)",
        5 => "Redirect",
        6 => "Alternate host address",
        8 => "Echo (ping) request",
        9 => "Router advertisement",
        10 => "Router solicitation",
        11 => "Time-to-live exceeded",
        12 => "Parameter problem",
        13 => "Timestamp request",
        14 => "Timestamp reply",
        15 => "Information request",
        16 => "Information reply",
        17 => "Address mask request",
        18 => "Address mask reply",
        19 => "Reserved (for security)",
        30 => "Traceroute",
        31 => "Datagram Conversion Error",
        32 => "Mobile Host Redirect",
        33 => "IPv6 Where-Are-You",
        34 => "IPv6 I-Am-Here",
        35 => "Mobile Registration Request",
        36 => "Mobile Registration Reply",
        37 => "Domain Name Request",
        38 => "Domain Name Reply",
        39 => "SKIP",
        40 => "Photuris",
        41 => "Experimental mobility protocols",
        42 => "Extended Echo request",
        43 => "Extended Echo reply",
        _ => "Unknown ICMP (obsolete or malformed?)",
    };

    /// <summary>Code names for the types that have them; null for types without code names. Unknown codes of
    /// such types give null from here and "Unknown code: N" in Info.</summary>
    public static string? CodeName(byte type, byte code) => type switch
    {
        3 => code switch
        {
            0 => "Network unreachable", 1 => "Host unreachable", 2 => "Protocol unreachable", 3 => "Port unreachable",
            4 => "Fragmentation needed", 5 => "Source route failed", 6 => "Destination network unknown",
            7 => "Destination host unknown", 8 => "Source host isolated", 9 => "Network administratively prohibited",
            10 => "Host administratively prohibited", 11 => "Network unreachable for TOS", 12 => "Host unreachable for TOS",
            13 => "Communication administratively filtered", 14 => "Host precedence violation",
            15 => "Precedence cutoff in effect", _ => null,
        },
        5 => code switch
        {
            0 => "Redirect for network", 1 => "Redirect for host", 2 => "Redirect for TOS and network",
            3 => "Redirect for TOS and host", _ => null,
        },
        6 => code == 0 ? "Alternate address for host" : null,
        9 => code switch { 0 => "Normal router advertisement", 16 => "Does not route common traffic", _ => null },
        11 => code switch { 0 => "Time to live exceeded in transit", 1 => "Fragment reassembly time exceeded", _ => null },
        12 => code switch { 0 => "Pointer indicates the error", 1 => "Required option missing", 2 => "Bad length", _ => null },
        40 => code switch
        {
            0 => "Bad SPI", 1 => "Authentication Failed", 2 => "Decompression Failed", 3 => "Decryption Failed",
            4 => "Need Authentication", 5 => "Need Authorization", _ => null,
        },
        42 => code == 0 ? "No error" : null,
        43 => code switch
        {
            0 => "No error", 1 => "Malformed Query", 2 => "No Such Interface", 3 => "No Such Table Entry",
            4 => "Multiple Interfaces Satisfy Query", _ => null,
        },
        _ => null,
    };

    /// <summary>True for the types whose Info carries a code name (or "Unknown code: N").</summary>
    public static bool HasCodeNames(byte type) => type is 3 or 5 or 6 or 9 or 11 or 12 or 40 or 42 or 43;

    static Dictionary<ulong, string> TypeNames()
    {
        var d = new Dictionary<ulong, string>();
        for (int t = 0; t < 256; t++)
        {
            var n = TypeName((byte)t);
            if (n != "Unknown ICMP (obsolete or malformed?)") d[(ulong)t] = n;
        }
        return d;
    }
}
