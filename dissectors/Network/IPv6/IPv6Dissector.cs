using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Network.IPv4;

namespace Dissect.Dissectors.Network.IPv6;

/// <summary>
/// IPv6 (RFC 8200): the fixed header only. Extension headers are their own dissectors hanging in "ip.proto"
/// (0, 43, 44, 60) like every upper layer, so the next header is always dispatched there. Registered for
/// ethertype 0x86dd, LINKTYPE_IPV6 (229), BSD loopback AF_INET6 (24, 28, 30), IPv6-in-IP ("ip.proto" 41) and
/// GRE 0x86dd. The payload gets the payload length (from a Jumbo Payload option when it is 0 and a Hop-by-Hop
/// header follows); a capture cut inside the header shows the fields it holds.
/// </summary>
public sealed class IPv6Dissector : IDissector
{
    public const int LinkType = 229;
    public const byte NoNextHeader = 59, HopByHop = 0;
    const byte OptJumbo = 0xc2;

    DissectorTable _ipProto = null!;

    public ProtocolDef Protocol => IPv6Fields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ipProto = tables.Get("ip.proto", "IP protocol");
        tables.Get("ethertype", "Ethertype").Add(0x86dd, this);
        _ipProto.Add(41, this);
        tables.LinkType.Add(LinkType, this);
        var af = tables.Get("null.type", "BSD AF_ type");
        af.Add(24, this);
        af.Add(28, this);
        af.Add(30, this);
        tables.Get("gre.proto", "GRE protocol type").Add(0x86dd, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var span = tvb.Span;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        bool detail = f.WantsAll;
        if (cols) ctx.Columns.Info.Clear();
        if (span.IsEmpty) return Handoff.Stop(tvb.Reported >= 1 ? ReadStatus.Truncated : ReadStatus.Malformed, "IPv6 header is empty");

        bool whole = IPv6Header.TryCreate(span, out var h);
        int avail = h.Available;
        int version = h.Version;
        f.AddUInt(IPv6Fields.Version, o, 1, (ulong)version);
        if (version != 6)
        {
            f.AddFlag(IPv6Fields.BogusVersion, o, 1, detail ? "Bogus IPv6 version" : null);
            f.AddFlag(FrameFields.Malformed, o, 1, detail ? "Bogus IPv6 version" : null);
            f.AddUInt(IPv4Fields.Version, o, 1, (ulong)version);
            if (cols) ctx.Columns.Info.Append("Bogus IPv6 version (").Append((ulong)version).Append(", must be 6)");
            return Handoff.Data(o, tvb.Reported);
        }
        // tshark adds a hidden ip.version so that "ip.version == 6" matches.
        f.AddUInt(IPv4Fields.Version, o, 1, 6);
        if (avail >= 4)
        {
            uint tc = (uint)h.TrafficClass;
            int t = f.BeginTree(IPv6Fields.TClass, o, 4, tc);
            f.AddUInt(IPv6Fields.TClassDscp, o, 4, tc >> 2);
            f.AddUInt(IPv6Fields.TClassEcn, o, 4, tc & 3);
            f.EndTree(t);
            f.AddUInt(IPv6Fields.Flow, o + 1, 3, (ulong)h.FlowLabel);
        }
        if (avail >= 6) f.AddUInt(IPv6Fields.Plen, o + 4, 2, h.PayloadLength);
        if (avail >= 7) f.AddUInt(IPv6Fields.Nxt, o + 6, 1, h.NextHeader);
        if (avail >= 8) f.AddUInt(IPv6Fields.Hlim, o + 7, 1, h.HopLimit);
        if (avail >= 24)
        {
            f.AddBytes(IPv6Fields.Src, o + 8, 16);
            f.AddBytes(IPv6Fields.Addr, o + 8, 16);
        }
        if (!whole)
        {
            if (tvb.Reported >= IPv6Header.Length) return Handoff.Stop(ReadStatus.Truncated, "IPv6 header is cut short");
            f.AddFlag(IPv6Fields.InvalidHeader, o, avail, detail ? "IPv6 header must be exactly 40 bytes" : null);
            if (cols) ctx.Columns.Info.Append("Invalid IPv6 header (").Append((ulong)tvb.Reported).Append(" bytes, need exactly 40)");
            return Handoff.Malformed("IPv6 header must be exactly 40 bytes");
        }
        f.AddBytes(IPv6Fields.Dst, o + 24, 16);
        f.AddBytes(IPv6Fields.Addr, o + 24, 16);

        byte nxt = h.NextHeader;
        int framing = tvb.Reported - IPv6Header.Length;
        int payLen = h.PayloadLength;
        if (payLen == 0)
        {
            if (nxt == HopByHop)
            {
                payLen = FindJumbo(span.Slice(IPv6Header.Length));
                if (payLen < 0)
                {
                    payLen = 0;
                    f.AddFlag(IPv6Fields.JumboMissing, o + 4, 2, detail ? "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing" : null);
                    if (cols) ctx.Columns.Info.Append("Invalid IPv6 payload length");
                }
            }
            else f.AddFlag(IPv6Fields.PlenZero, o + 4, 2, detail ? "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))" : null);
        }
        if (payLen > framing)
        {
            if (!ctx.InErrorPacket) f.AddFlag(IPv6Fields.PlenExceedsFraming, o + 4, 2, detail ? $"IPv6 payload length exceeds framing length ({framing} bytes)" : null);
            payLen = framing;
        }

        ctx.IpDepth++;
        ctx.IpProto = nxt;
        ctx.IpTtl = h.HopLimit;
        ctx.IpFragment = false;
        ctx.NetSrc = Address.From(AddressKind.IPv6, h.Source);
        ctx.NetDst = Address.From(AddressKind.IPv6, h.Destination);
        if (!ctx.InErrorPacket) ctx.StatsIpLayers.Add((ctx.NetSrc, ctx.NetDst));
        ctx.Columns.SetAddresses(AddressKind.IPv6, h.Source, h.Destination);
        return Next(_ipProto, nxt, o + IPv6Header.Length, payLen, ctx);
    }

    /// <summary>The handoff after IPv6 or one of its extension headers: "IPv6 no next header" ends the packet;
    /// anything else goes to "ip.proto" (even with an empty payload, as tshark does).</summary>
    public static Handoff Next(DissectorTable ipProto, byte nxt, int offset, int reported, DissectContext ctx)
    {
        if (nxt == NoNextHeader)
        {
            if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("IPv6 no next header");
            return Handoff.Done;
        }
        return Handoff.To(ipProto, nxt, offset, Math.Max(0, reported));
    }

    /// <summary>The Jumbo Payload length from the Hop-by-Hop header at the start of <paramref name="hbh"/>,
    /// or -1 when there is none (not captured, or less than 65536: tshark then treats it as missing).</summary>
    public static int FindJumbo(ReadOnlySpan<byte> hbh)
    {
        if (hbh.Length < 2) return -1;
        int len = Math.Min((hbh[1] + 1) * 8, hbh.Length);
        int p = 2;
        while (p < len)
        {
            byte type = hbh[p];
            if (type == 0) { p++; continue; }
            if (p + 1 >= len) break;
            int olen = hbh[p + 1];
            if (type == OptJumbo && olen == 4 && p + 6 <= len)
            {
                uint v = BinaryPrimitives.ReadUInt32BigEndian(hbh.Slice(p + 2));
                if (v < 65536) return -1;
                return v > int.MaxValue ? int.MaxValue : (int)v;
            }
            p += 2 + olen;
        }
        return -1;
    }
}
