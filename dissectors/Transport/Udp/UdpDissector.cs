using System.Buffers.Binary;
using System.Globalization;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Transport.Udp;

/// <summary>
/// UDP (RFC 768), IP protocol 17. Reads the 8-byte header, bounds the payload by udp.length (a length below 8 is
/// malformed; one beyond the IP payload is flagged like Wireshark's "Bad length value" and the payload is cut to
/// what the IP layer carries), asks the UDP analyzer for udp.stream, and hands the payload to "udp.port"
/// (low port, high port, heuristics). Checksums are not verified (tshark's default): status Unverified, or
/// Not present / Illegal for a zero checksum over IPv4 / IPv6.
/// </summary>
public sealed class UdpDissector : IDissector
{
    public const byte IpProtocolNumber = 17, LiteIpProtocolNumber = 136;

    readonly bool _lite;
    DissectorTable _ports = null!;

    /// <param name="lite">UDP-Lite (RFC 3828, IP protocol 136): the length field is the checksum coverage and the
    /// datagram runs to the end of the IP payload; the payload goes to the same "udp.port" table.</param>
    public UdpDissector(bool lite = false) { _lite = lite; }

    public ProtocolDef Protocol => _lite ? UdpFields.LiteProtocol : UdpFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ports = tables.Get("udp.port", "UDP port");
        tables.Get("ip.proto", "IP protocol").Add(_lite ? LiteIpProtocolNumber : IpProtocolNumber, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        if (cols) info.Clear();

        if (!UdpHeader.TryCreate(data, out var h))
            return Partial(tvb, ctx);

        ushort sp = h.SrcPort, dp = h.DstPort, ulen = h.Length, ck = h.Checksum;
        AddPorts(f, o, sp, dp);
        if (cols) Ports(info, sp, dp);

        int reported = tvb.Reported;
        if (_lite) return Lite(tvb, ctx, sp, dp, ulen, ck);
        bool v6 = ctx.NetSrc.Kind == AddressKind.IPv6;
        bool jumbo = ulen == 0 && v6;
        int length = jumbo ? reported : ulen;    // the length the datagram claims, header included
        f.AddUInt(UdpFields.Length, o + 4, 2, ulen);

        if (jumbo && reported < 65536)
            f.AddFlag(UdpFields.LengthBadZero, o + 4, 2, "Length is zero but payload < 65536");

        if (length < UdpHeader.Size)
        {
            string reason = f.WantsAll ? "Bad length value " + ulen.ToString(CultureInfo.InvariantCulture) + " < 8" : "Bad length value < 8";
            f.AddFlag(UdpFields.LengthBad, o + 4, 2, reason);
            if (cols) info.Append(" [BAD UDP LENGTH ").Append((ulong)ulen).Append(" < 8]");
            return Handoff.Malformed(reason);
        }

        int payloadReported;
        if (length > reported)
        {
            if (!ctx.IpFragment && !ctx.InErrorPacket)
            {
                // Wireshark flags the length and goes on with what the IP layer carries.
                string reason = f.WantsAll ? "Bad length value " + ulen.ToString(CultureInfo.InvariantCulture) + " > IP payload length" : "Bad length value > IP payload length";
                f.AddFlag(UdpFields.LengthBad, o + 4, 2, reason);
                f.AddFlag(FrameFields.Malformed, o + 4, 2, reason);
                if (cols) info.Append(" [BAD UDP LENGTH ").Append((ulong)ulen).Append(" > IP PAYLOAD LENGTH]");
            }
            payloadReported = reported - UdpHeader.Size;
        }
        else payloadReported = length - UdpHeader.Size;
        if (ctx.InErrorPacket)
        {
            // A quoted datagram is usually cut after its header: hand on what was quoted (if anything) as a
            // datagram of its own length whose end was not captured.
            if (data.Length <= UdpHeader.Size) payloadReported = 0;
            else if (length > reported) payloadReported = length - UdpHeader.Size;
        }

        if (cols)
        {
            info.Append(" Len=").Append((ulong)(length - UdpHeader.Size));
            if (jumbo) info.Append(" [Jumbogram]");
        }

        f.AddUInt(UdpFields.Checksum, o + 6, 2, ck);
        if (ck == 0)
        {
            if (v6)
            {
                f.AddFlag(UdpFields.ChecksumZero, o + 6, 2, "Illegal checksum value (0)");
                f.AddUInt(UdpFields.ChecksumStatus, o + 6, 2, ChecksumStatus.Illegal);
                if (cols) info.Append(" [ILLEGAL CHECKSUM (0)]");
            }
            else f.AddUInt(UdpFields.ChecksumStatus, o + 6, 2, ChecksumStatus.NotPresent);
        }
        else f.AddUInt(UdpFields.ChecksumStatus, o + 6, 2, ChecksumStatus.Unverified);

        if (ctx.Udp is { } udp)
            f.AddUInt(UdpFields.Stream, -1, 0, udp.StreamOf(ctx, sp, dp));

        int payloadOffset = o + UdpHeader.Size;
        // tshark's udp.payload is everything after the header that the IP layer carries, even past udp.length.
        if (data.Length > UdpHeader.Size) f.AddBytes(UdpFields.Payload, payloadOffset, data.Length - UdpHeader.Size);
        if (payloadReported <= 0) return Handoff.Done;
        ctx.SrcPort = sp; ctx.DstPort = dp;
        if (ctx.TransportOnly && !_ports.HasEncapsulation(sp, dp)) return Handoff.Done;
        return Handoff.ToPorts(_ports, sp, dp, payloadOffset, payloadReported);
    }

