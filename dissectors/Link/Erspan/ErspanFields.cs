using Dissect.Core;

namespace Dissect.Dissectors.Link.Erspan;

/// <summary>Fields of Cisco ERSPAN type II (GRE 0x88be) and type III (GRE 0x22eb) headers.</summary>
public static class ErspanFields
{
    public static readonly ProtocolDef Protocol = new("erspan", "Encapsulated Remote Switch Packet ANalysis", "ERSPAN");
    public static readonly FieldDef Version = new("erspan.version", "Version", FieldKind.UInt16, bitmask: 0xf000);
    public static readonly FieldDef Vlan = new("erspan.vlan", "Vlan", FieldKind.UInt16, bitmask: 0x0fff);
    public static readonly FieldDef Cos = new("erspan.cos", "COS", FieldKind.UInt16, bitmask: 0xe000);
    public static readonly FieldDef Encap = new("erspan.encap", "Encap", FieldKind.UInt16, bitmask: 0x1800);
    public static readonly FieldDef Bso = new("erspan.bso", "Bad/Short/Oversized", FieldKind.UInt16, bitmask: 0x1800);
    public static readonly FieldDef Truncated = new("erspan.truncated", "Truncated", FieldKind.UInt16, bitmask: 0x0400);
    public static readonly FieldDef SpanId = new("erspan.spanid", "SpanID", FieldKind.UInt16, bitmask: 0x03ff);
    public static readonly FieldDef Reserved = new("erspan.reserved", "Reserved", FieldKind.UInt32, bitmask: 0xfff00000);
    public static readonly FieldDef Index = new("erspan.index", "Index", FieldKind.UInt32, bitmask: 0x000fffff);
    public static readonly FieldDef Timestamp = new("erspan.timestamp", "Timestamp", FieldKind.UInt32);
    public static readonly FieldDef Sgt = new("erspan.sgt", "Security Group Tag", FieldKind.UInt16);
    public static readonly FieldDef P = new("erspan.p", "Has Ethernet PDU", FieldKind.UInt16, bitmask: 0x8000);
    public static readonly FieldDef Ft = new("erspan.ft", "Frame Type", FieldKind.UInt16, bitmask: 0x7c00);
    public static readonly FieldDef Hw = new("erspan.hw", "Hardware ID", FieldKind.UInt16, bitmask: 0x03f0);
    public static readonly FieldDef Direction = new("erspan.direction", "Direction", FieldKind.Bool, bitmask: 0x0008, bitWidth: 16);
    public static readonly FieldDef Gra = new("erspan.gra", "Timestamp granularity", FieldKind.UInt16, bitmask: 0x0006);
    public static readonly FieldDef O = new("erspan.o", "Optional Sub headers", FieldKind.UInt16, bitmask: 0x0001);

    public static readonly FieldDef[] All = [Version, Vlan, Cos, Encap, Bso, Truncated, SpanId, Reserved, Index, Timestamp, Sgt, P, Ft, Hw, Direction, Gra, O];
}
