using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Null;

/// <summary>Fields of the BSD loopback header (LINKTYPE_NULL 0 and LINKTYPE_LOOP 108; Wireshark's "null").</summary>
public static class NullFields
{
    public static readonly ProtocolDef Protocol = new("null", "Null/Loopback", "N/A");

    /// <summary>BSD address family (AF_INET 2; AF_INET6 24, 28 or 30 depending on the BSD).</summary>
    public static readonly FieldDef Family = new("null.family", "Family", FieldKind.UInt32, valueNames: FamilyNames);
    /// <summary>An ethertype where a family would be (values &gt; 1500), seen in some captures.</summary>
    public static readonly FieldDef Type = new("null.type", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names);

    public static readonly FieldDef[] All = [Family, Type];

    static Dictionary<ulong, string> FamilyNames => new()
    {
        [2] = "IP", [7] = "OSI", [16] = "Appletalk", [23] = "Netware IPX/SPX", [24] = "IPv6", [28] = "IPv6", [30] = "IPv6",
    };
}
