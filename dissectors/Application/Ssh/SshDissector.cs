using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Ssh;

/// <summary>
/// SSH transport layer (RFC 4253; tcp.port 22 and a heuristic on "SSH-"): the version line (ssh.protocol), cleartext
/// binary packets (length, padding, message code with tshark's names), KEXINIT (cookie, the ten name-lists, first
/// KEX packet follows), DH / DH group exchange / ECDH init and reply headers (host key type, ECDSA and EdDSA keys,
/// ephemeral keys, signature type), NEWKEYS; after a side's NEWKEYS its packets are encrypted and shown as
/// "Encrypted packet (len=N)". Frames through <see cref="SshFramer"/>. Per connection, first-pass state keeps the
/// frame of the client's version line (Protocol column "SSH" before it, "SSHv2" after), each side's NEWKEYS and the
/// negotiated key exchange method (which names messages 30–34).
/// </summary>
public sealed class SshDissector : IHeuristicDissector, ITcpFramed
{
    public const ushort Port = 22;

    public ProtocolDef Protocol => SshFields.Protocol;
    public IPduFramer TcpFramer => SshFramer.Instance;
    public int Priority => 50;

    public void Register(DissectorTables tables)
    {
        var tcp = tables.Get("tcp.port", "TCP port");
        tcp.Add(Port, this);
        tcp.AddHeuristic(this);
    }

    /// <summary>Heuristic: a version line.</summary>
    public bool Accepts(ReadOnlySpan<byte> payload, DissectContext ctx) => payload.Length >= 4 && payload.StartsWith("SSH-"u8);

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        bool server = IsServer(ctx);
        long frame = ctx.Frame.Number;
        int pduIndex = Math.Max(0, ctx.TcpPduIndex);
        var conn = SshState.Find(ctx, create: true);

        byte version = conn?.VersionBefore(frame) ?? 0;
        ctx.Columns.Protocol = version switch { 2 => "SSHv2", 1 => "SSHv1", _ => "SSH" };
        if (cols)
        {
            var info = ctx.Columns.Info.Clear();
            info.Append(info.Length == 0 ? (server ? "Server: " : "Client: ") : ", ");
        }

