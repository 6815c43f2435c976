using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Application.Tls;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>
/// IETF QUIC (RFC 9000, 9001, 9369) on UDP port 443 and as a heuristic on "udp.port" (a long header with a known
/// version, or a short header whose DCID belongs to a tracked connection). Every packet of a datagram (coalesced
/// packets) gets its own quic tree; the Info column shows the last one, as tshark does. Connections are tracked by
/// the connection IDs of long headers (and the address/port pair for zero-length IDs) on the first pass; what the
/// first pass decided is recorded per packet so a re-dissection repeats it. Initial packets are decrypted with the
/// keys derived from the client's first DCID; their frames are parsed and the CRYPTO stream is reassembled so the
/// TLS ClientHello/ServerHello inside can be shown (SNI, ALPN, versions, cipher suites, key share groups).
/// </summary>
public sealed class QuicDissector : IHeuristicDissector
{
    public const ushort Port = 443;
    const int TypeInitial = 0, TypeZeroRtt = 1, TypeHandshake = 2, TypeRetry = 3;
    static readonly string[] TypeText = { "Initial", "0-RTT", "Handshake", "Retry" };

    public ProtocolDef Protocol => QuicFields.Protocol;
    public int Priority => 50;

    public void Register(DissectorTables tables)
    {
        var t = tables.Get("udp.port", "UDP port");
        t.Add(Port, this);
        t.AddHeuristic(this);
    }

    /// <summary>Cheap and pure: a long header with a version this dissector knows (or a Version Negotiation naming a
    /// tracked connection), or a short header whose DCID is a tracked connection's.</summary>
    public bool Accepts(ReadOnlySpan<byte> p, DissectContext ctx)
    {
        if (p.Length < 7) return false;
        byte b0 = p[0];
        if ((b0 & 0x80) != 0)
        {
            uint v = BinaryPrimitives.ReadUInt32BigEndian(p.Slice(1));
            int dcil = p[5];
            if (dcil > QuicCid.MaxLength || 6 + dcil >= p.Length) return false;
            int scil = p[6 + dcil];
            if (scil > QuicCid.MaxLength || 7 + dcil + scil > p.Length) return false;
            if (v == QuicVersions.Negotiation)
                return QuicState.TryGet(ctx, out var st) && (st.TryFindCid(p.Slice(6, dcil), out _, out _) || st.TryFindCid(p.Slice(7 + dcil, scil), out _, out _));
            return (b0 & 0x40) != 0 && QuicVersions.IsKnown(v);
        }
        if ((b0 & 0x40) == 0) return false;
        return QuicState.TryGet(ctx, out var s) && s.MatchShort(p.Slice(1), out _, out _, out _);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var data = tvb.Span;
        if (data.IsEmpty || GquicDissector.Looks(data)) return Handoff.Reject;   // gQUIC has its own dissector
        var f = ctx.Fields;
        int tree = f.WantsAll && f.Count > 0 && ReferenceEquals(f[f.Count - 1].Field, QuicFields.Protocol) ? f.Count - 1 : -1;
        var state = QuicState.For(ctx);
        long frameNo = ctx.Frame.Number;
        bool firstPass = state.BeginFrame(frameNo);
        if (f.SourceCount == 1) state.ResetScratch();
        bool detail = firstPass || f.WantsProtocol(QuicFields.Protocol) || f.WantsProtocol(TlsHandshakeFields.Protocol) || ctx.WantColumns;

        var r = new WireReader(data, tvb.Offset, tvb.Reported);
        int index = 0;
        int firstDcidPos = 0, firstDcidLen = 0, shortDcidLen = 0;
        while (r.Position < data.Length && r.Position < r.ReportedLength)
        {
            int start = r.Position;
            if (index > 0)
            {
                // What follows a packet is another packet only if it carries the first packet's DCID (as tshark's
                // check_dcid_on_coalesced_packet); anything else is padding appended to the datagram.
                if (data[start] == 0 || !SameDcid(data, start, firstDcidPos, firstDcidLen))
                {
                    f.AddFlag(QuicFields.CoalescedPadding, tvb.Offset + start, data.Length - start, "(Random) padding data appended to the datagram");
                    break;
                }
                f.EndTree(tree);
                tree = f.BeginTree(QuicFields.Protocol, tvb.Offset + start, data.Length - start);
            }
            if (ctx.WantColumns) ctx.Columns.Info.Clear();
            var status = (data[start] & 0x80) != 0
                ? LongPacket(ref r, tvb, ctx, state, firstPass, index, detail)
                : ShortPacket(ref r, tvb, ctx, state, firstPass, index, firstDcidLen, out shortDcidLen);
            if (index == 0)
            {
                firstDcidLen = (data[start] & 0x80) != 0 ? (start + 5 < data.Length ? data[start + 5] : 0) : shortDcidLen;
                firstDcidPos = (data[start] & 0x80) != 0 ? start + 6 : start + 1;
            }
            f.SetLength(tree, Math.Min(r.Position, data.Length) - start);
            if (status != ReadStatus.Ok)
                return Handoff.Stop(status, status == ReadStatus.Malformed ? "QUIC packet runs past the datagram" : "QUIC packet cut by the capture length");
            if (r.Position <= start) break;
            index++;
        }
        f.CurrentSource = tvb.Source;
        return Handoff.Done;
    }

