using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Http;

/// <summary>
/// HTTP/1.x (RFC 9110, 9112) over TCP: request and status lines, header lines with tshark's per-header fields,
/// bodies by Content-Length, chunked transfer coding (de-chunked into http.file_data) or until the connection
/// closes, and request/response matching per connection (<see cref="HttpTransactions"/>). It sits on tshark's HTTP
/// ports of "tcp.port" and, on any other port, as a heuristic (a request line with a known method and " HTTP/1.", or
/// an "HTTP/1.x NNN" status line). With the TCP reassembly attached it frames the byte stream itself
/// (<see cref="TcpFramer"/>) and is called once per whole message.
/// </summary>
public sealed class HttpDissector : IHeuristicDissector, ITcpFramed
{
    /// <summary>tshark 4.0's "tcp.port" entries for http (`tshark -G decodes`), less those that belong to other
    /// protocols in practice (631 IPP, 1900 SSDP, 2710, 2869, 3689 DAAP).</summary>
    public static readonly ushort[] TcpPorts = [80, 3128, 3132, 5985, 8080, 8088, 11371];

    // The framer of the response direction asks whether the request it answers was HEAD. The framer contract gives
    // it only the bytes, so it reads the transaction table through the context the TCP dissector is working in (set
    // by the reassembly right before the framer runs, see BeforeFraming; one engine pass runs on one thread).
    [ThreadStatic] static DissectContext? t_ctx;

    readonly Framer _framer = new();

    public ProtocolDef Protocol => HttpFields.Protocol;
    public int Priority => 50;
    public IPduFramer TcpFramer => _framer;

    /// <summary>A body read "until the connection closes" ends with the connection: it arrives flagged Truncated.</summary>
    public bool AcceptsCutPdus => true;

    /// <summary>The framer reads the connection's transactions through the packet's context.</summary>
    public void BeforeFraming(DissectContext ctx) => t_ctx = ctx;

    public void Register(DissectorTables tables)
    {
        var tcp = tables.Get("tcp.port", "TCP port");
        foreach (var p in TcpPorts) tcp.Add(p, this);
        tcp.AddHeuristic(this);
    }

    public bool Accepts(ReadOnlySpan<byte> payload, DissectContext ctx)
    {
        return ctx.IpProto == 6 && HttpWire.LooksLikeHttp(payload.Slice(HttpWire.LeadingNewlines(payload)));
    }

    /// <summary>The reassembler's framer: one HTTP message per PDU.</summary>
    sealed class Framer : IPduFramer
    {
        public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
        {
            bool head = false;
            var ctx = t_ctx;
            if (ctx?.Tcp is { } owner && available.Length >= 5 && available[0] == (byte)'H')
                head = HttpTransactions.For(owner).NextResponseIsHead(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort);
            return HttpWire.Frame(available, gapBefore, head);
        }
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var data = tvb.Span;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        PduFlags flags = ctx.TcpPduIndex >= 0 ? ctx.CurrentTcpPdu.Flags : PduFlags.None;
        // A header block the connection's end (FIN, RST, end of capture) cut short is not a message: tshark leaves
        // those bytes as TCP segment data. (A body read until the close is a whole message.)
        if ((flags & PduFlags.Truncated) != 0 && data.IndexOf("\r\n\r\n"u8) < 0 && data.IndexOf("\n\n"u8) < 0)
            return Handoff.Reject;
        if (cols) info.Clear();

        int lead = HttpWire.LeadingNewlines(data);
        var start = (flags & PduFlags.Unframed) != 0 ? HttpStart.None : HttpWire.Classify(data.Slice(lead), out _);
        if (start is not (HttpStart.Request or HttpStart.Response))
        {
            // Bytes of an HTTP connection that do not start a message: the rest of a body cut by a gap, data after
            // an Upgrade/CONNECT, or garbage. tshark calls them "Continuation".
            if (cols) info.Append("Continuation");
            return Handoff.Done;
        }
        if (lead > 0) f.AddFlag(HttpFields.ExpertLeadingCrlf, tvb.Offset, lead, f.WantsAll ? "Leading CRLF previous message in the stream may have extra CRLF" : null);

