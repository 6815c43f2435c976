using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Network.Igmp;

/// <summary>IGMP v1/v2/v3 fields with tshark 4.0's abbrevs.</summary>
public static class IgmpFields
{
    public static readonly ProtocolDef Protocol = new("igmp", "Internet Group Management Protocol", "IGMP");

    public static readonly Dictionary<ulong, string> TypeNames = new()
    {
        [0x11] = "Membership Query", [0x12] = "Membership Report", [0x13] = "DVMRP", [0x14] = "PIMv1",
        [0x15] = "Cisco Trace Messages", [0x16] = "Membership Report", [0x17] = "Leave Group",
        [0x1e] = "Traceroute Response", [0x1f] = "Traceroute Query or Request", [0x22] = "Membership Report",
        [0x30] = "Multicast Router Advertisement", [0x31] = "Multicast Router Solicitation",
        [0x32] = "Multicast Router Termination",
    };
    public static readonly Dictionary<ulong, string> RecordTypeNames = new()
    {
        [1] = "Mode Is Include", [2] = "Mode Is Exclude", [3] = "Change To Include Mode", [4] = "Change To Exclude Mode",
        [5] = "Allow New Sources", [6] = "Block Old Sources",
    };

    public static readonly FieldDef Version = new("igmp.version", "IGMP Version", FieldKind.UInt8, flags: FieldFlags.Generated);
    public static readonly FieldDef Type = new("igmp.type", "Type", FieldKind.UInt8, FieldBase.Hex, valueNames: TypeNames);
    public static readonly FieldDef Reserved = new("igmp.reserved", "Reserved", FieldKind.Bytes);
    public static readonly FieldDef MaxResp = new("igmp.max_resp", "Max Resp Time", FieldKind.UInt8);
    public static readonly FieldDef Checksum = new("igmp.checksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef Maddr = new("igmp.maddr", "Multicast Address", FieldKind.IPv4);
    public static readonly FieldDef S = new("igmp.s", "S", FieldKind.Bool, bitmask: 0x08);
    public static readonly FieldDef Qrv = new("igmp.qrv", "QRV", FieldKind.UInt8, bitmask: 0x07);
    public static readonly FieldDef Qqic = new("igmp.qqic", "QQIC", FieldKind.UInt8);
    public static readonly FieldDef NumSrc = new("igmp.num_src", "Num Src", FieldKind.UInt16);
    public static readonly FieldDef Saddr = new("igmp.saddr", "Source Address", FieldKind.IPv4);
    public static readonly FieldDef NumGrpRecs = new("igmp.num_grp_recs", "Num Group Records", FieldKind.UInt16);
    public static readonly FieldDef RecordType = new("igmp.record_type", "Record Type", FieldKind.UInt8, valueNames: RecordTypeNames);
    public static readonly FieldDef AuxDataLen = new("igmp.aux_data_len", "Aux Data Len", FieldKind.UInt8);
    public static readonly FieldDef AuxData = new("igmp.aux_data", "Aux Data", FieldKind.Bytes);

    public static readonly FieldDef[] All =
        [Version, Type, Reserved, MaxResp, Checksum, Maddr, S, Qrv, Qqic, NumSrc, Saddr, NumGrpRecs, RecordType, AuxDataLen, AuxData];

    /// <summary>Protocol column per version, made once.</summary>
    internal static readonly string[] ColumnByVersion = ["IGMP", "IGMPv1", "IGMPv2", "IGMPv3"];
}

/// <summary>
/// IGMP (ip.proto 2). The version follows tshark's rule: a Query (0x11) is v1 in 8 bytes with a zero max response
/// time, v2 in 8 bytes otherwise, v3 in 12 or more; 0x12 is a v1 report, 0x16/0x17 v2 report/leave, 0x22 a v3
/// report. The Protocol column is "IGMPv1/2/3". v3 reports list their group records; Info as tshark 4.0:
/// "Membership Report / Join group 224.0.0.251 for any sources", "Membership Report / Leave group 224.0.0.251".
/// DVMRP, PIMv1, mtrace and router-discovery types keep the type and checksum only.
/// </summary>
public sealed class IgmpDissector : IDissector
{
    public ProtocolDef Protocol => IgmpFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("ip.proto", "IP protocol").Add(2, this);

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("IGMP message cut by the capture length")
                              : Handoff.Malformed("IGMP message shorter than its type requires");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        if (cols) ctx.Columns.Info.Clear();
        if (d.Length < 1) return Cut(reported, 1);
        byte type = d[0];
        int version = type switch
        {
            0x11 => reported >= 12 ? 3 : reported == 8 ? (d.Length >= 2 && d[1] == 0 ? 1 : 2) : 0,
            0x12 => 1,
            0x16 or 0x17 => 2,
            0x22 => 3,
            _ => 0,
        };
        if (version != 0)
        {
            f.AddUInt(IgmpFields.Version, o, 0, (ulong)version);
            ctx.Columns.Protocol = IgmpFields.ColumnByVersion[version];
        }
        f.AddUInt(IgmpFields.Type, o, 1, type);
        if (cols)
        {
            if (IgmpFields.TypeNames.TryGetValue(type, out var n)) ctx.Columns.Info.Append(n);
            else ctx.Columns.Info.Append("Unknown Type:").AppendHex(type, 2);
        }
        if (d.Length < 2) return Cut(reported, 2);
        if (type == 0x22) f.AddBytes(IgmpFields.Reserved, o + 1, 1);
        else if (version is 2 or 3) f.AddUInt(IgmpFields.MaxResp, o + 1, 1, d[1]);
        if (d.Length < 4) return Cut(reported, 4);
        f.AddUInt(IgmpFields.Checksum, o + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2)));
        if (version == 0) return reported > 4 ? Handoff.Data(o + 4, reported - 4) : Handoff.Done;

        if (type == 0x22) return Report3(d, o, reported, ctx);

        if (d.Length < 8) return Cut(reported, 8);
        f.AddBytes(IgmpFields.Maddr, o + 4, 4);
        uint group = BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4));
        if (cols)
        {
            var info = ctx.Columns.Info;
            if (type == 0x11 && version != 1)
            {
                if (group == 0) info.Append(", general");
                else AppendIp(info.Append(", specific for group "), d.Slice(4, 4));
            }
            else if (type == 0x16) AppendIp(info.Append(" group "), d.Slice(4, 4));
            else if (type == 0x17) AppendIp(info.Append(' '), d.Slice(4, 4));
        }
        if (version != 3) return Handoff.Done;

        // v3 query: S/QRV, QQIC, sources.
        if (d.Length < 12) return Cut(reported, 12);
        f.AddBool(IgmpFields.S, o + 8, 1, (d[8] & 0x08) != 0);
        f.AddUInt(IgmpFields.Qrv, o + 8, 1, (ulong)(d[8] & 7));
        f.AddUInt(IgmpFields.Qqic, o + 9, 1, d[9]);
        int nsrc = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(10));
        f.AddUInt(IgmpFields.NumSrc, o + 10, 2, (ulong)nsrc);
        int pos = 12;
        for (int i = 0; i < nsrc; i++, pos += 4)
        {
            if (d.Length < pos + 4) return Cut(reported, pos + 4);
            f.AddBytes(IgmpFields.Saddr, o + pos, 4);
        }
        return Handoff.Done;
    }

    static Handoff Report3(ReadOnlySpan<byte> d, int o, int reported, DissectContext ctx)
    {
        var f = ctx.Fields;
        if (d.Length < 6) return Cut(reported, 6);
        f.AddBytes(IgmpFields.Reserved, o + 4, 2);
        if (d.Length < 8) return Cut(reported, 8);
        int n = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(6));
        f.AddUInt(IgmpFields.NumGrpRecs, o + 6, 2, (ulong)n);
        int pos = 8;
        for (int r = 0; r < n; r++)
        {
            if (d.Length < pos + 8) return Cut(reported, pos + 8);
            byte rtype = d[pos];
            int aux = d[pos + 1];
            int nsrc = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
            f.AddUInt(IgmpFields.RecordType, o + pos, 1, rtype);
            f.AddUInt(IgmpFields.AuxDataLen, o + pos + 1, 1, (ulong)aux);
            f.AddUInt(IgmpFields.NumSrc, o + pos + 2, 2, (ulong)nsrc);
            f.AddBytes(IgmpFields.Maddr, o + pos + 4, 4);
            if (ctx.WantColumns) RecordInfo(ctx.Columns.Info, rtype, nsrc, d.Slice(pos + 4, 4), d, pos + 8);
            pos += 8;
            for (int i = 0; i < nsrc; i++, pos += 4)
            {
                if (d.Length < pos + 4) return Cut(reported, pos + 4);
                f.AddBytes(IgmpFields.Saddr, o + pos, 4);
            }
            if (aux > 0)
            {
                if (d.Length < pos + 4 * aux) return Cut(reported, pos + 4 * aux);
                f.AddBytes(IgmpFields.AuxData, o + pos, 4 * aux);
                pos += 4 * aux;
            }
        }
        return Handoff.Done;
    }

    /// <summary>tshark's summary of one v3 group record. With no source: include = leave, exclude = join for any
    /// source; with sources the list follows in braces.</summary>
    static void RecordInfo(TextColumn info, byte rtype, int nsrc, ReadOnlySpan<byte> group, ReadOnlySpan<byte> d, int srcAt)
    {
        if (nsrc == 0)
        {
            switch (rtype)
            {
                case 1 or 3: AppendIp(info.Append(" / Leave group "), group); break;
                case 2 or 4: AppendIp(info.Append(" / Join group "), group).Append(" for any sources"); break;
                case 5: AppendIp(info.Append(" / Group "), group).Append(", ALLOW_NEW_SOURCES but no source specified (?)"); break;
                case 6: AppendIp(info.Append(" / Group "), group).Append(", BLOCK_OLD_SOURCES but no source specified (?)"); break;
                default: AppendIp(info.Append(" / Group "), group).Append(", unknown record type (?)"); break;
            }
            return;
        }
        switch (rtype)
        {
            case 1 or 3: AppendIp(info.Append(" / Join group "), group).Append(" for source").Append(nsrc > 1 ? "s {" : " {"); break;
            case 2 or 4: AppendIp(info.Append(" / Join group "), group).Append(", for source").Append(nsrc > 1 ? "s not in {" : " not in {"); break;
            case 5: AppendIp(info.Append(" / Group "), group).Append(", new source").Append(nsrc > 1 ? "s {" : " {"); break;
            case 6: AppendIp(info.Append(" / Group "), group).Append(", block source").Append(nsrc > 1 ? "s {" : " {"); break;
            default: AppendIp(info.Append(" / Group "), group).Append(", unknown record type (?), source").Append(nsrc > 1 ? "s {" : " {"); break;
        }
        for (int i = 0; i < nsrc && srcAt + 4 * i + 4 <= d.Length; i++)
        {
            if (i > 0) info.Append(", ");
            AppendIp(info, d.Slice(srcAt + 4 * i, 4));
        }
        info.Append('}');
    }

    internal static TextColumn AppendIp(TextColumn info, ReadOnlySpan<byte> a)
    {
        for (int i = 0; i < 4; i++)
        {
            if (i > 0) info.Append('.');
            info.Append((ulong)a[i]);
        }
        return info;
    }
}
