using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Network.IPv4;

/// <summary>
/// IPv4 options (RFC 791 and later): each one a subtree (ip.options.record_route …) holding ip.opt.type with its
/// copy/class/number bits, ip.opt.len and the option's own fields. A length that is too short, runs past the
/// options or is wrong for the option ends the parsing with an ip.opt.len.invalid expert item (the packet is
/// not malformed: tshark goes on with the payload).
/// </summary>
public static class IPv4Options
{
    public const byte Eol = 0, NopType = 1, RecordRoute = 7, Mtu = 11, MtuReply = 12, Traceroute = 82, Timestamp = 68,
        Security = 130, Lsrr = 131, ExtSecurity = 133, Cipso = 134, StreamId = 136, Ssrr = 137, RouterAlert = 148,
        Sdb = 149, QuickStart = 25;

    enum LenType : byte { None, Fixed, Variable }

    readonly record struct OptDef(string Name, LenType Kind, int Length, FieldDef Field);

    static OptDef? Lookup(byte type) => type switch
    {
        Eol => new("End of Options List (EOL)", LenType.None, 1, IPv4Fields.OptEol),
        NopType => new("No-Operation (NOP)", LenType.None, 1, IPv4Fields.OptNop),
        Security => new("Security", LenType.Variable, 3, IPv4Fields.OptSecurity),
        Lsrr => new("Loose Source Route", LenType.Variable, 3, IPv4Fields.OptLsrr),
        Timestamp => new("Time Stamp", LenType.Variable, 4, IPv4Fields.OptTimestamp),
        ExtSecurity => new("Extended Security", LenType.Variable, 3, IPv4Fields.OptExtSecurity),
        Cipso => new("Commercial Security", LenType.Variable, 10, IPv4Fields.OptCipso),
        RecordRoute => new("Record Route", LenType.Variable, 3, IPv4Fields.OptRecordRoute),
        StreamId => new("Stream ID", LenType.Fixed, 4, IPv4Fields.OptSid),
        Ssrr => new("Strict Source Route", LenType.Variable, 3, IPv4Fields.OptSsrr),
        Mtu => new("MTU Probe", LenType.Fixed, 4, IPv4Fields.OptMtuProbe),
        MtuReply => new("MTU Reply", LenType.Fixed, 4, IPv4Fields.OptMtuReply),
        Traceroute => new("Traceroute", LenType.Fixed, 12, IPv4Fields.OptTraceroute),
        RouterAlert => new("Router Alert", LenType.Fixed, 4, IPv4Fields.OptRouterAlert),
        Sdb => new("Selective Directed Broadcast", LenType.Variable, 2, IPv4Fields.OptSdb),
        QuickStart => new("Quick-Start", LenType.Fixed, 8, IPv4Fields.OptQs),
        _ => null,
    };

    /// <summary>For a loose or strict source route that is not used up, the offset (within the options) of its
    /// last address: the packet's final destination, which Wireshark shows as ip.dst. -1 otherwise.</summary>
    public static int FindRouteDestination(ReadOnlySpan<byte> opts)
    {
        int p = 0;
        while (p < opts.Length)
        {
            byte type = opts[p];
            if (type == Eol) break;
            if (type == NopType) { p++; continue; }
            if (p + 1 >= opts.Length) break;
            int len = opts[p + 1];
            if (len < 2 || len > opts.Length - p) break;
            if ((type == Lsrr || type == Ssrr) && len >= 7)
            {
                int ptr = opts[p + 2];
                if (ptr >= 4 && (ptr - 4) % 4 == 0 && ptr <= len) return p + len - 4;
            }
            p += len;
        }
        return -1;
    }

