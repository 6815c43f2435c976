using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Sip;

/// <summary>
/// SIP (udp.port and tcp.port 5060): the request or status line (method, request URI, status code) and the common
/// headers with tshark's fields (compact forms understood); the body goes to SDP (application/sdp) or MIME
/// multipart. Info as tshark 4.0: "Request: INVITE sip:... | ", ", in-dialog" for an INVITE with a To tag, and
/// "Status: 200 OK (INVITE) | " where the CSeq method is added to 2xx responses. URI parts, header parameters,
/// request/response tracking and the other headers are not decoded. Over TCP a message is framed by its headers and
/// Content-Length through the TCP reassembly.
/// </summary>
public sealed class SipDissector : IDissector, ITcpFramed
{
    public const ushort Port = 5060;
    static readonly byte[] Version = "SIP/2.0"u8.ToArray();

    SdpDissector _sdp = null!;
    MultipartDissector _multipart = null!;

    public SipDissector(SdpDissector sdp, MultipartDissector multipart) { _sdp = sdp; _multipart = multipart; }

    public ProtocolDef Protocol => SipFields.Protocol;
    public IPduFramer TcpFramer { get; } = new MessageFramer();

    public void Register(DissectorTables tables)
    {
        tables.Get("udp.port", "UDP port").Add(Port, this);
        tables.Get("tcp.port", "TCP port").Add(Port, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        bool firstEnded = TextProtocol.Line(d, 0, out int l0, out int pos);
        var first = d.Slice(0, l0);
        bool status = first.StartsWith(Version) && first.Length > 8 && first[7] == ' ';
        int sp1 = first.IndexOf((byte)' ');
        int sp2 = sp1 < 0 ? -1 : first.Slice(sp1 + 1).IndexOf((byte)' ');
        if (!status && (sp1 <= 0 || sp2 <= 0 || !first.Slice(sp1 + sp2 + 2).SequenceEqual(Version)))
            return Handoff.Reject;
        if (cols) ctx.Columns.Info.Clear();
        if (!firstEnded && tvb.IsCut) return Handoff.Truncated("SIP start line cut by the capture length");

        uint code = 0;
        if (status)
        {
            f.AddBytes(SipFields.StatusLine, o, l0);
            var rest = first.Slice(8);
            int csp = rest.IndexOf((byte)' ');
            var codeText = csp < 0 ? rest : rest.Slice(0, csp);
            if (TextProtocol.TryUInt(codeText, out code)) f.AddUInt(SipFields.StatusCode, o + 8, codeText.Length, code);
            if (cols) ctx.Columns.Info.Append("Status: ").AppendAscii(rest);
        }
        else
        {
            f.AddBytes(SipFields.RequestLine, o, l0);
            f.AddBytes(SipFields.Method, o, sp1);
            f.AddBytes(SipFields.RUri, o + sp1 + 1, sp2);
            if (cols) ctx.Columns.Info.Append("Request: ").AppendAscii(first.Slice(0, sp1 + 1 + sp2));
        }

        // Headers up to the empty line.
        int contentLength = -1, ctStart = -1, ctLen = 0, methodStart = -1, methodLen = 0;
        bool toTag = false, ended = false;
        while (pos < d.Length)
        {
            bool full = TextProtocol.Line(d, pos, out int len, out int next);
            if (len == 0 && full) { pos = next; ended = true; break; }
            if (!full && tvb.IsCut) break;   // a header line cut by the capture: not recorded
            var line = d.Slice(pos, len);
            int colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                var name = line.Slice(0, colon);
                while (name.Length > 0 && name[^1] is (byte)' ' or (byte)'\t') name = name.Slice(0, name.Length - 1);
                var value = TextProtocol.TrimStart(line.Slice(colon + 1), out int skip);
                int vo = o + pos + colon + 1 + skip;
                var def = Header(name);
                if (def is not null)
                {
                    if (def == SipFields.ContentLength || def == SipFields.MaxForwards)
                    {
                        if (TextProtocol.TryUInt(value, out uint n))
                        {
                            f.AddUInt(def, vo, value.Length, n);
                            if (def == SipFields.ContentLength) contentLength = (int)n;
                        }
                    }
                    else f.AddBytes(def, vo, value.Length);
                    if (def == SipFields.CSeq)
                    {
                        int s = value.IndexOf((byte)' ');
                        if (s > 0 && TextProtocol.TryUInt(value.Slice(0, s), out uint seq))
                        {
                            f.AddUInt(SipFields.CSeqSeq, vo, s, seq);
                            var m = TextProtocol.TrimStart(value.Slice(s + 1), out int ms);
                            f.AddBytes(SipFields.CSeqMethod, vo + s + 1 + ms, m.Length);
                            methodStart = pos + colon + 1 + skip + s + 1 + ms; methodLen = m.Length;
                        }
                    }
                    else if (def == SipFields.ContentType) { ctStart = pos + colon + 1 + skip; ctLen = value.Length; }
                    else if (def == SipFields.To) toTag = HasTag(value);
                }
            }
            pos = next;
        }
        if (cols)
        {
            var info = ctx.Columns.Info;
            if (status && code is >= 200 and < 300 && methodStart >= 0) info.Append(" (").AppendAscii(d.Slice(methodStart, methodLen)).Append(')');
            if (!status && toTag && first.StartsWith("INVITE "u8)) info.Append(", in-dialog");
            info.Append(" | ");
        }
        if (!ended)
            return tvb.IsCut ? Handoff.Truncated("SIP headers cut by the capture length") : Handoff.Done;

        int bodyRep = reported - pos;
        if (contentLength >= 0) bodyRep = Math.Min(bodyRep, contentLength);
        if (bodyRep <= 0) return Handoff.Done;
        f.AddFlag(SipFields.MsgBody, o + pos, Math.Min(bodyRep, Math.Max(0, d.Length - pos)));
        if (ctStart >= 0)
        {
            var ct = d.Slice(ctStart, ctLen);
            if (TextProtocol.StartsWithIgnoreCase(ct, "application/sdp")) return Handoff.ToDissector(_sdp, o + pos, bodyRep);
            if (TextProtocol.StartsWithIgnoreCase(ct, "multipart/")) return Handoff.ToDissector(_multipart, o + pos, bodyRep);
        }
        return Handoff.Data(o + pos, bodyRep);
    }