        // Without the reassembler a segment may hold several packets: frame them here the same way.
        int pos = 0, sub = 0;
        while (pos < reported)
        {
            var rest = d.Slice(Math.Min(pos, d.Length));
            int restReported = reported - pos;
            var kind = SshFramer.Classify(rest, out int len);
            bool encrypted = conn is not null && conn.Encrypted(server, frame, pduIndex, sub);
            if (sub > 0 && cols) ctx.Columns.Info.Append(", ");
            if (kind == SshFramer.Kind.Banner && !encrypted)
            {
                Banner(rest.Slice(0, Math.Min(len, rest.Length)), o + pos, len, f, cols ? ctx.Columns.Info : null);
                conn?.SawBanner(server, frame, rest);
                pos += len;
            }
            else if (kind == SshFramer.Kind.Packet && !encrypted && (conn is null || conn.AnyBanner))
            {
                var h = Packet(rest.Slice(0, len), o + pos, ctx, conn, server, frame, pduIndex, sub);
                if (h.Status != LayerStatus.Ok) return h;
                pos += len;
            }
            else if (kind == SshFramer.Kind.NeedMore && !encrypted && rest.Length < restReported)
            {
                return Handoff.Truncated("SSH packet cut by the capture length");
            }
            else
            {
                Encrypted(o + pos, restReported, Math.Min(rest.Length, restReported), f, cols ? ctx.Columns.Info : null);
                pos = reported;
            }
            sub++;
        }
        f.AddBool(SshFields.Direction, -1, 0, server);
        if (d.Length < reported) return Handoff.Truncated("SSH data cut by the capture length");
        return Handoff.Done;
    }

    /// <summary>Server side: the source port is 22, or (heuristic, other port) the lower of the two ports.</summary>
    static bool IsServer(DissectContext ctx)
    {
        if (ctx.SrcPort == Port && ctx.DstPort != Port) return true;
        if (ctx.DstPort == Port) return false;
        return ctx.SrcPort < ctx.DstPort;
    }

    static void Banner(ReadOnlySpan<byte> line, int at, int len, PacketFields f, TextColumn? info)
    {
        int n = line.Length;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        f.AddBytes(SshFields.ProtocolLine, at, n);
        info?.Append("Protocol (").AppendAscii(line.Slice(0, n)).Append(')');
    }

    static void Encrypted(int at, int reported, int captured, PacketFields f, TextColumn? info)
    {
        info?.Append("Encrypted packet (len=").Append((ulong)reported).Append(')');
        if (reported > 4)
        {
            f.AddBytes(SshFields.PacketLengthEncrypted, at, Math.Min(4, captured));
            f.AddBytes(SshFields.EncryptedPacket, at + 4, Math.Max(0, captured - 4));
        }
    }

    static Handoff Packet(ReadOnlySpan<byte> p, int at, DissectContext ctx, SshConnection? conn, bool server, long frame, int pduIndex, int sub)
    {
        var f = ctx.Fields;
        uint pl = BinaryPrimitives.ReadUInt32BigEndian(p);
        byte pad = p[4], code = p[5];
        f.AddUInt(SshFields.PacketLength, at, 4, pl);
        f.AddUInt(SshFields.PaddingLength, at + 4, 1, pad);
        f.AddUInt(SshFields.MessageCode, at + 5, 1, code);
        var kex = conn?.Kex ?? KexKind.Dh;
        if (ctx.WantColumns)
        {
            var names = code is >= 30 and <= 49 ? kex switch { KexKind.Gex => SshFields.GexNames, KexKind.Ecdh => SshFields.EcdhNames, _ => SshFields.DhNames } : SshFields.MessageNames;
            if (names.TryGetValue(code, out var name)) ctx.Columns.Info.Append(name);
            else ctx.Columns.Info.Append("Unknown (").Append((ulong)code).Append(')');
        }
        int payloadEnd = 4 + (int)pl - pad;
        var r = new SshReader(p.Slice(0, payloadEnd), at, f) { Pos = 6 };
        switch (code)
        {
            case 20:
                if (r.Bytes(SshFields.Cookie, 16))
                {
                    for (int i = 0; i < SshFields.NameLists.Length && r.NameList(SshFields.NameLists[i]); i++) { }
                    if (r.U8(SshFields.FirstKexFollows)) r.Bytes(SshFields.KexReserved, 4);
                }
                conn?.SawKexInit(server, frame, p.Slice(6, payloadEnd - 6));
                break;
            case 21:
                conn?.SawNewKeys(server, frame, pduIndex, sub);
                break;
            case >= 30 and <= 34:
                KexMessage(ref r, code, kex);
                break;
        }
        if (pad > 0 && payloadEnd >= 5) f.AddBytes(SshFields.PaddingString, at + payloadEnd, pad);
        return Handoff.Done;
    }

    static void KexMessage(ref SshReader r, byte code, KexKind kex)
    {
        switch (kex, code)
        {
            case (KexKind.Ecdh, 30): r.String(SshFields.EcdhQc, SshFields.EcdhQcLength); break;
            case (KexKind.Ecdh, 31):
                if (r.HostKey()) if (r.String(SshFields.EcdhQs, SshFields.EcdhQsLength)) r.Signature();
                break;
            case (KexKind.Dh, 30): r.String(SshFields.DhE, SshFields.MpintLength); break;
            case (KexKind.Dh, 31):
                if (r.HostKey()) if (r.String(SshFields.DhF, SshFields.MpintLength)) r.Signature();
                break;
            case (KexKind.Gex, 34):
                if (r.U32(SshFields.GexMin) && r.U32(SshFields.GexNbits)) r.U32(SshFields.GexMax);
                break;
            case (KexKind.Gex, 30): r.U32(SshFields.GexNbits); break;
            case (KexKind.Gex, 31):
                if (r.String(SshFields.GexP, SshFields.MpintLength)) r.String(SshFields.GexG, SshFields.MpintLength);
                break;
            case (KexKind.Gex, 32): r.String(SshFields.DhE, SshFields.MpintLength); break;
            case (KexKind.Gex, 33):
                if (r.HostKey()) if (r.String(SshFields.DhF, SshFields.MpintLength)) r.Signature();
                break;
        }
    }

    /// <summary>Bounds-checked reads of SSH's uint32-length strings inside one packet's payload.</summary>
    ref struct SshReader
    {
        readonly ReadOnlySpan<byte> _p;
        readonly int _at;
        readonly PacketFields _f;
        public int Pos;

        public SshReader(ReadOnlySpan<byte> payload, int at, PacketFields f) { _p = payload; _at = at; _f = f; Pos = 0; }

        public bool Bytes(FieldDef field, int n)
        {
            if (Pos + n > _p.Length) return false;
            _f.AddBytes(field, _at + Pos, n);
            Pos += n;
            return true;
        }

        public bool U8(FieldDef field)
        {
            if (Pos + 1 > _p.Length) return false;
            _f.AddUInt(field, _at + Pos, 1, _p[Pos]);
            Pos++;
            return true;
        }

        public bool U32(FieldDef field)
        {
            if (Pos + 4 > _p.Length) return false;
            _f.AddUInt(field, _at + Pos, 4, BinaryPrimitives.ReadUInt32BigEndian(_p.Slice(Pos)));
            Pos += 4;
            return true;
        }

        bool Length(out int n)
        {
            n = 0;
            if (Pos + 4 > _p.Length) return false;
            uint v = BinaryPrimitives.ReadUInt32BigEndian(_p.Slice(Pos));
            if (v > (uint)(_p.Length - Pos - 4)) return false;
            n = (int)v;
            return true;
        }

        /// <summary>uint32 length then that many bytes, as (length field, value field).</summary>
        public bool String(FieldDef value, FieldDef length)
        {
            if (!Length(out int n)) return false;
            _f.AddUInt(length, _at + Pos, 4, (ulong)n);
            _f.AddBytes(value, _at + Pos + 4, n);
            Pos += 4 + n;
            return true;
        }

        public bool NameList((FieldDef Text, FieldDef Length) l) => String(l.Text, l.Length);

        /// <summary>K_S: the host key blob (length, type, and for ECDSA/EdDSA its parts).</summary>
        public bool HostKey()
        {
            if (!Length(out int n)) return false;
            _f.AddUInt(SshFields.HostKeyLength, _at + Pos, 4, (ulong)n);
            int end = Pos + 4 + n;
            var inner = new SshReader(_p.Slice(0, end), _at, _f) { Pos = Pos + 4 };
            if (inner.Length(out int tl))
            {
                var type = _p.Slice(inner.Pos + 4, tl);
                inner.String(SshFields.HostKeyType, SshFields.HostKeyTypeLength);
                if (type.StartsWith("ecdsa-sha2-"u8))
                {
                    if (inner.String(SshFields.EcdsaId, SshFields.EcdsaIdLength)) inner.String(SshFields.EcdsaQ, SshFields.EcdsaQLength);
                }
                else if (type.SequenceEqual("ssh-ed25519"u8) || type.SequenceEqual("ssh-ed448"u8))
                    inner.String(SshFields.EddsaKey, SshFields.EddsaKeyLength);
                else if (inner.Pos < end) _f.AddBytes(SshFields.HostKeyData, _at + inner.Pos, end - inner.Pos);
            }
            Pos = end;
            return true;
        }

        /// <summary>The exchange-hash signature: length and type. As tshark 4.0, the bytes decoded are the two
        /// lengths, the type and, for ssh-rsa and ssh-dss only, the mpint that follows; when they do not add up to
        /// the signature length (every other type: ECDSA, EdDSA, rsa-sha2-*) the length gets ssh.packet_decode.error.</summary>
        public void Signature()
        {
            if (!Length(out int n)) return;
            int at = Pos;
            _f.AddUInt(SshFields.HostSigLength, _at + at, 4, (ulong)n);
            var inner = new SshReader(_p.Slice(0, Pos + 4 + n), _at, _f) { Pos = Pos + 4 };
            if (inner.Length(out int tl))
            {
                var type = _p.Slice(inner.Pos + 4, tl);
                int decoded = 8 + tl;
                bool whole = true;
                if (type.SequenceEqual("ssh-rsa"u8) || type.SequenceEqual("ssh-dss"u8))
                {
                    // ssh_tree_add_mpint: a uint32 length and that many bytes (a read past the packet stops tshark).
                    int m = at + decoded;
                    uint ml = m + 4 <= _p.Length ? BinaryPrimitives.ReadUInt32BigEndian(_p.Slice(m)) : uint.MaxValue;
                    whole = ml <= (uint)(_p.Length - m - 4);
                    if (whole) decoded += 4 + (int)ml;
                }
                inner.String(SshFields.HostSigType, SshFields.HostSigTypeLength);
                if (whole && decoded != 4 + n)
                    _f.AddFlag(SshFields.PacketDecodeError, _at + at, 0,
                        _f.WantsAll ? $"Decoded {decoded} bytes, but packet legnth is {n} bytes" : null);
            }
            Pos += 4 + n;
        }
    }
}

