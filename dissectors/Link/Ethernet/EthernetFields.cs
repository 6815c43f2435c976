using Dissect.Core;

namespace Dissect.Dissectors.Link.Ethernet;

/// <summary>Fields of Ethernet II and IEEE 802.3 framing (Wireshark's "eth").</summary>
public static class EthernetFields
{
    public static readonly ProtocolDef Protocol = new("eth", "Ethernet", "Ethernet");

    public static readonly FieldDef Dst = new("eth.dst", "Destination", FieldKind.Ether, blurb: "Destination Hardware Address", flags: FieldFlags.Indexed);
    public static readonly FieldDef DstOui = new("eth.dst.oui", "Destination OUI", FieldKind.UInt24, blurb: "Destination Organizationally Unique Identifier");
    public static readonly FieldDef DstLg = new("eth.dst.lg", "LG bit", FieldKind.Bool, bitmask: 0x020000, valueNames: LgNames, bitWidth: 24);
    public static readonly FieldDef DstIg = new("eth.dst.ig", "IG bit", FieldKind.Bool, bitmask: 0x010000, valueNames: IgNames, bitWidth: 24);
    public static readonly FieldDef Src = new("eth.src", "Source", FieldKind.Ether, blurb: "Source Hardware Address", flags: FieldFlags.Indexed);
    public static readonly FieldDef SrcOui = new("eth.src.oui", "Source OUI", FieldKind.UInt24, blurb: "Source Organizationally Unique Identifier");
    public static readonly FieldDef SrcLg = new("eth.src.lg", "LG bit", FieldKind.Bool, bitmask: 0x020000, valueNames: LgNames, bitWidth: 24);
    public static readonly FieldDef SrcIg = new("eth.src.ig", "IG bit", FieldKind.Bool, bitmask: 0x010000, valueNames: IgNames, bitWidth: 24);
    /// <summary>Either address (added under both eth.dst and eth.src, as Wireshark does for "eth.addr ==").</summary>
    public static readonly FieldDef Addr = new("eth.addr", "Address", FieldKind.Ether, blurb: "Source or Destination Hardware Address");
    public static readonly FieldDef AddrOui = new("eth.addr.oui", "Address OUI", FieldKind.UInt24, blurb: "Address Organizationally Unique Identifier");
    public static readonly FieldDef Lg = new("eth.lg", "LG bit", FieldKind.Bool, bitmask: 0x020000, valueNames: LgNames, bitWidth: 24);
    public static readonly FieldDef Ig = new("eth.ig", "IG bit", FieldKind.Bool, bitmask: 0x010000, valueNames: IgNames, bitWidth: 24);
    public static readonly FieldDef Len = new("eth.len", "Length", FieldKind.UInt16);
    public static readonly FieldDef Type = new("eth.type", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names, flags: FieldFlags.Indexed);
    public static readonly FieldDef InvalidLenType = new("eth.invalid_lentype", "Invalid length/type", FieldKind.UInt16, FieldBase.HexDec);
    /// <summary>Zero bytes after the payload up to the 60-byte minimum frame (added by whichever layer dispatched
    /// the payload by ethertype: Ethernet, VLAN, SLL).</summary>
    public static readonly FieldDef Padding = new("eth.padding", "Padding", FieldKind.Bytes, blurb: "Ethernet Padding");
    public static readonly FieldDef Trailer = new("eth.trailer", "Trailer", FieldKind.Bytes, blurb: "Ethernet Trailer or Checksum");
    public static readonly FieldDef Fcs = new("eth.fcs", "Frame check sequence", FieldKind.UInt32, FieldBase.Hex, blurb: "Ethernet checksum");
    /// <summary>Always Unverified (2): like tshark's default, the FCS is shown but not checked.</summary>
    public static readonly FieldDef FcsStatus = new("eth.fcs.status", "FCS Status", FieldKind.UInt8, valueNames: StatusNames, flags: FieldFlags.Generated);
    public const ulong StatusUnverified = 2;

    public static readonly FieldDef InvalidLenTypeExpert = new("eth.invalid_lentype.expert", "Invalid length/type", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef SrcNotGroup = new("eth.src_not_group", "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef LenPastEnd = new("eth.len.past_end", "Length field value goes past the end of the payload", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Malformed);

    public static readonly FieldDef[] All =
    [
        Dst, DstOui, DstLg, DstIg, Src, SrcOui, SrcLg, SrcIg, Addr, AddrOui, Lg, Ig, Len, Type, InvalidLenType,
        Padding, Trailer, Fcs, FcsStatus, InvalidLenTypeExpert, SrcNotGroup, LenPastEnd,
    ];

    /// <summary>Checksum status names shared by eth.fcs.status and ip.checksum.status.</summary>
    public static Dictionary<ulong, string> StatusNames => new()
    {
        [0] = "Bad", [1] = "Good", [2] = "Unverified", [3] = "Not present", [4] = "Illegal",
    };

    static Dictionary<ulong, string> LgNames => new()
    {
        [0] = "Globally unique address (factory default)",
        [1] = "Locally administered address (this is NOT the factory default)",
    };

    static Dictionary<ulong, string> IgNames => new()
    {
        [0] = "Individual address (unicast)",
        [1] = "Group address (multicast/broadcast)",
    };
}
