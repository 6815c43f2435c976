using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Null;

/// <summary>
/// BSD loopback encapsulation. LINKTYPE_NULL (0): the family is in host byte order (detected as Wireshark does)
/// and a value &gt; 1500 is an ethertype (null.type, "ethertype" table); LINKTYPE_LOOP (108): the family is
/// big-endian. Families go to the "null.type" table (IPv4 at 2; IPv6 at 24, 28, 30 like Wireshark — Linux's 10
/// is not a BSD value and, as in tshark, becomes data). A leading ff 03 is PPP in HDLC framing (data here).
/// </summary>
public sealed class NullDissector : IDissector
{
    public const int LinkTypeNull = 0, LinkTypeLoop = 108;

    readonly bool _loop;
    readonly NullDissector? _loopTwin;
    DissectorTable _family = null!, _ethertype = null!;

    public NullDissector() : this(false) { }

    NullDissector(bool loop)
    {
        _loop = loop;
        if (!loop) _loopTwin = new NullDissector(true);
    }

    public ProtocolDef Protocol => NullFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _family = tables.Get("null.type", "BSD AF_ type");
        _ethertype = tables.Get("ethertype", "Ethertype");
        if (_loopTwin is not null)
        {
            tables.LinkType.Add(LinkTypeNull, this);
            _loopTwin.Register(tables);
        }
        else tables.LinkType.Add(LinkTypeLoop, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Null/Loopback");
        var span = tvb.Span;
        int o = tvb.Offset;
        if (!_loop && span.Length >= 2 && span[0] == 0xff && span[1] == 0x03)
            return Handoff.Data(o, tvb.Reported);
        if (!NullHeader.TryCreate(span, out var h))
            return Handoff.Stop(tvb.Reported >= NullHeader.Length ? ReadStatus.Truncated : ReadStatus.Malformed, "loopback header needs 4 bytes");
        var f = ctx.Fields;
        int payOff = o + NullHeader.Length;
        int payRep = Math.Max(0, tvb.Reported - NullHeader.Length);
        if (_loop)
        {
            uint family = h.NetworkOrderValue;
            f.AddUInt(NullFields.Family, o, 4, family);
            return Handoff.To(_family, family, payOff, payRep);
        }
        uint v = h.HostOrderValue;
        if (v > 1500)
        {
            f.AddUInt(NullFields.Type, o, 4, (ushort)v);
            return EtherTypeDispatch.To(_ethertype, (ushort)v, tvb, NullHeader.Length, ctx, null, setColumns: false);
        }
        f.AddUInt(NullFields.Family, o, 4, v);
        return Handoff.To(_family, v, payOff, payRep);
    }
}
