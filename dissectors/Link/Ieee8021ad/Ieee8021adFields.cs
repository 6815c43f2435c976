using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Ieee8021ad;

/// <summary>Fields of an IEEE 802.1ad service tag (ethertype 0x88a8). The inner type is tshark's
/// "ieee8021ah.etype" (Wireshark shares the 802.1ah field).</summary>
public static class Ieee8021adFields
{
    public static readonly ProtocolDef Protocol = new("ieee8021ad", "IEEE 802.1ad", "IEEE 802.1ad");

    public static readonly FieldDef Priority = new("ieee8021ad.priority", "Priority", FieldKind.UInt16, bitmask: 0xe000);
    public static readonly FieldDef Dei = new("ieee8021ad.dei", "DEI", FieldKind.UInt16, bitmask: 0x1000, blurb: "Drop Eligibility");
    public static readonly FieldDef Id = new("ieee8021ad.id", "ID", FieldKind.UInt16, bitmask: 0x0fff, blurb: "Vlan ID", flags: FieldFlags.Indexed);
    public static readonly FieldDef EtherType = new("ieee8021ah.etype", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names);

    public static readonly FieldDef[] All = [Priority, Dei, Id, EtherType];
}
