using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Vlan;

/// <summary>Fields of an IEEE 802.1Q VLAN tag (Wireshark's "vlan"), also used for the old 0x9100 Q-in-Q type.</summary>
public static class VlanFields
{
    public static readonly ProtocolDef Protocol = new("vlan", "802.1Q Virtual LAN", "VLAN");

    public static readonly FieldDef Priority = new("vlan.priority", "Priority", FieldKind.UInt16, bitmask: 0xe000, valueNames: PriorityNames,
        blurb: "Descriptions are recommendations from IEEE standard 802.1D-2004", flags: FieldFlags.Indexed);
    public static readonly FieldDef Dei = new("vlan.dei", "DEI", FieldKind.Bool, bitmask: 0x1000, bitWidth: 16, blurb: "Drop Eligible Indicator");
    public static readonly FieldDef Id = new("vlan.id", "ID", FieldKind.UInt16, bitmask: 0x0fff, blurb: "VLAN ID", flags: FieldFlags.Indexed);
    public static readonly FieldDef EtherType = new("vlan.etype", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names, blurb: "Ethertype");
    public static readonly FieldDef Len = new("vlan.len", "Length", FieldKind.UInt16);
    public static readonly FieldDef Trailer = new("vlan.trailer", "Trailer", FieldKind.Bytes, blurb: "VLAN Trailer");
    public static readonly FieldDef LenPastEnd = new("vlan.len.past_end", "Length field value goes past the end of the payload", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Malformed);

    public static readonly FieldDef[] All = [Priority, Dei, Id, EtherType, Len, Trailer, LenPastEnd];

    static Dictionary<ulong, string> PriorityNames => new()
    {
        [0] = "Best Effort (default)", [1] = "Background", [2] = "Spare", [3] = "Excellent Effort",
        [4] = "Controlled Load", [5] = "Video, < 100ms latency and jitter", [6] = "Voice, < 10ms latency and jitter",
        [7] = "Network Control",
    };
}
