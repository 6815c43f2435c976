using System.Runtime.CompilerServices;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Http;

/// <summary>What the start of a byte run looks like.</summary>
public enum HttpStart : byte
{
    /// <summary>Not an HTTP/1.x message start.</summary>
    None,
    /// <summary>Too few bytes to tell (a prefix of a request or status line).</summary>
    NeedMore,
    Request,
    Response,
}

/// <summary>
/// Pure, allocation-free HTTP/1.x wire helpers (RFC 9112): message start recognition, line and header-block
/// scanning, Content-Length / Transfer-Encoding reading and chunked-body measuring. Never throw on input; every
/// method takes the bytes that are there and says when it needs more.
/// </summary>
public static class HttpWire
{
    /// <summary>Request methods recognised at the start of a message (RFC 9110, WebDAV, and the common extras tshark
    /// knows).</summary>
    static readonly string[] Methods =
    [
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT", "TRACE", "PATCH",
        "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT", "CHECKOUT",
        "CHECKIN", "MERGE", "MKACTIVITY", "MKWORKSPACE", "VERSION-CONTROL", "BASELINE-CONTROL", "UPDATE",
        "LABEL", "BIND", "UNBIND", "REBIND", "ACL", "ORDERPATCH", "MKCALENDAR", "NOTIFY", "SUBSCRIBE",
        "UNSUBSCRIBE", "M-SEARCH", "POLL", "BMOVE", "BDELETE", "BPROPFIND", "BPROPPATCH", "BCOPY", "X-MS-ENUMATTS",
        "RPC_IN_DATA", "RPC_OUT_DATA", "PURGE",
    ];

    /// <summary>Bit c - 64 set: some method in <see cref="Methods"/> starts with the byte c (all start with an upper-case
    /// letter, in 64..127).</summary>
    static readonly ulong MethodFirstBytes = FirstBytes();

