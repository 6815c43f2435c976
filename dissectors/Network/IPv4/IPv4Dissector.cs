using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Network.IPv4;

/// <summary>
/// IPv4 (RFC 791). Registered for ethertype 0x0800, LINKTYPE_IPV4 (228), BSD loopback AF_INET (2), IP-in-IP
/// ("ip.proto" 4), LLC SAP 0x06 and GRE 0x0800. The payload gets the total length minus the header (bytes after
/// it belong to the link layer) and goes to the "ip.proto" table; fragments (MF set or offset &gt; 0) are handed
/// to data with ctx.IpFragment set, as tshark shows them when it has not reassembled them. Impossible version or
/// lengths end the layer with tshark's expert item and Info text; a cut capture shows the fields it holds.
/// </summary>
public sealed class IPv4Dissector : IDissector
{
    public const int LinkType = 228;
    public const byte ProtoPim = 103;

    DissectorTable _ipProto = null!;

    public ProtocolDef Protocol => IPv4Fields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ipProto = tables.Get("ip.proto", "IP protocol");
        tables.Get("ethertype", "Ethertype").Add(0x0800, this);
        _ipProto.Add(4, this);
        tables.LinkType.Add(LinkType, this);
        tables.Get("null.type", "BSD AF_ type").Add(2, this);
        tables.Get("llc.dsap", "LLC SAP").Add(0x06, this);
        tables.Get("gre.proto", "GRE protocol type").Add(0x0800, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var span = tvb.Span;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        bool detail = f.WantsAll;
        if (cols) ctx.Columns.Info.Clear();
        if (span.IsEmpty) return Handoff.Stop(Short(tvb, 1), "IPv4 header is empty");

        bool whole = IPv4Header.TryCreate(span, out var h);
        int avail = h.Available;
        int version = h.Version, ihl = h.HeaderLength;
        // Header fields only when some IPv4 field is wanted (a conversation table wants none); checks stay.
        bool pf = f.WantsProtocol(IPv4Fields.Protocol);
        if (pf) f.AddUInt(IPv4Fields.Version, o, 1, (ulong)version);
        if (version != 4)
        {
            f.AddFlag(IPv4Fields.BogusVersion, o, 1, detail ? $"Bogus IPv4 version ({version}, must be 4)" : null);
            if (cols) ctx.Columns.Info.Append("Bogus IPv4 version (").Append((ulong)version).Append(", must be 4)");
            return Handoff.Done;
        }
        if (pf) f.AddUInt(IPv4Fields.HdrLen, o, 1, (ulong)ihl);
        if (ihl < IPv4Header.MinLength)
        {
            f.AddFlag(IPv4Fields.BogusHeaderLength, o, 1, detail ? $"Bogus IP header length ({ihl}, must be at least 20)" : null);
            if (cols) ctx.Columns.Info.Append("Bogus IP header length (").Append((ulong)ihl).Append(", must be at least 20)");
            return Handoff.Done;
        }
        if (avail >= 2 && pf)
        {
            byte ds = h.DsField;
            int t = f.BeginTree(IPv4Fields.DsField, o + 1, 1, ds);
            f.AddUInt(IPv4Fields.Dscp, o + 1, 1, (ulong)(ds >> 2));
            f.AddUInt(IPv4Fields.Ecn, o + 1, 1, (ulong)(ds & 3));
            f.EndTree(t);
        }
        int total = tvb.Reported;
        if (avail >= 4)
        {
            total = h.TotalLength;
            // A total length of 0 comes from TCP segmentation offload: the frame's length is the truth.
            if (total == 0) total = tvb.Reported;
            if (pf) f.AddUInt(IPv4Fields.Len, o + 2, 2, (ulong)total);
            if (total < ihl)
            {
                f.AddFlag(IPv4Fields.BogusLength, o + 2, 2, detail ? $"Bogus IP length ({total}, less than header length {ihl})" : null);
                if (cols) ctx.Columns.Info.Append("Bogus IP length (").Append((ulong)total).Append(", less than header length ").Append((ulong)ihl).Append(')');
                return Handoff.Done;
            }
            if (total > tvb.Reported)
            {
                // A datagram quoted in an ICMP error is cut short on purpose: no complaint there.
                if (!ctx.InErrorPacket)
                    f.AddFlag(IPv4Fields.BogusLength, o + 2, 2, detail ? $"IPv4 total length exceeds packet length ({tvb.Reported} bytes)" : null);
                total = tvb.Reported;
            }
        }
        if (avail >= 6 && pf) f.AddUInt(IPv4Fields.Id, o + 4, 2, h.Id);
        if (avail >= 8 && pf)
        {
            int t = f.BeginTree(IPv4Fields.Flags, o + 6, 1, (ulong)h.Flags);
            f.AddBool(IPv4Fields.FlagsRb, o + 6, 1, (h.Flags & 4) != 0);
            f.AddBool(IPv4Fields.FlagsDf, o + 6, 1, h.DontFragment);
            f.AddBool(IPv4Fields.FlagsMf, o + 6, 1, h.MoreFragments);
            f.EndTree(t);
            f.AddUInt(IPv4Fields.FragOffset, o + 6, 2, (ulong)h.FragmentOffset);
        }
        if (avail >= 9 && pf) f.AddUInt(IPv4Fields.Ttl, o + 8, 1, h.Ttl);
        if (avail >= 10 && pf) f.AddUInt(IPv4Fields.Proto, o + 9, 1, h.Protocol);
        if (avail >= 12 && pf)
        {
            f.AddUInt(IPv4Fields.Checksum, o + 10, 2, h.Checksum);
            f.AddUInt(IPv4Fields.ChecksumStatus, o + 10, 0, EthernetFields.StatusUnverified);
        }
        if (avail >= 16 && pf)
        {
            f.AddBytes(IPv4Fields.Src, o + 12, 4);
            f.AddBytes(IPv4Fields.Addr, o + 12, 4);
        }
        if (!whole) return Handoff.Stop(Short(tvb, IPv4Header.MinLength), "IPv4 header is cut short");
        if (ihl > total) return Handoff.Stop(ReadStatus.Malformed, "IPv4 header runs past the end of the packet");

        // A loose or strict source route names the final destination, which tshark shows as ip.dst: with options
        // not all captured it cannot be known, and (like tshark) the layer stops before the destination.
        if (ihl > span.Length) return Handoff.Stop(ReadStatus.Truncated, "IPv4 options are cut short");
        int optLen = ihl - IPv4Header.MinLength;
        var opts = span.Slice(IPv4Header.MinLength, optLen);
        int dstAt = o + 16;
        if (ihl > IPv4Header.MinLength)
        {
            int r = IPv4Options.FindRouteDestination(opts);
            if (r >= 0) dstAt = o + IPv4Header.MinLength + r;
        }
        var dst = tvb.Frame.Slice(dstAt, 4);
        if (pf)
        {
            f.AddBytes(IPv4Fields.Dst, dstAt, 4);
            f.AddBytes(IPv4Fields.Addr, dstAt, 4);
            if (!ctx.InErrorPacket) TtlExperts(f, h.Ttl, dst, h.Protocol, o + 8, detail);
        }
        if (ihl > IPv4Header.MinLength && f.WantsProtocol(IPv4Fields.Protocol))
            IPv4Options.Dissect(opts, o + IPv4Header.MinLength, f);

        byte proto = h.Protocol;
        ctx.IpDepth++;
        ctx.IpProto = proto;
        ctx.IpTtl = h.Ttl;
        ctx.NetSrc = Address.From(AddressKind.IPv4, h.Source);
        ctx.NetDst = Address.From(AddressKind.IPv4, dst);
        if (!ctx.InErrorPacket) ctx.StatsIpLayers.Add((ctx.NetSrc, ctx.NetDst));
        ctx.Columns.SetAddresses(AddressKind.IPv4, h.Source, dst);

        int payOff = o + ihl;
        int payLen = total - ihl;
        if (h.MoreFragments || h.FragmentOffset != 0)
        {
            ctx.IpFragment = true;
            if (cols)
            {
                var info = ctx.Columns.Info.Append("Fragmented IP protocol (proto=").Append(IpProtocolNames.Of(proto)).Append(' ')
                    .Append((ulong)proto).Append(", off=").Append((ulong)(h.FragmentOffset * 8)).Append(", ID=");
                AppendHex4(info, h.Id).Append(')');
            }
            if (payLen > 0 && ctx.IpReassembly is { } reasm && !ctx.InErrorPacket && payOff + payLen <= tvb.Frame.Length &&
                reasm.Add(false, ctx.NetSrc, ctx.NetDst, proto, h.Id, h.FragmentOffset * 8, h.MoreFragments,
                          tvb.Frame.Slice(payOff, payLen), ctx, out var datagram, out _))
            {
                // This fragment completed the datagram: dissect the whole payload from its own data source.
                int source = f.AddSource(datagram);
                ctx.IpFragment = false;
                if (cols) ctx.Columns.Info.Clear();
                return Handoff.ToSource(_ipProto, proto, source, datagram.Length);
            }
            return payLen > 0 ? Handoff.Data(payOff, payLen) : Handoff.Done;
        }
        ctx.IpFragment = false;
        if (payLen <= 0) return Handoff.Done;
        if (cols && !EtherTypeDispatch.HasDissector(_ipProto, proto))
            ctx.Columns.Info.Append(IpProtocolNames.Of(proto)).Append(" (").Append((ulong)proto).Append(')');
        return Handoff.To(_ipProto, proto, payOff, payLen);
    }

