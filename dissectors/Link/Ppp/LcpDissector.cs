using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Link.Ppp;

/// <summary>PPP Link Control Protocol (RFC 1661) fields with tshark 4.0's abbrevs (code, identifier and length are
/// Wireshark's shared ppp.* fields).</summary>
public static class LcpFields
{
    public static readonly ProtocolDef Protocol = new("lcp", "PPP Link Control Protocol", "PPP LCP");

    public static readonly Dictionary<ulong, string> CodeNames = new()
    {
        [1] = "Configuration Request", [2] = "Configuration Ack", [3] = "Configuration Nak", [4] = "Configuration Reject",
        [5] = "Termination Request", [6] = "Termination Ack", [7] = "Code Reject", [8] = "Protocol Reject",
        [9] = "Echo Request", [10] = "Echo Reply", [11] = "Discard Request", [12] = "Identification",
        [13] = "Time Remaining",
    };
    public static readonly Dictionary<ulong, string> OptionNames = new()
    {
        [1] = "Maximum Receive Unit", [2] = "Async Control Character Map", [3] = "Authentication Protocol",
        [4] = "Quality Protocol", [5] = "Magic Number", [7] = "Protocol Field Compression",
        [8] = "Address and Control Field Compression", [13] = "Callback", [17] = "Multilink MRRU",
        [18] = "Multilink Short Sequence Number Header Format", [19] = "Multilink Endpoint Discriminator",
    };

    public static readonly FieldDef Code = new("ppp.code", "Code", FieldKind.UInt8, valueNames: CodeNames);
    public static readonly FieldDef Identifier = new("ppp.identifier", "Identifier", FieldKind.UInt8);
    public static readonly FieldDef Length = new("ppp.length", "Length", FieldKind.UInt16);
    public static readonly FieldDef OptType = new("lcp.opt.type", "Type", FieldKind.UInt8, valueNames: OptionNames);
    public static readonly FieldDef OptLength = new("lcp.opt.length", "Length", FieldKind.UInt8);
    public static readonly FieldDef OptMru = new("lcp.opt.mru", "Maximum Receive Unit", FieldKind.UInt16);
    public static readonly FieldDef OptAsyncMap = new("lcp.opt.asyncmap", "Async Control Character Map", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef OptAuthProtocol = new("lcp.opt.auth_protocol", "Authentication Protocol", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef OptMagicNumber = new("lcp.opt.magic_number", "Magic Number", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef OptMrru = new("lcp.opt.mrru", "MRRU", FieldKind.UInt16);
    public static readonly FieldDef OptData = new("lcp.opt.data", "Data", FieldKind.Bytes);
    public static readonly FieldDef MagicNumber = new("lcp.magic_number", "Magic Number", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef Data = new("lcp.data", "Data", FieldKind.Bytes);

    public static readonly FieldDef[] All =
        [Code, Identifier, Length, OptType, OptLength, OptMru, OptAsyncMap, OptAuthProtocol, OptMagicNumber, OptMrru, OptData, MagicNumber, Data];
}

/// <summary>
/// PPP LCP (ppp.protocol 0xc021): code (Info, as tshark 4.0: "Configuration Request"), identifier, length; the
/// configure messages' options with type and length, MRU, ACCM, authentication protocol, magic number and MRRU
/// decoded (others as data); echo/discard magic number. Callback, endpoint discriminator and the other options'
/// contents are not decoded.
/// </summary>
public sealed class LcpDissector : IDissector
{
    public const ushort PppProtocol = 0xc021;

    public ProtocolDef Protocol => LcpFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("ppp.protocol", "PPP protocol").Add(PppProtocol, this);

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("LCP packet cut by the capture length")
                              : Handoff.Malformed("LCP packet shorter than its length field");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (d.Length < 1) return Cut(reported, 1);
        byte code = d[0];
        f.AddUInt(LcpFields.Code, o, 1, code);
        if (ctx.WantColumns)
        {
            if (LcpFields.CodeNames.TryGetValue(code, out var n)) ctx.Columns.Info.Append(n);
            else ctx.Columns.Info.Append("Unknown (").AppendHex(code, 2).Append(')');
        }
        if (d.Length < 2) return Cut(reported, 2);
        f.AddUInt(LcpFields.Identifier, o + 1, 1, d[1]);
        if (d.Length < 4) return Cut(reported, 4);
        int length = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2));
        f.AddUInt(LcpFields.Length, o + 2, 2, (ulong)length);
        if (length < 4 || length > reported) return Handoff.Malformed("LCP length outside the packet");
        int end = length;
        switch (code)
        {
            case >= 1 and <= 4:
                for (int pos = 4; pos < end;)
                {
                    if (d.Length < pos + 2) return Cut(reported, pos + 2);
                    byte ot = d[pos];
                    int ol = d[pos + 1];
                    f.AddUInt(LcpFields.OptType, o + pos, 1, ot);
                    f.AddUInt(LcpFields.OptLength, o + pos + 1, 1, (ulong)ol);
                    if (ol < 2 || pos + ol > end) return Handoff.Malformed("LCP option length outside the packet");
                    if (d.Length < pos + ol) return Cut(reported, pos + ol);
                    var v = d.Slice(pos + 2, ol - 2);
                    int vo = o + pos + 2;
                    switch (ot)
                    {
                        case 1 when v.Length == 2: f.AddUInt(LcpFields.OptMru, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v)); break;
                        case 2 when v.Length == 4: f.AddUInt(LcpFields.OptAsyncMap, vo, 4, BinaryPrimitives.ReadUInt32BigEndian(v)); break;
                        case 3 when v.Length >= 2: f.AddUInt(LcpFields.OptAuthProtocol, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v)); break;
                        case 5 when v.Length == 4: f.AddUInt(LcpFields.OptMagicNumber, vo, 4, BinaryPrimitives.ReadUInt32BigEndian(v)); break;
                        case 17 when v.Length == 2: f.AddUInt(LcpFields.OptMrru, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v)); break;
                        case 7 or 8: break;
                        default: if (v.Length > 0) f.AddBytes(LcpFields.OptData, vo, v.Length); break;
                    }
                    pos += ol;
                }
                break;
            case 9 or 10 or 11:
                if (end < 8) break;
                if (d.Length < 8) return Cut(reported, 8);
                f.AddUInt(LcpFields.MagicNumber, o + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4)));
                if (end > 8) f.AddBytes(LcpFields.Data, o + 8, Math.Min(end, d.Length) - 8);
                break;
            default:
                if (end > 4) f.AddBytes(LcpFields.Data, o + 4, Math.Min(end, d.Length) - 4);
                break;
        }
        return Handoff.Done;
    }
}
