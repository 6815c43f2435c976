using Dissect.Core;

namespace Dissect.Dissectors.Application.Tls;

/// <summary>
/// TLS record-layer fields (tls.record.*, alerts, change cipher spec, application data) with tshark 4.0's names and
/// kinds; together with <see cref="TlsHandshakeFields"/> they make the `tls` protocol (<see cref="All"/>).
/// </summary>
public static class TlsFields
{
    public static ProtocolDef Protocol => TlsHandshakeFields.Protocol;

    public static readonly FieldDef Record = new("tls.record", "Record Layer", FieldKind.None);
    public static readonly FieldDef ContentType = new("tls.record.content_type", "Content Type", FieldKind.UInt8, valueNames: TlsNames.ContentTypes, flags: FieldFlags.Indexed);
    public static readonly FieldDef OpaqueType = new("tls.record.opaque_type", "Opaque Type", FieldKind.UInt8, valueNames: TlsNames.ContentTypes);
    public static readonly FieldDef RecordVersion = new("tls.record.version", "Version", FieldKind.UInt16, FieldBase.Hex, valueNames: TlsNames.Versions);
    public static readonly FieldDef RecordLength = new("tls.record.length", "Length", FieldKind.UInt16);
    public static readonly FieldDef AppData = new("tls.app_data", "Encrypted Application Data", FieldKind.Bytes);
    public static readonly FieldDef AlertMessage = new("tls.alert_message", "Alert Message", FieldKind.None);
    public static readonly FieldDef AlertLevel = new("tls.alert_message.level", "Level", FieldKind.UInt8, valueNames: TlsNames.AlertLevels);
    public static readonly FieldDef AlertDesc = new("tls.alert_message.desc", "Description", FieldKind.UInt8, valueNames: TlsNames.AlertDescriptions);
    public static readonly FieldDef ChangeCipherSpec = new("tls.change_cipher_spec", "Change Cipher Spec Message", FieldKind.None);

    // Expert items (Wireshark's ids).
    public static readonly FieldDef ExpertIgnoredUnknownRecord = new("tls.ignored_unknown_record", "Ignored Unknown Record", FieldKind.None, severity: ExpertSeverity.Warn);
    public static readonly FieldDef ExpertRecordLengthInvalid = new("tls.record.length.invalid", "Record fragment length is too small or too large", FieldKind.None, severity: ExpertSeverity.Error);

    static readonly FieldDef[] RecordAll =
    {
        Record, ContentType, OpaqueType, RecordVersion, RecordLength, AppData, AlertMessage, AlertLevel, AlertDesc,
        ChangeCipherSpec, ExpertIgnoredUnknownRecord, ExpertRecordLengthInvalid,
    };

    /// <summary>Every field of the `tls` protocol: record layer and handshake.</summary>
    public static readonly FieldDef[] All = [.. RecordAll, .. TlsHandshakeFields.All];
}

/// <summary>
/// The X.509 certificate fields tshark shows under a TLS Certificate message (its x509af / x509if / x509sat
/// protocols): version, serial number, algorithm ids, and the issuer and subject names attribute by attribute.
/// </summary>
public static class X509Fields
{
    public static readonly ProtocolDef Af = new("x509af", "X.509 Authentication Framework", "X509AF");
    public static readonly ProtocolDef If = new("x509if", "X.509 Information Framework", "X509IF");
    public static readonly ProtocolDef Sat = new("x509sat", "X.509 Selected Attribute Types", "X509SAT");

    /// <summary>x509af.issuer / x509af.subject are a CHOICE: 0 = rdnSequence.</summary>
    static readonly Dictionary<ulong, string> NameChoice = new() { [0] = "rdnSequence" };
    /// <summary>x509sat.DirectoryString CHOICE.</summary>
    public static readonly Dictionary<ulong, string> DirectoryStringChoice = new()
    {
        [0] = "teletexString", [1] = "printableString", [2] = "universalString", [3] = "uTF8String", [4] = "bmpString",
    };
    static readonly Dictionary<ulong, string> Versions = new() { [0] = "v1", [1] = "v2", [2] = "v3" };

    public static readonly FieldDef Version = new("x509af.version", "version", FieldKind.Int32, valueNames: Versions);
    public static readonly FieldDef SerialNumber = new("x509af.serialNumber", "serialNumber", FieldKind.Bytes);
    public static readonly FieldDef AlgorithmId = new("x509af.algorithm.id", "Algorithm Id", FieldKind.String);
    public static readonly FieldDef Issuer = new("x509af.issuer", "issuer", FieldKind.UInt32, valueNames: NameChoice);
    public static readonly FieldDef Subject = new("x509af.subject", "subject", FieldKind.UInt32, valueNames: NameChoice);
    public static readonly FieldDef SubjectRdnSequence = new("x509af.rdnSequence", "rdnSequence", FieldKind.UInt32);
    public static readonly FieldDef[] AfAll = { Version, SerialNumber, AlgorithmId, Issuer, Subject, SubjectRdnSequence };

    public static readonly FieldDef IssuerRdnSequence = new("x509if.rdnSequence", "rdnSequence", FieldKind.UInt32);
    public static readonly FieldDef RdnSequenceItem = new("x509if.RDNSequence_item", "RDNSequence item", FieldKind.UInt32);
    public static readonly FieldDef RdnItem = new("x509if.RelativeDistinguishedName_item", "RelativeDistinguishedName item", FieldKind.None);
    public static readonly FieldDef Oid = new("x509if.oid", "Object Id", FieldKind.String);
    public static readonly FieldDef[] IfAll = { IssuerRdnSequence, RdnSequenceItem, RdnItem, Oid };

    public static readonly FieldDef DirectoryString = new("x509sat.DirectoryString", "DirectoryString", FieldKind.UInt32, valueNames: DirectoryStringChoice);
    public static readonly FieldDef CountryName = new("x509sat.CountryName", "CountryName", FieldKind.String);
    public static readonly FieldDef TeletexString = new("x509sat.teletexString", "teletexString", FieldKind.String);
    public static readonly FieldDef PrintableString = new("x509sat.printableString", "printableString", FieldKind.String);
    public static readonly FieldDef UniversalString = new("x509sat.universalString", "universalString", FieldKind.String);
    public static readonly FieldDef Utf8String = new("x509sat.uTF8String", "uTF8String", FieldKind.String);
    public static readonly FieldDef BmpString = new("x509sat.bmpString", "bmpString", FieldKind.String);
    public static readonly FieldDef Ia5String = new("x509sat.IA5String", "IA5String", FieldKind.String);
    public static readonly FieldDef[] SatAll =
        { DirectoryString, CountryName, TeletexString, PrintableString, UniversalString, Utf8String, BmpString, Ia5String };
}