    static ulong FirstBytes()
    {
        ulong set = 0;
        foreach (var m in Methods)
        {
            if (m[0] is < (char)64 or >= (char)128) throw new InvalidOperationException("method table: first byte out of range");
            set |= 1UL << (m[0] - 64);
        }
        return set;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool MethodStart(byte c) => (uint)(c - 64) < 64 && ((MethodFirstBytes >> (c - 64)) & 1) != 0;

    /// <summary>Upper bound of a header block (request/status line and headers): a longer one is not HTTP to us.</summary>
    public const int MaxHeaderBlock = 256 * 1024;
    /// <summary>What the framer asks for when a body runs until the connection closes.</summary>
    public const int UntilClose = 1 << 30;
    /// <summary>Upper bound of a chunk-size line (with extensions).</summary>
    const int MaxChunkLine = 4096;

    /// <summary>Classifies the first line of <paramref name="b"/>: "METHOD SP" with a known method (the request line
    /// need not be complete), or "HTTP/1.x SP" / "HTTP/1.x SP NNN".</summary>
    public static HttpStart Classify(ReadOnlySpan<byte> b, out int methodLength)
    {
        methodLength = 0;
        if (b.IsEmpty) return HttpStart.NeedMore;
        if (b[0] == (byte)'H' && StartsPrefix(b, "HTTP/"u8))
        {
            // "HTTP/1.1 200" (the response version, then a space)
            if (b.Length < 9) return StartsPrefix(b, "HTTP/1."u8) ? HttpStart.NeedMore : HttpStart.None;
            if (b[5] != (byte)'1' || b[6] != (byte)'.' || !IsDigit(b[7]) || b[8] != (byte)' ') return HttpStart.None;
            return HttpStart.Response;
        }
        if (!MethodStart(b[0])) return HttpStart.None;   // most bytes that are not HTTP end here
        bool needMore = false;
        foreach (var m in Methods)
        {
            int n = m.Length;
            int k = 0;
            while (k < n && k < b.Length && b[k] == (byte)m[k]) k++;
            if (k < n)
            {
                if (k == b.Length) needMore = true;   // "GE" could become "GET "
                continue;
            }
            if (b.Length == n) { needMore = true; continue; }
            if (b[n] == (byte)' ') { methodLength = n; return HttpStart.Request; }
        }
        return needMore ? HttpStart.NeedMore : HttpStart.None;
    }

    /// <summary>The heuristic test on any port: a request line with a known method and " HTTP/1." before its end,
    /// or a status line "HTTP/1.x NNN".</summary>
    public static bool LooksLikeHttp(ReadOnlySpan<byte> b)
    {
        var start = Classify(b, out int ml);
        if (start == HttpStart.Response) return b.Length >= 12 && IsDigit(b[9]) && IsDigit(b[10]) && IsDigit(b[11]);
        if (start != HttpStart.Request) return false;
        int end = b.IndexOf((byte)'\n');
        var line = end < 0 ? b : b.Slice(0, end);
        if (line.Length > 8192) line = line.Slice(0, 8192);
        return line.Slice(ml).IndexOf(" HTTP/1."u8) >= 0;
    }

    static bool StartsPrefix(ReadOnlySpan<byte> b, ReadOnlySpan<byte> p)
    {
        int n = Math.Min(b.Length, p.Length);
        return b.Slice(0, n).SequenceEqual(p.Slice(0, n));
    }

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    /// <summary>Number of CR/LF bytes before the message (tshark's "leading CRLF").</summary>
    public static int LeadingNewlines(ReadOnlySpan<byte> b)
    {
        int i = 0;
        while (i < b.Length && (b[i] == (byte)'\r' || b[i] == (byte)'\n')) i++;
        return i;
    }

    /// <summary>One line of a header block: content without the line end, and the full length with it.</summary>
    public static bool NextLine(ReadOnlySpan<byte> b, int pos, out int contentLength, out int fullLength)
    {
        contentLength = fullLength = 0;
        if (pos >= b.Length) return false;
        int nl = b.Slice(pos).IndexOf((byte)'\n');
        if (nl < 0) { contentLength = fullLength = b.Length - pos; return true; }
        fullLength = nl + 1;
        contentLength = nl > 0 && b[pos + nl - 1] == (byte)'\r' ? nl - 1 : nl;
        return true;
    }

    /// <summary>What the framer needs from a header block.</summary>
    public struct MessageInfo
    {
        public HttpStart Kind;
        public int StatusCode;
        /// <summary>-1 when absent or unusable.</summary>
        public long ContentLength;
        public bool Chunked;
        public bool HasTransferEncoding;
    }

    /// <summary>Reads the start line and the headers that decide the body length (header block must be whole).</summary>
    public static MessageInfo Inspect(ReadOnlySpan<byte> block)
    {
        InspectHeaderBlock(block, out var m);
        return m;
    }

    /// <summary>
    /// One pass over a message's header block: the start line, then each header line up to the empty line that ends
    /// the block, reading those that decide the body length. Returns the block's length with that empty line, or -1
    /// when <paramref name="b"/> ends first (the headers read so far are in <paramref name="m"/>; a last line without
    /// its line end is read too).
    /// </summary>
    public static int InspectHeaderBlock(ReadOnlySpan<byte> b, out MessageInfo m)
    {
        m = new MessageInfo { Kind = Classify(b, out _), ContentLength = -1 };
        if (m.Kind == HttpStart.Response && b.Length >= 12 && IsDigit(b[9]) && IsDigit(b[10]) && IsDigit(b[11]))
            m.StatusCode = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
        int pos = 0;
        bool first = true;
        while (pos < b.Length)
        {
            int nl = b.Slice(pos).IndexOf((byte)'\n');
            if (nl < 0)
            {
                if (!first) Header(ref m, b.Slice(pos));
                return -1;
            }
            int len = nl > 0 && b[pos + nl - 1] == (byte)'\r' ? nl - 1 : nl;
            var line = b.Slice(pos, len);
            pos += nl + 1;
            if (first) { first = false; continue; }   // the start line
            if (len == 0) return pos;
            Header(ref m, line);
        }
        return -1;

        static void Header(ref MessageInfo m, ReadOnlySpan<byte> line)
        {
            int colon = line.IndexOf((byte)':');
            if (colon <= 0) return;
            var name = line.Slice(0, colon).TrimEnd((byte)' ');
            var value = Trim(line.Slice(colon + 1));
            if (name.Length == 14 && EqualsIgnoreCase(name, "content-length"u8))
            {
                if (m.ContentLength < 0 && TryParseLength(value, out long cl)) m.ContentLength = cl;
            }
            else if (name.Length == 17 && EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                m.HasTransferEncoding = true;
                // chunked must be the last coding (RFC 9112 section 6.1)
                int comma = value.LastIndexOf((byte)',');
                var last = Trim(comma < 0 ? value : value.Slice(comma + 1));
                m.Chunked = EqualsIgnoreCase(last, "chunked"u8);
            }
        }
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> v)
    {
        int s = 0, e = v.Length;
        while (s < e && (v[s] == (byte)' ' || v[s] == (byte)'\t')) s++;
        while (e > s && (v[e - 1] == (byte)' ' || v[e - 1] == (byte)'\t')) e--;
        return v.Slice(s, e - s);
    }

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> lowerB)
    {
        if (a.Length != lowerB.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            byte c = a[i];
            if (c is >= (byte)'A' and <= (byte)'Z') c += 32;
            if (c != lowerB[i]) return false;
        }
        return true;
    }

