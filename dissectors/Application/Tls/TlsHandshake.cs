using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Tls;

/// <summary>What a walk over handshake messages learnt (for the record layer's session state and columns).</summary>
public struct TlsHandshakeSummary
{
    /// <summary>ServerHello: the negotiated version (supported_versions, else the hello's version); 0 = none seen.</summary>
    public ushort NegotiatedVersion;
    /// <summary>ServerHello: the chosen cipher suite.</summary>
    public ushort CipherSuite;
    public bool SawClientHello, SawServerHello;
    /// <summary>Whole messages walked.</summary>
    public int Messages;
    /// <summary>The last message continues past the record (a fragment, not dissected).</summary>
    public bool Fragment;
}

/// <summary>
/// TLS handshake messages (RFC 5246 section 7.4, RFC 8446 section 4): each message's type and length, and the
/// bodies of ClientHello/ServerHello (version, random, session id, cipher suites, compression, extensions SNI,
/// ALPN, supported_versions, supported_groups, key_share, ec_point_formats, signature_algorithms), Certificate
/// (each certificate's X.509 names through <see cref="X509"/>), ServerKeyExchange (ECDHE), ClientKeyExchange,
/// CertificateRequest, CertificateVerify, NewSessionTicket, EncryptedExtensions and Finished. Used by TLS over TCP
/// (one record body at a time) and by QUIC (its CRYPTO stream). Never throws: every read is bounds-checked, a cut
/// message ends the walk with <see cref="ReadStatus.Truncated"/>.
/// </summary>
public static class TlsHandshake
{
    public const ushort Tls12 = 0x0303, Tls13 = 0x0304;

    /// <summary>The SHA-256 of "HelloRetryRequest": a ServerHello with this random is a HelloRetryRequest.</summary>
    static ReadOnlySpan<byte> HelloRetryRandom =>
    [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ];

    /// <summary>QUIC's entry: the whole messages of a CRYPTO stream (offsets relative to <paramref name="msgs"/>,
    /// the current data source) under one `tls` tree, parsed as TLS 1.3.</summary>
    public static void Parse(ReadOnlySpan<byte> msgs, PacketFields f)
    {
        int proto = f.BeginTree(TlsHandshakeFields.Protocol, 0, msgs.Length);
        var sum = default(TlsHandshakeSummary);
        Messages(msgs, msgs.Length, 0, f, null, Tls13, 0, ref sum);
        f.EndTree(proto);
    }

