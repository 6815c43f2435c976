using Dissect.Core;

namespace Dissect.Dissectors.Network.Gre;

/// <summary>
/// GRE: flags and version, protocol type, then the optional checksum+offset (C or R), key (K), sequence number
/// (S) and, in version 1 (PPTP), acknowledgment number (A). The payload goes to the "gre.proto" table keyed by the
/// protocol type (an ethertype: IPv4, IPv6, transparent Ethernet bridging 0x6558, ERSPAN, PPP 0x880b).
/// Source routing (R with SREs, RFC 1701) is not decoded: such packets stop as data after the fixed fields.
/// </summary>
public sealed class GreDissector : IDissector
{
    DissectorTable _proto = null!;

    public ProtocolDef Protocol => GreFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _proto = tables.Get("gre.proto", "GRE protocol type");
        tables.Get("ip.proto").Add(47, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var r = tvb.Reader();
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TryU16(out ushort fv) || !r.TryU16(out ushort proto))
            return Handoff.Stop(r.Status, "GRE header needs 4 bytes");
        int version = fv & 7;
        int tree = f.BeginTree(GreFields.FlagsAndVersion, o, 2, fv);
        f.AddBool(GreFields.Checksum, o, 2, (fv & 0x8000) != 0);
        f.AddBool(GreFields.Routing, o, 2, (fv & 0x4000) != 0);
        f.AddBool(GreFields.Key, o, 2, (fv & 0x2000) != 0);
        f.AddBool(GreFields.Sequence, o, 2, (fv & 0x1000) != 0);
        f.AddBool(GreFields.StrictSourceRoute, o, 2, (fv & 0x0800) != 0);
        f.AddUInt(GreFields.Recursion, o, 2, (ulong)((fv & 0x0700) >> 8));
        if (version == 1) f.AddBool(GreFields.Ack, o, 2, (fv & 0x0080) != 0);
        f.AddUInt(GreFields.Reserved, o, 2, (ulong)((fv & 0x00f8) >> 3));
        f.AddUInt(GreFields.Version, o, 2, (ulong)version);
        f.EndTree(tree);
        f.AddUInt(GreFields.Proto, o + 2, 2, proto);

        if ((fv & 0xC000) != 0)
        {
            int at = r.FrameOffset;
            if (!r.TryU16(out ushort sum) || !r.TryU16(out ushort off)) return Handoff.Stop(r.Status, "GRE checksum/offset cut short");
            f.AddUInt(GreFields.ChecksumValue, at, 2, sum);
            f.AddUInt(GreFields.Offset, at + 2, 2, off);
        }
        if ((fv & 0x2000) != 0)
        {
            int at = r.FrameOffset;
            if (!r.TryU32(out uint key)) return Handoff.Stop(r.Status, "GRE key cut short");
            if (version == 1)
            {
                f.AddUInt(GreFields.KeyPayloadLength, at, 2, key >> 16);
                f.AddUInt(GreFields.KeyCallId, at + 2, 2, key & 0xffff);
            }
            else f.AddUInt(GreFields.KeyValue, at, 4, key);
        }
        if ((fv & 0x1000) != 0)
        {
            int at = r.FrameOffset;
            if (!r.TryU32(out uint seq)) return Handoff.Stop(r.Status, "GRE sequence number cut short");
            f.AddUInt(GreFields.SequenceNumber, at, 4, seq);
        }
        if (version == 1 && (fv & 0x0080) != 0)
        {
            int at = r.FrameOffset;
            if (!r.TryU32(out uint ack)) return Handoff.Stop(r.Status, "GRE acknowledgment number cut short");
            f.AddUInt(GreFields.AckNumber, at, 4, ack);
        }
        if (ctx.WantColumns)
        {
            var info = ctx.Columns.Info.Clear().Append("Encapsulated ");
            info.Append(Link.Ethernet.EtherTypeNames.Names.TryGetValue(proto, out var name) ? name : "0x" + proto.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }
        int payOff = r.FrameOffset, payRep = Math.Max(0, tvb.Reported - r.Position);
        if ((fv & 0x4000) != 0) return Handoff.Data(payOff, payRep);
        if (payRep == 0) return Handoff.Done;
        return Handoff.To(_proto, proto, payOff, payRep);
    }
}
