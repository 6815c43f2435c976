using Dissect.Core;

namespace Dissect.Dissectors.Link.Ppp;

/// <summary>
/// PPP (RFC 1661) in HDLC-like framing (RFC 1662): optional address 0xff and control 0x03, then a 1- or 2-byte
/// protocol (protocol-field compression: an odd first byte is a 1-byte protocol). IPv4 and IPv6 go to the
/// "ethertype" table; every protocol number is also offered to the "ppp.protocol" table.
/// </summary>
public sealed class PppDissector : IDissector
{
    public const int LinkTypePpp = 9, LinkTypePppHdlc = 50;
    public const ushort GreProtocolPpp = 0x880b;
    DissectorTable _ppp = null!, _ethertype = null!;

    public ProtocolDef Protocol => PppFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ppp = tables.Get("ppp.protocol", "PPP protocol");
        _ethertype = tables.Get("ethertype", "Ethertype");
        tables.LinkType.Add(LinkTypePpp, this);
        tables.LinkType.Add(LinkTypePppHdlc, this);
        // GRE version 1 (PPTP's data channel) carries PPP as protocol type 0x880b, as in Wireshark.
        tables.Get("gre.proto", "GRE protocol type").Add(GreProtocolPpp, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var r = tvb.Reader();
        var f = ctx.Fields;
        var span = tvb.Span;
        // A capture cut right after the 0xff address byte: the control byte is missing, not a 1-byte protocol 0xff.
        if (span.Length == 1 && span[0] == 0xff && tvb.Reported >= 2) return Handoff.Truncated("PPP header cut by the capture length");
        if (span.Length >= 2 && span[0] == 0xff && span[1] == 0x03)
        {
            f.AddUInt(PppFields.Address, tvb.Offset, 1, 0xff);
            f.AddUInt(PppFields.Control, tvb.Offset + 1, 1, 0x03);
            r.Position = 2;
        }
        int at = r.FrameOffset;
        if (!r.TryU8(out byte first)) return Handoff.Stop(r.Status, "PPP protocol field missing");
        ushort proto = first;
        int len = 1;
        if ((first & 1) == 0)
        {
            if (!r.TryU8(out byte second)) return Handoff.Stop(r.Status, "PPP protocol field cut short");
            proto = (ushort)(first << 8 | second);
            len = 2;
        }
        f.AddUInt(PppFields.ProtocolField, at, len, proto);
        int payOff = r.FrameOffset, payRep = Math.Max(0, tvb.Reported - r.Position);
        if (_ppp.TryGet(proto, out _)) return Handoff.To(_ppp, proto, payOff, payRep);
        return proto switch
        {
            0x0021 => Handoff.To(_ethertype, 0x0800, payOff, payRep),
            0x0057 => Handoff.To(_ethertype, 0x86DD, payOff, payRep),
            _ => Handoff.Data(payOff, payRep),
        };
    }
}