/// <summary>Which key exchange family names messages 30–34 (tshark's default is plain DH).</summary>
public enum KexKind : byte { Dh, Gex, Ecdh }

/// <summary>First-pass state of one SSH connection; reads compare frame numbers so re-dissecting a frame alone
/// gives the same answer.</summary>
public sealed class SshConnection
{
    long _clientBannerFrame;
    byte _version;
    readonly long[] _newKeysFrame = new long[2];
    readonly int[] _newKeysPdu = new int[2];
    readonly long[] _bannerFrame = new long[2];
    byte[]? _clientKex, _serverKex;

    public KexKind Kex { get; private set; }
    public bool AnyBanner => _bannerFrame[0] != 0 || _bannerFrame[1] != 0;

    /// <summary>The protocol version known before <paramref name="frame"/> (from the client's version line).</summary>
    public byte VersionBefore(long frame) => _clientBannerFrame != 0 && _clientBannerFrame < frame ? _version : (byte)0;

    public void SawBanner(bool server, long frame, ReadOnlySpan<byte> line)
    {
        int side = server ? 1 : 0;
        if (_bannerFrame[side] == 0 || frame < _bannerFrame[side]) _bannerFrame[side] = frame;
        if (server || _clientBannerFrame != 0) return;
        _clientBannerFrame = frame;
        _version = line.StartsWith("SSH-2."u8) || line.StartsWith("SSH-1.99-"u8) ? (byte)2 : line.StartsWith("SSH-1."u8) ? (byte)1 : (byte)0;
    }

