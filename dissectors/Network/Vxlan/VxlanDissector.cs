using Dissect.Core;

namespace Dissect.Dissectors.Network.Vxlan;

/// <summary>
/// VXLAN: 8 bytes (flags with the I bit, reserved, 24-bit VNI, reserved) then an Ethernet frame. On UDP 4790 the
/// header is VXLAN-GPE: the P bit and a next-protocol byte choose IPv4, IPv6 or Ethernet.
/// </summary>
public sealed class VxlanDissector : IEncapsulation
{
    public const ushort Port = 4789, GpePort = 4790;
    DissectorTables _tables = null!;
    DissectorTable _ethertype = null!;
    IDissector? _eth;

    public ProtocolDef Protocol => VxlanFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _tables = tables;
        _ethertype = tables.Get("ethertype", "Ethertype");
        var udp = tables.Get("udp.port", "UDP port");
        udp.Add(Port, this);
        udp.Add(GpePort, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var r = tvb.Reader();
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TryU16(out ushort flags) || !r.TryU8(out _) || !r.TryU8(out byte next) || !r.TryU24(out uint vni) || !r.TryU8(out byte rsv))
            return Handoff.Stop(r.Status, "VXLAN header needs 8 bytes");
        bool gpe = ctx.SrcPort == GpePort || ctx.DstPort == GpePort;
        int tree = f.BeginTree(VxlanFields.Flags, o, 2, flags);
        f.AddBool(VxlanFields.FlagsI, o, 2, (flags & 0x0800) != 0);
        if (gpe) f.AddBool(VxlanFields.FlagsP, o, 2, (flags & 0x0400) != 0);
        f.EndTree(tree);
        if (gpe && (flags & 0x0400) != 0) f.AddUInt(VxlanFields.NextProto, o + 3, 1, next);
        f.AddUInt(VxlanFields.Vni, o + 4, 3, vni);
        f.AddUInt(VxlanFields.Reserved, o + 7, 1, rsv);
        int payOff = r.FrameOffset, payRep = Math.Max(0, tvb.Reported - 8);
        if (gpe && (flags & 0x0400) != 0 && next != 3)
        {
            return next switch
            {
                1 => Handoff.To(_ethertype, 0x0800, payOff, payRep),
                2 => Handoff.To(_ethertype, 0x86DD, payOff, payRep),
                _ => Handoff.Data(payOff, payRep),
            };
        }
        _eth ??= _tables.Dissector("eth");
        return _eth is null ? Handoff.Data(payOff, payRep) : Handoff.ToDissector(_eth, payOff, payRep);
    }
}
