using System.Buffers.Binary;
using Dissect.Analysis;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>
/// Runs frames through the real engine. <see cref="Tables"/> holds Ethernet, minimal IPv4/IPv6 stand-ins
/// (<see cref="IpShim"/>: they set what the transport layers read — addresses, protocol, TTL/hop limit, fragment
/// flag — and record no fields) and the four transport dissectors, so these unit tests depend on nothing else being
/// finished. <see cref="Integrated"/> is every built-in dissector (the real IPv4/IPv6), for the integration tests.
/// </summary>
public static class TransportKit
{
    public const int Ethernet = 1, RawIPv4 = 228, RawIPv6 = 229;

    public static readonly DissectorTables Tables = CreateIsolated();
    public static readonly DissectorTables Integrated = CreateIntegrated();

    static DissectorTables CreateIsolated()
    {
        var registry = new FieldRegistry();
        var t = new DissectorTables(registry);
        registry.Register(Link.Ethernet.EthernetFields.Protocol, Link.Ethernet.EthernetFields.All);
        t.Add(new Link.Ethernet.EthernetDissector());
        foreach (var shim in new[] { new IpShim(v6: false), new IpShim(v6: true) })
        {
            registry.Register(shim.Protocol);
            t.Add(shim);
        }
        registry.Register(global::Dissect.Dissectors.Transport.Udp.UdpFields.Protocol, global::Dissect.Dissectors.Transport.Udp.UdpFields.All);
        t.Add(new global::Dissect.Dissectors.Transport.Udp.UdpDissector());
        registry.Register(global::Dissect.Dissectors.Transport.Udp.UdpFields.LiteProtocol, global::Dissect.Dissectors.Transport.Udp.UdpFields.LiteAll);
        t.Add(new global::Dissect.Dissectors.Transport.Udp.UdpDissector(lite: true));
        registry.Register(global::Dissect.Dissectors.Transport.Tcp.TcpFields.Protocol, global::Dissect.Dissectors.Transport.Tcp.TcpFields.All);
        t.Add(new global::Dissect.Dissectors.Transport.Tcp.TcpDissector());
        registry.Register(global::Dissect.Dissectors.Transport.Icmp.IcmpFields.Protocol, global::Dissect.Dissectors.Transport.Icmp.IcmpFields.All);
        t.Add(new global::Dissect.Dissectors.Transport.Icmp.IcmpDissector());
        registry.Register(global::Dissect.Dissectors.Transport.Icmpv6.Icmpv6Fields.Protocol, global::Dissect.Dissectors.Transport.Icmpv6.Icmpv6Fields.All);
        t.Add(new global::Dissect.Dissectors.Transport.Icmpv6.Icmpv6Dissector());
        FlowAnalysis.RegisterFields(registry);
        return t;
    }

    static DissectorTables CreateIntegrated()
    {
        var t = BuiltIn.CreateTables();
        FlowAnalysis.RegisterFields(t.Registry);
        return t;
    }

    /// <summary>A fresh analysis (conversations numbered from 0) for a sequence of frames.</summary>
    public static FlowAnalysis NewAnalysis(bool integrated = false) => new((integrated ? Integrated : Tables).Registry);

    /// <summary>Dissects one frame with full detail; with <paramref name="analysis"/> the TCP/UDP analyzers are attached.</summary>
    public static DissectContext Run(byte[] bytes, int linkType = Ethernet, int? originalLength = null,
        FlowAnalysis? analysis = null, long number = 1, Timestamp? time = null, bool columns = true, bool integrated = false)
    {
        var engine = new Engine(integrated ? Integrated : Tables);
        var ctx = engine.CreateContext();
        ctx.WantColumns = columns;
        analysis?.Attach(ctx);
        var frame = new Frame(number, time ?? new Timestamp(1_600_000_000, 0), bytes.Length, originalLength ?? bytes.Length,
            linkType, 0, 0, bytes);
        engine.Dissect(frame, ctx);
        return ctx;
    }

    /// <summary>Dissects frames in order through one engine and one analysis; returns the context of each (each
    /// context is its own, so earlier results stay readable).</summary>
    public static DissectContext[] RunAll(FlowAnalysis analysis, params (byte[] Bytes, Timestamp Time)[] frames)
        => RunAll(analysis, false, frames);

