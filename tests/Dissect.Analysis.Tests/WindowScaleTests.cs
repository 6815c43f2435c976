using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Dissectors;
using Dissect.Dissectors.Transport.Tcp;

namespace Dissect.Analysis.Tests;

/// <summary>tcp.window_size_scalefactor and tcp.window_size as tshark 4.0 gives them: the multiplier once both SYNs
/// carried the window scale option; -2 ("no window scaling used") once a SYN or SYN-ACK came without it, or a SYN-ACK
/// with it answered a SYN without; -1 ("unknown") when the handshake was not seen. (Checked against tshark on the
/// corpus's tfo-5c1fa7f9ae91.pcap, dns_tcp.pcap and retransmit-timeout.pcapng.)</summary>
public class WindowScaleTests
{
    const ushort SYN = 0x02, ACK = 0x10;

    /// <summary>Ethernet/IPv4/TCP 10.0.0.1:40000 → 10.0.0.2:80 (or back), window 1000, optional window scale option.</summary>
    static byte[] Segment(bool fromClient, ushort flags, uint seq, uint ack, int wscale = -1)
    {
        int opt = wscale >= 0 ? 4 : 0;
        var b = new byte[14 + 20 + 20 + opt];
        b[12] = 0x08; b[13] = 0x00;
        var ip = b.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 20 + opt));
        ip[8] = 64; ip[9] = 6;
        ip[12] = 10; ip[15] = (byte)(fromClient ? 1 : 2); ip[16] = 10; ip[19] = (byte)(fromClient ? 2 : 1);
        var tcp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, fromClient ? (ushort)40000 : (ushort)80);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], fromClient ? (ushort)80 : (ushort)40000);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = (byte)((20 + opt) / 4 << 4);
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 1000);
        if (opt > 0) { tcp[20] = 1; tcp[21] = 3; tcp[22] = 3; tcp[23] = (byte)wscale; }
        return b;
    }

    /// <summary>Dissects the segments in turn; per segment its (scale factor, window) or null when no factor is shown.</summary>
    static List<(long Factor, ulong Window)?> Run(params byte[][] segments)
    {
        var (engine, analysis, ctx) = Attached.Make([TcpFields.WindowSizeScaleFactor, TcpFields.WindowSize]);
        var result = new List<(long, ulong)?>();
        long n = 0;
        foreach (var s in segments)
        {
            engine.Dissect(new Frame(++n, new Timestamp(100, (uint)n), s.Length, s.Length, 1, 0, 0, s), ctx);
            Assert.True(ctx.Fields.TryGetUInt(TcpFields.WindowSize, out ulong window));
            result.Add(ctx.Fields.TryGetUInt(TcpFields.WindowSizeScaleFactor, out ulong f) ? ((long)f, window) : null);
        }
        return result;
    }

    [Fact]
    public void BothSynsWithOption_Multiplier()
    {
        var r = Run(Segment(true, SYN, 100, 0, wscale: 7), Segment(false, SYN | ACK, 500, 101, wscale: 2),
                    Segment(true, ACK, 101, 501), Segment(false, ACK, 501, 101));
        Assert.Equal([null, null, (128L, 128_000UL), (4L, 4_000UL)], r);
    }

    [Fact]
    public void SynWithoutOption_NotUsed_EvenBeforeTheSynAck()
    {
        // The SYN alone decides: the client's next segment (no SYN-ACK seen yet) already says -2.
        Assert.Equal([null, (-2L, 1000UL)], Run(Segment(true, SYN, 100, 0), Segment(true, ACK, 101, 0)));
        // A SYN-ACK with the option answering a SYN without it: still not used, both ways.
        var r = Run(Segment(true, SYN, 100, 0), Segment(false, SYN | ACK, 500, 101, wscale: 5),
                    Segment(true, ACK, 101, 501), Segment(false, ACK, 501, 101));
        Assert.Equal([null, null, (-2L, 1000UL), (-2L, 1000UL)], r);
    }

    [Fact]
    public void SynAckWithoutOption_NotUsed()
    {
        var r = Run(Segment(true, SYN, 100, 0, wscale: 7), Segment(false, SYN | ACK, 500, 101),
                    Segment(true, ACK, 101, 501), Segment(false, ACK, 501, 101));
        Assert.Equal([null, null, (-2L, 1000UL), (-2L, 1000UL)], r);
    }

    [Fact]
    public void HandshakeNotSeen_Unknown()
    {
        Assert.Equal([(-1L, 1000UL), (-1L, 1000UL)], Run(Segment(true, ACK, 101, 501), Segment(false, ACK, 501, 101)));
    }
}
