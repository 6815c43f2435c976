using Dissect.Core;

namespace Dissect.Dissectors.Link.Raw;

/// <summary>Raw IP: the IP version nibble of the first byte picks IPv4 or IPv6 (through the "ethertype" table,
/// 0x0800 / 0x86dd); anything else is data. LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) need no such layer:
/// IPv4 and IPv6 register for them directly.</summary>
public sealed class RawDissector : IDissector
{
    public const int LinkTypeRaw = 101, LinkTypeRawOpenBsd = 12, LinkTypeRawBsdOs = 14;

    DissectorTable _ethertype = null!;

    public ProtocolDef Protocol => RawFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ethertype = tables.Get("ethertype", "Ethertype");
        tables.LinkType.Add(LinkTypeRaw, this);
        tables.LinkType.Add(LinkTypeRawOpenBsd, this);
        tables.LinkType.Add(LinkTypeRawBsdOs, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var span = tvb.Span;
        if (span.Length >= 1)
        {
            switch (span[0] >> 4)
            {
                case 4: return Handoff.To(_ethertype, 0x0800, tvb.Offset, tvb.Reported);
                case 6: return Handoff.To(_ethertype, 0x86dd, tvb.Offset, tvb.Reported);
            }
        }
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Raw packet data");
        return tvb.Reported > 0 ? Handoff.Data(tvb.Offset, tvb.Reported) : Handoff.Done;
    }
}
