using Dissect.Core;

namespace Dissect.Dissectors.Link.Cmd;

/// <summary>Cisco MetaData: version, length, options, SGT, then the ethertype of what follows (8 bytes in all).
/// Hangs in "ethertype" and "gre.proto" at 0x8909.</summary>
public sealed class CmdDissector : IDissector
{
    const ushort EtherType = 0x8909;
    DissectorTable _ethertype = null!;

    public ProtocolDef Protocol => CmdFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ethertype = tables.Get("ethertype", "Ethertype");
        _ethertype.Add(EtherType, this);
        tables.Get("gre.proto", "GRE protocol type").Add(EtherType, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var r = tvb.Reader();
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TryU8(out byte version) || !r.TryU8(out byte length) || !r.TryU16(out ushort options) ||
            !r.TryU16(out ushort sgt) || !r.TryU16(out ushort type))
            return Handoff.Stop(r.Status, "Cisco MetaData header needs 8 bytes");
        f.AddUInt(CmdFields.Version, o, 1, version);
        f.AddUInt(CmdFields.Length, o + 1, 1, length);
        f.AddUInt(CmdFields.Options, o + 2, 2, options);
        f.AddUInt(CmdFields.Sgt, o + 4, 2, sgt);
        f.AddUInt(CmdFields.Type, o + 6, 2, type);
        return Handoff.To(_ethertype, type, o + 8, Math.Max(0, tvb.Reported - 8));
    }
}
