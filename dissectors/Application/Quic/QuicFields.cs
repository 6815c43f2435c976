using Dissect.Core;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>Fields of IETF QUIC (Wireshark's "quic", RFC 9000/9001/9369), names and kinds as tshark 4.0 has them.</summary>
public static class QuicFields
{
    public static readonly ProtocolDef Protocol = new("quic", "QUIC IETF", "QUIC");

    public static readonly Dictionary<ulong, string> HeaderFormNames = new() { [0] = "Short Header", [1] = "Long Header" };
    public static readonly Dictionary<ulong, string> LongTypeNames = new() { [0] = "Initial", [1] = "0-RTT", [2] = "Handshake", [3] = "Retry" };
    /// <summary>RFC 9369 section 3.2: v2 numbers the long packet types differently.</summary>
    public static readonly Dictionary<ulong, string> LongTypeV2Names = new() { [0] = "Retry", [1] = "Initial", [2] = "0-RTT", [3] = "Handshake" };
    public static readonly Dictionary<ulong, string> PnLengthNames = new() { [0] = "1 bytes", [1] = "2 bytes", [2] = "3 bytes", [3] = "4 bytes" };

    public static readonly FieldDef ConnectionNumber = new("quic.connection.number", "Connection Number", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef PacketLength = new("quic.packet_length", "Packet Length", FieldKind.UInt32, flags: FieldFlags.Generated, blurb: "Size of the QUIC packet");
    public static readonly FieldDef HeaderForm = new("quic.header_form", "Header Form", FieldKind.UInt8, bitmask: 0x80, valueNames: HeaderFormNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef FixedBit = new("quic.fixed_bit", "Fixed Bit", FieldKind.Bool, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef LongPacketType = new("quic.long.packet_type", "Packet Type", FieldKind.UInt8, bitmask: 0x30, valueNames: LongTypeNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef LongPacketTypeV2 = new("quic.long.packet_type_v2", "Packet Type", FieldKind.UInt8, bitmask: 0x30, valueNames: LongTypeV2Names);
    public static readonly FieldDef LongReserved = new("quic.long.reserved", "Reserved", FieldKind.UInt8, bitmask: 0x0c);
    public static readonly FieldDef PacketNumberLength = new("quic.packet_number_length", "Packet Number Length", FieldKind.UInt8, bitmask: 0x03, valueNames: PnLengthNames);
    public static readonly FieldDef Version = new("quic.version", "Version", FieldKind.UInt32, FieldBase.Hex, valueNames: QuicVersions.Names, flags: FieldFlags.Indexed);
    public static readonly FieldDef Dcil = new("quic.dcil", "Destination Connection ID Length", FieldKind.UInt8);
    public static readonly FieldDef Dcid = new("quic.dcid", "Destination Connection ID", FieldKind.Bytes, flags: FieldFlags.Indexed);
    public static readonly FieldDef Scil = new("quic.scil", "Source Connection ID Length", FieldKind.UInt8);
    public static readonly FieldDef Scid = new("quic.scid", "Source Connection ID", FieldKind.Bytes, flags: FieldFlags.Indexed);
    public static readonly FieldDef TokenLength = new("quic.token_length", "Token Length", FieldKind.UInt64);
    public static readonly FieldDef Token = new("quic.token", "Token", FieldKind.Bytes);
    public static readonly FieldDef Length = new("quic.length", "Length", FieldKind.UInt64, blurb: "Length of Packet Number and Payload fields");
    public static readonly FieldDef PacketNumber = new("quic.packet_number", "Packet Number", FieldKind.UInt64, blurb: "Decoded packet number (after header protection removal)");
    public static readonly FieldDef SupportedVersion = new("quic.supported_version", "Supported Version", FieldKind.UInt32, FieldBase.Hex, valueNames: QuicVersions.Names);
    public static readonly FieldDef VnUnused = new("quic.vn.unused", "Unused", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x7f);
    public static readonly FieldDef Short = new("quic.short", "QUIC Short Header", FieldKind.None);
    public static readonly FieldDef SpinBit = new("quic.spin_bit", "Spin Bit", FieldKind.Bool, bitmask: 0x20, bitWidth: 8);
    public static readonly FieldDef ShortReserved = new("quic.short.reserved", "Reserved", FieldKind.UInt8, bitmask: 0x18);
    public static readonly FieldDef KeyPhase = new("quic.key_phase", "Key Phase Bit", FieldKind.Bool, bitmask: 0x04, bitWidth: 8);
    public static readonly FieldDef Payload = new("quic.payload", "Payload", FieldKind.Bytes, blurb: "(Encrypted) payload of a packet");
    public static readonly FieldDef ProtectedPayload = new("quic.protected_payload", "Protected Payload", FieldKind.Bytes, blurb: "1-RTT payload (encrypted)");
    public static readonly FieldDef RemainingPayload = new("quic.remaining_payload", "Remaining Payload", FieldKind.Bytes);
    public static readonly FieldDef RetryToken = new("quic.retry_token", "Retry Token", FieldKind.Bytes);
    public static readonly FieldDef RetryIntegrityTag = new("quic.retry_integrity_tag", "Retry Integrity Tag", FieldKind.Bytes);

    // ---- frames (decrypted Initial payloads) ----
    public static readonly FieldDef Frame = new("quic.frame", "Frame", FieldKind.None);
    public static readonly FieldDef FrameType = new("quic.frame_type", "Frame Type", FieldKind.UInt64, FieldBase.Hex, valueNames: QuicFrameTypes.Names);
    public static readonly FieldDef PaddingLength = new("quic.padding_length", "Padding Length", FieldKind.UInt32);
    public static readonly FieldDef AckLargest = new("quic.ack.largest_acknowledged", "Largest Acknowledged", FieldKind.UInt64);
    public static readonly FieldDef AckDelay = new("quic.ack.ack_delay", "ACK Delay", FieldKind.UInt64);
    public static readonly FieldDef AckRangeCount = new("quic.ack.ack_range_count", "ACK Range Count", FieldKind.UInt64);
    public static readonly FieldDef AckFirstRange = new("quic.ack.first_ack_range", "First ACK Range", FieldKind.UInt64);
    public static readonly FieldDef AckGap = new("quic.ack.gap", "Gap", FieldKind.UInt64);
    public static readonly FieldDef AckRange = new("quic.ack.ack_range", "ACK Range", FieldKind.UInt64);
    public static readonly FieldDef AckEct0 = new("quic.ack.ect0_count", "ECT(0) Count", FieldKind.UInt64);
    public static readonly FieldDef AckEct1 = new("quic.ack.ect1_count", "ECT(1) Count", FieldKind.UInt64);
    public static readonly FieldDef AckEcnCe = new("quic.ack.ecn_ce_count", "ECN-CE Count", FieldKind.UInt64);
    public static readonly FieldDef RstsStreamId = new("quic.rsts.stream_id", "Stream ID", FieldKind.UInt64);
    public static readonly FieldDef RstsError = new("quic.rsts.application_error_code", "Application Error code", FieldKind.UInt64);
    public static readonly FieldDef RstsFinalSize = new("quic.rsts.final_size", "Final Size", FieldKind.UInt64);
    public static readonly FieldDef SsStreamId = new("quic.ss.stream_id", "Stream ID", FieldKind.UInt64);
    public static readonly FieldDef SsError = new("quic.ss.application_error_code", "Application Error code", FieldKind.UInt64);
    public static readonly FieldDef CryptoOffset = new("quic.crypto.offset", "Offset", FieldKind.UInt64, blurb: "Byte offset into the stream");
    public static readonly FieldDef CryptoLength = new("quic.crypto.length", "Length", FieldKind.UInt64, blurb: "Length of the Crypto Data");
    public static readonly FieldDef CryptoData = new("quic.crypto.crypto_data", "Crypto Data", FieldKind.None, blurb: "The cryptographic message data");
    public static readonly FieldDef NtLength = new("quic.nt.length", "(Token) Length", FieldKind.UInt64);
    public static readonly FieldDef NtToken = new("quic.nt.token", "Token", FieldKind.Bytes);
    public static readonly FieldDef StreamId = new("quic.stream.stream_id", "Stream ID", FieldKind.UInt64);
    public static readonly FieldDef StreamOffset = new("quic.stream.offset", "Offset", FieldKind.UInt64);
    public static readonly FieldDef StreamLength = new("quic.stream.length", "Length", FieldKind.UInt64);
    public static readonly FieldDef StreamFin = new("quic.stream.fin", "Fin", FieldKind.Bool, bitmask: 0x01, bitWidth: 8);
    public static readonly FieldDef StreamData = new("quic.stream_data", "Stream Data", FieldKind.Bytes);
    public static readonly FieldDef MaxData = new("quic.md.maximum_data", "Maximum Data", FieldKind.UInt64);
    public static readonly FieldDef MsdStreamId = new("quic.msd.stream_id", "Stream ID", FieldKind.UInt64);
    public static readonly FieldDef MsdMax = new("quic.msd.maximum_stream_data", "Maximum Stream Data", FieldKind.UInt64);
    public static readonly FieldDef MaxStreams = new("quic.ms.max_streams", "Max Streams", FieldKind.UInt64);
    public static readonly FieldDef DataBlocked = new("quic.sb.stream_data_limit", "Stream Data Limit", FieldKind.UInt64);
    public static readonly FieldDef SdbStreamId = new("quic.sdb.stream_id", "Stream ID", FieldKind.UInt64);
    public static readonly FieldDef StreamsBlocked = new("quic.sib.stream_limit", "Stream Limit", FieldKind.UInt64);
    public static readonly FieldDef NciRetirePriorTo = new("quic.nci.retire_prior_to", "Retire Prior To", FieldKind.UInt64);
    public static readonly FieldDef NciSequence = new("quic.nci.sequence", "Sequence", FieldKind.UInt64);
    public static readonly FieldDef NciCidLength = new("quic.nci.connection_id.length", "Connection ID Length", FieldKind.UInt8);
    public static readonly FieldDef NciCid = new("quic.nci.connection_id", "Connection ID", FieldKind.Bytes);
    public static readonly FieldDef NciResetToken = new("quic.nci.stateless_reset_token", "Stateless Reset Token", FieldKind.Bytes);
    public static readonly FieldDef RciSequence = new("quic.rci.sequence", "Sequence", FieldKind.UInt64);
    public static readonly FieldDef PathChallenge = new("quic.path_challenge.data", "Data", FieldKind.Bytes);
    public static readonly FieldDef PathResponse = new("quic.path_response.data", "Data", FieldKind.Bytes);
    public static readonly FieldDef CcErrorCode = new("quic.cc.error_code", "Error code", FieldKind.UInt64, valueNames: QuicFrameTypes.TransportErrors);
    public static readonly FieldDef CcErrorCodeApp = new("quic.cc.error_code.app", "Application Error code", FieldKind.UInt64);
    public static readonly FieldDef CcTlsAlert = new("quic.cc.error_code.tls_alert", "TLS Alert Description", FieldKind.UInt8);
    public static readonly FieldDef CcFrameType = new("quic.cc.frame_type", "Frame Type", FieldKind.UInt64);
    public static readonly FieldDef CcReasonLength = new("quic.cc.reason_phrase.length", "Reason phrase Length", FieldKind.UInt64);
    public static readonly FieldDef CcReason = new("quic.cc.reason_phrase", "Reason phrase", FieldKind.String);
    public static readonly FieldDef DgLength = new("quic.dg.length", "Datagram Length", FieldKind.UInt64);
    public static readonly FieldDef Dg = new("quic.dg", "Datagram", FieldKind.Bytes);

    // ---- expert items ----
    public static readonly FieldDef DecryptionFailed = new("quic.decryption_failed", "Failed to decrypt handshake", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Decryption);
    /// <summary>tshark's other use of quic.decryption_failed ("Failed to create decryption context: …"): a Handshake,
    /// 0-RTT or 1-RTT packet whose keys cannot be made. Same abbrev (Wireshark has one expert field for both), its own
    /// name so that the message extends it.</summary>
    public static readonly FieldDef DecryptionContextFailed = new("quic.decryption_failed", "Failed to create decryption context", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Decryption);
    public static readonly FieldDef UnknownFrame = new("quic.ft.unknown", "Unknown Frame Type", FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Undecoded);
    public static readonly FieldDef CoalescedPadding = new("quic.coalesced_padding_data", "Coalesced Padding Data", FieldKind.None, severity: ExpertSeverity.Note, group: ExpertGroup.Protocol);

    public static readonly FieldDef[] All =
    {
        ConnectionNumber, PacketLength, HeaderForm, FixedBit, LongPacketType, LongPacketTypeV2, LongReserved, PacketNumberLength,
        Version, Dcil, Dcid, Scil, Scid, TokenLength, Token, Length, PacketNumber, SupportedVersion, VnUnused,
        Short, SpinBit, ShortReserved, KeyPhase, Payload, ProtectedPayload, RemainingPayload, RetryToken, RetryIntegrityTag,
        Frame, FrameType, PaddingLength, AckLargest, AckDelay, AckRangeCount, AckFirstRange, AckGap, AckRange, AckEct0, AckEct1,
        AckEcnCe, RstsStreamId, RstsError, RstsFinalSize, SsStreamId, SsError, CryptoOffset, CryptoLength, CryptoData,
        NtLength, NtToken, StreamId, StreamOffset, StreamLength, StreamFin, StreamData, MaxData, MsdStreamId, MsdMax, MaxStreams,
        DataBlocked, SdbStreamId, StreamsBlocked, NciRetirePriorTo, NciSequence, NciCidLength, NciCid, NciResetToken, RciSequence,
        PathChallenge, PathResponse, CcErrorCode, CcErrorCodeApp, CcTlsAlert, CcFrameType, CcReasonLength, CcReason, DgLength, Dg,
        DecryptionFailed, DecryptionContextFailed, UnknownFrame, CoalescedPadding,
    };
}

/// <summary>QUIC version numbers with Wireshark's names (quic_version_vals) and what the dissector knows of each.</summary>
public static class QuicVersions
{
    public const uint Negotiation = 0x00000000, V1 = 0x00000001, V2 = 0x6b3343cf;

    public static readonly Dictionary<ulong, string> Names = Build();

    static Dictionary<ulong, string> Build()
    {
        var d = new Dictionary<ulong, string>
        {
            [Negotiation] = "Version Negotiation",
            [V1] = "1",
            [V2] = "2",
            [0x709a50c4] = "2 (draft-00)",
            [0x51303433] = "Google Q043", [0x51303434] = "Google Q044", [0x51303436] = "Google Q046",
            [0x51303530] = "Google Q050", [0x54303530] = "Google T050", [0x54303531] = "Google T051",
            [0xfaceb001] = "Facebook mvfst (draft-22)", [0xfaceb002] = "Facebook mvfst (draft-27)",
            [0xfaceb00e] = "Facebook mvfst (Experimental)",
        };
        for (uint n = 0; n <= 34; n++) d[0xff000000u | n] = "draft-" + n.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        return d;
    }

    /// <summary>Draft number of an IETF draft version (0xff0000NN), or 0.</summary>
    public static int Draft(uint v) => (v >> 8) == 0xff0000 ? (int)(v & 0xff) : 0;

    /// <summary>Versions whose Initial packets the dissector can decrypt and whose header layout it trusts
    /// (the heuristic's "known version").</summary>
    public static bool IsKnown(uint v) => v == V1 || v == V2 || Draft(v) >= 29 || v == 0x709a50c4;

    public static bool IsV2(uint v) => v == V2 || v == 0x709a50c4;
}

/// <summary>Frame type names as Wireshark shows them (the Info column lists them).</summary>
public static class QuicFrameTypes
{
    public static readonly Dictionary<ulong, string> Names = new()
    {
        [0x00] = "PADDING", [0x01] = "PING", [0x02] = "ACK", [0x03] = "ACK_ECN", [0x04] = "RESET_STREAM", [0x05] = "STOP_SENDING",
        [0x06] = "CRYPTO", [0x07] = "NEW_TOKEN", [0x08] = "STREAM", [0x09] = "STREAM", [0x0a] = "STREAM", [0x0b] = "STREAM",
        [0x0c] = "STREAM", [0x0d] = "STREAM", [0x0e] = "STREAM", [0x0f] = "STREAM", [0x10] = "MAX_DATA", [0x11] = "MAX_STREAM_DATA",
        [0x12] = "MAX_STREAMS (BIDI)", [0x13] = "MAX_STREAMS (UNI)", [0x14] = "DATA_BLOCKED", [0x15] = "STREAM_DATA_BLOCKED",
        [0x16] = "STREAMS_BLOCKED (BIDI)", [0x17] = "STREAMS_BLOCKED (UNI)", [0x18] = "NEW_CONNECTION_ID",
        [0x19] = "RETIRE_CONNECTION_ID", [0x1a] = "PATH_CHALLENGE", [0x1b] = "PATH_RESPONSE", [0x1c] = "CONNECTION_CLOSE",
        [0x1d] = "APPLICATION_CLOSE", [0x1e] = "HANDSHAKE_DONE", [0x30] = "DATAGRAM", [0x31] = "DATAGRAM",
        [0xaf] = "ACK_FREQUENCY", [0x1f] = "IMMEDIATE_ACK",
    };

    public static readonly Dictionary<ulong, string> TransportErrors = new()
    {
        [0x0] = "NO_ERROR", [0x1] = "INTERNAL_ERROR", [0x2] = "CONNECTION_REFUSED", [0x3] = "FLOW_CONTROL_ERROR",
        [0x4] = "STREAM_LIMIT_ERROR", [0x5] = "STREAM_STATE_ERROR", [0x6] = "FINAL_SIZE_ERROR", [0x7] = "FRAME_ENCODING_ERROR",
        [0x8] = "TRANSPORT_PARAMETER_ERROR", [0x9] = "CONNECTION_ID_LIMIT_ERROR", [0xa] = "PROTOCOL_VIOLATION",
        [0xb] = "INVALID_TOKEN", [0xc] = "APPLICATION_ERROR", [0xd] = "CRYPTO_BUFFER_EXCEEDED", [0xe] = "KEY_UPDATE_ERROR",
        [0xf] = "AEAD_LIMIT_REACHED", [0x10] = "NO_VIABLE_PATH",
    };

    public static string Name(ulong type) => Names.TryGetValue(type, out var s) ? s : "UNKNOWN";
}