    static bool HasTag(ReadOnlySpan<byte> v)
    {
        // A ";tag=" parameter outside the <...> URI.
        int gt = v.LastIndexOf((byte)'>');
        var p = gt >= 0 ? v.Slice(gt) : v;
        for (int i = 0; i + 5 <= p.Length; i++)
            if (p[i] == ';' && TextProtocol.StartsWithIgnoreCase(p.Slice(i + 1), "tag=")) return true;
        return false;
    }

    /// <summary>The field of a header name (full or compact form, case-insensitive), or null.</summary>
    static FieldDef? Header(ReadOnlySpan<byte> n)
    {
        if (n.Length == 1)
        {
            return (n[0] | 0x20) switch
            {
                'i' => SipFields.CallId, 'm' => SipFields.Contact, 'l' => SipFields.ContentLength, 'c' => SipFields.ContentType,
                'f' => SipFields.From, 't' => SipFields.To, 'v' => SipFields.Via, 'k' => SipFields.Supported, _ => null,
            };
        }
        if (TextProtocol.EqualsIgnoreCase(n, "Call-ID")) return SipFields.CallId;
        if (TextProtocol.EqualsIgnoreCase(n, "CSeq")) return SipFields.CSeq;
        if (TextProtocol.EqualsIgnoreCase(n, "Via")) return SipFields.Via;
        if (TextProtocol.EqualsIgnoreCase(n, "From")) return SipFields.From;
        if (TextProtocol.EqualsIgnoreCase(n, "To")) return SipFields.To;
        if (TextProtocol.EqualsIgnoreCase(n, "Contact")) return SipFields.Contact;
        if (TextProtocol.EqualsIgnoreCase(n, "Max-Forwards")) return SipFields.MaxForwards;
        if (TextProtocol.EqualsIgnoreCase(n, "User-Agent")) return SipFields.UserAgent;
        if (TextProtocol.EqualsIgnoreCase(n, "Server")) return SipFields.Server;
        if (TextProtocol.EqualsIgnoreCase(n, "Allow")) return SipFields.Allow;
        if (TextProtocol.EqualsIgnoreCase(n, "Supported")) return SipFields.Supported;
        if (TextProtocol.EqualsIgnoreCase(n, "Content-Type")) return SipFields.ContentType;
        if (TextProtocol.EqualsIgnoreCase(n, "Content-Length")) return SipFields.ContentLength;
        return null;
    }

