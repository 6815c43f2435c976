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
    public static readonly FieldDef HaType = new("sll.hatype", "Link-layer address type", FieldKind.UInt16, valueNames: Network.Arp.HardwareTypes.Names);
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
