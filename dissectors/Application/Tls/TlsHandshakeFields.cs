using Dissect.Core;

namespace Dissect.Dissectors.Application.Tls;

/// <summary>
/// The TLS handshake fields, shared by TLS over TCP (<see cref="TlsDissector"/>) and QUIC's CRYPTO stream, with
/// Wireshark's tls.* names and kinds exactly (tshark 4.0 -G fields). Value names come from <see cref="TlsNames"/>
/// (generated from `tshark -G values`). Registered once, with the record-layer fields, as <see cref="TlsFields.All"/>.
/// </summary>
public static class TlsHandshakeFields
{
    public static readonly ProtocolDef Protocol = new("tls", "Transport Layer Security", "TLS");

    public static Dictionary<ulong, string> HandshakeTypeNames => TlsNames.HandshakeTypes;

    public static Dictionary<ulong, string> VersionNames => TlsNames.Versions;

    public static Dictionary<ulong, string> CipherSuiteNames => TlsNames.CipherSuites;

    public static Dictionary<ulong, string> GroupNames => TlsNames.Groups;

    public static Dictionary<ulong, string> ExtensionNames => TlsNames.Extensions;

    public static readonly FieldDef Handshake = new("tls.handshake", "Handshake Protocol", FieldKind.None);
    public static readonly FieldDef Type = new("tls.handshake.type", "Handshake Message Type", FieldKind.UInt8, valueNames: HandshakeTypeNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef Length = new("tls.handshake.length", "Length", FieldKind.UInt24);
    public static readonly FieldDef Version = new("tls.handshake.version", "Version", FieldKind.UInt16, FieldBase.Hex, valueNames: VersionNames);
    public static readonly FieldDef Random = new("tls.handshake.random", "Random", FieldKind.Bytes);
    public static readonly FieldDef SessionIdLength = new("tls.handshake.session_id_length", "Session ID Length", FieldKind.UInt16);
    public static readonly FieldDef SessionId = new("tls.handshake.session_id", "Session ID", FieldKind.Bytes);
    public static readonly FieldDef CipherSuitesLength = new("tls.handshake.cipher_suites_length", "Cipher Suites Length", FieldKind.UInt16);
    public static readonly FieldDef CipherSuites = new("tls.handshake.ciphersuites", "Cipher Suites", FieldKind.None);
    public static readonly FieldDef CipherSuite = new("tls.handshake.ciphersuite", "Cipher Suite", FieldKind.UInt16, FieldBase.Hex, valueNames: CipherSuiteNames);
    public static readonly FieldDef CompMethodsLength = new("tls.handshake.comp_methods_length", "Compression Methods Length", FieldKind.UInt8);
    public static readonly FieldDef CompMethod = new("tls.handshake.comp_method", "Compression Method", FieldKind.UInt8, valueNames: TlsNames.CompressionMethods);
    public static readonly FieldDef ExtensionsLength = new("tls.handshake.extensions_length", "Extensions Length", FieldKind.UInt16);
    public static readonly FieldDef ExtensionType = new("tls.handshake.extension.type", "Type", FieldKind.UInt16, valueNames: ExtensionNames);
    public static readonly FieldDef ExtensionLen = new("tls.handshake.extension.len", "Length", FieldKind.UInt16);
    public static readonly FieldDef ExtensionData = new("tls.handshake.extension.data", "Data", FieldKind.Bytes);
    public static readonly FieldDef ServerNameListLen = new("tls.handshake.extensions_server_name_list_len", "Server Name list length", FieldKind.UInt16);
    public static readonly FieldDef ServerNameType = new("tls.handshake.extensions_server_name_type", "Server Name Type", FieldKind.UInt8);
    public static readonly FieldDef ServerNameLen = new("tls.handshake.extensions_server_name_len", "Server Name length", FieldKind.UInt16);
    public static readonly FieldDef ServerName = new("tls.handshake.extensions_server_name", "Server Name", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef AlpnLen = new("tls.handshake.extensions_alpn_len", "ALPN Extension Length", FieldKind.UInt16);
    public static readonly FieldDef AlpnList = new("tls.handshake.extensions_alpn_list", "ALPN Protocol", FieldKind.None);
    public static readonly FieldDef AlpnStrLen = new("tls.handshake.extensions_alpn_str_len", "ALPN string length", FieldKind.UInt8);
    public static readonly FieldDef AlpnStr = new("tls.handshake.extensions_alpn_str", "ALPN Next Protocol", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef SupportedVersionsLen = new("tls.handshake.extensions.supported_versions_len", "Supported Versions length", FieldKind.UInt8);
    public static readonly FieldDef SupportedVersion = new("tls.handshake.extensions.supported_version", "Supported Version", FieldKind.UInt16, FieldBase.Hex, valueNames: VersionNames);
    public static readonly FieldDef SupportedGroupsLength = new("tls.handshake.extensions_supported_groups_length", "Supported Groups List Length", FieldKind.UInt16);
    public static readonly FieldDef SupportedGroups = new("tls.handshake.extensions_supported_groups", "Supported Groups List", FieldKind.None);
    public static readonly FieldDef SupportedGroup = new("tls.handshake.extensions_supported_group", "Supported Group", FieldKind.UInt16, FieldBase.Hex, valueNames: GroupNames);
    public static readonly FieldDef KeyShareClientLength = new("tls.handshake.extensions_key_share_client_length", "Client Key Share Length", FieldKind.UInt16);
    public static readonly FieldDef KeyShareGroup = new("tls.handshake.extensions_key_share_group", "Group", FieldKind.UInt16, valueNames: GroupNames);
    public static readonly FieldDef KeyShareKeyExchangeLength = new("tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length", FieldKind.UInt16);
    public static readonly FieldDef KeyShareKeyExchange = new("tls.handshake.extensions_key_share_key_exchange", "Key Exchange", FieldKind.Bytes);
    public static readonly FieldDef KeyShareSelectedGroup = new("tls.handshake.extensions_key_share_selected_group", "Selected Group", FieldKind.UInt16, valueNames: GroupNames);

    public static readonly FieldDef CompMethods = new("tls.handshake.comp_methods", "Compression Methods", FieldKind.None);
    public static readonly FieldDef EcPointFormatsLength = new("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length", FieldKind.UInt8);
    public static readonly FieldDef EcPointFormats = new("tls.handshake.extensions_ec_point_formats", "EC point formats", FieldKind.None);
    public static readonly FieldDef EcPointFormat = new("tls.handshake.extensions_ec_point_format", "EC point format", FieldKind.UInt8, valueNames: TlsNames.EcPointFormats);
    public static readonly FieldDef SigHashAlgLen = new("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length", FieldKind.UInt16);
    public static readonly FieldDef SigHashAlgs = new("tls.handshake.sig_hash_algs", "Signature Algorithms", FieldKind.None);
    public static readonly FieldDef SigHashAlg = new("tls.handshake.sig_hash_alg", "Signature Algorithm", FieldKind.UInt16, FieldBase.Hex, valueNames: TlsNames.SignatureAlgorithms);
    public static readonly FieldDef CertificatesLength = new("tls.handshake.certificates_length", "Certificates Length", FieldKind.UInt24);
    public static readonly FieldDef Certificates = new("tls.handshake.certificates", "Certificates", FieldKind.None);
    public static readonly FieldDef CertificateLength = new("tls.handshake.certificate_length", "Certificate Length", FieldKind.UInt24);
    public static readonly FieldDef Certificate = new("tls.handshake.certificate", "Certificate", FieldKind.Bytes);
    public static readonly FieldDef CertRequestContextLength = new("tls.handshake.certificate_request_context_length", "Certificate Request Context Length", FieldKind.UInt8);
    public static readonly FieldDef CertRequestContext = new("tls.handshake.certificate_request_context", "Certificate Request Context", FieldKind.Bytes);
    public static readonly FieldDef CertTypesCount = new("tls.handshake.cert_types_count", "Certificate types count", FieldKind.UInt8);
    public static readonly FieldDef CertTypes = new("tls.handshake.cert_types", "Certificate types", FieldKind.None);
    public static readonly FieldDef CertType = new("tls.handshake.cert_type", "Certificate Type", FieldKind.UInt8);
    public static readonly FieldDef DnamesLen = new("tls.handshake.dnames_len", "Distinguished Names Length", FieldKind.UInt16);
    public static readonly FieldDef Dnames = new("tls.handshake.dnames", "Distinguished Names", FieldKind.None);
    public static readonly FieldDef ServerCurveType = new("tls.handshake.server_curve_type", "Curve Type", FieldKind.UInt8);
    public static readonly FieldDef ServerNamedCurve = new("tls.handshake.server_named_curve", "Named Curve", FieldKind.UInt16, FieldBase.Hex, valueNames: TlsNames.Groups);
    public static readonly FieldDef ServerPointLen = new("tls.handshake.server_point_len", "Pubkey Length", FieldKind.UInt8);
    public static readonly FieldDef ServerPoint = new("tls.handshake.server_point", "Pubkey", FieldKind.Bytes);
    public static readonly FieldDef SigLen = new("tls.handshake.sig_len", "Signature Length", FieldKind.UInt16);
    public static readonly FieldDef Sig = new("tls.handshake.sig", "Signature", FieldKind.Bytes);
    public static readonly FieldDef ClientPointLen = new("tls.handshake.client_point_len", "Pubkey Length", FieldKind.UInt8);
    public static readonly FieldDef ClientPoint = new("tls.handshake.client_point", "Pubkey", FieldKind.Bytes);
    public static readonly FieldDef EpmsLen = new("tls.handshake.epms_len", "Encrypted PreMaster length", FieldKind.UInt16);
    public static readonly FieldDef Epms = new("tls.handshake.epms", "Encrypted PreMaster", FieldKind.Bytes);
    public static readonly FieldDef CertVerifySigLen = new("tls.handshake.client_cert_vrfy.sig_len", "Signature length", FieldKind.UInt16);
    public static readonly FieldDef CertVerifySig = new("tls.handshake.client_cert_vrfy.sig", "Signature", FieldKind.Bytes);
    public static readonly FieldDef TicketLifetimeHint = new("tls.handshake.session_ticket_lifetime_hint", "Session Ticket Lifetime Hint", FieldKind.UInt32);
    public static readonly FieldDef TicketAgeAdd = new("tls.handshake.session_ticket_age_add", "Session Ticket Age Add", FieldKind.UInt32);
    public static readonly FieldDef TicketNonceLength = new("tls.handshake.session_ticket_nonce_length", "Session Ticket Nonce Length", FieldKind.UInt8);
    public static readonly FieldDef TicketNonce = new("tls.handshake.session_ticket_nonce", "Session Ticket Nonce", FieldKind.Bytes);
    public static readonly FieldDef TicketLength = new("tls.handshake.session_ticket_length", "Session Ticket Length", FieldKind.UInt16);
    public static readonly FieldDef Ticket = new("tls.handshake.session_ticket", "Session Ticket", FieldKind.Bytes);
    public static readonly FieldDef VerifyData = new("tls.handshake.verify_data", "Verify Data", FieldKind.None);

    public static readonly FieldDef[] All =
    {
        Handshake, Type, Length, Version, Random, SessionIdLength, SessionId, CipherSuitesLength, CipherSuites, CipherSuite,
        CompMethodsLength, CompMethod, ExtensionsLength, ExtensionType, ExtensionLen, ExtensionData, ServerNameListLen,
        ServerNameType, ServerNameLen, ServerName, AlpnLen, AlpnList, AlpnStrLen, AlpnStr, SupportedVersionsLen, SupportedVersion,
        SupportedGroupsLength, SupportedGroups, SupportedGroup, KeyShareClientLength, KeyShareGroup, KeyShareKeyExchangeLength,
        KeyShareKeyExchange, KeyShareSelectedGroup, CompMethods, EcPointFormatsLength, EcPointFormats, EcPointFormat,
        SigHashAlgLen, SigHashAlgs, SigHashAlg, CertificatesLength, Certificates, CertificateLength, Certificate,
        CertRequestContextLength, CertRequestContext, CertTypesCount, CertTypes, CertType, DnamesLen, Dnames,
        ServerCurveType, ServerNamedCurve, ServerPointLen, ServerPoint, SigLen, Sig, ClientPointLen, ClientPoint, EpmsLen,
        Epms, CertVerifySigLen, CertVerifySig, TicketLifetimeHint, TicketAgeAdd, TicketNonceLength, TicketNonce,
        TicketLength, Ticket, VerifyData,
    };
}
