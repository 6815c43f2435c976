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
        var tables = BuiltIn.CreateTables();
        var analysis = new FlowAnalysis(tables.Registry);
        var engine = new Engine(tables);
        var ctx = engine.CreateContext();
        analysis.Attach(ctx);
        ctx.Fields.Select([]);
        ctx.WantColumns = false;
        var udp = analysis.Udp;
        udp.RetainAll = false;
        udp.EvictAfterNs = 1_000_000_000L;
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
        // Enough datagrams on the second conversation, 10 s later, for a sweep (every 65536 datagrams) to forget
        // the first one, idle for more than EvictAfterNs.
        for (int i = 2; i < 1 << 16; i++) Send(cd, 110);
        Assert.Equal(1, udp.LiveConversations);
        // Back, from the other side first: a new stream index, this frame first, B the first sender.
        long back = number + 1;
        Assert.Equal(65537, back);
        Assert.Equal((2u, back, new Timestamp(111, 0), false), Send(ba, 111));
        Assert.Equal((2u, back, new Timestamp(111, 0), false), Send(ab, 112));
        Assert.Equal(1u, Send(cd, 112).Stream);
        Assert.Equal(2, udp.LiveConversations);
    }
}
