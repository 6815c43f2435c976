using Dissect.Core;

namespace Dissect.Dissectors.Application.Http;

/// <summary>
/// HTTP/1.x fields (RFC 9110, 9112) with tshark 4.0's abbrevs (`tshark -G fields | grep -P '\thttp\.'`). Header
/// fields hold the header's value; <see cref="RequestLine"/>/<see cref="ResponseLine"/> hold each whole header line
/// with its line end, as tshark records them.
/// </summary>
public static class HttpFields
{
    public static readonly ProtocolDef Protocol = new("http", "Hypertext Transfer Protocol", "HTTP");

    const FieldFlags Gen = FieldFlags.Generated;

    public static readonly FieldDef Request = new("http.request", "Request", FieldKind.Bool, flags: FieldFlags.Indexed);
    public static readonly FieldDef Response = new("http.response", "Response", FieldKind.Bool, flags: FieldFlags.Indexed);
    public static readonly FieldDef RequestNumber = new("http.request_number", "Request number", FieldKind.UInt32, flags: Gen);
    public static readonly FieldDef ResponseNumber = new("http.response_number", "Response number", FieldKind.UInt32, flags: Gen);
    public static readonly FieldDef RequestMethod = new("http.request.method", "Request Method", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef RequestUri = new("http.request.uri", "Request URI", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef RequestUriPath = new("http.request.uri.path", "Request URI Path", FieldKind.String);
    public static readonly FieldDef RequestUriQuery = new("http.request.uri.query", "Request URI Query", FieldKind.String);
    public static readonly FieldDef RequestUriQueryParameter = new("http.request.uri.query.parameter", "Request URI Query Parameter", FieldKind.String);
    public static readonly FieldDef RequestVersion = new("http.request.version", "Request Version", FieldKind.String);
    public static readonly FieldDef FullUri = new("http.request.full_uri", "Full request URI", FieldKind.String, flags: Gen);
    public static readonly FieldDef RequestLine = new("http.request.line", "Request line", FieldKind.String);
    public static readonly FieldDef ResponseVersion = new("http.response.version", "Response Version", FieldKind.String);
    public static readonly FieldDef ResponseCode = new("http.response.code", "Status Code", FieldKind.UInt16, flags: FieldFlags.Indexed);
    public static readonly FieldDef ResponseCodeDesc = new("http.response.code.desc", "Status Code Description", FieldKind.String);
    public static readonly FieldDef ResponsePhrase = new("http.response.phrase", "Response Phrase", FieldKind.String);
    public static readonly FieldDef ResponseLine = new("http.response.line", "Response line", FieldKind.String);
    public static readonly FieldDef ResponseForUri = new("http.response_for.uri", "Request URI", FieldKind.String, flags: Gen);

    // ---- headers with their own field ----
    public static readonly FieldDef Host = new("http.host", "Host", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef UserAgent = new("http.user_agent", "User-Agent", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef ContentType = new("http.content_type", "Content-Type", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef ContentLengthHeader = new("http.content_length_header", "Content-Length", FieldKind.String);
    public static readonly FieldDef ContentLength = new("http.content_length", "Content length", FieldKind.UInt64);
    public static readonly FieldDef ContentEncoding = new("http.content_encoding", "Content-Encoding", FieldKind.String);
    public static readonly FieldDef TransferEncoding = new("http.transfer_encoding", "Transfer-Encoding", FieldKind.String);
    public static readonly FieldDef Connection = new("http.connection", "Connection", FieldKind.String);
    public static readonly FieldDef Upgrade = new("http.upgrade", "Upgrade", FieldKind.String);
    public static readonly FieldDef Accept = new("http.accept", "Accept", FieldKind.String);
    public static readonly FieldDef AcceptEncoding = new("http.accept_encoding", "Accept Encoding", FieldKind.String);
    public static readonly FieldDef AcceptLanguage = new("http.accept_language", "Accept-Language", FieldKind.String);
    public static readonly FieldDef Referer = new("http.referer", "Referer", FieldKind.String);
    public static readonly FieldDef Cookie = new("http.cookie", "Cookie", FieldKind.String);
    public static readonly FieldDef SetCookie = new("http.set_cookie", "Set-Cookie", FieldKind.String);
    public static readonly FieldDef Date = new("http.date", "Date", FieldKind.String);
    public static readonly FieldDef CacheControl = new("http.cache_control", "Cache-Control", FieldKind.String);
    public static readonly FieldDef Server = new("http.server", "Server", FieldKind.String);
    public static readonly FieldDef Location = new("http.location", "Location", FieldKind.String);
    public static readonly FieldDef LastModified = new("http.last_modified", "Last-Modified", FieldKind.String);
    public static readonly FieldDef Authorization = new("http.authorization", "Authorization", FieldKind.String);
    public static readonly FieldDef WwwAuthenticate = new("http.www_authenticate", "WWW-Authenticate", FieldKind.String);
    public static readonly FieldDef ProxyAuthenticate = new("http.proxy_authenticate", "Proxy-Authenticate", FieldKind.String);
    public static readonly FieldDef ProxyAuthorization = new("http.proxy_authorization", "Proxy-Authorization", FieldKind.String);
    public static readonly FieldDef XForwardedFor = new("http.x_forwarded_for", "X-Forwarded-For", FieldKind.String);

    // ---- transactions ----
    public static readonly FieldDef RequestIn = new("http.request_in", "Request in frame", FieldKind.FrameNum, flags: Gen);
    public static readonly FieldDef ResponseIn = new("http.response_in", "Response in frame", FieldKind.FrameNum, flags: Gen);
    public static readonly FieldDef PrevRequestIn = new("http.prev_request_in", "Prev request in frame", FieldKind.FrameNum, flags: Gen);
    public static readonly FieldDef PrevResponseIn = new("http.prev_response_in", "Prev response in frame", FieldKind.FrameNum, flags: Gen);
    public static readonly FieldDef Time = new("http.time", "Time since request", FieldKind.RelativeTime, flags: Gen);

    // ---- body ----
    public static readonly FieldDef ChunkSize = new("http.chunk_size", "Chunk size", FieldKind.UInt32);
    public static readonly FieldDef ChunkData = new("http.chunk_data", "Chunk data", FieldKind.Bytes);
    public static readonly FieldDef ChunkBoundary = new("http.chunk_boundary", "Chunk boundary", FieldKind.Bytes);
    public static readonly FieldDef ChunkedTrailerPart = new("http.chunked_trailer_part", "trailer-part", FieldKind.String);
    public static readonly FieldDef FileData = new("http.file_data", "File Data", FieldKind.String);

    // ---- expert items ----
    /// <summary>Raised on every request and status line, the line being the summary (Wireshark's ei_http_chat).</summary>
    public static readonly FieldDef ExpertChat = new("http.chat", "Formatted text", FieldKind.None, severity: ExpertSeverity.Chat,
        group: ExpertGroup.Sequence, flags: FieldFlags.ExpertTextIsSummary);
    public static readonly FieldDef ExpertTeAndLength = new("http.te_and_length", "The Content-Length and Transfer-Encoding header must not be set together", FieldKind.None, severity: ExpertSeverity.Warn);
    public static readonly FieldDef ExpertTeUnknown = new("http.te_unknown", "Unknown transfer coding name in Transfer-Encoding header", FieldKind.None, severity: ExpertSeverity.Warn);
    public static readonly FieldDef ExpertLeadingCrlf = new("http.leading_crlf", "Leading CRLF previous message in the stream may have extra CRLF", FieldKind.None, severity: ExpertSeverity.Error);
    public static readonly FieldDef ExpertBadHeaderName = new("http.bad_header_name", "Illegal characters found in header name", FieldKind.None, severity: ExpertSeverity.Warn);
    /// <summary>Not in tshark: the message ended (gap, end of capture, connection closed) before its body was whole.</summary>
    public static readonly FieldDef ExpertBodyTruncated = new("http.body_truncated", "Message body cut short before its announced length", FieldKind.None, severity: ExpertSeverity.Warn);

    public static readonly FieldDef[] All =
    [
        Request, Response, RequestNumber, ResponseNumber, RequestMethod, RequestUri, RequestUriPath, RequestUriQuery,
        RequestUriQueryParameter, RequestVersion, FullUri, RequestLine, ResponseVersion, ResponseCode, ResponseCodeDesc,
        ResponsePhrase, ResponseLine, ResponseForUri,
        Host, UserAgent, ContentType, ContentLengthHeader, ContentLength, ContentEncoding, TransferEncoding, Connection,
        Upgrade, Accept, AcceptEncoding, AcceptLanguage, Referer, Cookie, SetCookie, Date, CacheControl, Server, Location,
        LastModified, Authorization, WwwAuthenticate, ProxyAuthenticate, ProxyAuthorization, XForwardedFor,
        RequestIn, ResponseIn, PrevRequestIn, PrevResponseIn, Time,
        ChunkSize, ChunkData, ChunkBoundary, ChunkedTrailerPart, FileData,
        ExpertChat, ExpertTeAndLength, ExpertTeUnknown, ExpertLeadingCrlf, ExpertBadHeaderName, ExpertBodyTruncated,
    ];

    /// <summary>The field of a header name (case-insensitive), or null for headers that only show as a line
    /// (http.request.line / http.response.line), as tshark 4.0 records them.</summary>
    public static FieldDef? HeaderField(ReadOnlySpan<byte> name)
    {
        Span<char> lower = stackalloc char[32];
        if (name.Length > lower.Length) return null;
        for (int i = 0; i < name.Length; i++) { byte b = name[i]; lower[i] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b); }
        return lower.Slice(0, name.Length) switch
        {
            "host" => Host,
            "user-agent" => UserAgent,
            "content-type" => ContentType,
            "content-length" => ContentLengthHeader,
            "content-encoding" => ContentEncoding,
            "transfer-encoding" => TransferEncoding,
            "connection" => Connection,
            "upgrade" => Upgrade,
            "accept" => Accept,
            "accept-encoding" => AcceptEncoding,
            "accept-language" => AcceptLanguage,
            "referer" => Referer,
            "cookie" => Cookie,
            "set-cookie" => SetCookie,
            "date" => Date,
            "cache-control" => CacheControl,
            "server" => Server,
            "location" => Location,
            "last-modified" => LastModified,
            "authorization" => Authorization,
            "www-authenticate" => WwwAuthenticate,
            "proxy-authenticate" => ProxyAuthenticate,
            "proxy-authorization" => ProxyAuthorization,
            "x-forwarded-for" => XForwardedFor,
            _ => null,
        };
    }

    /// <summary>Status code descriptions (tshark 4.0's vals_status_code), for http.response.code.desc.</summary>
    public static string? StatusDescription(int code) => code switch
    {
        100 => "Continue", 101 => "Switching Protocols", 102 => "Processing", 103 => "Early Hints",
        199 => "Informational - Others",
        200 => "OK", 201 => "Created", 202 => "Accepted", 203 => "Non-authoritative Information", 204 => "No Content",
        205 => "Reset Content", 206 => "Partial Content", 207 => "Multi-Status", 208 => "Already Reported",
        226 => "IM Used", 299 => "Success - Others",
        300 => "Multiple Choices", 301 => "Moved Permanently", 302 => "Found", 303 => "See Other", 304 => "Not Modified",
        305 => "Use Proxy", 307 => "Temporary Redirect", 308 => "Permanent Redirect", 399 => "Redirection - Others",
        400 => "Bad Request", 401 => "Unauthorized", 402 => "Payment Required", 403 => "Forbidden", 404 => "Not Found",
        405 => "Method Not Allowed", 406 => "Not Acceptable", 407 => "Proxy Authentication Required",
        408 => "Request Time-out", 409 => "Conflict", 410 => "Gone", 411 => "Length Required",
        412 => "Precondition Failed", 413 => "Request Entity Too Large", 414 => "Request-URI Too Long",
        415 => "Unsupported Media Type", 416 => "Requested Range Not Satisfiable", 417 => "Expectation Failed",
        418 => "I'm a teapot", 421 => "Misdirected Request", 422 => "Unprocessable Entity", 423 => "Locked",
        424 => "Failed Dependency", 425 => "Too Early", 426 => "Upgrade Required", 428 => "Precondition Required",
        429 => "Too Many Requests", 431 => "Request Header Fields Too Large", 451 => "Unavailable For Legal Reasons",
        499 => "Client Error - Others",
        500 => "Internal Server Error", 501 => "Not Implemented", 502 => "Bad Gateway", 503 => "Service Unavailable",
        504 => "Gateway Time-out", 505 => "HTTP Version not supported", 506 => "Variant Also Negotiates",
        507 => "Insufficient Storage", 508 => "Loop Detected", 510 => "Not Extended",
        511 => "Network Authentication Required", 599 => "Server Error - Others",
        _ => null,
    };
}