    public static bool TryParseLength(ReadOnlySpan<byte> v, out long n)
    {
        n = 0;
        if (v.IsEmpty || v.Length > 18) return false;
        foreach (var b in v)
        {
            if (!IsDigit(b)) return false;
            n = n * 10 + (b - '0');
        }
        return true;
    }

    /// <summary>Result of measuring a chunked body.</summary>
    public enum ChunkStatus : byte { Complete, NeedMore, Malformed }

    /// <summary>Measures a chunked body starting at <paramref name="b"/>[0]: chunk-size lines, data, CRLFs, the last
    /// chunk and the trailer section up to its empty line. <paramref name="length"/> is the body length when
    /// Complete, the length of the well-formed part when Malformed, and when NeedMore <paramref name="more"/> is
    /// the bytes known to be missing (0: unknown).</summary>
    public static ChunkStatus MeasureChunked(ReadOnlySpan<byte> b, out int length, out int more)
    {
        int pos = 0;
        length = 0; more = 0;
        while (true)
        {
            int nl = b.Slice(pos).IndexOf((byte)'\n');
            if (nl < 0)
            {
                length = pos;
                return b.Length - pos > MaxChunkLine ? ChunkStatus.Malformed : ChunkStatus.NeedMore;
            }
            if (!TryParseChunkSize(b.Slice(pos, nl), out long size)) { length = pos; return ChunkStatus.Malformed; }
            int sizeLineEnd = pos + nl + 1;
            if (size == 0)
            {
                // trailer section: header lines up to an empty line
                int t = sizeLineEnd;
                while (true)
                {
                    int tnl = b.Slice(t).IndexOf((byte)'\n');
                    if (tnl < 0)
                    {
                        length = pos;
                        if (b.Length - t > MaxChunkLine) return ChunkStatus.Malformed;
                        more = b.Length == t ? 2 : 1;   // at least "\r\n" (or its LF) is missing
                        return ChunkStatus.NeedMore;
                    }
                    int lineLen = tnl > 0 && b[t + tnl - 1] == (byte)'\r' ? tnl - 1 : tnl;
                    t += tnl + 1;
                    if (lineLen == 0) { length = t; return ChunkStatus.Complete; }
                }
            }
            long dataEnd = sizeLineEnd + size;
            if (dataEnd > int.MaxValue - 2) { length = pos; return ChunkStatus.Malformed; }
            // data, then CRLF (a bare LF is accepted)
            if (b.Length < dataEnd + 1) { length = pos; more = (int)(dataEnd + 2 - b.Length); return ChunkStatus.NeedMore; }
            int after = (int)dataEnd;
            if (b[after] == (byte)'\r')
            {
                if (b.Length < after + 2) { length = pos; more = 1; return ChunkStatus.NeedMore; }
                if (b[after + 1] != (byte)'\n') { length = pos; return ChunkStatus.Malformed; }
                pos = after + 2;
            }
            else if (b[after] == (byte)'\n') pos = after + 1;
            else { length = pos; return ChunkStatus.Malformed; }
        }
    }