    // ---------------------------------------------------------------- long header

    ReadStatus LongPacket(ref WireReader r, in Tvb tvb, DissectContext ctx, QuicState state, bool firstPass, int index, bool detail)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        int start = r.Position;
        var info = ctx.Columns.Info;
        bool cols = ctx.WantColumns;
        r.TryU8(out byte b0);
        f.AddUInt(QuicFields.HeaderForm, o + start, 1, 1);
        if (!r.TryU32(out uint version)) return r.Status;   // fixed bit unknown: a Version Negotiation has none

        if (version == QuicVersions.Negotiation)
            return VersionNegotiation(ref r, tvb, ctx, start, b0);

        f.AddBool(QuicFields.FixedBit, o + start, 1, (b0 & 0x40) != 0);
        bool v2 = QuicVersions.IsV2(version);
        int raw = (b0 >> 4) & 3;
        int type = v2 ? (raw + 3) & 3 : raw;    // v2: Retry 0, Initial 1, 0-RTT 2, Handshake 3
        f.AddUInt(v2 ? QuicFields.LongPacketTypeV2 : QuicFields.LongPacketType, o + start, 1, (ulong)raw);
        f.AddUInt(QuicFields.Version, o + start + 1, 4, version);

        if (!r.TryU8(out byte dcil)) return r.Status;
        f.AddUInt(QuicFields.Dcil, o + start + 5, 1, dcil);
        int dcidPos = r.Position;
        if (!r.TryBytes(dcil, out var dcid)) return r.Status;
        if (dcil > 0) f.AddBytes(QuicFields.Dcid, o + dcidPos, dcil);
        if (!r.TryU8(out byte scil)) return r.Status;
        f.AddUInt(QuicFields.Scil, o + r.Position - 1, 1, scil);
        int scidPos = r.Position;
        if (!r.TryBytes(scil, out var scid)) return r.Status;
        if (scil > 0) f.AddBytes(QuicFields.Scid, o + scidPos, scil);

        if (cols)
        {
            info.Append(TypeText[type]);
            CidText(info, ", DCID=", dcid);
            CidText(info, ", SCID=", scid);
        }

