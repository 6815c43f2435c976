using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Vlan;

/// <summary>
/// IEEE 802.1Q tag (ethertype 0x8100, and 0x9100 used for Q-in-Q before 802.1ad). Tags stack: each one hands
/// its inner type back to the "ethertype" table. A type field &lt;= 1500 is an 802.3 length and the payload goes
/// to LLC (0xffff: raw 802.3, data); what follows the payload is this layer's padding and vlan.trailer.
/// </summary>
public sealed class VlanDissector : IDissector
{
    DissectorTable _ethertype = null!;
    DissectorTables _tables = null!;
    IDissector? _llc;

    public ProtocolDef Protocol => VlanFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _tables = tables;
        _ethertype = tables.Get("ethertype", "Ethertype");
        _ethertype.Add(0x8100, this);
        _ethertype.Add(0x9100, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (!VlanHeader.TryCreate(tvb.Span, out var h))
            return Handoff.Stop(tvb.Reported >= VlanHeader.Length ? ReadStatus.Truncated : ReadStatus.Malformed, "802.1Q tag needs 4 bytes");
        var f = ctx.Fields;
        int o = tvb.Offset;
        f.AddUInt(VlanFields.Priority, o, 2, (ulong)h.Priority);
        f.AddBool(VlanFields.Dei, o, 2, h.Dei);
        f.AddUInt(VlanFields.Id, o, 2, (ulong)h.Id);
        if (ctx.WantColumns)
            ctx.Columns.Info.Append("PRI: ").Append((ulong)h.Priority).Append("  DEI: ").Append(h.Dei ? 1UL : 0UL)
                .Append("  ID: ").Append((ulong)h.Id);
        ushort type = h.TypeOrLength;
        if (type > 1500)
        {
            f.AddUInt(VlanFields.EtherType, o + 2, 2, type);
            return EtherTypeDispatch.To(_ethertype, type, tvb, VlanHeader.Length, ctx, VlanFields.Trailer);
        }

        // 802.3 length inside the tag.
        f.AddUInt(VlanFields.Len, o + 2, 2, type);
        int payOff = o + VlanHeader.Length;
        int rest = Math.Max(0, tvb.Reported - VlanHeader.Length);
        int length = type;
        if (length > rest) { f.AddFlag(VlanFields.LenPastEnd, o + 2, 2); length = rest; }
        else if (length < rest) EtherTypeDispatch.AddTrailer(ctx, tvb, payOff + length, rest - length, VlanFields.Trailer);
        var span = tvb.Span;
        if (span.Length >= 6 && span[4] == 0xff && span[5] == 0xff) return Handoff.Data(payOff, length);
        _llc ??= _tables.Dissector("llc");
        return _llc is null ? Handoff.Data(payOff, length) : Handoff.ToDissector(_llc, payOff, length);
    }
}
