using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Tls;

/// <summary>
/// TLS over TCP (SSL 3.0 to TLS 1.3): the record layer (several records per PDU or segment; over the TCP
/// reassembly one record per PDU through <see cref="TlsRecordFramer"/>), handshake messages
/// (<see cref="TlsHandshake"/>), alerts, ChangeCipherSpec and application data. tshark's default "tcp.port" list
/// and a heuristic on any port (<see cref="TlsRecord.HeuristicAccepts"/>). Per connection the session version,
/// the chosen cipher suite and each side's ChangeCipherSpec frame are tracked on the first pass
/// (<see cref="TlsSessions"/>): they drive the Protocol column as tshark 4.0 writes it (the session's version once
/// known, else the record's version: a ClientHello in a 0x0301 record shows "TLSv1"), "Encrypted Handshake
/// Message" after a ChangeCipherSpec, and TLS 1.3's opaque type for application data records. Nothing is
/// decrypted. An SSLv2-compatible ClientHello and anything else that is not an SSLv3/TLS record, on a connection
/// not known as TLS, is rejected (the next candidate or data takes it).
/// </summary>
public sealed class TlsDissector : IHeuristicDissector, ITcpFramed
{
    /// <summary>tshark 4.0's default TLS ports on "tcp.port" (`tshark -G decodes`).</summary>
    public static readonly ushort[] Ports =
        { 324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017 };

    const byte TcpProtocol = 6;

    public ProtocolDef Protocol => TlsFields.Protocol;
    public int Priority => 45;
    public IPduFramer TcpFramer => TlsRecordFramer.Instance;

    public void Register(DissectorTables tables)
    {
        var tcp = tables.Get("tcp.port", "TCP port");
        foreach (var p in Ports) tcp.Add(p, this);
        tcp.AddHeuristic(this);
    }

    public static bool IsTlsPort(ushort port) => Array.IndexOf(Ports, port) >= 0;

