using Dissect.Core;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>
/// The TLS handshake fields QUIC needs for the ClientHello/ServerHello carried in CRYPTO frames, with Wireshark's
/// tls.* names and kinds exactly (tshark 4.0 -G fields). Defined here until a TLS dissector exists; that dissector
/// should take this class over (move it, keep the names) so both register the same definitions.
/// </summary>
public static class TlsHandshakeFields
{
    public static readonly ProtocolDef Protocol = new("tls", "Transport Layer Security", "TLS");

    public static readonly Dictionary<ulong, string> HandshakeTypeNames = new()
    {
        [0] = "Hello Request", [1] = "Client Hello", [2] = "Server Hello", [4] = "New Session Ticket", [5] = "End of Early Data",
        [8] = "Encrypted Extensions", [11] = "Certificate", [12] = "Server Key Exchange", [13] = "Certificate Request",
        [14] = "Server Hello Done", [15] = "Certificate Verify", [16] = "Client Key Exchange", [20] = "Finished",
        [24] = "Key Update", [254] = "Message Hash",
    };

    public static readonly Dictionary<ulong, string> VersionNames = new()
    {
        [0x0300] = "SSL 3.0", [0x0301] = "TLS 1.0", [0x0302] = "TLS 1.1", [0x0303] = "TLS 1.2", [0x0304] = "TLS 1.3",
    };

    public static readonly Dictionary<ulong, string> CipherSuiteNames = new()
    {
        [0x1301] = "TLS_AES_128_GCM_SHA256", [0x1302] = "TLS_AES_256_GCM_SHA384", [0x1303] = "TLS_CHACHA20_POLY1305_SHA256",
        [0x1304] = "TLS_AES_128_CCM_SHA256", [0x1305] = "TLS_AES_128_CCM_8_SHA256",
        [0xc02b] = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", [0xc02f] = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        [0xc02c] = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", [0xc030] = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        [0xcca9] = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", [0xcca8] = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        [0x00ff] = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
    };

    public static readonly Dictionary<ulong, string> GroupNames = new()
    {
        [0x0017] = "secp256r1", [0x0018] = "secp384r1", [0x0019] = "secp521r1", [0x001d] = "x25519", [0x001e] = "x448",
        [0x0100] = "ffdhe2048", [0x0101] = "ffdhe3072", [0x0102] = "ffdhe4096", [0x6399] = "X25519Kyber768Draft00",
    };

    public static readonly Dictionary<ulong, string> ExtensionNames = new()
    {
        [0] = "server_name", [1] = "max_fragment_length", [5] = "status_request", [10] = "supported_groups",
        [11] = "ec_point_formats", [13] = "signature_algorithms", [16] = "application_layer_protocol_negotiation",
        [18] = "signed_certificate_timestamp", [21] = "padding", [23] = "extended_master_secret", [27] = "compress_certificate",
        [35] = "session_ticket", [41] = "pre_shared_key", [42] = "early_data", [43] = "supported_versions", [45] = "psk_key_exchange_modes",
        [51] = "key_share", [57] = "quic_transport_parameters", [17513] = "application_settings", [65281] = "renegotiation_info",
        [0xffa5] = "quic_transport_parameters (drafts version)",
    };

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
    public static readonly FieldDef CompMethod = new("tls.handshake.comp_method", "Compression Method", FieldKind.UInt8);
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

    public static readonly FieldDef[] All =
    {
        Handshake, Type, Length, Version, Random, SessionIdLength, SessionId, CipherSuitesLength, CipherSuites, CipherSuite,
        CompMethodsLength, CompMethod, ExtensionsLength, ExtensionType, ExtensionLen, ExtensionData, ServerNameListLen,
        ServerNameType, ServerNameLen, ServerName, AlpnLen, AlpnList, AlpnStrLen, AlpnStr, SupportedVersionsLen, SupportedVersion,
        SupportedGroupsLength, SupportedGroups, SupportedGroup, KeyShareClientLength, KeyShareGroup, KeyShareKeyExchangeLength,
        KeyShareKeyExchange, KeyShareSelectedGroup,
    };
}