        var msg = data.Slice(lead);
        int o = tvb.Offset + lead;
        bool request = start == HttpStart.Request;
        f.AddBool(request ? HttpFields.Request : HttpFields.Response, -1, 0, true);

        // ---- start line ----
        HttpWire.NextLine(msg, 0, out int lineLen, out int lineFull);
        var line = msg.Slice(0, lineLen);
        if (cols) info.AppendAscii(line).Append(' ');
        int status = 0;
        ReadOnlySpan<byte> uri = default, method = default;
        bool lineComplete = lineFull > lineLen;
        // A start line cut short (snaplen, end of stream) shows in Info only: its parts would be wrong values.
        if (lineComplete)
        {
            // Wireshark's Chat item on the start line, its text being the line as shown in the tree.
            f.AddFlag(HttpFields.ExpertChat, o, lineFull, f.WantsAll ? Format.WireText(msg.Slice(0, lineFull)) : null);
            if (request) ReadRequestLine(line, o, f, out method, out uri);
            else status = ReadStatusLine(line, o, f);
        }

        // ---- headers ----
        int pos = lineFull;
        bool headerDone = false;
        ReadOnlySpan<byte> host = default, contentType = default;
        long contentLength = -1;
        bool chunked = false, hasTe = false;
        var lineField = request ? HttpFields.RequestLine : HttpFields.ResponseLine;
        while (lineComplete && HttpWire.NextLine(msg, pos, out int len, out int full))
        {
            if (full == len) break;   // a header line cut short (truncated PDU): its value would be wrong
            if (len == 0) { pos += full; headerDone = true; break; }
            var hl = msg.Slice(pos, len);
            f.AddBytes(lineField, o + pos, full);
            int colon = hl.IndexOf((byte)':');
            if (colon > 0)
            {
                var name = hl.Slice(0, colon);
                int vs = colon + 1;
                while (vs < len && (hl[vs] == (byte)' ' || hl[vs] == (byte)'\t')) vs++;
                int ve = len;
                while (ve > vs && (hl[ve - 1] == (byte)' ' || hl[ve - 1] == (byte)'\t')) ve--;
                var value = hl.Slice(vs, ve - vs);
                if (name.IndexOfAny((byte)' ', (byte)'\t') >= 0)
                    f.AddFlag(HttpFields.ExpertBadHeaderName, o + pos, colon, f.WantsAll ? "Illegal characters found in header name" : null);
                var field = HttpFields.HeaderField(name);
                if (field is not null) f.AddBytes(field, o + pos + vs, ve - vs);
                if (ReferenceEquals(field, HttpFields.Host)) host = value;
                else if (ReferenceEquals(field, HttpFields.ContentType)) contentType = value;
                else if (ReferenceEquals(field, HttpFields.ContentLengthHeader))
                {
                    if (contentLength < 0 && HttpWire.TryParseLength(value, out long cl))
                    {
                        contentLength = cl;
                        f.AddUInt(HttpFields.ContentLength, o + pos + vs, ve - vs, (ulong)cl);
                    }
                }
                else if (ReferenceEquals(field, HttpFields.TransferEncoding))
                {
                    hasTe = true;
                    int comma = value.LastIndexOf((byte)',');
                    var last = HttpWire.Trim(comma < 0 ? value : value.Slice(comma + 1));
                    chunked = HttpWire.EqualsIgnoreCase(last, "chunked"u8);
                    if (!chunked && !HttpWire.EqualsIgnoreCase(last, "identity"u8) && !HttpWire.EqualsIgnoreCase(last, "gzip"u8) &&
                        !HttpWire.EqualsIgnoreCase(last, "deflate"u8) && !HttpWire.EqualsIgnoreCase(last, "compress"u8))
                        f.AddFlag(HttpFields.ExpertTeUnknown, o + pos + vs, ve - vs, f.WantsAll ? "Unknown transfer coding name in Transfer-Encoding header" : null);
                }
            }
            pos += full;
        }
        if (hasTe && contentLength >= 0)
            f.AddFlag(HttpFields.ExpertTeAndLength, o, 0, f.WantsAll ? "The Content-Length and Transfer-Encoding header must not be set together" : null);

