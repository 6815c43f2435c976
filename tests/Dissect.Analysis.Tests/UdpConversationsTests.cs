using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Dissectors;

namespace Dissect.Analysis.Tests;

/// <summary>udp.stream when idle conversations are forgotten (RetainAll off): a conversation that comes back after
/// being forgotten is a new one, numbered next, with its own first frame, time and first sender, even though its
/// record object is reused from one forgotten earlier.</summary>
public class UdpConversationsTests
{
    /// <summary>Ethernet/IPv4/UDP 10.0.0.H1:P1 → 10.0.0.H2:P2 with 4 payload bytes.</summary>
    static byte[] Datagram(byte h1, ushort p1, byte h2, ushort p2)
    {
        var b = new byte[14 + 20 + 8 + 4];
        b[12] = 0x08; b[13] = 0x00;
        var ip = b.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 32);
        ip[8] = 64; ip[9] = 17;
        ip[12] = 10; ip[15] = h1; ip[16] = 10; ip[19] = h2;
        var udp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, p1);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], p2);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], 12);
        return b;
    }

    [Fact]
    public void ForgottenConversation_ComesBackAsANewOne_WithFreshFirstFrameTimeAndSender()
    {
        var (engine, analysis, ctx) = Attached.Make([]);
        var udp = analysis.Udp;
        udp.RetainAll = false;
        udp.EvictAfterNs = 5_000_000_000L;
        long number = 0;
        (uint Stream, long FirstFrame, Timestamp First, bool FirstSenderIsA) Send(byte[] bytes, long seconds)
        {
            engine.Dissect(new Frame(++number, new Timestamp(seconds, 0), bytes.Length, bytes.Length, 1, 0, 0, bytes), ctx);
            Assert.Equal(number, udp.CurrentFrame);
            var c = udp.Current!;
            return (c.Stream, c.FirstFrame, c.First, c.FirstSenderIsA);
        }

        var ab = Datagram(1, 40000, 2, 40001); var ba = Datagram(2, 40001, 1, 40000);
        var cd = Datagram(3, 50000, 4, 50001);
        Assert.Equal((0u, 1L, new Timestamp(100, 0), true), Send(ab, 100));
        Assert.Equal((1u, 2L, new Timestamp(100, 0), true), Send(cd, 100));
        // Datagrams on the second conversation over the next 10 s: a sweep forgets the first one, idle for more than
        // EvictAfterNs; the second stays.
        for (int i = 2; i < 1 << 16; i++) Send(cd, 100 + (i * 11L >> 16));
        Assert.Equal(1, udp.LiveConversations);
        // Back, from the other side first: a new stream index, this frame first, B the first sender.
        long back = number + 1;
        Assert.Equal(65537, back);
        Assert.Equal((2u, back, new Timestamp(111, 0), false), Send(ba, 111));
        Assert.Equal((2u, back, new Timestamp(111, 0), false), Send(ab, 112));
        Assert.Equal(1u, Send(cd, 112).Stream);
        Assert.Equal(2, udp.LiveConversations);
    }
    /// <summary>One new conversation per datagram: idle ones are looked for every 4096 datagrams, so the table holds
    /// about EvictAfterNs of conversations plus those since the last sweep, not every conversation since the last
    /// 65536 datagrams. Fewer datagrams than that keep every conversation, whatever their timestamps (as tshark).</summary>
    [Fact]
    public void ManyShortConversations_TableBoundedBetweenSweeps()
    {
        var (engine, analysis, ctx) = Attached.Make([]);
        var udp = analysis.Udp;
        udp.RetainAll = false;
        udp.EvictAfterNs = 80_000_000_000L;
        int most = 0, at4095 = 0;
        for (int i = 0; i < 20000; i++)
        {
            var d = Datagram((byte)(1 + i % 200), (ushort)(20000 + i), 250, 53);
            engine.Dissect(new Frame(i + 1, new Timestamp(100 + i, 0), d.Length, d.Length, 1, 0, 0, d), ctx);
            most = Math.Max(most, udp.LiveConversations);
            if (i == 4094) at4095 = udp.LiveConversations;
        }
        Assert.Equal(4095, at4095);
        Assert.InRange(most, 4096, 4096 + 81);
        Assert.Equal(19999u, udp.Current!.Stream);
    }
    /// <summary>A wildcard conversation (what a portmapper's GETPORT reply over UDP makes): every datagram between the
    /// client, from any port, and the server's given port shares one udp.stream, numbered when the first comes;
    /// another client, or another server port, is a conversation of its own. The filtered conversation table
    /// (StreamConversationTable) still has one row per address/port pair, as tshark's. (The corpus's nfs_write.pcap
    /// and rpc-portmap-sadmind.pcap check the numbers against tshark.)</summary>
    [Fact]
    public void Expected_AnyClientPortToTheServerPort_OneStream()
    {
        var (engine, analysis, ctx) = Attached.Make([]);
        var udp = analysis.Udp;
        var table = new Dissect.Analysis.Statistics.StreamConversationTable(tcp: false);
        long number = 0;
        uint Send(byte[] bytes)
        {
            engine.Dissect(new Frame(++number, new Timestamp(100, (uint)number), bytes.Length, bytes.Length, 1, 0, 0, bytes), ctx);
            table.Observe(ctx, analysis);
            return udp.Current!.Stream;
        }
        Assert.Equal(0u, Send(Datagram(1, 600, 2, 111)));
        udp.Expect(Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.IPv4, [10, 0, 0, 2]), 20048,
                   Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.IPv4, [10, 0, 0, 1]));
        Assert.Equal(1u, Send(Datagram(3, 700, 2, 111)));           // unrelated: numbered first
        Assert.Equal(2u, Send(Datagram(1, 50172, 2, 20048)));       // first on the wildcard conversation: numbered now
        Assert.Equal(2u, Send(Datagram(2, 20048, 1, 50172)));
        Assert.Equal(2u, Send(Datagram(1, 776, 2, 20048)));         // another client port: the same stream
        Assert.Equal(2u, Send(Datagram(2, 20048, 1, 776)));
        Assert.Equal(3u, Send(Datagram(3, 776, 2, 20048)));         // another client
        Assert.Equal(4u, Send(Datagram(1, 776, 2, 20049)));         // another server port
        var rows = table.Rows(new Timestamp(100, 0));
        Assert.Equal(6, rows.Count);
        Assert.Contains(rows, r => r.A == "10.0.0.1:776" && r.B == "10.0.0.2:20048" && r.FramesAB + r.FramesBA == 2);
        Assert.Contains(rows, r => r.A == "10.0.0.1:50172" && r.B == "10.0.0.2:20048" && r.FramesAB + r.FramesBA == 2);
    }
}
