using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Sll;

/// <summary>Fields of Linux cooked-mode capture v1 (LINKTYPE_LINUX_SLL, 113) and v2 (LINKTYPE_LINUX_SLL2, 276):
/// tshark shows both as protocol "sll".</summary>
public static class SllFields
{
    // Declared first: the field definitions below read it while the class initialises.
    /// <summary>Names of sll.pkttype (also the Info text the layer sets).</summary>
    public static readonly string[] PktTypeText = ["Unicast to us", "Broadcast", "Multicast", "Unicast to another host", "Sent by us"];

    public static readonly ProtocolDef Protocol = new("sll", "Linux cooked-mode capture", "SLL");

    public static readonly FieldDef PktType = new("sll.pkttype", "Packet type", FieldKind.UInt16, valueNames: PktTypeNames);
    public static readonly FieldDef HaType = new("sll.hatype", "Link-layer address type", FieldKind.UInt16, valueNames: HaTypeNames);
    public static readonly FieldDef HaLen = new("sll.halen", "Link-layer address length", FieldKind.UInt16);
    public static readonly FieldDef SrcEth = new("sll.src.eth", "Source", FieldKind.Ether, blurb: "Source link-layer address");
    public static readonly FieldDef SrcIPv4 = new("sll.src.ipv4", "Source", FieldKind.IPv4, blurb: "Source link-layer address");
    public static readonly FieldDef SrcOther = new("sll.src.other", "Source", FieldKind.Bytes, blurb: "Source link-layer address");
    public static readonly FieldDef Unused = new("sll.unused", "Unused", FieldKind.Bytes, blurb: "Unused bytes");
    /// <summary>Linux protocol type (values &lt;= 1536: 4 = 802.2 LLC, 1 = raw 802.3 …).</summary>
    public static readonly FieldDef LType = new("sll.ltype", "Protocol", FieldKind.UInt16, FieldBase.Hex, valueNames: LTypeNames, blurb: "Linux protocol type");
    public static readonly FieldDef GreType = new("sll.gretype", "Protocol", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names, blurb: "GRE protocol type");
    public static readonly FieldDef EtherType = new("sll.etype", "Protocol", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names, blurb: "Ethernet protocol type");
    public static readonly FieldDef Trailer = new("sll.trailer", "Trailer", FieldKind.Bytes);
    public static readonly FieldDef IfIndex = new("sll.ifindex", "Interface index", FieldKind.UInt32);

    public static readonly FieldDef[] All = [PktType, HaType, HaLen, SrcEth, SrcIPv4, SrcOther, Unused, LType, GreType, EtherType, Trailer, IfIndex];

    static Dictionary<ulong, string> PktTypeNames
    {
        get
        {
            var d = new Dictionary<ulong, string>();
            for (int i = 0; i < PktTypeText.Length; i++) d[(ulong)i] = PktTypeText[i];
            return d;
        }
    }

    /// <summary>Value names of sll.hatype (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> HaTypeNames => new()
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

    /// <summary>Value names of sll.ltype (from tshark 4.0 -G values).</summary>
    static Dictionary<ulong, string> LTypeNames => new()
    {
        [0x0001] = "Raw 802.3",
        [0x0003] = "Ethernet",
        [0x0004] = "802.2 LLC",
        [0x0007] = "PPP (HDLC)",
        [0x000c] = "CAN",
        [0x000d] = "CAN FD",
        [0x0017] = "IrDA LAP",
        [0x00f5] = "ISI",
        [0x00f6] = "IEEE 802.15.4",
    };

}
