using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Link.Ethernet;

/// <summary>
/// Ethernet II and IEEE 802.3 (LINKTYPE_ETHERNET, 1). Ethernet II hands the payload to the "ethertype" table;
/// 802.3 (type/length &lt;= 1500) bounds the payload by its length and hands it to LLC (raw 802.3, payload
/// starting 0xffff, becomes data). Padding and trailer after the payload are recorded here.
/// </summary>
public sealed class EthernetDissector : IDissector
{
    public const int LinkType = 1;

    DissectorTable _ethertype = null!;
    DissectorTables _tables = null!;
    IDissector? _llc;

    public ProtocolDef Protocol => EthernetFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _tables = tables;
        _ethertype = tables.Get("ethertype", "Ethertype");
        tables.LinkType.Add(LinkType, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (!EthernetHeader.TryCreate(tvb.Span, out var h))
            return Handoff.Stop(tvb.Reported >= EthernetHeader.Length ? ReadStatus.Truncated : ReadStatus.Malformed,
                "Ethernet header needs 14 bytes");
        var f = ctx.Fields;
        int o = tvb.Offset;
        ushort type = h.TypeOrLength;

        ctx.DlDst = Address.From(AddressKind.Ether, h.Destination);
        ctx.DlSrc = Address.From(AddressKind.Ether, h.Source);
        ctx.StatsEthLayers.Add((ctx.DlSrc, ctx.DlDst));
        ctx.Columns.SetAddresses(AddressKind.Ether, h.Source, h.Destination);

        if (f.WantsProtocol(EthernetFields.Protocol))
        {
            AddAddress(f, EthernetFields.Dst, EthernetFields.DstOui, EthernetFields.DstLg, EthernetFields.DstIg, h.Destination, o);
            AddAddress(f, EthernetFields.Src, EthernetFields.SrcOui, EthernetFields.SrcLg, EthernetFields.SrcIg, h.Source, o + 6);
        }
        if ((h.Source[0] & 1) != 0 && type >= EthernetHeader.MinEtherType) f.AddFlag(EthernetFields.SrcNotGroup, o + 6, 6);

        if (type <= EthernetHeader.MaxLength8023 && type != 0)
            return Ieee8023(tvb, ctx, type);

        if (type < EthernetHeader.MinEtherType && type != 0)
        {
            f.AddUInt(EthernetFields.InvalidLenType, o + 12, 2, type);
            f.AddFlag(EthernetFields.InvalidLenTypeExpert, o + 12, 2, f.WantsAll ? $"Invalid length/type: 0x{type:x4} ({type})" : null);
            if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Ethernet Unknown: Invalid length/type: ").AppendHex(type, 4).Append(" (").Append((ulong)type).Append(')');
            return Handoff.Data(o + EthernetHeader.Length, tvb.Reported - EthernetHeader.Length);
        }

        f.AddUInt(EthernetFields.Type, o + 12, 2, type);
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Ethernet II");
        return EtherTypeDispatch.To(_ethertype, type, tvb, EthernetHeader.Length, ctx, EthernetFields.Trailer, maybeFcs: true);
    }

    Handoff Ieee8023(in Tvb tvb, DissectContext ctx, int length)
    {
        var f = ctx.Fields;
        int o = tvb.Offset;
        var span = tvb.Span;
        bool raw = span.Length >= 16 && span[14] == 0xff && span[15] == 0xff;
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append(raw ? "IEEE 802.3 Ethernet Raw " : "IEEE 802.3 Ethernet ");
        f.AddUInt(EthernetFields.Len, o + 12, 2, (ulong)length);
        int payOff = o + EthernetHeader.Length;
        int rest = tvb.Reported - EthernetHeader.Length;
        if (length > rest)
        {
            f.AddFlag(EthernetFields.LenPastEnd, o + 12, 2);
            length = rest;
        }
        else if (length < rest)
            EtherTypeDispatch.AddTrailer(ctx, tvb, payOff + length, rest - length, EthernetFields.Trailer, maybeFcs: true);
        if (raw) return Handoff.Data(payOff, length);
        _llc ??= _tables.Dissector("llc");
        return _llc is null ? Handoff.Data(payOff, length) : Handoff.ToDissector(_llc, payOff, length);
    }

    /// <summary>eth.dst / eth.src with the subfields tshark puts beneath each (OUI, eth.addr, LG and IG bits,
    /// both under the specific name and the generic one).</summary>
    static void AddAddress(PacketFields f, FieldDef addr, FieldDef oui, FieldDef lg, FieldDef ig, ReadOnlySpan<byte> mac, int offset)
    {
        int tree = f.BeginTree(addr, offset, 6);
        ulong o = (ulong)(mac[0] << 16 | mac[1] << 8 | mac[2]);
        ulong lgBit = (ulong)(mac[0] >> 1) & 1, igBit = (ulong)mac[0] & 1;
        f.AddUInt(oui, offset, 3, o);
        f.AddBytes(EthernetFields.Addr, offset, 6);
        f.AddUInt(EthernetFields.AddrOui, offset, 3, o);
        f.AddUInt(lg, offset, 3, lgBit);
        f.AddUInt(EthernetFields.Lg, offset, 3, lgBit);
        f.AddUInt(ig, offset, 3, igBit);
        f.AddUInt(EthernetFields.Ig, offset, 3, igBit);
        f.EndTree(tree);
    }
}
