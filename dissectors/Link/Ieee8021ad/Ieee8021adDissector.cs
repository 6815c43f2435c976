using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;
using Dissect.Dissectors.Link.Vlan;

namespace Dissect.Dissectors.Link.Ieee8021ad;

/// <summary>IEEE 802.1ad provider bridge (Q-in-Q) service tag, ethertype 0x88a8: the same 4-byte layout as an
/// 802.1Q tag; the inner type goes back to the "ethertype" table. Like tshark, no trailer item is shown here
/// (the payload is still bounded by its own length).</summary>
public sealed class Ieee8021adDissector : IDissector
{
    DissectorTable _ethertype = null!;

    public ProtocolDef Protocol => Ieee8021adFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ethertype = tables.Get("ethertype", "Ethertype");
        _ethertype.Add(0x88a8, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (!VlanHeader.TryCreate(tvb.Span, out var h))
            return Handoff.Stop(tvb.Reported >= VlanHeader.Length ? ReadStatus.Truncated : ReadStatus.Malformed, "802.1ad tag needs 4 bytes");
        var f = ctx.Fields;
        int o = tvb.Offset;
        f.AddUInt(Ieee8021adFields.Priority, o, 2, (ulong)h.Priority);
        f.AddUInt(Ieee8021adFields.Dei, o, 2, h.Dei ? 1UL : 0UL);
        f.AddUInt(Ieee8021adFields.Id, o, 2, (ulong)h.Id);
        if (ctx.WantColumns)
            ctx.Columns.Info.Append("PRI: ").Append((ulong)h.Priority).Append("  DROP: ").Append(h.Dei ? 1UL : 0UL)
                .Append(" ID: ").Append((ulong)h.Id);
        ushort type = h.TypeOrLength;
        f.AddUInt(Ieee8021adFields.EtherType, o + 2, 2, type);
        return EtherTypeDispatch.To(_ethertype, type, tvb, VlanHeader.Length, ctx, null);
    }
}
