using Dissect.Core;

namespace Dissect.Dissectors.Network.IPv6;

/// <summary>
/// IPv6 Routing header (next header 43, "ipv6.routing"): type 0 source route (deprecated), type 2 (Mobile IPv6
/// home address) and type 4 segment routing header (segment list; TLVs are not decoded); other types show their
/// data as ipv6.routing.unknown_data.
/// </summary>
public sealed class IPv6RoutingDissector : IDissector
{
    DissectorTable _ipProto = null!;

    public ProtocolDef Protocol => IPv6ExtFields.Routing;

    public void Register(DissectorTables tables)
    {
        _ipProto = tables.Get("ip.proto", "IP protocol");
        _ipProto.Add(43, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var span = tvb.Span;
        int o = tvb.Offset;
        bool detail = f.WantsAll;
        if (ctx.WantColumns) IPv6OptionsDissector.AppendInfo(ctx.Columns.Info, "IPv6 routing");
        bool whole = IPv6ExtHeader.TryCreate(span, out var h, out int len);
        if (span.Length < 2) return Handoff.Stop(tvb.Reported >= 2 ? ReadStatus.Truncated : ReadStatus.Malformed, "IPv6 routing header needs 2 bytes");
        f.AddUInt(IPv6ExtFields.RoutingNxt, o, 1, span[0]);
        f.AddUInt(IPv6ExtFields.RoutingLen, o + 1, 1, span[1]);
        f.AddUInt(IPv6ExtFields.RoutingLenOct, o + 1, 1, (ulong)len);
        if (span.Length >= 4)
        {
            f.AddUInt(IPv6ExtFields.RoutingType, o + 2, 1, span[2]);
            f.AddUInt(IPv6ExtFields.RoutingSegLeft, o + 3, 1, span[3]);
        }
        if (!whole) return IPv6OptionsDissector.Past(tvb, len);

        var hdr = h.Bytes;
        byte type = hdr[2], segLeft = hdr[3];
        switch (type)
        {
            case 0:
            {
                f.AddFlag(IPv6ExtFields.RoutingDeprecated, o + 2, 1, detail ? "Routing header type is deprecated" : null);
                f.AddBytes(IPv6ExtFields.RoutingSrcReserved, o + 4, 4);
                int n = (len - 8) / 16;
                for (int i = 0; i < n; i++) f.AddBytes(IPv6ExtFields.RoutingSrcAddr, o + 8 + 16 * i, 16);
                if (segLeft > n)
                    f.AddFlag(IPv6ExtFields.RoutingInvalidSegLeft, o + 3, 1, detail ? $"IPv6 Type 0 Routing Header segments left field must not exceed address count ({n})" : null);
                break;
            }
            case 2:
                f.AddBytes(IPv6ExtFields.RoutingMipv6Reserved, o + 4, 4);
                if (len >= 24) f.AddBytes(IPv6ExtFields.RoutingMipv6HomeAddress, o + 8, 16);
                if (segLeft != 1)
                    f.AddFlag(IPv6ExtFields.RoutingInvalidSegLeft, o + 3, 1, detail ? "IPv6 Type 2 Routing Header segments left field must equal 1" : null);
                break;
            case 4:
            {
                int last = hdr[4];
                f.AddUInt(IPv6ExtFields.RoutingSrhLastEntry, o + 4, 1, (ulong)last);
                f.AddUInt(IPv6ExtFields.RoutingSrhFlags, o + 5, 1, hdr[5]);
                f.AddBytes(IPv6ExtFields.RoutingSrhTag, o + 6, 2);
                for (int i = 0; i <= last; i++)
                {
                    int at = 8 + 16 * i;
                    if (at + 16 > len) return Handoff.Malformed("segment list runs past the routing header");
                    f.AddBytes(IPv6ExtFields.RoutingSrhAddr, o + at, 16);
                }
                break;
            }
            default:
                f.AddBytes(IPv6ExtFields.RoutingUnknownData, o + 4, len - 4);
                f.AddFlag(IPv6ExtFields.RoutingUndecoded, o + 4, len - 4, detail ? "Undecoded IPv6 routing header field" : null);
                break;
        }

        byte nxt = h.NextHeader;
        ctx.IpProto = nxt;
        return IPv6Dissector.Next(_ipProto, nxt, o + len, tvb.Reported - len, ctx);
    }
}
