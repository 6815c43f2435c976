using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Network.Gre;

/// <summary>Fields of Generic Routing Encapsulation (RFC 2784, 2890; version 1 is PPTP's enhanced GRE, RFC 2637).</summary>
public static class GreFields
{
    public static readonly ProtocolDef Protocol = new("gre", "Generic Routing Encapsulation", "GRE");
    public static readonly FieldDef FlagsAndVersion = new("gre.flags_and_version", "Flags and Version", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef Checksum = new("gre.flags.checksum", "Checksum Bit", FieldKind.Bool, bitmask: 0x8000, bitWidth: 16);
    public static readonly FieldDef Routing = new("gre.flags.routing", "Routing Bit", FieldKind.Bool, bitmask: 0x4000, bitWidth: 16);
    public static readonly FieldDef Key = new("gre.flags.key", "Key Bit", FieldKind.Bool, bitmask: 0x2000, bitWidth: 16);
    public static readonly FieldDef Sequence = new("gre.flags.sequence_number", "Sequence Number Bit", FieldKind.Bool, bitmask: 0x1000, bitWidth: 16);
    public static readonly FieldDef StrictSourceRoute = new("gre.flags.strict_source_route", "Strict Source Route Bit", FieldKind.Bool, bitmask: 0x0800, bitWidth: 16);
    public static readonly FieldDef Recursion = new("gre.flags.recursion_control", "Recursion control", FieldKind.UInt16, bitmask: 0x0700);
    public static readonly FieldDef Ack = new("gre.flags.ack", "Acknowledgment", FieldKind.Bool, bitmask: 0x0080, bitWidth: 16);
    public static readonly FieldDef Reserved = new("gre.flags.reserved", "Flags (Reserved)", FieldKind.UInt16, bitmask: 0x00f8);
    public static readonly FieldDef Version = new("gre.flags.version", "Version", FieldKind.UInt16, bitmask: 0x0007);
    public static readonly FieldDef Proto = new("gre.proto", "Protocol Type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names);
    public static readonly FieldDef ChecksumValue = new("gre.checksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef Offset = new("gre.offset", "Offset", FieldKind.UInt16);
    public static readonly FieldDef KeyValue = new("gre.key", "Key", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef KeyPayloadLength = new("gre.key.payload_length", "Payload Length", FieldKind.UInt16);
    public static readonly FieldDef KeyCallId = new("gre.key.call_id", "Call ID", FieldKind.UInt16);
    public static readonly FieldDef SequenceNumber = new("gre.sequence_number", "Sequence Number", FieldKind.UInt32);
    public static readonly FieldDef AckNumber = new("gre.ack_number", "Acknowledgment Number", FieldKind.UInt32);

    public static readonly FieldDef[] All =
    [
        FlagsAndVersion, Checksum, Routing, Key, Sequence, StrictSourceRoute, Recursion, Ack, Reserved, Version, Proto,
        ChecksumValue, Offset, KeyValue, KeyPayloadLength, KeyCallId, SequenceNumber, AckNumber,
    ];
}
