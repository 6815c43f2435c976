using Dissect.Core;
using static Dissect.Dissectors.Tests.Transport.TransportKit;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>STYLE rule 5: UDP, TCP, ICMP and ICMPv6 allocate nothing per packet under a field selection (as
/// `-T fields -e …` and the conformance run use), with and without the Info column. Expert texts and other strings
/// are only made when every field is recorded (detail output). The analyses are not attached here: they keep
/// per-conversation state by design.</summary>
public class TransportAllocationTests
{
    static IEnumerable<byte[]> Frames()
    {
        // UDP over IPv4 and IPv6 (ping-netns.pcapng frames 24 and 30).
        yield return Hex("020000000002020000000001080045000032a3f64000401181fc0a6300010a630002c88315b3001e14f8646973736563" +
                         "742075647020646174616772616d2030");
        yield return Hex("02000000000202000000000186dd6002e0c6001d1140fd990000000000000000000000000001fd990000000000000000" +
                         "000000000002825715b3001dfb646469737365637420756470206f7665722069707636");
        // TCP SYN with options and a data segment (http-curl.pcap frames 1 and 4).
        yield return Hex("00000000000000000000000008004500003caf12400040068da77f0000017f000001c4381f908d39605200000000a002" +
                         "ffd7fe3000000204ffd70402080ad64a553d000000000103030a");
        yield return Hex("000000000000000000000000080045000082af14400040068d5f7f0000017f000001c4381f908d396053d0934df98018" +
                         "0040fe7600000101080ad64a553d2bb9068b474554202f20485454502f312e310d0a486f73743a203132372e302e302e" +
                         "313a383038300d0a557365722d4167656e743a206375726c2f372e38382e310d0a4163636570743a202a2f2a0d0a0d0a");
        // ICMP echo (ping-netns.pcapng frame 4) and port unreachable with its quoted datagram (frame 33).
        yield return Hex("020000000002020000000001080045000054ac884000400179580a6300010a63000208005475107d0001e666026b0000" +
                         "0000e967020000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435" +
                         "3637");
        yield return Hex("020000000001020000000002080045c0004be15a0000400183cf0a6300020a63000103037cc9000000004500002fa417" +
                         "4000401181de0a6300010a630002c88315b4001b14f56e6f626f6479206c697374656e732068657265");
        // ICMPv6: every real message of Icmpv6Tests (NS/NA/RA with options incl. DNSSL, echo, MLD).
        foreach (var row in Icmpv6Tests.Real) yield return Hex((string)row[1]);
        // Crafted oddities: option errors, SACK, bad lengths.
        foreach (var row in TcpTests.Crafted) yield return Hex((string)row[1]);
    }

    static readonly string[] Selected =
    [
        "udp.srcport", "udp.dstport", "udp.length", "udp.checksum.status", "udp.payload",
        "tcp.srcport", "tcp.dstport", "tcp.seq", "tcp.ack", "tcp.len", "tcp.flags", "tcp.flags.str", "tcp.window_size",
        "tcp.options.mss_val", "tcp.options.sack_le", "tcp.option_kind", "tcp.options", "tcp.options.mss",
        "icmp.type", "icmp.code", "icmp.checksum.status", "icmp.seq", "icmp.data_time",
        "icmpv6.type", "icmpv6.checksum.status", "icmpv6.nd.ns.target_address", "icmpv6.opt.linkaddr", "icmpv6.opt.dnssl",
        "icmpv6.mldr.mar.multicast_address",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Transport_WithFieldSelection_AllocateNothingPerPacket(bool columns)
    {
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        ctx.Fields.Select(Selected.Select(a => Tables.Registry.Find(a) ?? throw new ArgumentException(a)));
        ctx.WantColumns = columns;
        var frames = Frames().Select((b, i) => new Frame(i + 1, new Timestamp(1795319526, 0), b.Length, b.Length, Ethernet, 0, 0, b)).ToArray();
        for (int i = 0; i < 50; i++) foreach (var fr in frames) engine.Dissect(fr, ctx);   // warm caches and buffers

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) foreach (var fr in frames) engine.Dissect(fr, ctx);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"{allocated} bytes allocated over {200 * frames.Length} packets (columns: {columns})");
        Assert.True(ctx.Fields.Count > 0);
    }
}
