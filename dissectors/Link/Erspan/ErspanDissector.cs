using Dissect.Core;

namespace Dissect.Dissectors.Link.Erspan;

/// <summary>
/// ERSPAN: type II (8 bytes: version, VLAN, COS, encap, truncated, session id; reserved, index) and type III
/// (12 bytes, plus an 8-byte platform sub-header when O is set), then the mirrored Ethernet frame.
/// </summary>
public sealed class ErspanDissector : IDissector
{
    DissectorTables _tables = null!;
    IDissector? _eth;

    public ProtocolDef Protocol => ErspanFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _tables = tables;
        var gre = tables.Get("gre.proto", "GRE protocol type");
        gre.Add(0x88be, this);
        gre.Add(0x22eb, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var r = tvb.Reader();
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TryU16(out ushort w0) || !r.TryU16(out ushort w1)) return Handoff.Stop(r.Status, "ERSPAN header cut short");
        int version = w0 >> 12;
        f.AddUInt(ErspanFields.Version, o, 2, (ulong)version);
        f.AddUInt(ErspanFields.Vlan, o, 2, (ulong)(w0 & 0x0fff));
        f.AddUInt(ErspanFields.Cos, o + 2, 2, (ulong)(w1 >> 13));
        if (version == 1) f.AddUInt(ErspanFields.Encap, o + 2, 2, (ulong)((w1 >> 11) & 3));
        else f.AddUInt(ErspanFields.Bso, o + 2, 2, (ulong)((w1 >> 11) & 3));
        f.AddUInt(ErspanFields.Truncated, o + 2, 2, (ulong)((w1 >> 10) & 1));
        f.AddUInt(ErspanFields.SpanId, o + 2, 2, (ulong)(w1 & 0x03ff));
        if (version == 1)
        {
            if (!r.TryU32(out uint w)) return Handoff.Stop(r.Status, "ERSPAN type II index cut short");
            f.AddUInt(ErspanFields.Reserved, o + 4, 4, w >> 20);
            f.AddUInt(ErspanFields.Index, o + 4, 4, w & 0xfffff);
        }
        else if (version == 2)
        {
            if (!r.TryU32(out uint ts) || !r.TryU16(out ushort sgt) || !r.TryU16(out ushort bits))
                return Handoff.Stop(r.Status, "ERSPAN type III header cut short");
            f.AddUInt(ErspanFields.Timestamp, o + 4, 4, ts);
            f.AddUInt(ErspanFields.Sgt, o + 8, 2, sgt);
            f.AddUInt(ErspanFields.P, o + 10, 2, (ulong)(bits >> 15));
            f.AddUInt(ErspanFields.Ft, o + 10, 2, (ulong)((bits >> 10) & 0x1f));
            f.AddUInt(ErspanFields.Hw, o + 10, 2, (ulong)((bits >> 4) & 0x3f));
            f.AddBool(ErspanFields.Direction, o + 10, 2, (bits & 8) != 0);
            f.AddUInt(ErspanFields.Gra, o + 10, 2, (ulong)((bits >> 1) & 3));
            f.AddUInt(ErspanFields.O, o + 10, 2, (ulong)(bits & 1));
            if ((bits & 1) != 0 && !r.TrySkip(8)) return Handoff.Stop(r.Status, "ERSPAN platform sub-header cut short");
        }
        else return Handoff.Data(r.FrameOffset, Math.Max(0, tvb.Reported - r.Position));
        _eth ??= _tables.Dissector("eth");
        int payOff = r.FrameOffset, payRep = Math.Max(0, tvb.Reported - r.Position);
        return _eth is null ? Handoff.Data(payOff, payRep) : Handoff.ToDissector(_eth, payOff, payRep);
    }
}
