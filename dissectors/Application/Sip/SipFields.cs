using Dissect.Core;

namespace Dissect.Dissectors.Application.Sip;

/// <summary>SIP (RFC 3261), SDP (RFC 8866) and MIME multipart fields with tshark 4.0's abbrevs.</summary>
public static class SipFields
{
    public static readonly ProtocolDef Protocol = new("sip", "Session Initiation Protocol", "SIP");
    public static readonly ProtocolDef SdpProtocol = new("sdp", "Session Description Protocol", "SDP");
    public static readonly ProtocolDef MultipartProtocol = new("mime_multipart", "MIME Multipart Media Encapsulation", "MIME multipart");

    public static readonly FieldDef RequestLine = new("sip.Request-Line", "Request-Line", FieldKind.String);
    public static readonly FieldDef Method = new("sip.Method", "Method", FieldKind.String);
    public static readonly FieldDef RUri = new("sip.r-uri", "Request-URI", FieldKind.String);
    public static readonly FieldDef StatusLine = new("sip.Status-Line", "Status-Line", FieldKind.String);
    public static readonly FieldDef StatusCode = new("sip.Status-Code", "Status-Code", FieldKind.UInt32);
    public static readonly FieldDef CallId = new("sip.Call-ID", "Call-ID", FieldKind.String);
    public static readonly FieldDef CSeq = new("sip.CSeq", "CSeq", FieldKind.String);
    public static readonly FieldDef CSeqSeq = new("sip.CSeq.seq", "Sequence Number", FieldKind.UInt32);
    public static readonly FieldDef CSeqMethod = new("sip.CSeq.method", "Method", FieldKind.String);
    public static readonly FieldDef Via = new("sip.Via", "Via", FieldKind.String);
    public static readonly FieldDef From = new("sip.From", "From", FieldKind.String);
    public static readonly FieldDef To = new("sip.To", "To", FieldKind.String);
    public static readonly FieldDef Contact = new("sip.Contact", "Contact", FieldKind.String);
    public static readonly FieldDef MaxForwards = new("sip.Max-Forwards", "Max-Forwards", FieldKind.UInt32);
    public static readonly FieldDef UserAgent = new("sip.User-Agent", "User-Agent", FieldKind.String);
    public static readonly FieldDef Server = new("sip.Server", "Server", FieldKind.String);
    public static readonly FieldDef Allow = new("sip.Allow", "Allow", FieldKind.String);
    public static readonly FieldDef Supported = new("sip.Supported", "Supported", FieldKind.String);
    public static readonly FieldDef ContentType = new("sip.Content-Type", "Content-Type", FieldKind.String);
    public static readonly FieldDef ContentLength = new("sip.Content-Length", "Content-Length", FieldKind.UInt32);
    public static readonly FieldDef MsgBody = new("sip.msg_body", "Message Body", FieldKind.None);

    public static readonly FieldDef[] All =
    [
        RequestLine, Method, RUri, StatusLine, StatusCode, CallId, CSeq, CSeqSeq, CSeqMethod, Via, From, To, Contact,
        MaxForwards, UserAgent, Server, Allow, Supported, ContentType, ContentLength, MsgBody,
    ];

    // ---- SDP: one field per line type, as tshark names them ----
    public static readonly FieldDef SdpVersion = new("sdp.version", "Session Description Protocol Version (v)", FieldKind.String);
    public static readonly FieldDef SdpOwner = new("sdp.owner", "Owner/Creator, Session Id (o)", FieldKind.String);
    public static readonly FieldDef SdpSessionName = new("sdp.session_name", "Session Name (s)", FieldKind.String);
    public static readonly FieldDef SdpSessionInfo = new("sdp.session_info", "Session Information (i)", FieldKind.String);
    public static readonly FieldDef SdpUri = new("sdp.uri", "URI of Description (u)", FieldKind.String);
    public static readonly FieldDef SdpEmail = new("sdp.email", "E-mail Address (e)", FieldKind.String);
    public static readonly FieldDef SdpPhone = new("sdp.phone", "Phone Number (p)", FieldKind.String);
    public static readonly FieldDef SdpConnectionInfo = new("sdp.connection_info", "Connection Information (c)", FieldKind.String);
    public static readonly FieldDef SdpBandwidth = new("sdp.bandwidth", "Bandwidth Information (b)", FieldKind.String);
    public static readonly FieldDef SdpTimezone = new("sdp.timezone", "Time Zone Adjustments (z)", FieldKind.String);
    public static readonly FieldDef SdpEncryptionKey = new("sdp.encryption_key", "Encryption Key (k)", FieldKind.String);
    public static readonly FieldDef SdpSessionAttr = new("sdp.session_attr", "Session Attribute (a)", FieldKind.String);
    public static readonly FieldDef SdpMediaAttr = new("sdp.media_attr", "Media Attribute (a)", FieldKind.String);
    public static readonly FieldDef SdpTime = new("sdp.time", "Time Description, active time (t)", FieldKind.String);
    public static readonly FieldDef SdpRepeatTime = new("sdp.repeat_time", "Repeat Time (r)", FieldKind.String);
    public static readonly FieldDef SdpMedia = new("sdp.media", "Media Description, name and address (m)", FieldKind.String);
    public static readonly FieldDef SdpMediaTitle = new("sdp.media_title", "Media Title (i)", FieldKind.String);
    public static readonly FieldDef SdpUnknown = new("sdp.unknown", "Unknown", FieldKind.String);

    public static readonly FieldDef[] SdpAll =
    [
        SdpVersion, SdpOwner, SdpSessionName, SdpSessionInfo, SdpUri, SdpEmail, SdpPhone, SdpConnectionInfo, SdpBandwidth,
        SdpTimezone, SdpEncryptionKey, SdpSessionAttr, SdpMediaAttr, SdpTime, SdpRepeatTime, SdpMedia, SdpMediaTitle, SdpUnknown,
    ];

    public static readonly FieldDef MultipartContentType = new("mime_multipart.header.content-type", "Content-Type", FieldKind.String);
    public static readonly FieldDef[] MultipartAll = [MultipartContentType];
}