    public static DissectContext[] RunAll(FlowAnalysis analysis, bool integrated, params (byte[] Bytes, Timestamp Time)[] frames)
    {
        var engine = new Engine(integrated ? Integrated : Tables);
        var result = new DissectContext[frames.Length];
        for (int i = 0; i < frames.Length; i++)
        {
            var ctx = engine.CreateContext();
            analysis.Attach(ctx);
            var (bytes, time) = frames[i];
            engine.Dissect(new Frame(i + 1, time, bytes.Length, bytes.Length, Ethernet, 0, 0, bytes), ctx);
            result[i] = ctx;
        }
        return result;
    }

    public static byte[] Hex(string hex) => TestKit.Hex(hex);

    /// <summary>All occurrences of a field joined with ',' — what tshark -T fields prints.</summary>
    public static string F(DissectContext ctx, string abbrev) => string.Join(",", Values(ctx, abbrev));

    public static string[] Values(DissectContext ctx, string abbrev)
    {
        var f = ctx.Fields;
        var list = new List<string>();
        for (int i = 0; i < f.Count; i++)
            if (f[i].Field.Abbrev == abbrev) list.Add(Text(f, f[i]));
        return list.ToArray();
    }

    /// <summary>Format.Value, except that a computed string (tcp.flags.str "··········S·") is read as the UTF-8 it
    /// holds: Core's formatter escapes every non-ASCII byte (\xc2\xb7) where tshark prints the characters.</summary>
    static string Text(PacketFields f, in FieldEntry e)
    {
        if (e.Field.Kind == FieldKind.String && e.AuxStart >= 0)
            return System.Text.Encoding.UTF8.GetString(f.ValueBytes(e));
        // tshark prints absolute times (other than *.time_epoch) as "Nov 22, 2026 03:52:06.000000000 UTC"; Core's
        // formatter gives epoch seconds for every absolute time.
        if (e.Field.Kind == FieldKind.AbsoluteTime && !e.Field.Abbrev.EndsWith("epoch", StringComparison.Ordinal))
            return Format.AbsoluteTime(new Timestamp((long)e.Value, (uint)e.AuxStart));
        return Format.Value(f, e);
    }

    public static bool Has(DissectContext ctx, string abbrev) => Values(ctx, abbrev).Length > 0;

