using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Network.IPv6;

/// <summary>
/// IPv6 Fragment header (next header 44, "ipv6.fraghdr"). A fragment (offset &gt; 0 or M set) goes to data with
/// ctx.IpFragment set and tshark's Info "IPv6 fragment (off=… more=… ident=… nxt=…)" (no reassembly here); an
/// atomic fragment (offset 0, M clear) carries the whole datagram and goes on to its next header.
/// </summary>
public sealed class IPv6FragmentDissector : IDissector
{
    public const int Length = 8;

    DissectorTable _ipProto = null!;

    public ProtocolDef Protocol => IPv6ExtFields.FragHdr;

    public void Register(DissectorTables tables)
    {
        _ipProto = tables.Get("ip.proto", "IP protocol");
        _ipProto.Add(44, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var span = tvb.Span;
        if (span.Length < Length)
            return Handoff.Stop(tvb.Reported >= Length ? ReadStatus.Truncated : ReadStatus.Malformed, "IPv6 fragment header needs 8 bytes");
        var f = ctx.Fields;
        int o = tvb.Offset;
        byte nxt = span[0];
        ushort offm = BinaryPrimitives.ReadUInt16BigEndian(span.Slice(2));
        uint ident = BinaryPrimitives.ReadUInt32BigEndian(span.Slice(4));
        int offset = offm >> 3;
        bool more = (offm & 1) != 0;
        f.AddUInt(IPv6ExtFields.FragNxt, o, 1, nxt);
        f.AddUInt(IPv6ExtFields.FragReservedOctet, o + 1, 1, span[1]);
        f.AddUInt(IPv6ExtFields.FragOffset, o + 2, 2, (ulong)offset);
        f.AddUInt(IPv6ExtFields.FragReservedBits, o + 2, 2, (ulong)((offm >> 1) & 3));
        f.AddBool(IPv6ExtFields.FragMore, o + 2, 2, more);
        f.AddUInt(IPv6ExtFields.FragIdent, o + 4, 4, ident);
        ctx.IpProto = nxt;
        int payOff = o + Length, payRep = tvb.Reported - Length;
        if (offset != 0 || more)
        {
            ctx.IpFragment = true;
            if (ctx.WantColumns)
                ctx.Columns.Info.Clear().Append("IPv6 fragment (off=").Append((ulong)(offset * 8)).Append(" more=")
                    .Append(more ? 'y' : 'n').Append(" ident=").AppendHex(ident, 8).Append(" nxt=").Append((ulong)nxt).Append(')');
            if (payRep > 0 && ctx.IpReassembly is { } reasm && !ctx.InErrorPacket && payOff + payRep <= tvb.Frame.Length &&
                reasm.Add(true, ctx.NetSrc, ctx.NetDst, nxt, ident, offset * 8, more, tvb.Frame.Slice(payOff, payRep), ctx,
                          out var datagram, out _))
            {
                int source = f.AddSource(datagram);
                ctx.IpFragment = false;
                if (ctx.WantColumns) ctx.Columns.Info.Clear();
                return Handoff.ToSource(_ipProto, nxt, source, datagram.Length);
            }
            return payRep > 0 ? Handoff.Data(payOff, payRep) : Handoff.Done;
        }
        return IPv6Dissector.Next(_ipProto, nxt, payOff, payRep, ctx);
    }
}