    /// <summary>Records the options in <paramref name="opts"/>, which start at frame offset <paramref name="at"/>.</summary>
    public static void Dissect(ReadOnlySpan<byte> opts, int at, PacketFields f)
    {
        bool detail = f.WantsAll;
        int tree = f.BeginTree(IPv4Fields.Options, at, opts.Length);
        System.Text.StringBuilder? summary = detail ? new System.Text.StringBuilder("Options: (").Append(opts.Length).Append(" bytes)") : null;
        int p = 0, nops = 0;
        while (p < opts.Length)
        {
            byte type = opts[p];
            var def = Lookup(type);
            string name = def?.Name ?? (detail ? $"Unknown (0x{type:x2})" : "Unknown");
            var kind = def?.Kind ?? LenType.Variable;
            if (kind == LenType.None)
            {
                int t = f.BeginTree(def!.Value.Field, at + p, 1);
                AddType(f, type, at + p);
                f.EndTree(t);
                summary?.Append(", ").Append(name);
                if (type == Eol) break;
                if (++nops == 4) f.AddFlag(IPv4Fields.Nop, at + p, 1);
                p++;
                continue;
            }
            nops = 0;
            int rest = opts.Length - p;
            if (rest < 2)
            {
                Invalid(f, at + p, 1, detail ? $"{name} (length byte past end of options)" : null);
                break;
            }
            int len = opts[p + 1];
            if (len < 2)
            {
                Invalid(f, at + p, 2, detail ? $"{name} (with too-short option length = {len} byte{Plural(len)})" : null);
                break;
            }
            if (len > rest)
            {
                Invalid(f, at + p, rest, detail ? $"{name} (option length = {len} byte{Plural(len)} says option goes past end of options)" : null);
                break;
            }
            int need = def?.Length ?? 2;
            if (kind == LenType.Fixed && len != need)
            {
                Invalid(f, at + p, len, detail ? $"{name} (with option length = {len} byte{Plural(len)}; should be {need})" : null);
                break;
            }
            if (kind == LenType.Variable && len < need)
            {
                Invalid(f, at + p, len, detail ? $"{name} (with option length = {len} byte{Plural(len)}; should be >= {need})" : null);
                break;
            }
            int ot = f.BeginTree(def?.Field ?? IPv4Fields.OptUnknown, at + p, len);
            AddType(f, type, at + p);
            f.AddUInt(IPv4Fields.OptLen, at + p + 1, 1, (ulong)len);
            var body = opts.Slice(p, len);
            switch (type)
            {
                case RecordRoute:
                case Lsrr:
                case Ssrr:
                    Route(f, body, at + p, type != RecordRoute);
                    break;
                case Timestamp:
                    Stamps(f, body, at + p);
                    break;
                case RouterAlert:
                    f.AddUInt(IPv4Fields.OptRa, at + p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(body.Slice(2)));
                    break;
                case StreamId:
                    f.AddUInt(IPv4Fields.OptSidValue, at + p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(body.Slice(2)));
                    break;
                case Mtu:
                case MtuReply:
                    f.AddUInt(IPv4Fields.OptMtu, at + p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(body.Slice(2)));
                    break;
                case Traceroute:
                    f.AddUInt(IPv4Fields.OptIdNumber, at + p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(body.Slice(2)));
                    f.AddUInt(IPv4Fields.OptOhc, at + p + 4, 2, BinaryPrimitives.ReadUInt16BigEndian(body.Slice(4)));
                    f.AddUInt(IPv4Fields.OptRhc, at + p + 6, 2, BinaryPrimitives.ReadUInt16BigEndian(body.Slice(6)));
                    f.AddBytes(IPv4Fields.OptOriginator, at + p + 8, 4);
                    break;
            }
            f.EndTree(ot);
            summary?.Append(", ").Append(name);
            p += len;
        }
        if (summary is not null && tree >= 0) f.Explain(tree, summary.ToString());
        f.EndTree(tree);
    }

    static string Plural(int n) => n == 1 ? "" : "s";

    static void Invalid(PacketFields f, int offset, int length, string? text) => f.AddFlag(IPv4Fields.OptLenInvalid, offset, length, text);

    static void AddType(PacketFields f, byte type, int offset)
    {
        int t = f.BeginTree(IPv4Fields.OptType, offset, 1, type);
        f.AddBool(IPv4Fields.OptTypeCopy, offset, 1, (type & 0x80) != 0);
        f.AddUInt(IPv4Fields.OptTypeClass, offset, 1, (ulong)((type >> 5) & 3));
        f.AddUInt(IPv4Fields.OptTypeNumber, offset, 1, (ulong)(type & 0x1f));
        f.EndTree(t);
    }

    /// <summary>Record route and source routes: addresses before the pointer were used (ip.rec_rt); the rest are
    /// still to come (ip.empty_rt for record route, ip.src_rt for source routes, whose last address while the
    /// route is not used up is the final destination already shown as ip.dst).</summary>
    static void Route(PacketFields f, ReadOnlySpan<byte> body, int at, bool sourceRoute)
    {
        int len = body.Length;
        int ptr = body[2];
        f.AddUInt(IPv4Fields.OptPtr, at + 2, 1, (ulong)ptr);
        if (ptr < 4) { f.AddFlag(IPv4Fields.OptPtrBeforeAddress, at + 2, 1); return; }
        if ((ptr - 4) % 4 != 0) { f.AddFlag(IPv4Fields.OptPtrMiddleAddress, at + 2, 1); return; }
        bool pending = ptr <= len;
        for (int a = 3; a + 4 <= len; a += 4)
        {
            if (a + 1 < ptr) f.AddBytes(IPv4Fields.RecRt, at + a, 4);
            else if (sourceRoute && pending && a + 4 + 4 > len) break;
            else f.AddBytes(sourceRoute ? IPv4Fields.SrcRt : IPv4Fields.EmptyRt, at + a, 4);
        }
    }

    static void Stamps(PacketFields f, ReadOnlySpan<byte> body, int at)
    {
        int len = body.Length;
        f.AddUInt(IPv4Fields.OptPtr, at + 2, 1, body[2]);
        byte of = body[3];
        f.AddUInt(IPv4Fields.OptOverflow, at + 3, 1, (ulong)(of >> 4));
        f.AddUInt(IPv4Fields.OptFlag, at + 3, 1, (ulong)(of & 0x0f));
        bool withAddress = (of & 0x0f) is 1 or 3;
        for (int a = 4; a + 4 <= len;)
        {
            if (withAddress)
            {
                if (a + 8 > len) break;
                f.AddBytes(IPv4Fields.OptTimeStampAddr, at + a, 4);
                a += 4;
            }
            f.AddUInt(IPv4Fields.OptTimeStamp, at + a, 4, BinaryPrimitives.ReadUInt32BigEndian(body.Slice(a)));
            a += 4;
        }
    }
}