    /// <summary>A SIP message over TCP: headers up to the empty line, then Content-Length bytes (none when absent).</summary>
    sealed class MessageFramer : IPduFramer
    {
        public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
        {
            int end = available.IndexOf("\r\n\r\n"u8);
            if (end < 0) return available.Length > 65536 ? FramerResult.NotMine : FramerResult.NeedMore();
            int headers = end + 4, body = 0, pos = 0;
            while (pos < end)
            {
                TextProtocol.Line(available, pos, out int len, out int next);
                var line = available.Slice(pos, len);
                int colon = line.IndexOf((byte)':');
                if (colon > 0)
                {
                    var name = line.Slice(0, colon).TrimEnd(" \t"u8);
                    if (TextProtocol.EqualsIgnoreCase(name, "Content-Length") || TextProtocol.EqualsIgnoreCase(name, "l"))
                        if (TextProtocol.TryUInt(TextProtocol.TrimStart(line.Slice(colon + 1), out _).TrimEnd(" \t"u8), out uint n)) body = (int)n;
                }
                pos = next;
            }
            long total = (long)headers + body;
            if (total > int.MaxValue) return FramerResult.NotMine;
            return available.Length >= total ? FramerResult.Pdu((int)total) : FramerResult.NeedMore((int)(total - available.Length));
        }
    }
}

/// <summary>
/// SDP (a SIP or multipart body): one field per line type as tshark names them (v, o, s, i, u, e, p, c, b, z, k, t,
/// r, m, and a as a session or media attribute). The sub-fields tshark splits each line into are not decoded. The
/// Protocol column becomes the carrier's plus "/SDP" ("SIP/SDP"), as in tshark.
/// </summary>
public sealed class SdpDissector : IDissector
{
    public ProtocolDef Protocol => SipFields.SdpProtocol;

    public void Register(DissectorTables tables) { }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset;
        var f = ctx.Fields;
        TextProtocol.AppendProtocolColumn(ctx, "SDP", SipFields.MultipartProtocol);
        bool media = false;
        for (int pos = 0; pos < d.Length;)
        {
            bool full = TextProtocol.Line(d, pos, out int len, out int next);
            if (!full && tvb.IsCut) break;   // a line cut by the capture: not recorded
            if (len >= 2 && d[pos + 1] == '=')
            {
                byte type = d[pos];
                if (type == 'm') media = true;
                var def = type switch
                {
                    (byte)'v' => SipFields.SdpVersion, (byte)'o' => SipFields.SdpOwner, (byte)'s' => SipFields.SdpSessionName,
                    (byte)'i' => media ? SipFields.SdpMediaTitle : SipFields.SdpSessionInfo, (byte)'u' => SipFields.SdpUri,
                    (byte)'e' => SipFields.SdpEmail, (byte)'p' => SipFields.SdpPhone, (byte)'c' => SipFields.SdpConnectionInfo,
                    (byte)'b' => SipFields.SdpBandwidth, (byte)'z' => SipFields.SdpTimezone, (byte)'k' => SipFields.SdpEncryptionKey,
                    (byte)'a' => media ? SipFields.SdpMediaAttr : SipFields.SdpSessionAttr, (byte)'t' => SipFields.SdpTime,
                    (byte)'r' => SipFields.SdpRepeatTime, (byte)'m' => SipFields.SdpMedia, _ => SipFields.SdpUnknown,
                };
                f.AddBytes(def, o + pos + 2, len - 2);
            }
            pos = next;
        }
        return tvb.IsCut ? Handoff.Truncated("SDP cut by the capture length") : Handoff.Done;
    }
}

