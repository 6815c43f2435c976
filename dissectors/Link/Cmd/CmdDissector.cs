using Dissect.Core;

namespace Dissect.Dissectors.Link.Cmd;

/// <summary>Cisco MetaData (8 bytes). After an Ethernet/VLAN ethertype 0x8909: version, length, options, SGT, then
/// the ethertype of what follows. Inside GRE (protocol type 0x8909) the inner ethertype comes first, then version,
/// length, options and SGT.</summary>
public sealed class CmdDissector : IDissector
{
    const ushort EtherType = 0x8909;
    readonly bool _typeFirst;
    readonly CmdDissector? _greTwin;
    DissectorTable _ethertype = null!;

    public CmdDissector() : this(false) { _greTwin = new CmdDissector(true); }
    CmdDissector(bool typeFirst) { _typeFirst = typeFirst; }

    public ProtocolDef Protocol => CmdFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ethertype = tables.Get("ethertype", "Ethertype");
        if (_greTwin is not null)
        {
            _ethertype.Add(EtherType, this);
            _greTwin.Register(tables);
        }
        else tables.Get("gre.proto", "GRE protocol type").Add(EtherType, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var r = tvb.Reader();
        var f = ctx.Fields;
        int o = tvb.Offset;
        ushort type = 0;
        if (_typeFirst && !r.TryU16(out type)) return Handoff.Stop(r.Status, "Cisco MetaData header needs 8 bytes");
        int b = _typeFirst ? o + 2 : o;
        if (!r.TryU8(out byte version) || !r.TryU8(out byte length) || !r.TryU16(out ushort options) || !r.TryU16(out ushort sgt))
            return Handoff.Stop(r.Status, "Cisco MetaData header needs 8 bytes");
        if (!_typeFirst && !r.TryU16(out type)) return Handoff.Stop(r.Status, "Cisco MetaData header needs 8 bytes");
        if (_typeFirst) f.AddUInt(CmdFields.Type, o, 2, type);
        f.AddUInt(CmdFields.Version, b, 1, version);
        f.AddUInt(CmdFields.Length, b + 1, 1, length);
        f.AddUInt(CmdFields.Options, b + 2, 2, options);
        f.AddUInt(CmdFields.Sgt, b + 4, 2, sgt);
        if (!_typeFirst) f.AddUInt(CmdFields.Type, o + 6, 2, type);
        return Handoff.To(_ethertype, type, o + 8, Math.Max(0, tvb.Reported - 8));
    }
}
