using Dissect.Core;

namespace Dissect.Dissectors.Application.Ssh;

/// <summary>SSH (RFC 4250–4253, 5656, 8731) fields with tshark 4.0's abbrevs (`tshark -G fields | grep -P '\tssh\.'`).
/// The Protocol column is "SSH" until the client's version line was seen in an earlier frame, then "SSHv2" (or
/// "SSHv1"), as tshark shows it.</summary>
public static class SshFields
{
    public static readonly ProtocolDef Protocol = new("ssh", "SSH Protocol", "SSH");

    /// <summary>Generic message names (tshark's ssh.message_code values); 30–49 depend on the key exchange method.</summary>
    public static readonly Dictionary<ulong, string> MessageNames = new()
    {
        [1] = "Disconnect", [2] = "Ignore", [3] = "Unimplemented", [4] = "Debug", [5] = "Service Request",
        [6] = "Service Accept", [20] = "Key Exchange Init", [21] = "New Keys", [50] = "User Authentication Request",
        [51] = "User Authentication Failure", [52] = "User Authentication Success", [53] = "User Authentication Banner",
        [60] = "Public Key algorithm accepted", [80] = "Global Request", [81] = "Request Success", [82] = "Request Failure",
        [90] = "Channel Open", [91] = "Channel Open Confirmation", [92] = "Channel Open Failure", [93] = "Window Adjust",
        [94] = "Channel Data", [95] = "Channel Extended Data", [96] = "Channel EOF", [97] = "Channel Close",
        [98] = "Channel Request", [99] = "Channel Success", [100] = "Channel Failure",
    };

    public static readonly Dictionary<ulong, string> DhNames = new()
    {
        [30] = "Diffie-Hellman Key Exchange Init", [31] = "Diffie-Hellman Key Exchange Reply",
    };

    public static readonly Dictionary<ulong, string> GexNames = new()
    {
        [30] = "Diffie-Hellman Group Exchange Request (Old)", [31] = "Diffie-Hellman Group Exchange Group",
        [32] = "Diffie-Hellman Group Exchange Init", [33] = "Diffie-Hellman Group Exchange Reply",
        [34] = "Diffie-Hellman Group Exchange Request",
    };

    public static readonly Dictionary<ulong, string> EcdhNames = new()
    {
        [30] = "Elliptic Curve Diffie-Hellman Key Exchange Init", [31] = "Elliptic Curve Diffie-Hellman Key Exchange Reply",
    };