        // Which connection and direction (first pass decides; later passes replay the record).
        QuicPacketRecord rec = default;
        bool tsharkConn = false;
        bool haveRec = firstPass ? Track(ctx, tvb, state, type, version, dcid, scid, out rec, out tsharkConn) : state.TryGetRecord(ctx.Frame.Number, index, out rec);
        if (haveRec && rec.Conn is { } known) f.AddUInt(QuicFields.ConnectionNumber, -1, 0, (ulong)known.Number);
        if (firstPass && tsharkConn && rec.Conn is { } kc)
        {
            // tshark 4.0 makes Handshake keys from the TLS secrets once the ServerHello told the cipher, and 0-RTT keys
            // (client only) from the early secret; without a key log neither exists (quic_create_decoders).
            if (type == TypeHandshake) rec.KeyError = CipherKnown(kc) ? QuicKeyError.SecretsNotAvailable : QuicKeyError.NoCipherInfo;
            else if (type == TypeZeroRtt && !rec.FromServer) rec.KeyError = QuicKeyError.SecretsNotAvailable;
        }

        if (type == TypeRetry)
        {
            int rest = r.Remaining;
            if (rest < 16)
            {
                if (firstPass) state.Record(ctx.Frame.Number, index, rec);
                r.Need(Math.Max(r.ReportedRemaining, 16));
                return r.Status == ReadStatus.Ok ? ReadStatus.Malformed : r.Status;
            }
            f.AddBytes(QuicFields.RetryToken, o + r.Position, rest - 16);
            f.AddBytes(QuicFields.RetryIntegrityTag, o + r.Position + rest - 16, 16);
            r.Position += rest;
            int retryEnd = Math.Max(r.ReportedLength, r.Length);
            if (firstPass)
            {
                if (rec.Conn is { } c && !scid.IsEmpty)
                {
                    // RFC 9001 section 5.2: after a Retry both sides derive the Initial keys from its SCID.
                    c.KeysDcid = scid.ToArray();
                    // Earlier records keep the key objects they used, so a re-dissection of them still decrypts.
                    c.Keys[0] = null; c.Keys[1] = null;
                }
                state.Record(ctx.Frame.Number, index, rec);
            }
            f.AddUInt(QuicFields.PacketLength, -1, 0, (ulong)(retryEnd - start));
            return ReadStatus.Ok;
        }

        if (type == TypeInitial)
        {
            int tlPos = r.Position;
            if (!VarInt(ref r, out ulong tokenLen)) { Record(); return r.Status; }
            f.AddUInt(QuicFields.TokenLength, o + tlPos, r.Position - tlPos, tokenLen);
            if (tokenLen > int.MaxValue) { Record(); r.SetMalformed(); return ReadStatus.Malformed; }
            int tokPos = r.Position;
            if (!r.TrySkip((int)tokenLen)) { Record(); return r.Status; }
            if (tokenLen > 0) f.AddBytes(QuicFields.Token, o + tokPos, (int)tokenLen);
        }

        int lenPos = r.Position;
        if (!VarInt(ref r, out ulong length)) { Record(); return r.Status; }
        f.AddUInt(QuicFields.Length, o + lenPos, r.Position - lenPos, length);
        if (rec.KeyError != QuicKeyError.None) KeyErrorFlag(f, rec.KeyError, o + start);
        int pnPos = r.Position;
        long end = pnPos + (long)length;
        if (end > r.ReportedLength || length > int.MaxValue)
        {
            Record();
            r.SetMalformed();
            return ReadStatus.Malformed;
        }

        bool decrypted = false;
        if (type == TypeInitial && haveRec && rec.Keys is { } keys && detail)
            decrypted = Initial(ref r, tvb, ctx, state, firstPass, ref rec, keys, start, b0, pnPos, (int)end);
        if (firstPass) state.Record(ctx.Frame.Number, index, rec);
        if (!decrypted && pnPos < data.Length)
            f.AddBytes(QuicFields.RemainingPayload, o + pnPos, (int)Math.Min(end, data.Length) - pnPos);

        f.AddUInt(QuicFields.PacketLength, -1, 0, (ulong)(end - start));
        if (end > data.Length)
        {
            // The snaplen cut the packet: say so, keep what was read (tshark stops quietly here).
            f.AddFlag(FrameFields.Short, o + start, data.Length - start, "QUIC packet cut by the capture length");
            r.Position = data.Length;
            return ReadStatus.Ok;
        }
        r.Position = (int)end;
        return ReadStatus.Ok;