    /// <summary>
    /// Walks the handshake messages in <paramref name="body"/> (the captured part of a record body of
    /// <paramref name="reported"/> bytes, at <paramref name="baseOffset"/> in the current data source). Appends each
    /// message's name to <paramref name="info"/> (with ", " between items, as tshark's col_append_sep_str). A message
    /// longer than the rest of the record is a fragment: its name is shown as "[Name Fragment]" when it is the
    /// record's first message, and it is not dissected. <paramref name="version"/> is the session's version (the
    /// Certificate and NewSessionTicket layouts differ in TLS 1.3); <paramref name="cipherSuite"/> the chosen suite
    /// (key exchange layouts), 0 when unknown.
    /// </summary>
    public static ReadStatus Messages(ReadOnlySpan<byte> body, int reported, int baseOffset, PacketFields f, TextColumn? info,
        ushort version, ushort cipherSuite, ref TlsHandshakeSummary sum)
    {
        int pos = 0;
        bool first = true;
        while (pos < reported)
        {
            if (reported - pos < 4)
            {
                // Fewer than four bytes left in the record: the header of a message continued in the next record.
                sum.Fragment = true;
                return ReadStatus.Ok;
            }
            if (body.Length - pos < 4) return ReadStatus.Truncated;
            byte type = body[pos];
            int len = body[pos + 1] << 16 | body[pos + 2] << 8 | body[pos + 3];
            string name = TlsNames.HandshakeTypes.TryGetValue(type, out var n) ? n : "Encrypted Handshake Message";
            if ((long)pos + 4 + len > reported)
            {
                sum.Fragment = true;
                int ft = f.BeginTree(TlsHandshakeFields.Handshake, baseOffset + pos, Math.Min(reported, body.Length) - pos);
                f.EndTree(ft);
                if (first && info is not null) Sep(info).Append('[').Append(name).Append(" Fragment]");
                return ReadStatus.Ok;
            }
            int capturedLen = Math.Max(0, Math.Min(len, body.Length - pos - 4));
            bool hrr = type == 2 && capturedLen >= 34 && body.Slice(pos + 6, 32).SequenceEqual(HelloRetryRandom);
            if (info is not null) Sep(info).Append(hrr ? "Hello Retry Request" : name);
            int tree = f.BeginTree(TlsHandshakeFields.Handshake, baseOffset + pos, Math.Min(len + 4, body.Length - pos));
            f.AddUInt(TlsHandshakeFields.Type, baseOffset + pos, 1, type);
            f.AddUInt(TlsHandshakeFields.Length, baseOffset + pos + 1, 3, (ulong)len);
            var r = new WireReader(body.Slice(pos + 4, capturedLen), baseOffset + pos + 4, len);
            switch (type)
            {
                case 1: sum.SawClientHello = true; Hello(ref r, f, client: true, ref sum); break;
                case 2: sum.SawServerHello = true; Hello(ref r, f, client: false, ref sum); break;
                case 4: NewSessionTicket(ref r, f, version); break;
                case 8: Extensions(ref r, f, client: false, ref sum); break;
                case 11: Certificate(ref r, f, version); break;
                case 12: ServerKeyExchange(ref r, f, version, cipherSuite); break;
                case 13: CertificateRequest(ref r, f, version, ref sum); break;
                case 15: CertificateVerify(ref r, f, version); break;
                case 16: ClientKeyExchange(ref r, f, cipherSuite); break;
                case 20: if (len > 0) f.AddFlag(TlsHandshakeFields.VerifyData, r.BaseOffset, Math.Min(len, r.Length)); break;
            }
            f.EndTree(tree);
            sum.Messages++;
            first = false;
            if (capturedLen < len) return ReadStatus.Truncated;
            pos += 4 + len;
        }
        return ReadStatus.Ok;
    }

    static TextColumn Sep(TextColumn info) => info.Length > 0 ? info.Append(", ") : info;

    static void Hello(ref WireReader r, PacketFields f, bool client, ref TlsHandshakeSummary sum)
    {
        int b = r.BaseOffset;
        if (!r.TryU16(out ushort version)) return;
        f.AddUInt(TlsHandshakeFields.Version, b + r.Position - 2, 2, version);
        if (!client) sum.NegotiatedVersion = version;
        int p = r.Position;
        if (!r.TrySkip(32)) return;
        f.AddBytes(TlsHandshakeFields.Random, b + p, 32);
        if (!r.TryU8(out byte sidLen)) return;
        f.AddUInt(TlsHandshakeFields.SessionIdLength, b + r.Position - 1, 1, sidLen);
        p = r.Position;
        if (!r.TrySkip(sidLen)) return;
        if (sidLen > 0) f.AddBytes(TlsHandshakeFields.SessionId, b + p, sidLen);
        if (client)
        {
            if (!r.TryU16(out ushort csLen)) return;
            f.AddUInt(TlsHandshakeFields.CipherSuitesLength, b + r.Position - 2, 2, csLen);
            int t = f.BeginTree(TlsHandshakeFields.CipherSuites, b + r.Position, csLen);
            for (int i = 0; i + 1 < csLen; i += 2)
            {
                if (!r.TryU16(out ushort cs)) { f.EndTree(t); return; }
                f.AddUInt(TlsHandshakeFields.CipherSuite, b + r.Position - 2, 2, cs);
            }
            f.EndTree(t);
            if ((csLen & 1) != 0 && !r.TrySkip(1)) return;
            if (!r.TryU8(out byte cmLen)) return;
            f.AddUInt(TlsHandshakeFields.CompMethodsLength, b + r.Position - 1, 1, cmLen);
            int ct = f.BeginTree(TlsHandshakeFields.CompMethods, b + r.Position, cmLen);
            for (int i = 0; i < cmLen; i++)
            {
                if (!r.TryU8(out byte cm)) { f.EndTree(ct); return; }
                f.AddUInt(TlsHandshakeFields.CompMethod, b + r.Position - 1, 1, cm);
            }
            f.EndTree(ct);
        }
        else
        {
            if (!r.TryU16(out ushort cs)) return;
            f.AddUInt(TlsHandshakeFields.CipherSuite, b + r.Position - 2, 2, cs);
            sum.CipherSuite = cs;
            if (!r.TryU8(out byte cm)) return;
            f.AddUInt(TlsHandshakeFields.CompMethod, b + r.Position - 1, 1, cm);
        }
        if (r.Remaining <= 0) return;   // no extensions (SSLv3, old TLS)
        Extensions(ref r, f, client, ref sum);
    }

