using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>
/// Just enough of the TLS 1.3 handshake (RFC 8446 section 4) for what QUIC's Initial CRYPTO stream carries: each
/// message's type and length; for ClientHello/ServerHello the version, random, session id, cipher suites,
/// compression methods and the extensions SNI, ALPN, supported_versions, supported_groups and key_share. Offsets are
/// relative to <paramref name="msgs"/> (the current data source). Never throws; a cut message ends the walk.
/// </summary>
public static class TlsHandshake
{
    public static void Parse(ReadOnlySpan<byte> msgs, PacketFields f)
    {
        int proto = f.BeginTree(TlsHandshakeFields.Protocol, 0, msgs.Length);
        var r = new WireReader(msgs);
        while (r.Remaining >= 4)
        {
            int start = r.Position;
            r.TryU8(out byte type);
            r.TryU24(out uint len);
            int tree = f.BeginTree(TlsHandshakeFields.Handshake, start, (int)Math.Min(len + 4, (uint)(msgs.Length - start)));
            f.AddUInt(TlsHandshakeFields.Type, start, 1, type);
            f.AddUInt(TlsHandshakeFields.Length, start + 1, 3, len);
            if (len > (uint)r.Remaining) { f.EndTree(tree); break; }
            var body = new WireReader(msgs.Slice(r.Position, (int)len), r.Position);
            if (type is 1 or 2) Hello(ref body, f, client: type == 1);
            r.Position += (int)len;
            f.EndTree(tree);
        }
        f.EndTree(proto);
    }

    static void Hello(ref WireReader r, PacketFields f, bool client)
    {
        int b = r.BaseOffset;
        if (!r.TryU16(out ushort version)) return;
        f.AddUInt(TlsHandshakeFields.Version, b + r.Position - 2, 2, version);
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
            for (int i = 0; i < cmLen; i++)
            {
                if (!r.TryU8(out byte cm)) return;
                f.AddUInt(TlsHandshakeFields.CompMethod, b + r.Position - 1, 1, cm);
            }
        }
        else
        {
            if (!r.TryU16(out ushort cs)) return;
            f.AddUInt(TlsHandshakeFields.CipherSuite, b + r.Position - 2, 2, cs);
            if (!r.TryU8(out byte cm)) return;
            f.AddUInt(TlsHandshakeFields.CompMethod, b + r.Position - 1, 1, cm);
        }
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
            Extension(ref ext, f, type, client);
            r.Position += len;
        }
    }

    static void Extension(ref WireReader r, PacketFields f, ushort type, bool client)
    {
        int b = r.BaseOffset;
        switch (type)
        {
            case 0:   // server_name
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
                    if (r.TryU16(out ushort sv)) f.AddUInt(TlsHandshakeFields.SupportedVersion, b, 2, sv);
                    return;
                }
                if (!r.TryU8(out byte svLen)) return;
                f.AddUInt(TlsHandshakeFields.SupportedVersionsLen, b, 1, svLen);
                for (int i = 0; i + 1 < svLen && r.TryU16(out ushort v); i += 2)
                    f.AddUInt(TlsHandshakeFields.SupportedVersion, b + r.Position - 2, 2, v);
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
}