    /// <summary>"1a;ext=1\r" → 26. Hex digits, optional spaces, then extensions after ';'.</summary>
    public static bool TryParseChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line.Slice(0, line.Length - 1);
        int semi = line.IndexOf((byte)';');
        if (semi >= 0) line = line.Slice(0, semi);
        line = Trim(line);
        if (line.IsEmpty || line.Length > 15) return false;
        foreach (var c in line)
        {
            int d = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (d < 0) return false;
            size = size * 16 + d;
        }
        return true;
    }

    /// <summary>True when a response with this status never has a body (1xx, 204, 304).</summary>
    public static bool StatusHasNoBody(int code) => code is >= 100 and < 200 or 204 or 304;

    /// <summary>
    /// Frames one HTTP/1.x message at the start of <paramref name="a"/> (STYLE rule 8). <paramref name="responseToHead"/>
    /// says the response answers a HEAD request (no body whatever its Content-Length). Rules (RFC 9112 section 6.3):
    /// 1xx/204/304 responses and HEAD responses have no body; then chunked transfer coding; then Content-Length; a
    /// request without either has no body; a response without either runs until the connection closes (the
    /// reassembler delivers it at FIN). Bytes that do not start a message are skipped up to the next line that does.
    /// </summary>
    public static FramerResult Frame(ReadOnlySpan<byte> a, bool gapBefore, bool responseToHead)
    {
        if (a.IsEmpty) return FramerResult.NeedMore(1);
        int lead = LeadingNewlines(a);
        if (lead == a.Length) return FramerResult.NeedMore(1);
        var msg = a.Slice(lead);
        var start = Classify(msg, out _);
        if (start == HttpStart.NeedMore) return FramerResult.NeedMore(1);
        if (start == HttpStart.None) return SkipToMessage(a);

        int hdr = InspectHeaderBlock(msg, out var info);
        if (hdr < 0)
            return msg.Length > MaxHeaderBlock ? FramerResult.Skip(a.Length) : FramerResult.NeedMore(0);
        int headerEnd = lead + hdr;
        if (info.Kind == HttpStart.Response && (StatusHasNoBody(info.StatusCode) || responseToHead))
            return FramerResult.Pdu(headerEnd);
        if (info.Chunked)
        {
            var st = MeasureChunked(a.Slice(headerEnd), out int body, out int more);
            return st switch
            {
                ChunkStatus.Complete => FramerResult.Pdu(headerEnd + body),
                ChunkStatus.NeedMore => FramerResult.NeedMore(more),
                // a broken chunk: the message ends where the well-formed part does (the dissector says so)
                _ => FramerResult.Pdu(Math.Max(headerEnd + body, headerEnd)),
            };
        }
        if (info.ContentLength >= 0)
        {
            long total = headerEnd + info.ContentLength;
            if (info.Kind == HttpStart.Response && info.ContentLength > 0 && a.Length >= headerEnd + 7 &&
                a.Slice(headerEnd, 7).SequenceEqual("HTTP/1."u8))
                return FramerResult.Pdu(headerEnd);   // another status line follows at once: a HEAD response
            if (total <= a.Length) return FramerResult.Pdu((int)total);
            return FramerResult.NeedMore((int)Math.Min(int.MaxValue / 2, total - a.Length));
        }
        if (info.Kind == HttpStart.Request) return FramerResult.Pdu(headerEnd);
        // Response without a length: the body runs to the end of the connection (the reassembler delivers it,
        // marked truncated, when the direction closes); no need to look again before then.
        return FramerResult.NeedMore(UntilClose);
    }

    /// <summary>Skips to the next line that starts a message (or over everything when none does). A partial line
    /// at the end that could still start one is kept.</summary>
    static FramerResult SkipToMessage(ReadOnlySpan<byte> a)
    {
        int pos = 0;
        while (true)
        {
            int nl = a.Slice(pos).IndexOf((byte)'\n');
            if (nl < 0) break;
            pos += nl + 1;
            if (pos >= a.Length) return FramerResult.Skip(a.Length);
            var s = Classify(a.Slice(pos), out _);
            if (s is HttpStart.Request or HttpStart.Response) return FramerResult.Skip(pos);
            if (s == HttpStart.NeedMore) return pos > 0 ? FramerResult.Skip(pos) : FramerResult.NeedMore(1);
        }
        return FramerResult.Skip(a.Length);
    }
}
