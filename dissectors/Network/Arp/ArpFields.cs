using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Network.Arp;

/// <summary>Fields of ARP and RARP (Wireshark's "arp"; RARP, DRARP and Inverse ARP share them).</summary>
public static class ArpFields
{
    public static readonly ProtocolDef Protocol = new("arp", "Address Resolution Protocol", "ARP");

    public static readonly FieldDef HwType = new("arp.hw.type", "Hardware type", FieldKind.UInt16, valueNames: HwTypeNames);
    public static readonly FieldDef ProtoType = new("arp.proto.type", "Protocol type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names);
    public static readonly FieldDef HwSize = new("arp.hw.size", "Hardware size", FieldKind.UInt8);
    public static readonly FieldDef ProtoSize = new("arp.proto.size", "Protocol size", FieldKind.UInt8);
    public static readonly FieldDef Opcode = new("arp.opcode", "Opcode", FieldKind.UInt16, valueNames: OpcodeNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef IsGratuitous = new("arp.isgratuitous", "Is gratuitous", FieldKind.Bool, flags: FieldFlags.Generated);
    public static readonly FieldDef IsProbe = new("arp.isprobe", "Is probe", FieldKind.Bool, flags: FieldFlags.Generated);
    public static readonly FieldDef IsAnnouncement = new("arp.isannouncement", "Is announcement", FieldKind.Bool, flags: FieldFlags.Generated);
    /// <summary>Sender hardware address when it is not a 6-byte Ethernet/IEEE 802 address.</summary>
    public static readonly FieldDef SrcHw = new("arp.src.hw", "Sender hardware address", FieldKind.Bytes);
    public static readonly FieldDef SrcHwMac = new("arp.src.hw_mac", "Sender MAC address", FieldKind.Ether, flags: FieldFlags.Indexed);
    /// <summary>Sender protocol address when it is not a 4-byte IPv4 address.</summary>
    public static readonly FieldDef SrcProto = new("arp.src.proto", "Sender protocol address", FieldKind.Bytes);
    public static readonly FieldDef SrcProtoIPv4 = new("arp.src.proto_ipv4", "Sender IP address", FieldKind.IPv4, flags: FieldFlags.Indexed);
    public static readonly FieldDef DstHw = new("arp.dst.hw", "Target hardware address", FieldKind.Bytes);
    public static readonly FieldDef DstHwMac = new("arp.dst.hw_mac", "Target MAC address", FieldKind.Ether, flags: FieldFlags.Indexed);
    public static readonly FieldDef DstProto = new("arp.dst.proto", "Target protocol address", FieldKind.Bytes);
    public static readonly FieldDef DstProtoIPv4 = new("arp.dst.proto_ipv4", "Target IP address", FieldKind.IPv4, flags: FieldFlags.Indexed);
    public static readonly FieldDef DrarpErrorStatus = new("arp.dst.drarp_error_status", "DRARP error status", FieldKind.UInt16);

    public static readonly FieldDef[] All =
    [
        HwType, ProtoType, HwSize, ProtoSize, Opcode, IsGratuitous, IsProbe, IsAnnouncement, SrcHw, SrcHwMac, SrcProto,
        SrcProtoIPv4, DstHw, DstHwMac, DstProto, DstProtoIPv4, DrarpErrorStatus,
    ];

    /// <summary>Value names of arp.hw.type (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> HwTypeNames => new()
    {
        [0] = "NET/ROM pseudo",
        [1] = "Ethernet",
        [2] = "Experimental Ethernet",
        [3] = "AX.25",
        [4] = "ProNET",
        [5] = "Chaos",
        [6] = "IEEE 802",
        [7] = "ARCNET",
        [8] = "Hyperchannel",
        [9] = "Lanstar",
        [10] = "Autonet Short Address",
        [11] = "Localtalk",
        [12] = "LocalNet",
        [13] = "Ultra link",
        [14] = "SMDS",
        [15] = "Frame Relay DLCI",
        [16] = "ATM",
        [17] = "HDLC",
        [18] = "Fibre Channel",
        [19] = "ATM (RFC 2225)",
        [20] = "Serial Line",
        [21] = "ATM",
        [22] = "MIL-STD-188-220",
        [23] = "Metricom STRIP",
        [24] = "IEEE 1394.1995",
        [25] = "MAPOS",
        [26] = "Twinaxial",
        [27] = "EUI-64",
        [28] = "HIPARP",
        [29] = "IP and ARP over ISO 7816-3",
        [30] = "ARPSec",
        [31] = "IPsec tunnel",
        [32] = "InfiniBand",
        [33] = "TIA-102 Project 25 CAI",
        [34] = "Wiegand Interface",
        [35] = "Pure IP",
        [36] = "Experimental 1",
        [37] = "HFI",
        [256] = "Experimental 2",
        [257] = "AEthernet",
        [260] = "Notional KISS type",
        [264] = "ADAPT",
        [270] = "ROSE",
        [271] = "CCITT X.25",
        [272] = "Boards with X.25 in firmware",
        [280] = "Controller Area Network",
        [512] = "PPP",
        [513] = "Cisco HDLC",
        [516] = "LAPB",
        [517] = "Digital's DDCMP protocol",
        [518] = "Raw HDLC",
        [519] = "Raw IP",
        [768] = "IPIP tunnel",
        [769] = "IP6IP6 tunnel",
        [770] = "Frame Relay Access Device",
        [771] = "SKIP vif",
        [772] = "Loopback",
        [774] = "Fiber Distributed Data Interface",
        [775] = "AP1000 BIF",
        [776] = "sit0 device - IPv6-in-IPv4",
        [777] = "IP over DDP tunneller",
        [778] = "GRE over IP",
        [779] = "PIMSM register interface",
        [780] = "High Performance Parallel Interface",
        [781] = "Nexus 64Mbps Ash",
        [782] = "Acorn Econet",
        [783] = "Linux-IrDA",
        [784] = "Point to point fibrechannel",
        [785] = "Fibrechannel arbitrated loop",
        [786] = "Fibrechannel public loop",
        [787] = "Fibrechannel fabric",
        [800] = "Magic type ident for TR",
        [801] = "IEEE 802.11",
        [802] = "IEEE 802.11 + Prism2 header",
        [803] = "IEEE 802.11 + radiotap header",
        [804] = "IEEE 802.15.4",
        [805] = "IEEE 802.15.4 network monitor",
        [820] = "PhoNet media type",
        [821] = "PhoNet pipe header",
        [822] = "CAIF media type",
        [823] = "GRE over IPv6",
        [824] = "Netlink",
        [825] = "IPv6 over LoWPAN",
        [826] = "Vsock monitor header",
        [65535] = "Void type, nothing is known",
        [65534] = "zero header length",
    };

    /// <summary>Value names of arp.opcode (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> OpcodeNames => new()
    {
        [1] = "request",
        [2] = "reply",
        [3] = "reverse request",
        [4] = "reverse reply",
        [5] = "drarp request",
        [6] = "drarp reply",
        [7] = "drarp error",
        [8] = "inverse request",
        [9] = "inverse reply",
        [10] = "arp nak",
        [11] = "mars request",
        [12] = "mars multi",
        [13] = "mars mserv",
        [14] = "mars join",
        [15] = "mars leave",
        [16] = "mars nak",
        [17] = "mars unserv",
        [18] = "mars sjoin",
        [19] = "mars sleave",
        [20] = "mars grouplist request",
        [21] = "mars grouplist reply",
        [22] = "mars redirect map",
        [23] = "mapos unarp",
        [24] = "experimental 1",
        [25] = "experimental 2",
        [0] = "reserved",
        [65535] = "reserved",
    };

}
