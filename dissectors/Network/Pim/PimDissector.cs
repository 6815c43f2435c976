using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Network.Pim;

/// <summary>PIM (RFC 7761) fields with tshark 4.0's abbrevs.</summary>
public static class PimFields
{
    public static readonly ProtocolDef Protocol = new("pim", "Protocol Independent Multicast", "PIM");

    public static readonly Dictionary<ulong, string> TypeNames = new()
    {
        [0] = "Hello", [1] = "Register", [2] = "Register-stop", [3] = "Join/Prune", [4] = "Bootstrap", [5] = "Assert",
        [6] = "Graft", [7] = "Graft-Ack", [8] = "Candidate-RP-Advertisement", [9] = "State-Refresh", [10] = "DF election",
        [11] = "ECMP Redirect", [12] = "PIM Flooding Mechanism",
    };

    public static readonly FieldDef Version = new("pim.version", "Version", FieldKind.UInt8, bitmask: 0xf0);
    public static readonly FieldDef Type = new("pim.type", "Type", FieldKind.UInt8, bitmask: 0x0f, valueNames: TypeNames);
    public static readonly FieldDef ResBytes = new("pim.res_bytes", "Reserved byte(s)", FieldKind.Bytes);
    public static readonly FieldDef Cksum = new("pim.cksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef OptionType = new("pim.optiontype", "Type", FieldKind.UInt16);
    public static readonly FieldDef OptionLength = new("pim.optionlength", "Length", FieldKind.UInt16);
    public static readonly FieldDef OptionValue = new("pim.optionvalue", "Unknown", FieldKind.Bytes);
    public static readonly FieldDef Holdtime = new("pim.holdtime", "Holdtime", FieldKind.UInt16);
    public static readonly FieldDef DrPriority = new("pim.dr_priority", "DR Priority", FieldKind.UInt32);
    public static readonly FieldDef GenerationId = new("pim.generation_id", "Generation ID", FieldKind.UInt32);
    public static readonly FieldDef StateRefreshVersion = new("pim.state_refresh_version", "Version", FieldKind.UInt8);
    public static readonly FieldDef StateRefreshInterval = new("pim.state_refresh_interval", "Interval", FieldKind.UInt8);
    public static readonly FieldDef StateRefreshReserved = new("pim.state_refresh_reserved", "Reserved", FieldKind.UInt16);

    public static readonly FieldDef[] All =
    [
        Version, Type, ResBytes, Cksum, OptionType, OptionLength, OptionValue, Holdtime, DrPriority, GenerationId,
        StateRefreshVersion, StateRefreshInterval, StateRefreshReserved,
    ];

    /// <summary>Protocol column per version, made once.</summary>
    internal static readonly string[] ColumnByVersion = ["PIMv0", "PIMv1", "PIMv2", "PIMv3"];
}

/// <summary>
/// PIM (ip.proto 103): version/type, checksum (not verified) and, for Hello, its options (hold time, DR priority,
/// generation ID, state refresh; others by type and length). Protocol column "PIMv2", Info the message type as
/// tshark 4.0 ("Hello"). The bodies of Register, Join/Prune, Assert, Bootstrap and the other types are not decoded.
/// </summary>
public sealed class PimDissector : IDissector
{
    public ProtocolDef Protocol => PimFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("ip.proto", "IP protocol").Add(103, this);

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("PIM message cut by the capture length")
                              : Handoff.Malformed("PIM message runs past the packet");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (d.Length < 1) return Cut(reported, 1);
        int version = d[0] >> 4, type = d[0] & 0x0f;
        if (version < PimFields.ColumnByVersion.Length) ctx.Columns.Protocol = PimFields.ColumnByVersion[version];
        f.AddUInt(PimFields.Version, o, 1, (ulong)version);
        f.AddUInt(PimFields.Type, o, 1, (ulong)type);
        if (ctx.WantColumns)
        {
            if (PimFields.TypeNames.TryGetValue((ulong)type, out var n)) ctx.Columns.Info.Append(n);
            else ctx.Columns.Info.Append("Unknown (").Append((ulong)type).Append(')');
        }
        if (d.Length < 2) return Cut(reported, 2);
        f.AddBytes(PimFields.ResBytes, o + 1, 1);
        if (d.Length < 4) return Cut(reported, 4);
        f.AddUInt(PimFields.Cksum, o + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2)));
        if (version != 2 || type != 0) return reported > 4 ? Handoff.Data(o + 4, reported - 4) : Handoff.Done;

        int pos = 4;
        while (pos < reported)
        {
            if (d.Length < pos + 4) return Cut(reported, pos + 4);
            int ot = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            int ol = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
            f.AddUInt(PimFields.OptionType, o + pos, 2, (ulong)ot);
            f.AddUInt(PimFields.OptionLength, o + pos + 2, 2, (ulong)ol);
            if (pos + 4 + ol > reported) return Handoff.Malformed("PIM Hello option runs past the packet");
            if (d.Length < pos + 4 + ol) return Cut(reported, pos + 4 + ol);
            var v = d.Slice(pos + 4, ol);
            int vo = o + pos + 4;
            switch (ot)
            {
                case 1 when ol == 2: f.AddUInt(PimFields.Holdtime, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v)); break;
                case 19 when ol == 4: f.AddUInt(PimFields.DrPriority, vo, 4, BinaryPrimitives.ReadUInt32BigEndian(v)); break;
                case 20 when ol == 4: f.AddUInt(PimFields.GenerationId, vo, 4, BinaryPrimitives.ReadUInt32BigEndian(v)); break;
                case 21 when ol == 4:
                    f.AddUInt(PimFields.StateRefreshVersion, vo, 1, v[0]);
                    f.AddUInt(PimFields.StateRefreshInterval, vo + 1, 1, v[1]);
                    f.AddUInt(PimFields.StateRefreshReserved, vo + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(v.Slice(2)));
                    break;
                default:
                    if (ol > 0) f.AddBytes(PimFields.OptionValue, vo, ol);
                    break;
            }
            pos += 4 + ol;
        }
        return Handoff.Done;
    }
}
