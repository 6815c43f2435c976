using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Network.Arp;

/// <summary>Fields of ARP and RARP (Wireshark's "arp"; RARP, DRARP and Inverse ARP share them).</summary>
public static class ArpFields
{
    public static readonly ProtocolDef Protocol = new("arp", "Address Resolution Protocol", "ARP");

    public static readonly FieldDef HwType = new("arp.hw.type", "Hardware type", FieldKind.UInt16, valueNames: HardwareTypes.Names);
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
