using Dissect.Core;

namespace Dissect.Dissectors.Network.Vxlan;

/// <summary>Fields of VXLAN (RFC 7348, UDP 4789) and VXLAN-GPE (UDP 4790).</summary>
public static class VxlanFields
{
    public static readonly ProtocolDef Protocol = new("vxlan", "Virtual eXtensible Local Area Network", "VXLAN");
    public static readonly FieldDef Flags = new("vxlan.flags", "Flags", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef FlagsI = new("vxlan.flags.instance", "VXLAN Network ID (VNI)", FieldKind.Bool, bitmask: 0x0800, bitWidth: 16);
    public static readonly FieldDef FlagsP = new("vxlan.flags.next_proto", "Next Protocol Bit", FieldKind.Bool, bitmask: 0x0400, bitWidth: 16);
    public static readonly FieldDef Reserved = new("vxlan.reserved_8", "Reserved", FieldKind.UInt8);
    public static readonly FieldDef NextProto = new("vxlan.next_proto", "Next Protocol", FieldKind.UInt8,
        valueNames: new Dictionary<ulong, string> { [1] = "IPv4", [2] = "IPv6", [3] = "Ethernet", [4] = "Network Service Header", [5] = "Multiprotocol Label Switching" });
    public static readonly FieldDef Vni = new("vxlan.vni", "VXLAN Network Identifier (VNI)", FieldKind.UInt24);

    public static readonly FieldDef[] All = [Flags, FlagsI, FlagsP, Reserved, NextProto, Vni];
}