    /// <summary>True when the side's packets at this position come after its NEWKEYS.</summary>
    public bool Encrypted(bool server, long frame, int pdu, int sub)
    {
        int side = server ? 1 : 0;
        long nk = _newKeysFrame[side];
        if (nk == 0 || frame < nk) return false;
        if (frame > nk) return true;
        return pdu * 1024 + sub > _newKeysPdu[side];
    }

    public void SawNewKeys(bool server, long frame, int pdu, int sub)
    {
        int side = server ? 1 : 0;
        if (_newKeysFrame[side] != 0) return;   // the first NEWKEYS switches on encryption (first pass)
        _newKeysFrame[side] = frame;
        _newKeysPdu[side] = pdu * 1024 + sub;
    }

    public void SawKexInit(bool server, long frame, ReadOnlySpan<byte> payload)
    {
        ref var mine = ref server ? ref _serverKex : ref _clientKex;
        if (mine is not null) return;
        // Keep only the kex name-list (after the 16-byte cookie).
        if (payload.Length < 20) return;
        uint n = BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(16));
        if (n > (uint)(payload.Length - 20)) return;
        mine = payload.Slice(20, (int)n).ToArray();
        if (_clientKex is not null && _serverKex is not null) Kex = Negotiate(_clientKex, _serverKex);
    }

    /// <summary>RFC 4253 §7.1: the first client algorithm the server also lists; its family as tshark 4.0 picks it.</summary>
    public static KexKind Negotiate(ReadOnlySpan<byte> client, ReadOnlySpan<byte> server)
    {
        while (!client.IsEmpty)
        {
            int c = client.IndexOf((byte)',');
            var name = c < 0 ? client : client.Slice(0, c);
            client = c < 0 ? default : client.Slice(c + 1);
            if (!Contains(server, name)) continue;
            if (name.SequenceEqual("diffie-hellman-group-exchange-sha1"u8) || name.SequenceEqual("diffie-hellman-group-exchange-sha256"u8))
                return KexKind.Gex;
            if (name.StartsWith("ecdh-sha2-"u8) || name.SequenceEqual("curve25519-sha256@libssh.org"u8) ||
                name.SequenceEqual("curve25519-sha256"u8) || name.SequenceEqual("curve448-sha512"u8))
                return KexKind.Ecdh;
            return KexKind.Dh;
        }
        return KexKind.Dh;
    }

    static bool Contains(ReadOnlySpan<byte> list, ReadOnlySpan<byte> name)
    {
        while (!list.IsEmpty)
        {
            int c = list.IndexOf((byte)',');
            var item = c < 0 ? list : list.Slice(0, c);
            if (item.SequenceEqual(name)) return true;
            list = c < 0 ? default : list.Slice(c + 1);
        }
        return false;
    }
}

/// <summary>SSH connections by (address, port) pair, per TCP analysis (first-pass state lives as long as the
/// analysis that owns the conversations).</summary>
internal static class SshState
{
    readonly record struct Key(Address A, ushort PortA, Address B, ushort PortB);

    static readonly ConditionalWeakTable<object, Dictionary<Key, SshConnection>> ByOwner = new();

    public static SshConnection? Find(DissectContext ctx, bool create)
    {
        if (ctx.Tcp is not { } owner || ctx.NetSrc.Kind == AddressKind.None || ctx.InErrorPacket) return null;
        var map = ByOwner.GetValue(owner, static _ => new Dictionary<Key, SshConnection>());
        bool srcFirst = ctx.NetSrc.CompareTo(ctx.NetDst) < 0 || (ctx.NetSrc.Equals(ctx.NetDst) && ctx.SrcPort <= ctx.DstPort);
        var key = srcFirst ? new Key(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort) : new Key(ctx.NetDst, ctx.DstPort, ctx.NetSrc, ctx.SrcPort);
        if (map.TryGetValue(key, out var c)) return c;
        if (!create) return null;
        c = new SshConnection();
        map[key] = c;
        return c;
    }
}