    public bool Accepts(ReadOnlySpan<byte> payload, DissectContext ctx)
    {
        if (ctx.IpProto != TcpProtocol) return false;
        if (TlsRecord.HeuristicAccepts(payload)) return true;
        // Once a connection is TLS every record is (Wireshark pins the conversation to TLS on the first success).
        var sessions = TlsSessions.For(ctx);
        return sessions is not null && TlsRecord.LooksLikeHeader(payload)
               && sessions.Knows(TlsSessions.ConnKey.Of(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort));
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var data = tvb.Span;
        int reported = tvb.Reported;
        var sessions = TlsSessions.For(ctx);
        var key = TlsSessions.ConnKey.Of(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort);
        TlsSessionState st = default;
        bool known = sessions is not null && sessions.Knows(key);
        // Not a record on a connection not known as TLS: a wrong port hint (or SSLv2), let the next candidate try.
        if (!known && !TlsRecord.LooksLikeHeader(data)) return Handoff.Reject;

        bool first = false;
        int pduIndex = ctx.TcpPduIndex;
        if (sessions is not null) first = sessions.Begin(ctx.Frame.Number, pduIndex, key, out st);

        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        if (cols) info.Clear();
        ctx.Columns.Protocol = ShortName(st.Version);
        bool fromServer = IsFromServer(st, ctx);
        long frame = ctx.Frame.Number;
        int o = tvb.Offset;
        ReadStatus status = ReadStatus.Ok;

        int pos = 0;
        while (pos < reported)
        {
            if (reported - pos < TlsRecord.HeaderLength) break;   // a header continued in the next segment
            if (data.Length - pos < TlsRecord.HeaderLength) { status = ReadStatus.Truncated; break; }
            var h = data.Slice(pos);
            byte type = h[0];
            ushort version = BinaryPrimitives.ReadUInt16BigEndian(h.Slice(1));
            int len = BinaryPrimitives.ReadUInt16BigEndian(h.Slice(3));
            bool valid = TlsRecord.IsValidContentType(type) && (st.Version != 0 ? true : TlsRecord.IsRecordVersion(version));
            if (!valid)
            {
                if (st.Version is 0x0301 or 0x0302 or 0x0303 && !TlsRecord.IsValidContentType(type))
                {
                    f.AddFlag(TlsFields.ExpertIgnoredUnknownRecord, o + pos, data.Length - pos, f.WantsAll ? "Ignored Unknown Record" : null);
                    if (cols) Sep(info).Append("Ignored Unknown Record");
                }
                else if (cols) Sep(info).Append("Continuation Data");
                break;
            }

            int captured = Math.Min(len, data.Length - pos - TlsRecord.HeaderLength);
            int rec = f.BeginTree(TlsFields.Record, o + pos, TlsRecord.HeaderLength + captured);
            f.AddUInt(st.Version == TlsHandshake.Tls13 && type == TlsRecord.ApplicationData ? TlsFields.OpaqueType : TlsFields.ContentType, o + pos, 1, type);
            f.AddUInt(TlsFields.RecordVersion, o + pos + 1, 2, version);
            f.AddUInt(TlsFields.RecordLength, o + pos + 3, 2, (ulong)len);
            if (len > TlsRecord.MaxLength || (len == 0 && type != TlsRecord.ApplicationData))
                f.AddFlag(TlsFields.ExpertRecordLengthInvalid, o + pos + 3, 2, f.WantsAll ? "Record fragment length is too small or too large" : null);

            var body = data.Slice(pos + TlsRecord.HeaderLength, captured);
            if (st.Version == 0)
            {
                // tshark: a record other than a ClientHello sets the session's version; the column shows the
                // record's version either way.
                if (body.Length > 0) TrySetVersion(ref st, type, body[0], version);
                ctx.Columns.Protocol = ShortName(version);
            }
            ushort sessionVersion = st.Version != 0 ? st.Version : version;
            if (pos + TlsRecord.HeaderLength + len > reported)
            {
                // The record continues past these bytes (no reassembly, or a PDU cut by a gap / the capture's end).
                f.EndTree(rec);
                break;
            }

            switch (type)
            {
                case TlsRecord.ChangeCipherSpec:
                    if (cols) Sep(info).Append("Change Cipher Spec");
                    f.AddFlag(TlsFields.ChangeCipherSpec, o + pos + 5, captured);
                    if (fromServer) st.ServerCcsFrame = frame; else st.ClientCcsFrame = frame;
                    break;
                case TlsRecord.Alert:
                    Alert(body, len, o + pos + 5, f, cols ? info : null);
                    break;
                case TlsRecord.Handshake:
                {
                    long ccs = fromServer ? st.ServerCcsFrame : st.ClientCcsFrame;
                    if (IsEncryptedHandshake(body, len, ccs, frame))
                    {
                        if (cols) Sep(info).Append("Encrypted Handshake Message");
                        int ht = f.BeginTree(TlsHandshakeFields.Handshake, o + pos + 5, captured);
                        f.EndTree(ht);
                        break;
                    }
                    var sum = default(TlsHandshakeSummary);
                    var hs = TlsHandshake.Messages(body, len, o + pos + 5, f, cols ? info : null, sessionVersion, st.CipherSuite, ref sum);
                    if (hs != ReadStatus.Ok) status = hs;
                    if (sum.SawClientHello && !st.ServerKnown) { st.Server = ctx.NetDst; st.ServerPort = ctx.DstPort; st.ServerKnown = true; }
                    if (sum.SawServerHello)
                    {
                        st.Server = ctx.NetSrc; st.ServerPort = ctx.SrcPort; st.ServerKnown = true;
                        fromServer = true;
                        st.CipherSuite = sum.CipherSuite;
                        ushort v = MapVersion(sum.NegotiatedVersion);
                        if (v != 0) st.Version = v;
                        ctx.Columns.Protocol = ShortName(st.Version != 0 ? st.Version : version);
                    }
                    break;
                }
                case TlsRecord.ApplicationData:
                    if (cols) Sep(info).Append("Application Data");
                    f.AddBytes(TlsFields.AppData, o + pos + 5, captured);
                    break;
                case TlsRecord.Heartbeat:
                    if (cols) Sep(info).Append(sessionVersion == TlsHandshake.Tls13 || len > 19 + 16 ? "Encrypted Heartbeat" : "Heartbeat");
                    break;
            }
            f.EndTree(rec);
            if (captured < len) { status = ReadStatus.Truncated; break; }
            pos += TlsRecord.HeaderLength + len;
        }

        if (first) sessions!.Commit(key, st);
        return status == ReadStatus.Truncated ? Handoff.Truncated("TLS record cut by the capture length") : Handoff.Done;
    }

