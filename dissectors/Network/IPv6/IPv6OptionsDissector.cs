using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Network.IPv6;

/// <summary>
/// The IPv6 Hop-by-Hop Options (next header 0, "ipv6.hopopts") and Destination Options (60, "ipv6.dstopts")
/// headers: one class, two instances. Options: Pad1, PadN, Tunnel Encapsulation Limit, Router Alert, Jumbo
/// Payload, Home Address; others are shown as ipv6.opt.unknown. An option running past its header is
/// malformed; a wrong length for a known option is an ipv6.opt.invalid_len expert item.
/// </summary>
public sealed class IPv6OptionsDissector : IDissector
{
    const byte Pad1 = 0, PadN = 1, Tel = 4, RouterAlert = 5, Jumbo = 0xc2, HomeAddress = 0xc9;

    readonly bool _hop;
    DissectorTable _ipProto = null!;

    IPv6OptionsDissector(bool hop) { _hop = hop; }

    public static IPv6OptionsDissector HopByHop() => new(true);
    public static IPv6OptionsDissector Destination() => new(false);

    public ProtocolDef Protocol => _hop ? IPv6ExtFields.HopOpts : IPv6ExtFields.DstOpts;
    FieldDef NxtField => _hop ? IPv6ExtFields.HopOptsNxt : IPv6ExtFields.DstOptsNxt;
    FieldDef LenField => _hop ? IPv6ExtFields.HopOptsLen : IPv6ExtFields.DstOptsLen;
    FieldDef LenOctField => _hop ? IPv6ExtFields.HopOptsLenOct : IPv6ExtFields.DstOptsLenOct;