    public static readonly FieldDef ProtocolLine = new("ssh.protocol", "Protocol", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef PacketLength = new("ssh.packet_length", "Packet Length", FieldKind.UInt32);
    public static readonly FieldDef PacketLengthEncrypted = new("ssh.packet_length_encrypted", "Packet Length (encrypted)", FieldKind.Bytes);
    public static readonly FieldDef PaddingLength = new("ssh.padding_length", "Padding Length", FieldKind.UInt8);
    public static readonly FieldDef EncryptedPacket = new("ssh.encrypted_packet", "Encrypted Packet", FieldKind.Bytes);
    public static readonly FieldDef PaddingString = new("ssh.padding_string", "Padding String", FieldKind.Bytes);
    public static readonly FieldDef Direction = new("ssh.direction", "Direction", FieldKind.Bool, flags: FieldFlags.Generated);
    public static readonly FieldDef MessageCode = new("ssh.message_code", "Message Code", FieldKind.UInt8, valueNames: MessageNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef Cookie = new("ssh.cookie", "Cookie", FieldKind.Bytes);
    public static readonly FieldDef FirstKexFollows = new("ssh.first_kex_packet_follows", "First KEX Packet Follows", FieldKind.UInt8);
    public static readonly FieldDef KexReserved = new("ssh.kex.reserved", "Reserved", FieldKind.Bytes);

    /// <summary>The ten KEXINIT name-lists in wire order: (string field, length field).</summary>
    public static readonly (FieldDef Text, FieldDef Length)[] NameLists =
    [
        List("kex_algorithms"), List("server_host_key_algorithms"),
        List("encryption_algorithms_client_to_server"), List("encryption_algorithms_server_to_client"),
        List("mac_algorithms_client_to_server"), List("mac_algorithms_server_to_client"),
        List("compression_algorithms_client_to_server"), List("compression_algorithms_server_to_client"),
        List("languages_client_to_server"), List("languages_server_to_client"),
    ];

    static (FieldDef, FieldDef) List(string name)
        => (new FieldDef("ssh." + name, name + " string", FieldKind.String),
            new FieldDef("ssh." + name + "_length", name + " length", FieldKind.UInt32));

    public static readonly FieldDef HostKeyLength = new("ssh.host_key.length", "Host key length", FieldKind.UInt32);
    public static readonly FieldDef HostKeyTypeLength = new("ssh.host_key.type_length", "Host key type length", FieldKind.UInt32);
    public static readonly FieldDef HostKeyType = new("ssh.host_key.type", "Host key type", FieldKind.String);
    public static readonly FieldDef HostKeyData = new("ssh.host_key.data", "Host key data", FieldKind.Bytes);
    public static readonly FieldDef EcdsaIdLength = new("ssh.host_key.ecdsa.id_length", "ECDSA elliptic curve identifier length", FieldKind.UInt32);
    public static readonly FieldDef EcdsaId = new("ssh.host_key.ecdsa.id", "ECDSA elliptic curve identifier", FieldKind.String);
    public static readonly FieldDef EcdsaQLength = new("ssh.host_key.ecdsa.q_length", "ECDSA public key length", FieldKind.UInt32);
    public static readonly FieldDef EcdsaQ = new("ssh.host_key.ecdsa.q", "ECDSA public key (Q)", FieldKind.Bytes);
    public static readonly FieldDef EddsaKeyLength = new("ssh.host_key.eddsa.key_length", "EdDSA public key length", FieldKind.UInt32);
    public static readonly FieldDef EddsaKey = new("ssh.host_key.eddsa.key", "EdDSA public key", FieldKind.Bytes);
    public static readonly FieldDef HostSigLength = new("ssh.host_sig.length", "Host signature length", FieldKind.UInt32);
    public static readonly FieldDef HostSigTypeLength = new("ssh.host_sig.type_length", "Host signature type length", FieldKind.UInt32);
    public static readonly FieldDef HostSigType = new("ssh.host_sig.type", "Host signature type", FieldKind.String);
    public static readonly FieldDef MpintLength = new("ssh.mpint_length", "Multi Precision Integer Length", FieldKind.UInt32);
    public static readonly FieldDef DhE = new("ssh.dh.e", "DH client e", FieldKind.Bytes);
    public static readonly FieldDef DhF = new("ssh.dh.f", "DH server f", FieldKind.Bytes);
    public static readonly FieldDef GexMin = new("ssh.dh_gex.min", "DH GEX Min", FieldKind.UInt32);
    public static readonly FieldDef GexNbits = new("ssh.dh_gex.nbits", "DH GEX Number of Bits", FieldKind.UInt32);
    public static readonly FieldDef GexMax = new("ssh.dh_gex.max", "DH GEX Max", FieldKind.UInt32);
    public static readonly FieldDef GexP = new("ssh.dh_gex.p", "DH GEX modulus (P)", FieldKind.Bytes);
    public static readonly FieldDef GexG = new("ssh.dh_gex.g", "DH GEX base (G)", FieldKind.Bytes);
    public static readonly FieldDef EcdhQcLength = new("ssh.ecdh.q_c_length", "ECDH client's ephemeral public key length", FieldKind.UInt32);
    public static readonly FieldDef EcdhQc = new("ssh.ecdh.q_c", "ECDH client's ephemeral public key (Q_C)", FieldKind.Bytes);
    public static readonly FieldDef EcdhQsLength = new("ssh.ecdh.q_s_length", "ECDH server's ephemeral public key length", FieldKind.UInt32);
    public static readonly FieldDef EcdhQs = new("ssh.ecdh.q_s", "ECDH server's ephemeral public key (Q_S)", FieldKind.Bytes);

    /// <summary>tshark 4.0's ei_ssh_packet_decode, raised by its host-signature parser, which decodes only the type of
    /// signatures other than ssh-rsa and ssh-dss and then compares the bytes it read with the signature length. Its
    /// message, "Decoded N bytes, but packet legnth is M bytes" (tshark's spelling), is what tshark prints in -V and
    /// -z expert.</summary>
    public static readonly FieldDef PacketDecodeError = new("ssh.packet_decode.error", "Packet decoded length not equal to packet length",
        FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol, flags: FieldFlags.ExpertTextIsSummary);

    public static readonly FieldDef[] All = BuildAll();

    static FieldDef[] BuildAll()
    {
        var l = new List<FieldDef>
        {
            ProtocolLine, PacketLength, PacketLengthEncrypted, PaddingLength, EncryptedPacket, PaddingString, Direction,
            MessageCode, Cookie, FirstKexFollows, KexReserved,
        };
        foreach (var (t, n) in NameLists) { l.Add(t); l.Add(n); }
        l.AddRange([HostKeyLength, HostKeyTypeLength, HostKeyType, HostKeyData, EcdsaIdLength, EcdsaId, EcdsaQLength, EcdsaQ,
            EddsaKeyLength, EddsaKey, HostSigLength, HostSigTypeLength, HostSigType, MpintLength, DhE, DhF, GexMin, GexNbits,
            GexMax, GexP, GexG, EcdhQcLength, EcdhQc, EcdhQsLength, EcdhQs, PacketDecodeError]);
        return l.ToArray();
    }
}