    static TextColumn Sep(TextColumn info) => info.Length > 0 ? info.Append(", ") : info;

    static void Alert(ReadOnlySpan<byte> body, int len, int o, PacketFields f, TextColumn? info)
    {
        int t = f.BeginTree(TlsFields.AlertMessage, o, body.Length);
        // Alerts are never fragmented: anything but two bytes is encrypted (as tshark assumes).
        if (len != 2)
        {
            if (info is not null) Sep(info).Append("Encrypted Alert");
        }
        else if (body.Length == 2)
        {
            f.AddUInt(TlsFields.AlertLevel, o, 1, body[0]);
            f.AddUInt(TlsFields.AlertDesc, o + 1, 1, body[1]);
            if (info is not null)
                Sep(info).Append("Alert (Level: ").Append(TlsNames.AlertLevels.TryGetValue(body[0], out var l) ? l : "Unknown")
                    .Append(", Description: ").Append(TlsNames.AlertDescriptions.TryGetValue(body[1], out var d) ? d : "Unknown").Append(')');
        }
        f.EndTree(t);
    }

    /// <summary>tshark's is_encrypted_handshake_message: a record of 16 bytes or more is encrypted when it starts
    /// with five zero bytes (an AEAD explicit nonce), when its side sent a ChangeCipherSpec in an earlier frame, or
    /// when its first message has an unknown type or a length of 64 KiB or more.</summary>
    public static bool IsEncryptedHandshake(ReadOnlySpan<byte> body, int len, long ccsFrame, long frame)
    {
        if (len < 16) return false;
        if (body.Length >= 5 && body.Slice(0, 5).IndexOfAnyExcept((byte)0) < 0) return true;
        if (ccsFrame != 0 && frame > ccsFrame) return true;
        if (body.Length < 1) return false;
        if (!TlsNames.HandshakeTypes.ContainsKey(body[0])) return true;
        return body.Length >= 4 && (body[1] << 16 | body[2] << 8 | body[3]) >= 0x10000;
    }

    bool IsFromServer(in TlsSessionState st, DissectContext ctx)
    {
        if (st.ServerKnown) return ctx.SrcPort == st.ServerPort && ctx.NetSrc == st.Server;
        bool src = IsTlsPort(ctx.SrcPort), dst = IsTlsPort(ctx.DstPort);
        if (src != dst) return src;
        return ctx.SrcPort < ctx.DstPort;
    }

    /// <summary>Wireshark's ssl_try_set_version: every valid record other than a ClientHello is authoritative.</summary>
    static void TrySetVersion(ref TlsSessionState st, byte type, byte handshakeType, ushort version)
    {
        bool authoritative = type == TlsRecord.Handshake
            ? TlsNames.HandshakeTypes.ContainsKey(handshakeType) && handshakeType != 1
            : TlsRecord.IsValidContentType(type);
        if (!authoritative) return;
        ushort v = MapVersion(version);
        if (v != 0) st.Version = v;
    }

    /// <summary>A wire version as a session version (TLS 1.3 drafts count as TLS 1.3); 0 when not SSL/TLS.</summary>
    public static ushort MapVersion(ushort v) => v switch
    {
        0x0300 or 0x0301 or 0x0302 or 0x0303 or 0x0304 or 0x0101 => v,
        >= 0x7f0e and <= 0x7f1c or 0xfb17 or 0xfb1a => TlsHandshake.Tls13,
        _ => 0,
    };

    /// <summary>tshark's Protocol column text for a version ("SSL" when unknown).</summary>
    public static string ShortName(ushort v) => v switch
    {
        0x0002 => "SSLv2",
        0x0300 => "SSLv3",
        0x0301 => "TLSv1",
        0x0302 => "TLSv1.1",
        0x0303 => "TLSv1.2",
        0x0304 => "TLSv1.3",
        0x0101 => "GMTLSv1",
        _ => "SSL",
    };
}