    /// <summary>An extensions block: two-byte total length, then type/length/data entries.</summary>
    static void Extensions(ref WireReader r, PacketFields f, bool client, ref TlsHandshakeSummary sum)
    {
        int b = r.BaseOffset;
        if (!r.TryU16(out ushort extLen)) return;
        f.AddUInt(TlsHandshakeFields.ExtensionsLength, b + r.Position - 2, 2, extLen);
        int extEnd = Math.Min(r.Position + extLen, r.Length);
        while (r.Position + 4 <= extEnd)
        {
            int es = r.Position;
            r.TryU16(out ushort type);
            r.TryU16(out ushort len);
            f.AddUInt(TlsHandshakeFields.ExtensionType, b + es, 2, type);
            f.AddUInt(TlsHandshakeFields.ExtensionLen, b + es + 2, 2, len);
            if (r.Position + len > extEnd) return;
            var ext = new WireReader(r.Data.Slice(r.Position, len), b + r.Position);
            Extension(ref ext, f, type, client, ref sum);
            r.Position += len;
        }
    }

    static void Extension(ref WireReader r, PacketFields f, ushort type, bool client, ref TlsHandshakeSummary sum)
    {
        int b = r.BaseOffset;
        switch (type)
        {
            case 0:   // server_name (a ServerHello echoes it empty)
            {
                if (!r.TryU16(out ushort listLen)) return;
                f.AddUInt(TlsHandshakeFields.ServerNameListLen, b, 2, listLen);
                while (r.Remaining >= 3)
                {
                    int s = r.Position;
                    r.TryU8(out byte nt);
                    r.TryU16(out ushort nl);
                    f.AddUInt(TlsHandshakeFields.ServerNameType, b + s, 1, nt);
                    f.AddUInt(TlsHandshakeFields.ServerNameLen, b + s + 1, 2, nl);
                    if (!r.TrySkip(nl)) return;
                    f.AddBytes(TlsHandshakeFields.ServerName, b + s + 3, nl);
                }
                return;
            }
            case 10:  // supported_groups
            {
                if (!r.TryU16(out ushort gl)) return;
                f.AddUInt(TlsHandshakeFields.SupportedGroupsLength, b, 2, gl);
                int t = f.BeginTree(TlsHandshakeFields.SupportedGroups, b + 2, r.Remaining);
                for (int i = 0; i + 1 < gl && r.TryU16(out ushort g); i += 2)
                    f.AddUInt(TlsHandshakeFields.SupportedGroup, b + r.Position - 2, 2, g);
                f.EndTree(t);
                return;
            }
            case 11:  // ec_point_formats
            {
                if (!r.TryU8(out byte fl)) return;
                f.AddUInt(TlsHandshakeFields.EcPointFormatsLength, b, 1, fl);
                int t = f.BeginTree(TlsHandshakeFields.EcPointFormats, b + 1, r.Remaining);
                for (int i = 0; i < fl && r.TryU8(out byte pf); i++)
                    f.AddUInt(TlsHandshakeFields.EcPointFormat, b + r.Position - 1, 1, pf);
                f.EndTree(t);
                return;
            }
            case 13:  // signature_algorithms
                SignatureAlgorithms(ref r, f);
                return;
            case 16:  // application_layer_protocol_negotiation
            {
                if (!r.TryU16(out ushort alpnLen)) return;
                f.AddUInt(TlsHandshakeFields.AlpnLen, b, 2, alpnLen);
                int t = f.BeginTree(TlsHandshakeFields.AlpnList, b + 2, r.Remaining);
                while (r.Remaining >= 1)
                {
                    int s = r.Position;
                    r.TryU8(out byte sl);
                    f.AddUInt(TlsHandshakeFields.AlpnStrLen, b + s, 1, sl);
                    if (!r.TrySkip(sl)) break;
                    f.AddBytes(TlsHandshakeFields.AlpnStr, b + s + 1, sl);
                }
                f.EndTree(t);
                return;
            }
            case 43:  // supported_versions
            {
                if (!client)
                {
                    if (r.TryU16(out ushort sv))
                    {
                        f.AddUInt(TlsHandshakeFields.SupportedVersion, b, 2, sv);
                        sum.NegotiatedVersion = sv;
                    }
                    return;
                }
                if (!r.TryU8(out byte svLen)) return;
                f.AddUInt(TlsHandshakeFields.SupportedVersionsLen, b, 1, svLen);
                for (int i = 0; i + 1 < svLen && r.TryU16(out ushort v); i += 2)
                    f.AddUInt(TlsHandshakeFields.SupportedVersion, b + r.Position - 2, 2, v);
                return;
            }
            case 51:  // key_share
            {
                if (!client)
                {
                    if (r.Length == 2)
                    {
                        if (r.TryU16(out ushort sel)) f.AddUInt(TlsHandshakeFields.KeyShareSelectedGroup, b, 2, sel);
                        return;
                    }
                    KeyShareEntry(ref r, f);
                    return;
                }
                if (!r.TryU16(out ushort kl)) return;
                f.AddUInt(TlsHandshakeFields.KeyShareClientLength, b, 2, kl);
                while (r.Remaining >= 4 && KeyShareEntry(ref r, f)) { }
                return;
            }
        }
    }