    /// <summary>UDP-Lite after the ports: coverage 0 means the whole datagram, otherwise it must lie between the
    /// header and the datagram length (tshark flags it and goes on); the checksum is mandatory.</summary>
    Handoff Lite(in Tvb tvb, DissectContext ctx, ushort sp, ushort dp, ushort coverage, ushort ck)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        int length = tvb.Reported;
        f.AddUInt(UdpFields.ChecksumCoverage, o + 4, 2, coverage);
        if (coverage != 0 && (coverage < UdpHeader.Size || coverage > length))
        {
            string reason = f.WantsAll
                ? "Bad checksum coverage length value " + coverage.ToString(CultureInfo.InvariantCulture) + " < 8 or > " + length.ToString(CultureInfo.InvariantCulture)
                : "Bad checksum coverage length value";
            f.AddFlag(UdpFields.ChecksumCoverageBad, o + 4, 2, reason);
            f.AddFlag(FrameFields.Malformed, o + 4, 2, reason);
            if (cols) info.Append(" [BAD LIGHTWEIGHT UDP CHECKSUM COVERAGE LENGTH ").Append((ulong)coverage).Append(" < 8 or > ").Append((ulong)length).Append(']');
        }
        f.AddUInt(UdpFields.Length, o + 4, 2, (ulong)length);
        if (cols) info.Append(" Len=").Append((ulong)Math.Max(0, length - UdpHeader.Size));
        f.AddUInt(UdpFields.Checksum, o + 6, 2, ck);
        if (ck == 0)
        {
            f.AddFlag(UdpFields.ChecksumZero, o + 6, 2, "Illegal checksum value (0)");
            f.AddUInt(UdpFields.ChecksumStatus, o + 6, 2, ChecksumStatus.Illegal);
            if (cols) info.Append(" [ILLEGAL CHECKSUM (0)]");
        }
        else f.AddUInt(UdpFields.ChecksumStatus, o + 6, 2, ChecksumStatus.Unverified);
        if (ctx.Udp is { } udp)
            f.AddUInt(UdpFields.Stream, -1, 0, udp.StreamOf(ctx, sp, dp));
        int payloadOffset = o + UdpHeader.Size;
        if (data.Length > UdpHeader.Size) f.AddBytes(UdpFields.Payload, payloadOffset, data.Length - UdpHeader.Size);
        int payloadReported = length - UdpHeader.Size;
        if (payloadReported <= 0 || (ctx.InErrorPacket && data.Length <= UdpHeader.Size)) return Handoff.Done;
        ctx.SrcPort = sp; ctx.DstPort = dp;
        if (ctx.TransportOnly && !_ports.HasEncapsulation(sp, dp)) return Handoff.Done;
        return Handoff.ToPorts(_ports, sp, dp, payloadOffset, payloadReported);
    }

    static void AddPorts(PacketFields f, int o, ushort sp, ushort dp)
    {
        f.AddUInt(UdpFields.SrcPort, o, 2, sp);
        f.AddUInt(UdpFields.DstPort, o + 2, 2, dp);
        f.AddUInt(UdpFields.Port, o, 2, sp);
        f.AddUInt(UdpFields.Port, o + 2, 2, dp);
    }

    internal static void Ports(TextColumn info, ushort sp, ushort dp)
        => info.Append((ulong)sp).Append(" \u2192 ").Append((ulong)dp);

    /// <summary>Header cut short: like tshark, show the ports (and length) that were captured, then stop.</summary>
    Handoff Partial(in Tvb tvb, DissectContext ctx)
    {
        var data = tvb.Span;
        var f = ctx.Fields;
        int o = tvb.Offset;
        bool cols = ctx.WantColumns;
        if (data.Length >= 4)
        {
            ushort sp = BinaryPrimitives.ReadUInt16BigEndian(data), dp = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2));
            AddPorts(f, o, sp, dp);
            if (cols) Ports(ctx.Columns.Info, sp, dp);
            if (data.Length >= 6 && !_lite)
            {
                ushort ulen = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(4));
                f.AddUInt(UdpFields.Length, o + 4, 2, ulen);
                if (cols && ulen >= UdpHeader.Size) ctx.Columns.Info.Append(" Len=").Append((ulong)(ulen - UdpHeader.Size));
            }
        }
        if (ctx.InErrorPacket) return Handoff.Done;   // a quote may end anywhere
        var r = tvb.Reader();
        r.Need(UdpHeader.Size);
        return Handoff.Stop(r.Status, r.Status == ReadStatus.Malformed ? "UDP header needs 8 bytes, the packet has fewer" : "UDP header cut by the capture length");
    }
}