        // ---- transaction ----
        HttpMatch match = default;
        bool matched = false;
        if (ctx.Tcp is { } owner && !ctx.InErrorPacket && ctx.NetSrc.Kind != AddressKind.None)
        {
            var table = HttpTransactions.For(owner);
            var key = HttpTransactions.ConnKey.Of(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort);
            int pdu = Math.Max(0, ctx.TcpPduIndex);
            if (request)
            {
                Span<byte> full = stackalloc byte[512];
                int n = FullUri(host, uri, full);
                bool head = method.SequenceEqual("HEAD"u8);
                matched = table.Request(key, ctx.Frame.Number, pdu, ctx.Frame.Time, head, full.Slice(0, Math.Max(0, n)), n >= 0, out match);
                if (n >= 0) f.AddValueBytes(HttpFields.FullUri, -1, 0, full.Slice(0, n));
            }
            else matched = table.Response(key, ctx.Frame.Number, pdu, ctx.Frame.Time, status, out match);
        }
        else if (request && f.Wants(HttpFields.FullUri))
        {
            Span<byte> full = stackalloc byte[512];
            int n = FullUri(host, uri, full);
            if (n >= 0) f.AddValueBytes(HttpFields.FullUri, -1, 0, full.Slice(0, n));
        }
        if (matched) AddMatch(f, match);

        // ---- body ----
        int bodyStart = lead + pos;
        int bodyReported = Math.Max(0, tvb.Reported - bodyStart);
        bool noBody = !request && (HttpWire.StatusHasNoBody(status) || match.Head);
        int bodyShown = 0;
        var body = headerDone && !noBody ? data.Slice(Math.Min(bodyStart, data.Length)) : default;
        if (headerDone && !noBody && (bodyReported > 0 || chunked) && !tvb.IsCut)
        {
            if (chunked) bodyShown = Dechunk(body, tvb.Offset + bodyStart, f, out bool complete, out body);
            else
            {
                if (contentLength >= 0 && body.Length > contentLength) body = body.Slice(0, (int)contentLength);
                bodyShown = body.Length;
                if (body.Length > 0) f.AddBytes(HttpFields.FileData, tvb.Offset + bodyStart, body.Length);
            }
            if (contentLength > 0 && !chunked && body.Length < contentLength)
                f.AddFlag(HttpFields.ExpertBodyTruncated, tvb.Offset + bodyStart, body.Length, f.WantsAll ? "HTTP body shorter than its Content-Length (connection cut or end of capture)" : null);
        }
        else if (!headerDone && (flags & PduFlags.Truncated) != 0)
            f.AddFlag(HttpFields.ExpertBodyTruncated, o + pos, 0, f.WantsAll ? "HTTP header block cut short (connection cut or end of capture)" : null);

        if (cols && bodyShown > 0 && !contentType.IsEmpty) AppendMediaInfo(ctx, contentType, body);
        return Handoff.Done;
    }

    /// <summary>METHOD SP request-target SP HTTP-version. As tshark, the URI ends at the next space and the version
    /// is the rest of the line ("GET /a b HTTP/1.0" gives URI "/a", version "b HTTP/1.0").</summary>
    static void ReadRequestLine(ReadOnlySpan<byte> line, int o, PacketFields f, out ReadOnlySpan<byte> method, out ReadOnlySpan<byte> uri)
    {
        int sp1 = line.IndexOf((byte)' ');
        method = sp1 > 0 ? line.Slice(0, sp1) : line;
        uri = default;
        f.AddBytes(HttpFields.RequestMethod, o, method.Length);
        if (sp1 < 0) return;
        int next = line.Slice(sp1 + 1).IndexOf((byte)' ');
        int sp2 = next < 0 ? -1 : sp1 + 1 + next;
        int uriEnd = sp2 > sp1 ? sp2 : line.Length;
        uri = line.Slice(sp1 + 1, uriEnd - sp1 - 1);
        f.AddBytes(HttpFields.RequestUri, o + sp1 + 1, uri.Length);
        int q = uri.IndexOf((byte)'?');
        if (q >= 0 && f.WantsProtocol(HttpFields.Protocol))
        {
            f.AddBytes(HttpFields.RequestUriPath, o + sp1 + 1, q);
            f.AddBytes(HttpFields.RequestUriQuery, o + sp1 + 2 + q, uri.Length - q - 1);
            int p = q + 1;
            while (p <= uri.Length)
            {
                int amp = uri.Slice(p).IndexOf((byte)'&');
                int end = amp < 0 ? uri.Length : p + amp;
                f.AddBytes(HttpFields.RequestUriQueryParameter, o + sp1 + 1 + p, end - p);
                p = end + 1;
            }
        }
        if (sp2 > sp1) f.AddBytes(HttpFields.RequestVersion, o + sp2 + 1, line.Length - sp2 - 1);
    }