/// <summary>
/// MIME multipart body (RFC 2046) as SIP carries it: the boundary is the first "--" line; each part's Content-Type is
/// recorded, the first application/sdp part goes to SDP, and every other part adds " (type)" to Info as tshark's
/// media dissector does. The Protocol column stays the carrier's. Part bodies other than SDP are not decoded.
/// </summary>
public sealed class MultipartDissector : IDissector
{
    public ProtocolDef Protocol => SipFields.MultipartProtocol;

    readonly SdpDissector _sdp;
    public MultipartDissector(SdpDissector sdp) { _sdp = sdp; }

    public void Register(DissectorTables tables) { }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset;
        var f = ctx.Fields;
        TextProtocol.KeepPreviousColumn(ctx);
        // The boundary line: the first line starting with "--".
        int pos = 0, bStart = -1, bLen = 0;
        while (pos < d.Length)
        {
            TextProtocol.Line(d, pos, out int len, out int next);
            if (len > 2 && d[pos] == '-' && d[pos + 1] == '-') { bStart = pos; bLen = len; pos = next; break; }
            pos = next;
        }
        if (bStart < 0) return Handoff.Done;
        var boundary = d.Slice(bStart, bLen);
        int sdpStart = -1, sdpLen = 0;
        while (pos < d.Length)
        {
            // Part headers.
            int ctS = -1, ctL = 0;
            while (pos < d.Length)
            {
                bool full = TextProtocol.Line(d, pos, out int len, out int next);
                if (!full && tvb.IsCut) return Handoff.Truncated("MIME part headers cut by the capture length");
                if (len == 0) { pos = next; break; }
                var line = d.Slice(pos, len);
                int colon = line.IndexOf((byte)':');
                if (colon > 0 && TextProtocol.EqualsIgnoreCase(line.Slice(0, colon), "Content-Type"))
                {
                    var v = TextProtocol.TrimStart(line.Slice(colon + 1), out int sk);
                    ctS = pos + colon + 1 + sk; ctL = v.Length;
                    f.AddBytes(SipFields.MultipartContentType, o + ctS, ctL);
                }
                pos = next;
            }
            // Part body up to CRLF + boundary.
            int rel = d.Slice(pos).IndexOf(boundary);
            int bodyEnd = rel < 0 ? d.Length : pos + rel;
            int end = bodyEnd >= 2 && d[bodyEnd - 1] == '\n' ? bodyEnd - (d[bodyEnd - 2] == '\r' ? 2 : 1) : bodyEnd;
            if (ctS >= 0)
            {
                var ct = d.Slice(ctS, ctL);
                if (sdpStart < 0 && TextProtocol.StartsWithIgnoreCase(ct, "application/sdp")) { sdpStart = pos; sdpLen = Math.Max(0, end - pos); }
                else if (ctx.WantColumns)
                {
                    int semi = ct.IndexOf((byte)';');
                    ctx.Columns.Info.Append(" (").AppendAscii(semi < 0 ? ct : ct.Slice(0, semi)).Append(')');
                }
            }
            if (rel < 0) break;
            pos = bodyEnd + boundary.Length;
            if (pos + 2 <= d.Length && d[pos] == '-' && d[pos + 1] == '-') break;
            TextProtocol.Line(d, pos, out _, out pos);
        }
        return sdpStart >= 0 ? Handoff.ToDissector(_sdp, o + sdpStart, sdpLen) : Handoff.Done;
    }
}
