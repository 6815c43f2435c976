using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Link.Stp;

/// <summary>
/// Spanning Tree BPDUs (IEEE 802.1D configuration and TCN, 802.1w RST), reached by LLC DSAP 0x42 and, as Cisco's
/// PVST+ (followed by its TLVs, the originating VLAN), by SNAP with the Cisco OUI and PID 0x010b. Bridge
/// identifiers are split into priority / system ID extension / MAC as tshark's default does. Info as tshark 4.0:
/// "Conf. [TC + ]Root = 32768/1/aa:bb:cc:00:03:00  Cost = 0  Port = 0x8002", "RST. ...", "Topology Change
/// Notification". MSTP's MSTI records (version 3) and SPB fields (version 4) are not decoded.
/// </summary>
public sealed class StpDissector : IDissector
{
    public const byte Sap = 0x42;
    public const ushort PvstPid = 0x010b;
    const byte Conf = 0x00, Rst = 0x02, Tcn = 0x80;
    readonly bool _pvst;

    /// <param name="pvst">True for the Cisco PVST+ instance (llc.cisco_pid 0x010b) whose BPDU is followed by TLVs.</param>
    public StpDissector(bool pvst = false) { _pvst = pvst; }

    public ProtocolDef Protocol => StpFields.Protocol;

    public void Register(DissectorTables tables)
    {
        if (_pvst) tables.Get("llc.cisco_pid", "LLC SNAP PID (Cisco OUI)").Add(PvstPid, this);
        else tables.Get("llc.dsap", "LLC SAP").Add(Sap, this);
    }

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("STP BPDU cut by the capture length")
                              : Handoff.Malformed("STP BPDU shorter than its type requires");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (d.Length < 2) return Cut(reported, 2);
        f.AddUInt(StpFields.ProtocolId, o, 2, BinaryPrimitives.ReadUInt16BigEndian(d));
        if (d.Length < 3) return Cut(reported, 3);
        byte version = d[2];
        f.AddUInt(StpFields.Version, o + 2, 1, version);
        if (d.Length < 4) return Cut(reported, 4);
        byte type = d[3];
        f.AddUInt(StpFields.Type, o + 3, 1, type);

        if (type == Tcn)
        {
            if (ctx.WantColumns) ctx.Columns.Info.Append("Topology Change Notification");
            return Handoff.Done;
        }
        if (type is not (Conf or Rst))
        {
            if (ctx.WantColumns) ctx.Columns.Info.Append("Unknown BPDU type (").Append((ulong)type).Append(')');
            return reported > 4 ? Handoff.Data(o + 4, reported - 4) : Handoff.Done;
        }

        // The Info line needs the flags, root identifier, cost and port (bytes 4..26).
        if (ctx.WantColumns && d.Length >= 27)
        {
            var info = ctx.Columns.Info;
            info.Append(type == Conf ? "Conf. " : version == 3 ? "MST. " : version == 4 ? "SPT. " : "RST. ");
            if ((d[4] & 0x01) != 0) info.Append("TC + ");
            ushort rp = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(5));
            info.Append("Root = ").Append((ulong)(rp & 0xf000)).Append('/').Append((ulong)(rp & 0x0fff)).Append('/');
            AppendMac(info, d.Slice(7, 6));
            info.Append("  Cost = ").Append((ulong)BinaryPrimitives.ReadUInt32BigEndian(d.Slice(13)));
            info.Append("  Port = ").AppendHex(BinaryPrimitives.ReadUInt16BigEndian(d.Slice(25)), 4);
        }

        if (d.Length < 5) return Cut(reported, 5);
        byte flags = d[4];
        int t = f.BeginTree(StpFields.Flags, o + 4, 1, flags);
        f.AddBool(StpFields.FlagTcAck, o + 4, 1, (flags & 0x80) != 0);
        if (type == Rst)
        {
            f.AddBool(StpFields.FlagAgreement, o + 4, 1, (flags & 0x40) != 0);
            f.AddBool(StpFields.FlagForwarding, o + 4, 1, (flags & 0x20) != 0);
            f.AddBool(StpFields.FlagLearning, o + 4, 1, (flags & 0x10) != 0);
            f.AddUInt(StpFields.FlagPortRole, o + 4, 1, (ulong)((flags >> 2) & 3));
            f.AddBool(StpFields.FlagProposal, o + 4, 1, (flags & 0x02) != 0);
        }
        f.AddBool(StpFields.FlagTc, o + 4, 1, (flags & 0x01) != 0);
        f.EndTree(t);

        if (d.Length < 13) return Cut(reported, 13);
        BridgeId(f, d, o, 5, StpFields.RootPrio, StpFields.RootExt, StpFields.RootHw);
        if (d.Length < 17) return Cut(reported, 17);
        f.AddUInt(StpFields.RootCost, o + 13, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(13)));
        if (d.Length < 25) return Cut(reported, 25);
        BridgeId(f, d, o, 17, StpFields.BridgePrio, StpFields.BridgeExt, StpFields.BridgeHw);
        if (d.Length < 27) return Cut(reported, 27);
        f.AddUInt(StpFields.Port, o + 25, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(25)));
        ReadOnlySpan<FieldDef> times = [StpFields.MsgAge, StpFields.MaxAge, StpFields.Hello, StpFields.Forward];
        for (int i = 0; i < times.Length; i++)
        {
            int at = 27 + 2 * i;
            if (d.Length < at + 2) return Cut(reported, at + 2);
            f.AddDouble(times[i], o + at, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(at)) / 256.0);
        }
        int pos = 35;
        if (type == Rst)
        {
            if (d.Length < 36) return Cut(reported, 36);
            f.AddUInt(StpFields.Version1Length, o + 35, 1, d[35]);
            pos = 36;
        }
        if (!_pvst) return Handoff.Done;
        // PVST+ pads a configuration BPDU to 36 bytes: its TLVs start after the version 1 length position either way.
        pos = 36;

        // PVST+ TLVs: type (2), length (2), value; type 0 is the originating VLAN.
        while (pos + 4 <= reported)
        {
            if (d.Length < pos + 4) return Cut(reported, pos + 4);
            ushort tt = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            ushort tl = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
            f.AddUInt(StpFields.PvstTlvType, o + pos, 2, tt);
            f.AddUInt(StpFields.PvstTlvLen, o + pos + 2, 2, tl);
            if (pos + 4 + tl > reported) return Handoff.Malformed("PVST+ TLV runs past the BPDU");
            if (d.Length < pos + 4 + tl) return Cut(reported, pos + 4 + tl);
            if (tt == 0 && tl == 2) f.AddUInt(StpFields.PvstOrigVlan, o + pos + 4, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 4)));
            else if (tl > 0) f.AddBytes(StpFields.PvstTlvVal, o + pos + 4, tl);
            pos += 4 + tl;
        }
        return Handoff.Done;
    }

    static void BridgeId(PacketFields f, ReadOnlySpan<byte> d, int o, int at, FieldDef prio, FieldDef ext, FieldDef hw)
    {
        ushort p = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(at));
        f.AddUInt(prio, o + at, 2, (ulong)(p & 0xf000));
        f.AddUInt(ext, o + at, 2, (ulong)(p & 0x0fff));
        f.AddBytes(hw, o + at + 2, 6);
    }

    static void AppendMac(TextColumn info, ReadOnlySpan<byte> mac)
    {
        const string hex = "0123456789abcdef";
        for (int i = 0; i < mac.Length; i++)
        {
            if (i > 0) info.Append(':');
            info.Append(hex[mac[i] >> 4]).Append(hex[mac[i] & 15]);
        }
    }
}
