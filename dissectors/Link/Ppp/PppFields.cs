using Dissect.Core;

namespace Dissect.Dissectors.Link.Ppp;

/// <summary>Fields of PPP in HDLC-like framing (RFC 1662; LINKTYPE_PPP 9 and LINKTYPE_PPP_HDLC 50).</summary>
public static class PppFields
{
    public static readonly ProtocolDef Protocol = new("ppp", "Point-to-Point Protocol", "PPP");
    public static readonly FieldDef Address = new("ppp.address", "Address", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef Control = new("ppp.control", "Control", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef ProtocolField = new("ppp.protocol", "Protocol", FieldKind.UInt16, FieldBase.Hex, valueNames: Names);

    public static readonly FieldDef[] All = [Address, Control, ProtocolField];

    static Dictionary<ulong, string> Names => new()
    {
        [0x0021] = "Internet Protocol version 4", [0x0057] = "Internet Protocol version 6", [0xc021] = "Link Control Protocol",
        [0x8021] = "Internet Protocol Control Protocol", [0x8057] = "IPv6 Control Protocol", [0xc023] = "Password Authentication Protocol",
        [0xc223] = "Challenge Handshake Authentication Protocol", [0x002d] = "Van Jacobson Compressed TCP/IP",
    };
}