    static void SignatureAlgorithms(ref WireReader r, PacketFields f)
    {
        int b = r.BaseOffset;
        int s = r.Position;
        if (!r.TryU16(out ushort sl)) return;
        f.AddUInt(TlsHandshakeFields.SigHashAlgLen, b + s, 2, sl);
        int t = f.BeginTree(TlsHandshakeFields.SigHashAlgs, b + r.Position, Math.Min(sl, r.Remaining));
        for (int i = 0; i + 1 < sl && r.TryU16(out ushort alg); i += 2)
            f.AddUInt(TlsHandshakeFields.SigHashAlg, b + r.Position - 2, 2, alg);
        f.EndTree(t);
    }

    static bool KeyShareEntry(ref WireReader r, PacketFields f)
    {
        int b = r.BaseOffset;
        int s = r.Position;
        if (!r.TryU16(out ushort group) || !r.TryU16(out ushort kxl)) return false;
        f.AddUInt(TlsHandshakeFields.KeyShareGroup, b + s, 2, group);
        f.AddUInt(TlsHandshakeFields.KeyShareKeyExchangeLength, b + s + 2, 2, kxl);
        if (!r.TrySkip(kxl)) return false;
        f.AddBytes(TlsHandshakeFields.KeyShareKeyExchange, b + s + 4, kxl);
        return true;
    }

    // ---- other messages ----

