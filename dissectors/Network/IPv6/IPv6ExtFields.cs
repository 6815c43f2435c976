using Dissect.Core;
using Dissect.Dissectors.Network.IPv4;

namespace Dissect.Dissectors.Network.IPv6;

/// <summary>Fields of the IPv6 extension headers, each its own protocol as in Wireshark (ipv6.hopopts,
/// ipv6.routing, ipv6.fraghdr, ipv6.dstopts). Their protocol column stays "IPv6".</summary>
public static class IPv6ExtFields
{
    public static readonly ProtocolDef HopOpts = new("ipv6.hopopts", "IPv6 Hop-by-Hop Option", "IPv6");
    public static readonly FieldDef HopOptsNxt = new("ipv6.hopopts.nxt", "Next Header", FieldKind.UInt8, valueNames: IpProtocolNames.Names);
    public static readonly FieldDef HopOptsLen = new("ipv6.hopopts.len", "Length", FieldKind.UInt8, blurb: "Extension header length in 8-octet words (minus 1)");
    public static readonly FieldDef HopOptsLenOct = new("ipv6.hopopts.len_oct", "Length", FieldKind.UInt16, blurb: "Extension header length in octets", flags: FieldFlags.Generated);
    public static readonly FieldDef HopOptsNotFirst = new("ipv6.hopopts.not_first", "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef[] HopOptsAll = [HopOptsNxt, HopOptsLen, HopOptsLenOct, HopOptsNotFirst];

    public static readonly ProtocolDef DstOpts = new("ipv6.dstopts", "Destination Options for IPv6", "IPv6");
    public static readonly FieldDef DstOptsNxt = new("ipv6.dstopts.nxt", "Next Header", FieldKind.UInt8, valueNames: IpProtocolNames.Names);
    public static readonly FieldDef DstOptsLen = new("ipv6.dstopts.len", "Length", FieldKind.UInt8, blurb: "Extension header length in 8-octet words (minus 1)");
    public static readonly FieldDef DstOptsLenOct = new("ipv6.dstopts.len_oct", "Length", FieldKind.UInt16, blurb: "Extension header length in octets", flags: FieldFlags.Generated);
    public static readonly FieldDef[] DstOptsAll = [DstOptsNxt, DstOptsLen, DstOptsLenOct];

    public static readonly ProtocolDef Routing = new("ipv6.routing", "Routing Header for IPv6", "IPv6");
    public static readonly FieldDef RoutingNxt = new("ipv6.routing.nxt", "Next Header", FieldKind.UInt8, valueNames: IpProtocolNames.Names);
    public static readonly FieldDef RoutingLen = new("ipv6.routing.len", "Length", FieldKind.UInt8, blurb: "Extension header length in 8-octet words (minus 1)");
    public static readonly FieldDef RoutingLenOct = new("ipv6.routing.len_oct", "Length", FieldKind.UInt16, blurb: "Extension header length in octets", flags: FieldFlags.Generated);
    public static readonly FieldDef RoutingType = new("ipv6.routing.type", "Type", FieldKind.UInt8, valueNames: RoutingTypeNames, blurb: "Routing Header Type");
    public static readonly FieldDef RoutingSegLeft = new("ipv6.routing.segleft", "Segments Left", FieldKind.UInt8, blurb: "Routing Header Segments Left");
    public static readonly FieldDef RoutingUnknownData = new("ipv6.routing.unknown_data", "Type-Specific Data", FieldKind.Bytes, blurb: "Unknown routing header type-specific data");
    public static readonly FieldDef RoutingSrcReserved = new("ipv6.routing.src.reserved", "Reserved", FieldKind.Bytes, blurb: "Must be zero");
    public static readonly FieldDef RoutingSrcAddr = new("ipv6.routing.src.addr", "Address", FieldKind.IPv6, blurb: "Source Routing Header Address");
    public static readonly FieldDef RoutingMipv6Reserved = new("ipv6.routing.mipv6.reserved", "Reserved", FieldKind.Bytes, blurb: "Must be zero");
    public static readonly FieldDef RoutingMipv6HomeAddress = new("ipv6.routing.mipv6.home_address", "Home Address", FieldKind.IPv6);
    public static readonly FieldDef RoutingSrhLastEntry = new("ipv6.routing.srh.last_entry", "Last Entry", FieldKind.UInt8, blurb: "Index (zero based) of the last element of the Segment List");
    public static readonly FieldDef RoutingSrhFlags = new("ipv6.routing.srh.flags", "Flags", FieldKind.UInt8, FieldBase.Hex, blurb: "Unused, 8 bits of flags");
    public static readonly FieldDef RoutingSrhTag = new("ipv6.routing.srh.tag", "Tag", FieldKind.Bytes, blurb: "Tag a packet as part of a class or group of packets");
    public static readonly FieldDef RoutingSrhAddr = new("ipv6.routing.srh.addr", "Address", FieldKind.IPv6, blurb: "Segment address");
    public static readonly FieldDef RoutingInvalidSegLeft = new("ipv6.routing.invalid_segleft", "IPv6 Routing Header segments left field must not exceed address count", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef RoutingUndecoded = new("ipv6.routing.undecoded", "Undecoded IPv6 routing header field", FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Undecoded);
    public static readonly FieldDef RoutingDeprecated = new("ipv6.routing.deprecated", "Routing header type is deprecated", FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Deprecated);
    public static readonly FieldDef[] RoutingAll =
    [
        RoutingNxt, RoutingLen, RoutingLenOct, RoutingType, RoutingSegLeft, RoutingUnknownData, RoutingSrcReserved,
        RoutingSrcAddr, RoutingMipv6Reserved, RoutingMipv6HomeAddress, RoutingSrhLastEntry, RoutingSrhFlags,
        RoutingSrhTag, RoutingSrhAddr, RoutingInvalidSegLeft, RoutingUndecoded, RoutingDeprecated,
    ];

    /// <summary>tshark 4.0 calls the fragment header "ipv6.fraghdr" (its ipv6.fragment.* fields are reassembly's).</summary>
    public static readonly ProtocolDef FragHdr = new("ipv6.fraghdr", "Fragment Header for IPv6", "IPv6");
    public static readonly FieldDef FragNxt = new("ipv6.fraghdr.nxt", "Next header", FieldKind.UInt8, valueNames: IpProtocolNames.Names);
    public static readonly FieldDef FragReservedOctet = new("ipv6.fraghdr.reserved_octet", "Reserved octet", FieldKind.UInt8, FieldBase.Hex, blurb: "Should always be 0");
    /// <summary>In 8-byte units (the Info column shows bytes).</summary>
    public static readonly FieldDef FragOffset = new("ipv6.fraghdr.offset", "Offset", FieldKind.UInt16, bitmask: 0xfff8, blurb: "Fragment Offset");
    public static readonly FieldDef FragReservedBits = new("ipv6.fraghdr.reserved_bits", "Reserved bits", FieldKind.UInt16, bitmask: 0x0006);
    public static readonly FieldDef FragMore = new("ipv6.fraghdr.more", "More Fragments", FieldKind.Bool, bitmask: 0x0001, bitWidth: 16);
    public static readonly FieldDef FragIdent = new("ipv6.fraghdr.ident", "Identification", FieldKind.UInt32, FieldBase.Hex, blurb: "Fragment Identification");
    public static readonly FieldDef[] FragHdrAll = [FragNxt, FragReservedOctet, FragOffset, FragReservedBits, FragMore, FragIdent];

    static Dictionary<ulong, string> RoutingTypeNames => new()
    {
        [0] = "Source Route", [1] = "Nimrod", [2] = "Type 2 Routing", [3] = "RPL Source Route", [4] = "Segment Routing",
        [5] = "Compact Routing Header 16", [6] = "Compact Routing Header 32", [253] = "Experiment 1", [254] = "Experiment 2",
    };
}