        void Record() { if (firstPass) state.Record(ctx.Frame.Number, index, rec); }
    }

    /// <summary>First pass: find or create the connection of a long-header packet and learn its connection IDs.
    /// <paramref name="tsharkConn"/>: tshark 4.0 finds the connection too (it looks a non-empty DCID up by connection
    /// ID only, the address/port pair serving zero-length IDs).</summary>
    static bool Track(DissectContext ctx, in Tvb tvb, QuicState state, int type, uint version, ReadOnlySpan<byte> dcid, ReadOnlySpan<byte> scid,
        out QuicPacketRecord rec, out bool tsharkConn)
    {
        rec = default;
        tsharkConn = true;
        bool haveTuple = TryPorts(ctx, tvb, out ushort sport, out ushort dport);
        QuicConnection? conn = null;
        bool fromClient = false;
        if (state.TryFindCid(dcid, out var c, out bool sentByClient)) { conn = c; fromClient = sentByClient; }
        else if (haveTuple && state.TryFindTuple(ctx.NetSrc, sport, ctx.NetDst, dport, out c, out bool fc)) { conn = c; fromClient = fc; tsharkConn = dcid.IsEmpty; }
        else if (type == TypeInitial || type == TypeZeroRtt)
        {
            // A client's first packet: a new connection, keys from this DCID.
            conn = state.NewConnection();
            conn.KeysDcid = dcid.ToArray();
            conn.Version = version;
            fromClient = true;
            state.AddCid(dcid, conn, sentByClient: true);
            if (haveTuple) state.AddTuple(conn, ctx.NetSrc, sport, ctx.NetDst, dport);
        }
        if (conn is null) return false;
        // The SCID is where the peer will send: packets carrying it as DCID come from the other side.
        state.AddCid(scid, conn, sentByClient: !fromClient);
        ref sbyte scidLength = ref conn.CidLength[fromClient ? 0 : 1];
        if (scidLength < 0) scidLength = (sbyte)scid.Length;
        if (haveTuple && !conn.HasTuple)
        {
            if (fromClient) state.AddTuple(conn, ctx.NetSrc, sport, ctx.NetDst, dport);
            else state.AddTuple(conn, ctx.NetDst, dport, ctx.NetSrc, sport);
        }
        rec.Conn = conn;
        rec.FromServer = !fromClient;
        if (!fromClient && version != conn.Version && type != TypeRetry)
        {
            // The server answered with another version (after Version Negotiation): as tshark, Initial keys are
            // made again, with the server's version, for both directions.
            conn.Version = version;
            conn.Keys[0] = null; conn.Keys[1] = null;
        }
        if (type == TypeInitial && conn.KeysDcid.Length > 0)
        {
            int dir = fromClient ? 0 : 1;
            // Keys are made once per direction with the version of the first Initial that needs them (as Wireshark).
            conn.Keys[dir] ??= QuicInitialKeys.Derive(version, conn.KeysDcid, server: !fromClient);
            rec.Keys = conn.Keys[dir];
        }
        return true;
    }

    /// <summary>The UDP ports of this datagram, read from the UDP header just before the payload.</summary>
    static bool TryPorts(DissectContext ctx, in Tvb tvb, out ushort sport, out ushort dport)
    {
        sport = dport = 0;
        if (tvb.Source != 0 || ctx.IpProto != 17 || tvb.Offset < 8) return false;
        var hdr = tvb.Frame.Slice(tvb.Offset - 8, 4);
        sport = BinaryPrimitives.ReadUInt16BigEndian(hdr);
        dport = BinaryPrimitives.ReadUInt16BigEndian(hdr.Slice(2));
        return true;
    }

    /// <summary>Header protection removal, AEAD, frames. Returns true when the payload was decrypted.</summary>
    static bool Initial(ref WireReader r, in Tvb tvb, DissectContext ctx, QuicState state, bool firstPass, ref QuicPacketRecord rec,
        QuicInitialKeys keys, int start, byte b0, int pnPos, int end)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        // The sample starts 4 bytes after the start of the packet number (RFC 9001 section 5.4.2).
        if (pnPos + 4 + 16 > Math.Min(end, data.Length)) return false;
        Span<byte> mask = stackalloc byte[5];
        keys.Mask(data.Slice(pnPos + 4, 16), mask);
        byte first = (byte)(b0 ^ (mask[0] & 0x0f));
        int pnLen = (first & 3) + 1;
        ulong truncated = 0;
        for (int i = 0; i < pnLen; i++) truncated = truncated << 8 | (byte)(data[pnPos + i] ^ mask[1 + i]);
        int dir = rec.FromServer ? 1 : 0;
        if (firstPass && rec.Conn is { } conn)
            rec.PacketNumber = QuicWire.DecodePacketNumber(conn.NextPn[dir], truncated, pnLen * 8);
        ulong pn = rec.PacketNumber;
        f.AddUInt(QuicFields.LongReserved, o + start, 1, (ulong)((first >> 2) & 3));
        f.AddUInt(QuicFields.PacketNumberLength, o + start, 1, (ulong)(first & 3));
        f.AddUInt(QuicFields.PacketNumber, o + pnPos, pnLen, pn);
        if (ctx.WantColumns) ctx.Columns.Info.Append(", PKN: ").Append(pn);

        int payloadPos = pnPos + pnLen;
        if (end > data.Length || end - payloadPos < 16) return false;
        int headerLen = payloadPos - start;
        var header = state.Rent(headerLen).Span;
        data.Slice(start, headerLen).CopyTo(header);
        header[0] = first;
        for (int i = 0; i < pnLen; i++) header[headerLen - pnLen + i] ^= mask[1 + i];
        var plainMem = state.Rent(end - payloadPos - 16);
        if (!keys.TryDecrypt(pn, header, data.Slice(payloadPos, end - payloadPos), plainMem.Span))
        {
            f.AddFlag(QuicFields.DecryptionFailed, o + payloadPos, end - payloadPos, "Failed to decrypt the Initial packet");
            return false;
        }
        // Only a packet that decrypted moves the largest packet number on (a wrong key gives a random one).
        if (firstPass && rec.Conn is { } c) c.NextPn[dir] = Math.Max(c.NextPn[dir], pn + 1);
        f.AddBytes(QuicFields.Payload, o + payloadPos, end - payloadPos);
        int source = f.AddSource(plainMem);
        var crypto = rec.Conn?.Crypto[dir];
        f.CurrentSource = source;
        QuicFrames.Parse(plainMem.Span, ctx, firstPass ? crypto : null);
        f.CurrentSource = tvb.Source;
        if (firstPass && crypto is not null && crypto.TryTakeMessages(out int ts, out int te))
        {
            rec.TlsStart = ts; rec.TlsEnd = te;
            ushort suite = ServerHelloSuite(crypto.Bytes.Span.Slice(ts, te - ts));
            if (suite != 0 && rec.Conn is { } hc) hc.CipherSuite = suite;
        }
        if (rec.TlsEnd > rec.TlsStart && crypto is not null && rec.TlsEnd <= crypto.Bytes.Length)
        {
            var msgs = crypto.Bytes.Slice(rec.TlsStart, rec.TlsEnd - rec.TlsStart);
            int tlsSource = f.AddSource(msgs);
            f.CurrentSource = tlsSource;
            TlsHandshake.Parse(msgs.Span, f);
            f.CurrentSource = tvb.Source;
        }
        return true;
    }

    ReadStatus VersionNegotiation(ref WireReader r, in Tvb tvb, DissectContext ctx, int start, byte b0)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        f.AddUInt(QuicFields.VnUnused, o + start, 1, (ulong)(b0 & 0x7f));
        f.AddUInt(QuicFields.Version, o + start + 1, 4, 0);
        if (!r.TryU8(out byte dcil)) return r.Status;
        f.AddUInt(QuicFields.Dcil, o + start + 5, 1, dcil);
        int dcidPos = r.Position;
        if (!r.TryBytes(dcil, out var dcid)) return r.Status;
        if (dcil > 0) f.AddBytes(QuicFields.Dcid, o + dcidPos, dcil);
        if (!r.TryU8(out byte scil)) return r.Status;
        f.AddUInt(QuicFields.Scil, o + r.Position - 1, 1, scil);
        int scidPos = r.Position;
        if (!r.TryBytes(scil, out var scid)) return r.Status;
        if (scil > 0) f.AddBytes(QuicFields.Scid, o + scidPos, scil);
        if (ctx.WantColumns)
        {
            ctx.Columns.Info.Append("Version Negotiation");
            CidText(ctx.Columns.Info, ", DCID=", dcid);
            CidText(ctx.Columns.Info, ", SCID=", scid);
        }
        while (r.Remaining >= 4)
        {
            int p = r.Position;
            r.TryU32(out uint v);
            f.AddUInt(QuicFields.SupportedVersion, o + p, 4, v);
        }
        r.Position = r.Length;
        f.AddUInt(QuicFields.PacketLength, -1, 0, (ulong)(Math.Max(r.ReportedLength, r.Length) - start));
        return ReadStatus.Ok;
    }

    // ---------------------------------------------------------------- short header

    static ReadStatus ShortPacket(ref WireReader r, in Tvb tvb, DissectContext ctx, QuicState state, bool firstPass, int index,
        int coalescedDcidLen, out int dcidLength)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        int start = r.Position;
        r.TryU8(out byte b0);
        f.AddUInt(QuicFields.HeaderForm, o + start, 1, 0);
        f.AddBool(QuicFields.FixedBit, o + start, 1, (b0 & 0x40) != 0);
        f.AddBool(QuicFields.SpinBit, o + start, 1, (b0 & 0x20) != 0);

        QuicPacketRecord rec = default;
        bool tsharkConn = true;
        if (firstPass)
        {
            if (state.MatchShort(data.Slice(r.Position), out var conn, out int len, out bool byClient))
            {
                rec.Conn = conn; rec.ShortDcidLength = (byte)len; rec.FromServer = !byClient;
            }
            else if (TryPorts(ctx, tvb, out ushort sp, out ushort dp) && state.TryFindTuple(ctx.NetSrc, sp, ctx.NetDst, dp, out conn, out bool fc))
            {
                rec.Conn = conn; rec.FromServer = !fc;   // zero-length connection IDs
                // tshark takes the address/port pair's connection only when the receiver's connection ID is empty.
                tsharkConn = conn.CidLength[fc ? 1 : 0] == 0;
            }
            // Coalesced after a long header it carries that packet's DCID (the caller checked), but like tshark the
            // DCID is only shown when it belongs to a tracked connection.
            if (tsharkConn && rec.Conn is { } kc && !kc.SkipDecryption)
            {
                // quic_get_1rtt_hp_cipher: before a ServerHello every 1-RTT packet fails; after it the secrets are
                // looked up once and, missing, decryption of the connection is given up without further items.
                if (!CipherKnown(kc)) rec.KeyError = QuicKeyError.MissingHandshake;
                else { rec.KeyError = QuicKeyError.SecretsNotAvailable; kc.SkipDecryption = true; }
            }
            state.Record(ctx.Frame.Number, index, rec);
        }
        else state.TryGetRecord(ctx.Frame.Number, index, out rec);
        if (rec.Conn is { } c) f.AddUInt(QuicFields.ConnectionNumber, -1, 0, (ulong)c.Number);

        int dcidLen = Math.Min(rec.ShortDcidLength, r.Remaining);
        dcidLength = dcidLen;
        int dcidPos = r.Position;
        if (dcidLen > 0) f.AddBytes(QuicFields.Dcid, o + dcidPos, dcidLen);
        r.Position += dcidLen;
        if (rec.KeyError != QuicKeyError.None) KeyErrorFlag(f, rec.KeyError, o + start);
        if (r.Remaining > 0) f.AddBytes(QuicFields.ProtectedPayload, o + r.Position, r.Remaining);
        if (ctx.WantColumns)
        {
            // Without 1-RTT keys the key phase bit stays protected; tshark shows KP0.
            ctx.Columns.Info.Append("Protected Payload (KP0)");
            CidText(ctx.Columns.Info, ", DCID=", data.Slice(dcidPos, dcidLen));
        }
        r.Position = data.Length;
        // A short header runs to the end of the datagram as it was sent (the snaplen may have cut what we hold).
        f.AddUInt(QuicFields.PacketLength, -1, 0, (ulong)(Math.Max(r.ReportedLength, data.Length) - start));
        return ReadStatus.Ok;
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>tls_get_cipher_info succeeds: the ServerHello chose a TLS 1.3 suite (AES-GCM, ChaCha20-Poly1305,
    /// AES-CCM).</summary>
    static bool CipherKnown(QuicConnection c) => c.CipherSuite is >= 0x1301 and <= 0x1305;

    /// <summary>tshark's "Failed to create decryption context: …" warning, on the packet (no bytes of its own).</summary>
    static void KeyErrorFlag(PacketFields f, QuicKeyError error, int at)
        => f.AddFlag(QuicFields.DecryptionContextFailed, at, 0, error switch
        {
            QuicKeyError.NoCipherInfo => "Failed to create decryption context: Unable to retrieve cipher information",
            QuicKeyError.MissingHandshake => "Failed to create decryption context: Missing TLS handshake, unsupported ciphers or padding",
            _ => "Failed to create decryption context: Secrets are not available",
        });

    /// <summary>The cipher suite of the first ServerHello among whole handshake messages (0 when there is none).</summary>
    public static ushort ServerHelloSuite(ReadOnlySpan<byte> msgs)
    {
        int pos = 0;
        while (pos + 4 <= msgs.Length)
        {
            int len = msgs[pos + 1] << 16 | msgs[pos + 2] << 8 | msgs[pos + 3];
            if (len > msgs.Length - pos - 4) return 0;
            if (msgs[pos] == 2)
            {
                // legacy_version(2) random(32) legacy_session_id<0..32> cipher_suite(2)
                var body = msgs.Slice(pos + 4, len);
                if (body.Length < 35) return 0;
                int sid = body[34];
                if (35 + sid + 2 > body.Length) return 0;
                return BinaryPrimitives.ReadUInt16BigEndian(body.Slice(35 + sid));
            }
            pos += 4 + len;
        }
        return 0;
    }

    /// <summary>Does the packet at <paramref name="start"/> carry the DCID the datagram's first packet had?</summary>
    static bool SameDcid(ReadOnlySpan<byte> data, int start, int firstPos, int firstLen)
    {
        if (firstPos + firstLen > data.Length) return false;
        var first = data.Slice(firstPos, firstLen);
        if ((data[start] & 0x80) != 0)
            return start + 6 + firstLen <= data.Length && data[start + 5] == firstLen && data.Slice(start + 6, firstLen).SequenceEqual(first);
        return start + 1 + firstLen <= data.Length && data.Slice(start + 1, firstLen).SequenceEqual(first);
    }

    static void CidText(TextColumn info, string label, ReadOnlySpan<byte> cid)
    {
        if (cid.IsEmpty) return;
        info.Append(label);
        Span<char> hex = stackalloc char[2 * 255];
        int n = Format.WriteHexSep(cid, hex, '\0');
        info.Append(hex.Slice(0, n));
    }

    internal static bool VarInt(ref WireReader r, out ulong value)
    {
        value = 0;
        if (!r.TryU8(out byte b)) return false;
        int len = 1 << (b >> 6);
        value = (ulong)(b & 0x3f);
        for (int i = 1; i < len; i++)
        {
            if (!r.TryU8(out byte x)) return false;
            value = value << 8 | x;
        }
        return true;
    }
}