    static void Certificate(ref WireReader r, PacketFields f, ushort version)
    {
        int b = r.BaseOffset;
        bool tls13 = version == Tls13;
        if (tls13)
        {
            if (!r.TryU8(out byte cl)) return;
            f.AddUInt(TlsHandshakeFields.CertRequestContextLength, b, 1, cl);
            if (!r.TrySkip(cl)) return;
            if (cl > 0) f.AddBytes(TlsHandshakeFields.CertRequestContext, b + 1, cl);
        }
        if (!r.TryU24(out uint total)) return;
        f.AddUInt(TlsHandshakeFields.CertificatesLength, b + r.Position - 3, 3, total);
        int end = (int)Math.Min((uint)r.Length, (uint)r.Position + total);
        int t = f.BeginTree(TlsHandshakeFields.Certificates, b + r.Position, end - r.Position);
        bool x509 = f.WantsProtocol(X509Fields.Af) || f.WantsProtocol(X509Fields.If) || f.WantsProtocol(X509Fields.Sat);
        while (r.Position + 3 <= end)
        {
            r.TryU24(out uint cl);
            f.AddUInt(TlsHandshakeFields.CertificateLength, b + r.Position - 3, 3, cl);
            int at = r.Position;
            if (!r.TrySkip((int)Math.Min(cl, int.MaxValue))) break;
            f.AddBytes(TlsHandshakeFields.Certificate, b + at, (int)cl);
            if (x509) X509.Certificate(r.Data.Slice(at, (int)cl), b + at, f);
            if (tls13)
            {
                if (!r.TryU16(out ushort el) || !r.TrySkip(el)) break;
            }
        }
        f.EndTree(t);
    }

    enum KeyExchange : byte { Unknown, Rsa, Ecdh, Dh }

    /// <summary>The key exchange of a TLS 1.2-or-older cipher suite, from its IANA name.</summary>
    static KeyExchange KeyExchangeOf(ushort suite)
    {
        if (suite == 0 || !TlsNames.CipherSuites.TryGetValue(suite, out var name)) return KeyExchange.Unknown;
        var s = name.AsSpan();
        if (s.StartsWith("TLS_RSA_") || s.StartsWith("SSL_RSA_")) return KeyExchange.Rsa;
        if (s.StartsWith("TLS_ECDHE_") || s.StartsWith("TLS_ECDH_")) return KeyExchange.Ecdh;
        if (s.StartsWith("TLS_DHE_") || s.StartsWith("TLS_DH_")) return KeyExchange.Dh;
        return KeyExchange.Unknown;
    }

    static void ServerKeyExchange(ref WireReader r, PacketFields f, ushort version, ushort suite)
    {
        if (KeyExchangeOf(suite) != KeyExchange.Ecdh) return;
        int b = r.BaseOffset;
        if (!r.TryU8(out byte curveType)) return;
        f.AddUInt(TlsHandshakeFields.ServerCurveType, b, 1, curveType);
        if (curveType != 3) return;   // only named_curve is in use
        if (!r.TryU16(out ushort curve)) return;
        f.AddUInt(TlsHandshakeFields.ServerNamedCurve, b + 1, 2, curve);
        if (!r.TryU8(out byte pl)) return;
        f.AddUInt(TlsHandshakeFields.ServerPointLen, b + 3, 1, pl);
        if (!r.TrySkip(pl)) return;
        f.AddBytes(TlsHandshakeFields.ServerPoint, b + 4, pl);
        if (version >= Tls12)
        {
            if (!r.TryU16(out ushort alg)) return;
            f.AddUInt(TlsHandshakeFields.SigHashAlg, b + r.Position - 2, 2, alg);
        }
        if (!r.TryU16(out ushort sl)) return;
        f.AddUInt(TlsHandshakeFields.SigLen, b + r.Position - 2, 2, sl);
        int at = r.Position;
        if (r.TrySkip(sl)) f.AddBytes(TlsHandshakeFields.Sig, b + at, sl);
    }

