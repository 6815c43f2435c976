using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Sll;

/// <summary>
/// Linux cooked capture ("any" device): v1 for LINKTYPE 113, v2 for 276, both protocol "sll" as in tshark.
/// A protocol value &lt;= 1536 is a Linux protocol type ("sll.ltype" table: 4 = LLC), otherwise an ethertype
/// ("ethertype" table, with sll.trailer after the payload), or a GRE type for ARPHRD_IPGRE ("gre.proto").
/// </summary>
public sealed class SllDissector : IDissector
{
    public const int LinkTypeV1 = 113, LinkTypeV2 = 276;
    const ushort ArphrdIpGre = 778;

    readonly bool _v2;
    readonly SllDissector? _v2Twin;
    DissectorTable _ethertype = null!, _ltype = null!, _gre = null!;

    public SllDissector() : this(false) { }

    SllDissector(bool v2)
    {
        _v2 = v2;
        if (!v2) _v2Twin = new SllDissector(true);
    }

    public ProtocolDef Protocol => SllFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ethertype = tables.Get("ethertype", "Ethertype");
        _ltype = tables.Get("sll.ltype", "Linux protocol type");
        _gre = tables.Get("gre.proto", "GRE protocol type");
        if (_v2Twin is not null)
        {
            tables.LinkType.Add(LinkTypeV1, this);
            _v2Twin.Register(tables);
        }
        else tables.LinkType.Add(LinkTypeV2, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var span = tvb.Span;
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!SllHeader.TryCreate(span, _v2, out var h))
        {
            // tshark gets as far as the packet type (v1) and says so in Info before the header runs out.
            if (ctx.WantColumns && span.Length >= (_v2 ? 12 : 2))
                PacketTypeInfo(ctx.Columns.Info.Clear(), _v2 ? BinaryPrimitives.ReadUInt16BigEndian(span.Slice(10)) : BinaryPrimitives.ReadUInt16BigEndian(span));
            int need = _v2 ? SllHeader.V2Length : SllHeader.V1Length;
            return Handoff.Stop(tvb.Reported >= need ? ReadStatus.Truncated : ReadStatus.Malformed, "Linux cooked header is cut short");
        }
        ushort protocol = h.Protocol;
        ushort hatype = h.HaType;
        bool isLType = protocol <= 1536;
        if (ctx.WantColumns)
            // v2: tshark 4.0 names the 16-bit value at offset 10 (packet type and address length together).
            PacketTypeInfo(ctx.Columns.Info.Clear(), _v2 ? BinaryPrimitives.ReadUInt16BigEndian(span.Slice(10)) : h.PacketType);

        if (_v2)
        {
            AddProtocolField(f, protocol, hatype, o);
            f.AddUInt(SllFields.IfIndex, o + 4, 4, h.IfIndex);
            f.AddUInt(SllFields.HaType, o + 8, 2, hatype);
            f.AddUInt(SllFields.PktType, o + 10, 1, h.PacketType);
            f.AddUInt(SllFields.HaLen, o + 11, 1, h.HaLen);
        }
        else
        {
            f.AddUInt(SllFields.PktType, o, 2, h.PacketType);
            f.AddUInt(SllFields.HaType, o + 2, 2, hatype);
            f.AddUInt(SllFields.HaLen, o + 4, 2, h.HaLen);
        }

        int ao = o + h.AddressOffset;
        int halen = h.HaLen;
        switch (halen)
        {
            case 0:
                break;
            case 4:
                f.AddBytes(SllFields.SrcIPv4, ao, 4);
                ctx.Columns.Source = Address.From(AddressKind.IPv4, h.Address.Slice(0, 4));
                break;
            case 6:
                f.AddBytes(SllFields.SrcEth, ao, 6);
                ctx.DlSrc = Address.From(AddressKind.Ether, h.Address.Slice(0, 6));
                ctx.Columns.Source = ctx.DlSrc;
                break;
            default:
                f.AddBytes(SllFields.SrcOther, ao, Math.Min(halen, 8));
                break;
        }
        if (halen < 8) f.AddBytes(SllFields.Unused, ao + halen, 8 - halen);
        if (!_v2) AddProtocolField(f, protocol, hatype, o + 14);

        int payOff = o + h.Length;
        int payRep = Math.Max(0, tvb.Reported - h.Length);
        if (isLType) return Handoff.To(_ltype, protocol, payOff, payRep);
        if (hatype == ArphrdIpGre) return Handoff.To(_gre, protocol, payOff, payRep);
        return EtherTypeDispatch.To(_ethertype, protocol, tvb, h.Length, ctx, SllFields.Trailer);
    }

    static void AddProtocolField(PacketFields f, ushort protocol, ushort hatype, int offset)
    {
        var field = protocol <= 1536 ? SllFields.LType : hatype == ArphrdIpGre ? SllFields.GreType : SllFields.EtherType;
        f.AddUInt(field, offset, 2, protocol);
    }

    static void PacketTypeInfo(TextColumn info, int type)
    {
        if ((uint)type < (uint)SllFields.PktTypeText.Length) info.Append(SllFields.PktTypeText[type]);
        else info.Append("Unknown (").Append((ulong)type).Append(')');
    }
}