    /// <summary>Asserts every listed field has tshark's -T fields text (all mismatches reported at once).</summary>
    public static void AssertFields(DissectContext ctx, IReadOnlyDictionary<string, string> expected)
    {
        var wrong = new List<string>();
        foreach (var (abbrev, want) in expected)
        {
            Assert.True(ctx.Registry.Find(abbrev) is not null, $"field {abbrev} is not registered");
            var got = F(ctx, abbrev);
            if (got != want) wrong.Add($"{abbrev}: expected [{want}] got [{got}]");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    public static string Info(DissectContext ctx) => ctx.Columns.Info.ToString();

    /// <summary>Every prefix of a frame, with the original length both full and cut: no exception, a snaplen cut
    /// never reads as malformed (unless the whole frame is), and the fields recorded are those of the full frame up
    /// to where the cut one stopped (same abbrevs and values, in order).</summary>
    public static void TruncationSweep(byte[] full, int linkType = Ethernet)
    {
        var whole = Run(full, linkType);
        bool wholeMalformed = Has(whole, "_ws.malformed");
        var wholeList = FieldList(whole);
        for (int n = 0; n < full.Length; n++)
        {
            var cut = full.AsSpan(0, n).ToArray();
            var a = Run(cut, linkType, full.Length);
            Assert.False(Has(a, "_ws.malformed") && !wholeMalformed,
                $"prefix {n} of a snaplen-cut frame was marked malformed instead of short");
            var got = FieldList(a);
            // Every field with a byte range inside the captured prefix that the full run also has, same value.
            foreach (var (abbrev, value, offset, length) in got)
            {
                if (offset < 0 || abbrev.StartsWith("frame.", StringComparison.Ordinal) || abbrev.StartsWith("_ws.", StringComparison.Ordinal) || abbrev.StartsWith("data.", StringComparison.Ordinal) || abbrev is "frame" or "data") continue;
                if (offset + length > n) continue;   // a field recorded over bytes that were not captured (tree items)
                if (abbrev.EndsWith(".checksum.status", StringComparison.Ordinal)) continue;   // unverifiable once cut
                // Same field at the same place with the same value; a bytes value may be cut short.
                bool found = wholeList.Exists(w => w.Item1 == abbrev && w.Item3 == offset &&
                    (w.Item2 == value || (length < w.Item4 && w.Item2.StartsWith(value, StringComparison.Ordinal))));
                Assert.True(found, $"prefix {n}: {abbrev}={value} at {offset} is not in the full frame's fields");
            }
            Run(cut, linkType);   // really short packet: reported == captured; must not throw
        }
    }

    static List<(string, string, int, int)> FieldList(DissectContext ctx)
    {
        var f = ctx.Fields;
        var list = new List<(string, string, int, int)>();
        for (int i = 0; i < f.Count; i++)
        {
            var e = f[i];
            if (e.Field.Kind == FieldKind.Protocol) continue;
            list.Add((e.Field.Abbrev, Text(f, e), e.Offset, e.Length));
        }
        return list;
    }
}

/// <summary>
/// Test stand-in for the IPv4/IPv6 dissectors (owned by another engineer): sets what the transport layers
/// read (ctx.NetSrc/NetDst, IpProto, IpTtl, IpFragment), bounds the payload by the IP length and hands it to
/// "ip.proto". IPv6 skips hop-by-hop, routing and destination options headers and stops at fragments. Inside an ICMP
/// error it takes the quoted length as it comes. Records no fields.
/// </summary>
sealed class IpShim : IDissector
{
    readonly bool _v6;
    DissectorTable _ipProto = null!;

    public IpShim(bool v6)
    {
        _v6 = v6;
        Protocol = v6 ? new ProtocolDef("ipv6", "Internet Protocol Version 6 (test stand-in)", "IPv6")
                      : new ProtocolDef("ip", "Internet Protocol Version 4 (test stand-in)", "IPv4");
    }

    public ProtocolDef Protocol { get; }

    public void Register(DissectorTables tables)
    {
        _ipProto = tables.Get("ip.proto", "IP protocol");
        var ethertype = tables.Get("ethertype", "Ethertype");
        uint et = _v6 ? 0x86ddu : 0x0800u;
        if (!ethertype.TryGet(et, out _)) ethertype.Add(et, this);
        uint lt = _v6 ? 229u : 228u;
        if (!tables.LinkType.TryGet(lt, out _)) tables.LinkType.Add(lt, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        return _v6 ? V6(tvb, d, ctx) : V4(tvb, d, ctx);
    }

    Handoff V4(in Tvb tvb, ReadOnlySpan<byte> d, DissectContext ctx)
    {
        if (d.Length < 20) return ctx.InErrorPacket ? Handoff.Done : Handoff.Truncated("shim: IPv4 header");
        int ihl = (d[0] & 0x0f) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2));
        if (ihl < 20 || d.Length < ihl) return Handoff.Malformed("shim: IPv4 header length");
        ushort frag = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(6));
        ctx.IpTtl = d[8];
        ctx.IpProto = d[9];
        ctx.NetSrc = Address.From(AddressKind.IPv4, d.Slice(12, 4));
        ctx.NetDst = Address.From(AddressKind.IPv4, d.Slice(16, 4));
        ctx.IpFragment = (frag & 0x3fff) != 0;
        ctx.IpDepth++;
        ctx.Columns.SetAddresses(AddressKind.IPv4, d.Slice(12, 4), d.Slice(16, 4));
        int payload = Math.Min(total, tvb.Reported) - ihl;
        if ((frag & 0x1fff) != 0) return Handoff.Data(tvb.Offset + ihl, payload);
        return Handoff.To(_ipProto, d[9], tvb.Offset + ihl, payload);
    }

    Handoff V6(in Tvb tvb, ReadOnlySpan<byte> d, DissectContext ctx)
    {
        if (d.Length < 40) return ctx.InErrorPacket ? Handoff.Done : Handoff.Truncated("shim: IPv6 header");
        int plen = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(4));
        byte nh = d[6];
        ctx.IpTtl = d[7];
        ctx.NetSrc = Address.From(AddressKind.IPv6, d.Slice(8, 16));
        ctx.NetDst = Address.From(AddressKind.IPv6, d.Slice(24, 16));
        ctx.IpDepth++;
        ctx.Columns.SetAddresses(AddressKind.IPv6, d.Slice(8, 16), d.Slice(24, 16));
        int end = Math.Min(40 + plen, tvb.Reported);
        int off = 40;
        while (nh is 0 or 43 or 60 && off + 2 <= d.Length)
        {
            byte next = d[off];
            off += (d[off + 1] + 1) * 8;
            nh = next;
        }
        if (nh == 44) { ctx.IpFragment = true; return Handoff.Data(tvb.Offset + off, end - off); }
        ctx.IpProto = nh;
        return Handoff.To(_ipProto, nh, tvb.Offset + off, Math.Max(0, end - off));
    }
}