    /// <summary>Truncated when the reported length covers what was needed (snaplen cut), else Malformed.</summary>
    static ReadStatus Short(in Tvb tvb, int needed) => tvb.Reported >= needed ? ReadStatus.Truncated : ReadStatus.Malformed;

    /// <summary>tshark's TTL notes: a packet to the local network control block (224.0.0.0/24) should have TTL 1;
    /// a unicast packet with TTL below 5 is worth a look.</summary>
    static void TtlExperts(PacketFields f, byte ttl, ReadOnlySpan<byte> dst, byte proto, int at, bool detail)
    {
        if (dst[0] == 224 && dst[1] == 0 && dst[2] == 0)
        {
            if (ttl != 1)
                f.AddFlag(IPv4Fields.TtlLncb, at, 1, detail ? "\"Time To Live\" != 1 for a packet sent to the Local Network Control Block (see RFC 3171)" : null);
        }
        else if ((dst[0] & 0xf0) != 0xe0 && ttl < 5 && proto != ProtoPim)
            f.AddFlag(IPv4Fields.TtlTooSmall, at, 1, detail ? $"\"Time To Live\" only {ttl}" : null);
    }

    static TextColumn AppendHex4(TextColumn c, ushort v)
    {
        const string digits = "0123456789abcdef";
        return c.Append(digits[v >> 12]).Append(digits[(v >> 8) & 15]).Append(digits[(v >> 4) & 15]).Append(digits[v & 15]);
    }
}
