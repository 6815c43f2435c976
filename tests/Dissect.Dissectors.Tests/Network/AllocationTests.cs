using Dissect.Core;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.NetworkTests;

/// <summary>STYLE rule 5: the link and network layers allocate nothing per packet on the fast path — a field
/// selection (as `-T fields -e …` and the conformance run use), with and without the Info column.</summary>
public class AllocationTests
{
    static readonly (byte[] Bytes, int LinkType)[] Frames =
    [
        // Ethernet + ARP request (ping-netns.pcapng frame 2).
        (Hex("ffffffffffff020000000001080600010800060400010200000000010a6300010000000000000a630002"), Ethernet),
        // 802.1Q + ARP with padding and a VLAN trailer (vlan/icmp_dot1q.pcap frame 1).
        (Hex("ffffffffffff001906eab8c18100007b08060001080006040002001906eab8c1c0a87b01ffffffffffffc0a87b010000" +
             "00000000000000000000000000000000"), Ethernet),
        // IPv4 first fragment → data, with padding (ipv4/fragmented-1.pcap frame 1).
        (Hex("006097122f580020afba786508004500002600f2200040111af2a4017ba3a4017b3d007b00890012bfe2000000000000" +
             "000000000000000000000000"), Ethernet),
        // IPv4 with a router alert option and an unknown protocol (crafted).
        (Hex("ffffffffffff020000000001080046b800241234400040c87ed60a0000010a0000029404000030393039000c00006162" +
             "6364"), Ethernet),
        // IPv6 + Hop-by-Hop (PadN) + IPv6 fragment → data (crafted).
        (Hex("ffffffffffff02000000000186dd6b81234500182c4020010db800000000000000000000000120010db8000000000000" +
             "00000000000211000001deadbeef30393039000c000061626364"), Ethernet),
        // Linux cooked v2 + ARP (linktypes/linux_dlt_sll2.pcap frame 5).
        (Hex("080600000000001a000104068e360644acaf000000010800060400018e360644acafc0000201000000000000c0000202"), Sll2),
        // BSD loopback AF 30 + IPv6 with no next header (crafted).
        (Hex("1e0000006000000000003b4020010db800000000000000000000000120010db8000000000000000000000002"), Null),
    ];

    static readonly string[] Selected =
    [
        "eth.src", "eth.dst", "eth.type", "eth.padding", "vlan.id", "sll.pkttype", "null.family", "arp.opcode",
        "arp.src.proto_ipv4", "ip.src", "ip.dst", "ip.proto", "ip.id", "ip.flags.mf", "ip.frag_offset", "ip.opt.type",
        "ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.fraghdr.offset",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinkAndNetwork_WithFieldSelection_AllocateNothingPerPacket(bool columns)
    {
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        ctx.Fields.Select(Selected.Select(Find));
        ctx.WantColumns = columns;
        var frames = Frames.Select((f, i) => new Frame(i + 1, new Timestamp(1_600_000_000, 0), f.Bytes.Length, f.Bytes.Length, f.LinkType, 0, 0, f.Bytes)).ToArray();
        for (int i = 0; i < 50; i++) foreach (var fr in frames) engine.Dissect(fr, ctx);   // warm caches and buffers

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) foreach (var fr in frames) engine.Dissect(fr, ctx);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"{allocated} bytes allocated over {1000 * frames.Length} packets (columns: {columns})");
        Assert.True(ctx.Fields.Count > 0);
    }
}
