using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Llc;

/// <summary>
/// IEEE 802.2 LLC, reached from 802.3 Ethernet and from Linux cooked captures (sll.ltype 4). SNAP with an
/// ethertype OUI hands the payload to the "ethertype" table; other SNAP OUIs become data; plain LLC hands it to
/// the "llc.dsap" table by DSAP.
/// </summary>
public sealed class LlcDissector : IDissector
{
    public const uint OuiEncapEther = 0x000000, OuiCisco = 0x00000c, OuiCisco90 = 0x0000f8, OuiAppleAtalk = 0x080007;

    DissectorTable _ethertype = null!;
    DissectorTable _dsap = null!;
    DissectorTable _ciscoPid = null!;

    public ProtocolDef Protocol => LlcFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ethertype = tables.Get("ethertype", "Ethertype");
        _dsap = tables.Get("llc.dsap", "LLC SAP");
        _ciscoPid = tables.Get("llc.cisco_pid", "LLC SNAP PID (Cisco OUI)");
        tables.Get("sll.ltype", "Linux protocol type").Add(0x0004, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (!LlcHeader.TryCreate(tvb.Span, out var h, out int needed))
            return Handoff.Stop(tvb.Reported >= needed ? ReadStatus.Truncated : ReadStatus.Malformed, "LLC header is cut short");
        var f = ctx.Fields;
        int o = tvb.Offset;
        bool response = (h.Ssap & 1) != 0;

        int t = f.BeginTree(LlcFields.Dsap, o, 1, h.Dsap);
        f.AddUInt(LlcFields.DsapSap, o, 1, (ulong)(h.Dsap >> 1));
        f.AddBool(LlcFields.DsapIg, o, 1, (h.Dsap & 1) != 0);
        f.EndTree(t);
        t = f.BeginTree(LlcFields.Ssap, o + 1, 1, h.Ssap);
        f.AddUInt(LlcFields.SsapSap, o + 1, 1, (ulong)(h.Ssap >> 1));
        f.AddBool(LlcFields.SsapCr, o + 1, 1, response);
        f.EndTree(t);

        ushort control = h.Control;
        int cl = h.ControlLength;
        t = f.BeginTree(LlcFields.Control, o + 2, cl, control);
        if (h.IsUnnumbered)
        {
            f.AddUInt(response ? LlcFields.ControlUResp : LlcFields.ControlUCmd, o + 2, 1, (ulong)((control & 0xec) >> 2));
            if ((control & 0x10) != 0) f.AddBool(response ? LlcFields.ControlF : LlcFields.ControlP, o + 2, 1, true);
            f.AddUInt(LlcFields.ControlFtype, o + 2, 1, 3);
        }
        else
        {
            f.AddUInt(LlcFields.ControlNr, o + 2, 2, (ulong)(control >> 9));
            if ((control & 1) == 0) f.AddUInt(LlcFields.ControlNs, o + 2, 2, (ulong)((control >> 1) & 0x7f));
            else f.AddUInt(LlcFields.ControlSFtype, o + 2, 2, (ulong)((control >> 2) & 3));
            f.AddUInt(LlcFields.ControlFtype, o + 2, 2, (ulong)(control & 1) == 0 ? 0UL : 1UL);
        }
        f.EndTree(t);
        if (ctx.WantColumns) ControlInfo(ctx.Columns.Info.Clear(), h, response);

        int payOff = o + h.Length;
        int payRep = Math.Max(0, tvb.Reported - h.Length);
        if (h.IsSnap)
        {
            uint oui = h.Oui;
            ushort pid = h.Pid;
            f.AddUInt(LlcFields.Oui, o + 3, 3, oui);
            if (ctx.WantColumns)
            {
                var info = AppendHexUpper(ctx.Columns.Info.Append("; SNAP, OUI "), oui, 6);
                if (OuiName(oui) is { } name) info.Append(" (").Append(name).Append(')');
                AppendHexUpper(info.Append(", PID "), pid, 4);
            }
            if (oui is OuiEncapEther or OuiCisco90 or OuiAppleAtalk)
            {
                f.AddUInt(LlcFields.Type, o + 6, 2, pid);
                return Handoff.To(_ethertype, pid, payOff, payRep);
            }
            f.AddUInt(LlcFields.Pid, o + 6, 2, pid);
            // Cisco's OUI carries CDP (0x2000), DTP (0x2004), PVST+ BPDUs (0x010b)...: its own PID table, as
            // Wireshark's "llc.cisco_pid"; an unregistered PID still ends as data.
            if (oui == OuiCisco) return Handoff.To(_ciscoPid, pid, payOff, payRep);
            return Handoff.Data(payOff, payRep);
        }
        if (ctx.WantColumns)
        {
            var info = ctx.Columns.Info.Append("; DSAP ");
            SapName(info, h.Dsap).Append((h.Dsap & 1) != 0 ? " Group" : " Individual").Append(", SSAP ");
            SapName(info, h.Ssap).Append(response ? " Response" : " Command");
        }
        return Handoff.To(_dsap, h.Dsap, payOff, payRep);
    }

    static TextColumn SapName(TextColumn info, byte sap)
    {
        var names = LlcFields.Dsap.ValueNames!;
        return names.TryGetValue((ulong)(sap & 0xfe), out var n) ? info.Append(n) : info.AppendHex(sap, 2);
    }

    static void ControlInfo(TextColumn info, in LlcHeader h, bool response)
    {
        ushort c = h.Control;
        if (h.IsUnnumbered)
        {
            info.Append("U");
            if ((c & 0x10) != 0) info.Append(response ? " F" : " P");
            info.Append(", func=").Append(UName((c & 0xec) >> 2, response));
        }
        else if ((c & 1) == 0)
            info.Append("I, N(R)=").Append((ulong)(c >> 9)).Append(", N(S)=").Append((ulong)((c >> 1) & 0x7f));
        else
            info.Append("S, func=").Append(((c >> 2) & 3) switch { 0 => "RR", 1 => "RNR", 2 => "REJ", _ => "SREJ" })
                .Append(", N(R)=").Append((ulong)(c >> 9));
    }

    static string UName(int modifier, bool response) => modifier switch
    {
        0x00 => "UI",
        0x01 => response ? "RIM" : "SIM",
        0x03 => response ? "DM" : "SARM",
        0x08 => "UP",
        0x0b => "SABM",
        0x10 => response ? "RD" : "DISC",
        0x13 => "SARME",
        0x18 => "UA",
        0x1b => "SABME",
        0x20 => "SNRM",
        0x21 => "FRMR",
        0x2b => "XID",
        0x33 => "SNRME",
        0x38 => "TEST",
        _ => "Unknown",
    };

    static string? OuiName(uint oui) => oui switch
    {
        OuiEncapEther => "Officially Xerox, but 0:0:0:0:0:0 is more common",
        0x00000c => "Cisco",
        OuiCisco90 => "Cisco 90-Compatible",
        0x0080c2 => "IEEE 802.1",
        OuiAppleAtalk => "Apple",
        _ => null,
    };

    /// <summary>Upper-case, zero-padded hex, as Wireshark prints OUI and PID in the LLC Info column.</summary>
    static TextColumn AppendHexUpper(TextColumn c, uint v, int digits)
    {
        c.Append("0x");
        for (int i = digits - 1; i >= 0; i--)
        {
            int d = (int)((v >> (4 * i)) & 15);
            c.Append((char)(d < 10 ? '0' + d : 'A' + d - 10));
        }
        return c;
    }
}