    /// <summary>HTTP-version SP status-code SP reason-phrase; returns the status code (0 when unreadable).</summary>
    static int ReadStatusLine(ReadOnlySpan<byte> line, int o, PacketFields f)
    {
        int sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0) { f.AddBytes(HttpFields.ResponseVersion, o, line.Length); return 0; }
        f.AddBytes(HttpFields.ResponseVersion, o, sp1);
        var rest = line.Slice(sp1 + 1);
        if (rest.Length < 3 || !HttpWire.IsDigit(rest[0]) || !HttpWire.IsDigit(rest[1]) || !HttpWire.IsDigit(rest[2])) return 0;
        int code = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        f.AddUInt(HttpFields.ResponseCode, o + sp1 + 1, 3, (ulong)code);
        if (HttpFields.StatusDescription(code) is { } desc && f.Wants(HttpFields.ResponseCodeDesc))
            f.AddString(HttpFields.ResponseCodeDesc, o + sp1 + 1, 3, desc);
        if (rest.Length > 4) f.AddBytes(HttpFields.ResponsePhrase, o + sp1 + 5, rest.Length - 4);
        return code;
    }

    /// <summary>"http://" + Host + URI (the URI alone when it is already absolute); -1 when it does not fit.</summary>
    static int FullUri(ReadOnlySpan<byte> host, ReadOnlySpan<byte> uri, Span<byte> dst)
    {
        if (uri.IsEmpty) return -1;
        if (uri.StartsWith("http://"u8) || uri.StartsWith("https://"u8))
        {
            if (uri.Length > dst.Length) return -1;
            uri.CopyTo(dst);
            return uri.Length;
        }
        if (host.IsEmpty || uri[0] != (byte)'/') return -1;
        int n = 7 + host.Length + uri.Length;
        if (n > dst.Length) return -1;
        "http://"u8.CopyTo(dst);
        host.CopyTo(dst.Slice(7));
        uri.CopyTo(dst.Slice(7 + host.Length));
        return n;
    }

    [ThreadStatic] static byte[]? t_dechunked;

    /// <summary>Walks the chunks (chunk-size, data, boundary; the trailer part); de-chunks the data into a reused
    /// buffer for http.file_data. Returns the de-chunked length.</summary>
    static int Dechunk(ReadOnlySpan<byte> b, int o, PacketFields f, out bool complete, out ReadOnlySpan<byte> dechunked)
    {
        complete = false;
        var buf = t_dechunked ??= new byte[4096];
        int outLen = 0, pos = 0;
        while (pos < b.Length)
        {
            int nl = b.Slice(pos).IndexOf((byte)'\n');
            if (nl < 0 || !HttpWire.TryParseChunkSize(b.Slice(pos, nl), out long size)) break;
            f.AddUInt(HttpFields.ChunkSize, o + pos, nl + 1, (ulong)Math.Min(size, uint.MaxValue));
            int dataStart = pos + nl + 1;
            if (size == 0)
            {
                int t = dataStart;
                while (HttpWire.NextLine(b, t, out int len, out int full))
                {
                    if (len == 0) { t += full; complete = full > 0; break; }
                    f.AddBytes(HttpFields.ChunkedTrailerPart, o + t, len);
                    t += full;
                }
                pos = t;
                break;
            }
            int avail = (int)Math.Min(size, b.Length - dataStart);
            f.AddBytes(HttpFields.ChunkData, o + dataStart, avail);
            if (outLen + avail > buf.Length) Array.Resize(ref buf, Math.Max(buf.Length * 2, outLen + avail));
            b.Slice(dataStart, avail).CopyTo(buf.AsSpan(outLen));
            outLen += avail;
            int after = dataStart + avail;
            if (avail < size) { pos = b.Length; break; }
            int boundary = after < b.Length && b[after] == (byte)'\r' ? 2 : 1;
            boundary = Math.Min(boundary, b.Length - after);
            if (boundary > 0) f.AddBytes(HttpFields.ChunkBoundary, o + after, boundary);
            pos = after + boundary;
        }
        t_dechunked = buf;
        dechunked = buf.AsSpan(0, outLen);
        if (outLen > 0) f.AddValueBytes(HttpFields.FileData, o, pos, dechunked);
        return outLen;
    }

    /// <summary>What tshark's body dissectors add to the Info column (and the Protocol column for XML/JSON).</summary>
    static void AppendMediaInfo(DissectContext ctx, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> body)
    {
        int semi = contentType.IndexOf((byte)';');
        var mt = HttpWire.Trim(semi >= 0 ? contentType.Slice(0, semi) : contentType);
        Span<byte> lower = stackalloc byte[128];
        if (mt.Length > lower.Length) mt = mt.Slice(0, lower.Length);
        for (int i = 0; i < mt.Length; i++) lower[i] = mt[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(mt[i] + 32) : mt[i];
        var t = lower.Slice(0, mt.Length);
        var info = ctx.Columns.Info;
        // Images: tshark's image dissectors go by the bytes (a GIF served as image/png shows as GIF).
        if (t.StartsWith("image/"u8))
        {
            if (body.Length >= 6 && body.StartsWith("GIF8"u8)) { info.Append(" (").AppendAscii(body.Slice(0, 6)).Append(')'); return; }
            if (body.Length >= 4 && body[0] == 0x89 && body.Slice(1, 3).SequenceEqual("PNG"u8)) { info.Append(" (PNG)"); return; }
            if ((body.Length >= 2 && body[0] == 0xFF && body[1] == 0xD8)) { info.Append(" (JPEG JFIF image)"); return; }
        }
        if (t.SequenceEqual("text/xml"u8) || t.SequenceEqual("application/xml"u8) || t.EndsWith("+xml"u8) || LooksLikeXml(body))
        {
            ctx.Columns.Protocol = "HTTP/XML";
            return;
        }
        if (t.SequenceEqual("application/json"u8) || t.EndsWith("+json"u8))
        {
            ctx.Columns.Protocol = "HTTP/JSON";
            info.Append(", JavaScript Object Notation (").AppendAscii(t).Append(')');
            return;
        }
        // Bodies whose dissectors add nothing to Info (multipart parts, raw octets).
        if (t.StartsWith("multipart/"u8) || t.SequenceEqual("application/octet-stream"u8)) return;
        info.Append(" (").AppendAscii(t).Append(')');
    }

    /// <summary>tshark's XML heuristic: a body starting with an XML declaration is XML whatever its type says.</summary>
    static bool LooksLikeXml(ReadOnlySpan<byte> body)
    {
        int i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return body.Slice(i).StartsWith("<?xml"u8);
    }

    static void AddMatch(PacketFields f, in HttpMatch m)
    {
        if (!m.IsResponse)
        {
            f.AddUInt(HttpFields.RequestNumber, -1, 0, (ulong)m.Number);
            if (m.PrevFrame != 0) f.AddUInt(HttpFields.PrevRequestIn, -1, 0, (ulong)m.PrevFrame);
            if (m.OtherFrame != 0) f.AddUInt(HttpFields.ResponseIn, -1, 0, (ulong)m.OtherFrame);
            return;
        }
        f.AddUInt(HttpFields.ResponseNumber, -1, 0, (ulong)m.Number);
        if (m.OtherFrame != 0)
        {
            f.AddRelativeTime(HttpFields.Time, -1, 0, m.TimeNs);
            if (m.PrevFrame != 0) f.AddUInt(HttpFields.PrevResponseIn, -1, 0, (ulong)m.PrevFrame);
            f.AddUInt(HttpFields.RequestIn, -1, 0, (ulong)m.OtherFrame);
            if (m.FullUri is { } u) f.AddValueBytes(HttpFields.ResponseForUri, -1, 0, u);
        }
        else if (m.PrevFrame != 0) f.AddUInt(HttpFields.PrevResponseIn, -1, 0, (ulong)m.PrevFrame);
    }
}
