using Dissect.Core;

namespace Dissect.Dissectors.Transport.Udp;

/// <summary>UDP (RFC 768) fields, with Wireshark's abbrevs.</summary>
public static class UdpFields
{
    public static readonly ProtocolDef Protocol = new("udp", "User Datagram Protocol", "UDP");

    public static readonly FieldDef SrcPort = new("udp.srcport", "Source Port", FieldKind.UInt16, flags: FieldFlags.Indexed);
    public static readonly FieldDef DstPort = new("udp.dstport", "Destination Port", FieldKind.UInt16, flags: FieldFlags.Indexed);
    public static readonly FieldDef Port = new("udp.port", "Source or Destination Port", FieldKind.UInt16, flags: FieldFlags.Indexed);
    public static readonly FieldDef Length = new("udp.length", "Length", FieldKind.UInt16,
        blurb: "Length in octets including this header and the data");
    public static readonly FieldDef Checksum = new("udp.checksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("udp.checksum.status", "Checksum Status", FieldKind.UInt8,
        valueNames: Transport.ChecksumStatus.Names);
    public static readonly FieldDef Stream = new("udp.stream", "Stream index", FieldKind.UInt32,
        flags: FieldFlags.Generated | FieldFlags.Indexed);
    public static readonly FieldDef Payload = new("udp.payload", "Payload", FieldKind.Bytes);

    // ---- expert items ----
    public static readonly FieldDef LengthBad = new("udp.length.bad", "Bad length value", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef LengthBadZero = new("udp.length.bad_zero", "Length is zero but payload < 65536", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef ChecksumZero = new("udp.checksum.zero", "Illegal checksum value (0)", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Checksum);

    public static readonly FieldDef[] All =
        [SrcPort, DstPort, Port, Length, Checksum, ChecksumStatus, Stream, Payload, LengthBad, LengthBadZero, ChecksumZero];

    // ---- UDP-Lite (RFC 3828, IP protocol 136): the udp.* fields above plus the checksum coverage ----
    public static readonly ProtocolDef LiteProtocol = new("udplite", "Lightweight User Datagram Protocol", "UDP-Lite");
    public static readonly FieldDef ChecksumCoverage = new("udp.checksum_coverage", "Checksum coverage", FieldKind.UInt16);
    public static readonly FieldDef ChecksumCoverageBad = new("udplite.checksum_coverage.bad", "Bad checksum coverage length value",
        FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);

    public static readonly FieldDef[] LiteAll = [ChecksumCoverage, ChecksumCoverageBad];
}