    static void ClientKeyExchange(ref WireReader r, PacketFields f, ushort suite)
    {
        int b = r.BaseOffset;
        switch (KeyExchangeOf(suite))
        {
            case KeyExchange.Ecdh:
            {
                if (!r.TryU8(out byte pl)) return;
                f.AddUInt(TlsHandshakeFields.ClientPointLen, b, 1, pl);
                if (r.TrySkip(pl)) f.AddBytes(TlsHandshakeFields.ClientPoint, b + 1, pl);
                return;
            }
            case KeyExchange.Rsa:
            {
                if (!r.TryU16(out ushort el)) return;
                f.AddUInt(TlsHandshakeFields.EpmsLen, b, 2, el);
                if (r.TrySkip(el)) f.AddBytes(TlsHandshakeFields.Epms, b + 2, el);
                return;
            }
        }
    }

    static void CertificateRequest(ref WireReader r, PacketFields f, ushort version, ref TlsHandshakeSummary sum)
    {
        int b = r.BaseOffset;
        if (version == Tls13)
        {
            if (!r.TryU8(out byte cl)) return;
            f.AddUInt(TlsHandshakeFields.CertRequestContextLength, b, 1, cl);
            if (!r.TrySkip(cl)) return;
            if (cl > 0) f.AddBytes(TlsHandshakeFields.CertRequestContext, b + 1, cl);
            Extensions(ref r, f, client: false, ref sum);
            return;
        }
        if (!r.TryU8(out byte count)) return;
        f.AddUInt(TlsHandshakeFields.CertTypesCount, b, 1, count);
        int t = f.BeginTree(TlsHandshakeFields.CertTypes, b + 1, Math.Min(count, r.Remaining));
        for (int i = 0; i < count && r.TryU8(out byte ct); i++)
            f.AddUInt(TlsHandshakeFields.CertType, b + r.Position - 1, 1, ct);
        f.EndTree(t);
        if (r.Remaining <= 0) return;
        if (version >= Tls12) SignatureAlgorithms(ref r, f);
        int dn = r.Position;
        if (!r.TryU16(out ushort dl)) return;
        f.AddUInt(TlsHandshakeFields.DnamesLen, b + dn, 2, dl);
        if (dl > 0) { int dt = f.BeginTree(TlsHandshakeFields.Dnames, b + dn + 2, Math.Min(dl, r.Remaining)); f.EndTree(dt); }
    }

    static void CertificateVerify(ref WireReader r, PacketFields f, ushort version)
    {
        int b = r.BaseOffset;
        if (version >= Tls12)
        {
            if (!r.TryU16(out ushort alg)) return;
            f.AddUInt(TlsHandshakeFields.SigHashAlg, b, 2, alg);
        }
        int s = r.Position;
        if (!r.TryU16(out ushort sl)) return;
        f.AddUInt(TlsHandshakeFields.CertVerifySigLen, b + s, 2, sl);
        if (r.TrySkip(sl)) f.AddBytes(TlsHandshakeFields.CertVerifySig, b + s + 2, sl);
    }

    static void NewSessionTicket(ref WireReader r, PacketFields f, ushort version)
    {
        int b = r.BaseOffset;
        if (!r.TryU32(out uint lifetime)) return;
        f.AddUInt(TlsHandshakeFields.TicketLifetimeHint, b, 4, lifetime);
        if (version == Tls13)
        {
            if (!r.TryU32(out uint ageAdd)) return;
            f.AddUInt(TlsHandshakeFields.TicketAgeAdd, b + 4, 4, ageAdd);
            if (!r.TryU8(out byte nl)) return;
            f.AddUInt(TlsHandshakeFields.TicketNonceLength, b + 8, 1, nl);
            if (!r.TrySkip(nl)) return;
            f.AddBytes(TlsHandshakeFields.TicketNonce, b + 9, nl);
        }
        int s = r.Position;
        if (!r.TryU16(out ushort tl)) return;
        f.AddUInt(TlsHandshakeFields.TicketLength, b + s, 2, tl);
        if (r.TrySkip(tl)) f.AddBytes(TlsHandshakeFields.Ticket, b + s + 2, tl);
    }

    internal static ushort U16(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt16BigEndian(s.Slice(at));
}
