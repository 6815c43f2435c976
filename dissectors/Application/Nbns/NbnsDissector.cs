using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Nbns;

/// <summary>NetBIOS Name Service (RFC 1002) fields with tshark 4.0's abbrevs.</summary>
public static class NbnsFields
{
    public static readonly ProtocolDef Protocol = new("nbns", "NetBIOS Name Service", "NBNS");

    public static readonly Dictionary<ulong, string> OpcodeNames = new()
    {
        [0] = "Name query", [5] = "Registration", [6] = "Release", [7] = "Wait for acknowledgment", [8] = "Refresh",
        [9] = "Refresh (alternate opcode)", [15] = "Multi-homed registration",
    };
    public static readonly Dictionary<ulong, string> TypeNames = new()
    {
        [1] = "A", [2] = "NS", [10] = "NULL", [32] = "NB", [33] = "NBSTAT",
    };
    static readonly Dictionary<ulong, string> ClassNames = new() { [1] = "IN" };

    public static readonly FieldDef Id = new("nbns.id", "Transaction ID", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef Flags = new("nbns.flags", "Flags", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef FlagResponse = new("nbns.flags.response", "Response", FieldKind.Bool, bitmask: 0x8000);
    public static readonly FieldDef FlagOpcode = new("nbns.flags.opcode", "Opcode", FieldKind.UInt16, bitmask: 0x7800, valueNames: OpcodeNames);
    public static readonly FieldDef FlagAuthoritative = new("nbns.flags.authoritative", "Authoritative", FieldKind.Bool, bitmask: 0x0400);
    public static readonly FieldDef FlagTruncated = new("nbns.flags.truncated", "Truncated", FieldKind.Bool, bitmask: 0x0200);
    public static readonly FieldDef FlagRecDesired = new("nbns.flags.recdesired", "Recursion desired", FieldKind.Bool, bitmask: 0x0100);
    public static readonly FieldDef FlagRecAvail = new("nbns.flags.recavail", "Recursion available", FieldKind.Bool, bitmask: 0x0080);
    public static readonly FieldDef FlagBroadcast = new("nbns.flags.broadcast", "Broadcast", FieldKind.Bool, bitmask: 0x0010);
    public static readonly FieldDef FlagRcode = new("nbns.flags.rcode", "Reply code", FieldKind.UInt16, bitmask: 0x000f);
    public static readonly FieldDef CountQueries = new("nbns.count.queries", "Questions", FieldKind.UInt16);
    public static readonly FieldDef CountAnswers = new("nbns.count.answers", "Answer RRs", FieldKind.UInt16);
    public static readonly FieldDef CountAuthRr = new("nbns.count.auth_rr", "Authority RRs", FieldKind.UInt16);
    public static readonly FieldDef CountAddRr = new("nbns.count.add_rr", "Additional RRs", FieldKind.UInt16);
    public static readonly FieldDef Name = new("nbns.name", "Name", FieldKind.String);
    public static readonly FieldDef Type = new("nbns.type", "Type", FieldKind.UInt16, valueNames: TypeNames);
    public static readonly FieldDef Class = new("nbns.class", "Class", FieldKind.UInt16, valueNames: ClassNames);
    public static readonly FieldDef Ttl = new("nbns.ttl", "Time to live", FieldKind.UInt32);
    public static readonly FieldDef DataLength = new("nbns.data_length", "Data length", FieldKind.UInt16);
    public static readonly FieldDef NbFlags = new("nbns.nb_flags", "Name flags", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef Addr = new("nbns.addr", "Addr", FieldKind.IPv4);

    public static readonly FieldDef[] All =
    [
        Id, Flags, FlagResponse, FlagOpcode, FlagAuthoritative, FlagTruncated, FlagRecDesired, FlagRecAvail, FlagBroadcast,
        FlagRcode, CountQueries, CountAnswers, CountAuthRr, CountAddRr, Name, Type, Class, Ttl, DataLength, NbFlags, Addr,
    ];
}

/// <summary>
/// NetBIOS Name Service (udp.port 137): header, flags, counts, questions and resource records with the NetBIOS name
/// decoded from its first-level encoding ("WORKGROUP&lt;1d&gt;", scope labels appended), and NB records' flags and
/// addresses. Info as tshark 4.0: "Name query NB BRWC0CB383D1F42&lt;00&gt;", "Name query response NB 10.0.0.1".
/// NBSTAT node-status bodies are not decoded.
/// </summary>
public sealed class NbnsDissector : IDissector
{
    public const ushort Port = 137;

    public ProtocolDef Protocol => NbnsFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("udp.port", "UDP port").Add(Port, this);

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("NBNS message cut by the capture length")
                              : Handoff.Malformed("NBNS message runs past the packet");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        if (cols) ctx.Columns.Info.Clear();
        if (d.Length < 2) return Cut(reported, 2);
        f.AddUInt(NbnsFields.Id, o, 2, BinaryPrimitives.ReadUInt16BigEndian(d));
        if (d.Length < 4) return Cut(reported, 4);
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2));
        bool response = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xf;
        int t = f.BeginTree(NbnsFields.Flags, o + 2, 2, flags);
        f.AddBool(NbnsFields.FlagResponse, o + 2, 2, response);
        f.AddUInt(NbnsFields.FlagOpcode, o + 2, 2, (ulong)opcode);
        if (response) f.AddBool(NbnsFields.FlagAuthoritative, o + 2, 2, (flags & 0x0400) != 0);
        f.AddBool(NbnsFields.FlagTruncated, o + 2, 2, (flags & 0x0200) != 0);
        f.AddBool(NbnsFields.FlagRecDesired, o + 2, 2, (flags & 0x0100) != 0);
        if (response) f.AddBool(NbnsFields.FlagRecAvail, o + 2, 2, (flags & 0x0080) != 0);
        f.AddBool(NbnsFields.FlagBroadcast, o + 2, 2, (flags & 0x0010) != 0);
        if (response) f.AddUInt(NbnsFields.FlagRcode, o + 2, 2, (ulong)(flags & 0xf));
        f.EndTree(t);
        if (cols)
        {
            if (NbnsFields.OpcodeNames.TryGetValue((ulong)opcode, out var n)) ctx.Columns.Info.Append(n);
            else ctx.Columns.Info.Append("Unknown operation (").Append((ulong)opcode).Append(')');
            if (response) ctx.Columns.Info.Append(" response");
        }
        if (d.Length < 12) return Cut(reported, 12);
        int qd = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(4)), an = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(6));
        int ns = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(8)), ar = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(10));
        f.AddUInt(NbnsFields.CountQueries, o + 4, 2, (ulong)qd);
        f.AddUInt(NbnsFields.CountAnswers, o + 6, 2, (ulong)an);
        f.AddUInt(NbnsFields.CountAuthRr, o + 8, 2, (ulong)ns);
        f.AddUInt(NbnsFields.CountAddRr, o + 10, 2, (ulong)ar);
        int pos = 12;
        Span<char> name = stackalloc char[320];
        for (int i = 0; i < qd; i++)
        {
            int nl = ReadName(d, pos, name, out int next);
            if (nl < 0) return Cut(reported, d.Length + 1);
            f.AddString(NbnsFields.Name, o + pos, next - pos, name.Slice(0, nl));
            pos = next;
            if (d.Length < pos + 4) return Cut(reported, pos + 4);
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            f.AddUInt(NbnsFields.Type, o + pos, 2, type);
            f.AddUInt(NbnsFields.Class, o + pos + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2)));
            if (cols) AppendType(ctx.Columns.Info.Append(' '), type).Append(' ').Append(name.Slice(0, nl));
            pos += 4;
        }
        int records = an + ns + ar;
        for (int i = 0; i < records; i++)
        {
            int nl = ReadName(d, pos, name, out int next);
            if (nl < 0) return Cut(reported, d.Length + 1);
            f.AddString(NbnsFields.Name, o + pos, next - pos, name.Slice(0, nl));
            pos = next;
            if (d.Length < pos + 10) return Cut(reported, pos + 10);
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            int rdlen = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 8));
            f.AddUInt(NbnsFields.Type, o + pos, 2, type);
            f.AddUInt(NbnsFields.Class, o + pos + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2)));
            f.AddUInt(NbnsFields.Ttl, o + pos + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(pos + 4)));
            f.AddUInt(NbnsFields.DataLength, o + pos + 8, 2, (ulong)rdlen);
            pos += 10;
            if (pos + rdlen > reported) return Handoff.Malformed("NBNS record data runs past the packet");
            if (d.Length < pos + rdlen) return Cut(reported, pos + rdlen);
            bool shown = false;
            if (type == 32)
            {
                for (int k = 0; k + 6 <= rdlen; k += 6)
                {
                    f.AddUInt(NbnsFields.NbFlags, o + pos + k, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + k)));
                    f.AddBytes(NbnsFields.Addr, o + pos + k + 2, 4);
                    if (cols && i < an && !shown)
                    {
                        AppendIp(ctx.Columns.Info.Append(" NB "), d.Slice(pos + k + 2, 4));
                        shown = true;
                    }
                }
            }
            if (cols && i < an && !shown) AppendType(ctx.Columns.Info.Append(' '), type).Append(' ').Append(name.Slice(0, nl));
            pos += rdlen;
        }
        return Handoff.Done;
    }

    static void AppendIp(TextColumn info, ReadOnlySpan<byte> a)
    {
        for (int i = 0; i < 4; i++) { if (i > 0) info.Append('.'); info.Append((ulong)a[i]); }
    }

    static TextColumn AppendType(TextColumn info, ushort type)
        => NbnsFields.TypeNames.TryGetValue(type, out var n) ? info.Append(n) : info.Append("Unknown (").Append((ulong)type).Append(')');

    /// <summary>Decodes a NetBIOS name at <paramref name="pos"/> into <paramref name="dst"/>: the 32-letter first-level
    /// encoding gives 15 characters (trailing spaces dropped) and the suffix ("&lt;00&gt;"); scope labels follow with
    /// dots. A compression pointer is followed once. Returns the text length, or -1 when the bytes end first.</summary>
    public static int ReadName(ReadOnlySpan<byte> d, int pos, Span<char> dst, out int next)
    {
        next = pos;
        int n = 0, p = pos;
        bool jumped = false, first = true;
        Span<char> raw = stackalloc char[16];
        for (int guard = 0; guard < 64; guard++)
        {
            if (p >= d.Length) return -1;
            int len = d[p];
            if ((len & 0xc0) == 0xc0)
            {
                if (p + 1 >= d.Length) return -1;
                if (!jumped) next = p + 2;
                jumped = true;
                p = ((len & 0x3f) << 8) | d[p + 1];
                continue;
            }
            if (len == 0) { if (!jumped) next = p + 1; return n; }
            if (p + 1 + len > d.Length) return -1;
            var label = d.Slice(p + 1, len);
            if (first && len == 32 && IsEncoded(label))
            {
                for (int i = 0; i < 16; i++) raw[i] = (char)(((label[2 * i] - 'A') << 4) | (label[2 * i + 1] - 'A'));
                int end = 15;
                while (end > 0 && raw[end - 1] == ' ') end--;
                for (int i = 0; i < end && n < dst.Length - 8; i++) dst[n++] = raw[i] is >= ' ' and < (char)0x7f ? raw[i] : '.';
                const string hex = "0123456789abcdef";
                dst[n++] = '<'; dst[n++] = hex[raw[15] >> 4]; dst[n++] = hex[raw[15] & 15]; dst[n++] = '>';
            }
            else
            {
                if (!first && n < dst.Length) dst[n++] = '.';
                for (int i = 0; i < len && n < dst.Length; i++) dst[n++] = label[i] is >= 0x20 and < 0x7f ? (char)label[i] : '.';
            }
            first = false;
            p += 1 + len;
        }
        return -1;
    }

    static bool IsEncoded(ReadOnlySpan<byte> label)
    {
        foreach (var b in label) if (b < 'A' || b > 'P') return false;
        return true;
    }
}