    public void Register(DissectorTables tables)
    {
        _ipProto = tables.Get("ip.proto", "IP protocol");
        _ipProto.Add(_hop ? 0u : 60u, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var span = tvb.Span;
        int o = tvb.Offset;
        if (ctx.WantColumns) AppendInfo(ctx.Columns.Info, _hop ? "IPv6 hop-by-hop options" : "IPv6 destination options");
        bool whole = IPv6ExtHeader.TryCreate(span, out var h, out int len);
        if (span.Length < 2) return Handoff.Stop(tvb.Reported >= 2 ? ReadStatus.Truncated : ReadStatus.Malformed, "IPv6 options header needs 2 bytes");
        f.AddUInt(NxtField, o, 1, span[0]);
        f.AddUInt(LenField, o + 1, 1, span[1]);
        f.AddUInt(LenOctField, o + 1, 1, (ulong)len);

        // Options are read as tshark reads them: within the header's length, but an option's data may run on into
        // the rest of the payload; a read past the captured bytes is a cut capture, past the packet malformed.
        var hdr = span;
        int avail = span.Length;
        bool detail = f.WantsAll;
        int p = 2;
        while (p < len)
        {
            if (p >= avail) return Past(tvb, p + 1);
            byte type = hdr[p];
            if (type == Pad1)
            {
                int t1 = f.BeginTree(IPv6Fields.Opt, o + p, 1);
                if (detail && t1 >= 0) f.Explain(t1, "Pad1");
                // tshark shows Pad1's type without the action/change/rest bits.
                f.AddUInt(IPv6Fields.OptType, o + p, 1, type);
                f.AddFlag(IPv6Fields.OptPad1, o + p, 1);
                f.EndTree(t1);
                p++;
                continue;
            }
            if (p + 1 >= avail) return Past(tvb, p + 2);
            int olen = hdr[p + 1];
            int t = f.BeginTree(IPv6Fields.Opt, o + p, Math.Min(2 + olen, avail - p));
            string name = Name(type);
            if (detail && t >= 0) f.Explain(t, name);
            AddType(f, type, o + p);
            f.AddUInt(IPv6Fields.OptLength, o + p + 1, 1, (ulong)olen);
            // Home Address is read as 16 bytes whatever the length byte says (as tshark does).
            int size = type == HomeAddress ? 16 : olen;
            if (p + 2 + size > avail)
            {
                f.EndTree(t);
                return Past(tvb, p + 2 + size);
            }
            int d = o + p + 2;
            var data = hdr.Slice(p + 2, size);
            switch (type)
            {
                case PadN:
                    f.AddBytes(IPv6Fields.OptPadN, d, olen);
                    break;
                case Tel:
                    if (_hop) f.AddFlag(IPv6Fields.OptHeaderMismatch, o + p, 1, detail ? "Tunnel Encapsulation Limit must use a destination options header" : null);
                    if (olen != 1) InvalidLength(f, o + p + 1, name, olen, detail);
                    if (olen >= 1) f.AddUInt(IPv6Fields.OptTel, d, 1, data[0]);
                    break;
                case RouterAlert:
                    if (olen != 2) InvalidLength(f, o + p + 1, name, olen, detail);
                    else f.AddUInt(IPv6Fields.OptRouterAlert, d, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                    break;
                case Jumbo:
                    if (olen != 4) { InvalidLength(f, o + p + 1, name, olen, detail); break; }
                    uint jumbo = BinaryPrimitives.ReadUInt32BigEndian(data);
                    f.AddUInt(IPv6Fields.OptJumbo, d, 4, jumbo);
                    if (jumbo < 65536) f.AddFlag(IPv6Fields.JumboTruncated, d, 4, detail ? "Jumbo Payload option present and jumbo length < 65536" : null);
                    if (f.TryGetUInt(IPv6Fields.Plen, out ulong plen) && plen != 0)
                        f.AddFlag(IPv6Fields.JumboProhibited, d, 4, detail ? "When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present" : null);
                    break;
                case HomeAddress:
                    if (olen != 16) InvalidLength(f, o + p + 1, name, olen, detail);
                    f.AddBytes(IPv6Fields.OptHomeAddress, d, 16);
                    break;
                default:
                    if (olen > 0) f.AddBytes(IPv6Fields.OptUnknown, d, olen);
                    break;
            }
            f.EndTree(t);
            p += 2 + size;
        }
        if (!whole) return Past(tvb, len);

        byte nxt = h.NextHeader;
        ctx.IpProto = nxt;
        return IPv6Dissector.Next(_ipProto, nxt, o + len, tvb.Reported - len, ctx);
    }

    /// <summary>Stops at <paramref name="end"/> (bytes from the header start) needed but not present: past the
    /// packet is malformed, past the captured bytes only is a cut capture.</summary>
    internal static Handoff Past(in Tvb tvb, int end)
        => Handoff.Stop(end <= tvb.Reported ? ReadStatus.Truncated : ReadStatus.Malformed, "IPv6 extension header runs past the end");

    /// <summary>Extension headers add their name to the Info column, separated by " , " as tshark does.</summary>
    internal static void AppendInfo(TextColumn info, string text)
    {
        if (info.Length > 0) info.Append(" , ");
        info.Append(text);
    }

    static string Name(byte type)
        => IPv6Fields.OptType.ValueNames is { } names && names.TryGetValue(type, out var n) ? n : "Unknown";

    static void AddType(PacketFields f, byte type, int offset)
    {
        int t = f.BeginTree(IPv6Fields.OptType, offset, 1, type);
        f.AddUInt(IPv6Fields.OptTypeAction, offset, 1, (ulong)(type >> 6));
        f.AddBool(IPv6Fields.OptTypeChange, offset, 1, (type & 0x20) != 0);
        f.AddUInt(IPv6Fields.OptTypeRest, offset, 1, (ulong)(type & 0x1f));
        f.EndTree(t);
    }

    /// <summary>A known option with the wrong length: tshark's expert item (group Malformed, so the packet is
    /// flagged) — dissection goes on.</summary>
    static void InvalidLength(PacketFields f, int offset, string name, int olen, bool detail)
    {
        f.AddFlag(IPv6Fields.OptInvalidLen, offset, 1, detail ? $"{name}: Invalid length ({olen} bytes)" : null);
        f.AddFlag(FrameFields.Malformed, offset, 1, detail ? "invalid IPv6 option length" : null);
    }
}
