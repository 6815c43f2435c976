using System.Buffers.Binary;
using Dissect.Analysis;
using Dissect.Core;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Transport;

/// <summary>
/// TCP payload reaches application dissectors only through the stream reassembler (STYLE rule 8), checked end to
/// end with DNS over TCP (a length-prefixed protocol): real engine, every built-in dissector, the flow analysis.
/// </summary>
public sealed class TcpReassemblyWiringTests
{
    const uint ClientIsn = 1000, ServerIsn = 5000;

    /// <summary>An Ethernet/IPv4/TCP frame 10.0.0.1:40000 → 10.0.0.2:53 (or back).</summary>
    static byte[] Frame(bool fromClient, uint seq, uint ack, byte flags, ReadOnlySpan<byte> payload, ushort serverPort = 53)
    {
        var b = new byte[14 + 20 + 20 + payload.Length];
        b[12] = 0x08; b[13] = 0x00;
        var ip = b.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(40 + payload.Length));
        ip[8] = 64; ip[9] = 6;
        byte[] c = [10, 0, 0, 1], s = [10, 0, 0, 2];
        (fromClient ? c : s).CopyTo(ip[12..]);
        (fromClient ? s : c).CopyTo(ip[16..]);
        var tcp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, fromClient ? (ushort)40000 : serverPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], fromClient ? serverPort : (ushort)40000);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50; tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        payload.CopyTo(tcp[20..]);
        return b;
    }

    const byte FIN = 1, SYN = 2, PSH = 8, ACK = 16;

    /// <summary>A DNS query for NAME (type A), with its two-byte TCP length prefix.</summary>
    static byte[] Query(ushort id, string name)
    {
        var msg = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            msg.Add((byte)label.Length);
            msg.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        msg.AddRange(new byte[] { 0, 0, 1, 0, 1 });
        return [(byte)(msg.Count >> 8), (byte)msg.Count, .. msg];
    }

    static List<byte[]> Handshake(ushort port = 53) =>
    [
        Frame(true, ClientIsn, 0, SYN, [], port),
        Frame(false, ServerIsn, ClientIsn + 1, SYN | ACK, [], port),
        Frame(true, ClientIsn + 1, ServerIsn + 1, ACK, [], port),
    ];

    static DissectContext[] Run(IEnumerable<byte[]> frames)
    {
        var analysis = TransportKit.NewAnalysis(integrated: true);
        var list = frames.ToArray();
        return TransportKit.RunAll(analysis, true, list.Select((f, i) => (f, new Timestamp(1_600_000_000, (uint)(i * 1000)))).ToArray());
    }

    /// <summary>Client stream cut into segments at the given offsets (client→server data only).</summary>
    static List<byte[]> ClientData(byte[] stream, IReadOnlyList<int> cuts)
    {
        var frames = Handshake();
        int prev = 0;
        foreach (int cut in cuts.Append(stream.Length))
        {
            if (cut <= prev) continue;
            frames.Add(Frame(true, ClientIsn + 1 + (uint)prev, ServerIsn + 1, PSH | ACK, stream.AsSpan(prev, cut - prev)));
            prev = cut;
        }
        return frames;
    }

    [Fact]
    public void MessageSplitOverThreeSegments_IsDissectedOnTheLastOne_WithItsSegments()
    {
        var q = Query(0x1234, "www.example.org");
        var ctxs = Run(ClientData(q, [5, 20]));
        Assert.Equal(6, ctxs.Length);
        for (int i = 3; i < 5; i++)
        {
            Assert.Equal("TCP", ctxs[i].Columns.Protocol);
            Assert.EndsWith("[TCP segment of a reassembled PDU]", ctxs[i].Columns.Info.ToString());
            Assert.False(Has(ctxs[i], "dns.id"));
        }
        var last = ctxs[5];
        Assert.Equal("DNS", last.Columns.Protocol);
        Assert.Equal("0x1234", Value(last, "dns.id"));
        Assert.Equal("www.example.org", Value(last, "dns.qry.name"));
        Assert.Equal(["4", "5", "6"], Values(last, "tcp.segment"));
        Assert.Equal("3", Value(last, "tcp.segment.count"));
        Assert.Equal(q.Length.ToString(), Value(last, "tcp.reassembled.length"));
        // The message is read from the reassembled data source, not from the last frame's bytes.
        Assert.Equal(2, last.Fields.SourceCount);
    }

    [Fact]
    public void TwoMessagesInOneSegment_AreTwoPdus_InPlace()
    {
        byte[] stream = [.. Query(1, "a.test"), .. Query(2, "b.test")];
        var ctxs = Run(ClientData(stream, []));
        var c = ctxs[3];
        Assert.Equal(["0x0001", "0x0002"], Values(c, "dns.id"));
        Assert.Equal(["a.test", "b.test"], Values(c, "dns.qry.name"));
        Assert.Equal(1, c.Fields.SourceCount);   // both PDUs read in place
        Assert.Equal("Standard query 0x0001 A a.testStandard query 0x0002 A b.test", c.Columns.Info.ToString());
    }

    [Fact]
    public void EveryCutPoint_GivesTheSameMessages()
    {
        byte[] stream = [.. Query(1, "a.test"), .. Query(2, "bb.example.test"), .. Query(3, "c.test")];
        for (int a = 1; a < stream.Length; a++)
            for (int b = a; b < stream.Length; b += 7)
            {
                var ctxs = Run(ClientData(stream, [a, b]));
                var ids = ctxs.SelectMany(c => Values(c, "dns.id")).ToArray();
                Assert.True(ids.SequenceEqual(["0x0001", "0x0002", "0x0003"]), $"cuts {a},{b}: {string.Join(",", ids)}");
            }
    }

    [Fact]
    public void OutOfOrderSegment_WaitsForTheHole()
    {
        var q = Query(7, "late.test");
        var frames = Handshake();
        frames.Add(Frame(true, ClientIsn + 1 + 10, ServerIsn + 1, PSH | ACK, q.AsSpan(10)));
        frames.Add(Frame(true, ClientIsn + 1, ServerIsn + 1, PSH | ACK, q.AsSpan(0, 10)));
        var ctxs = Run(frames);
        Assert.False(Has(ctxs[3], "dns.id"));
        Assert.Equal("0x0007", Value(ctxs[4], "dns.id"));
        Assert.Equal(["5", "4"], Values(ctxs[4], "tcp.segment").OrderBy(x => x).Reverse().ToArray());
    }

    [Fact]
    public void RetransmittedWholeMessage_IsDissectedAgainOnlyWhenFast_AsTshark40()
    {
        var q = Query(9, "again.test");
        var frames = ClientData(q, []);
        frames.Add(Frame(true, ClientIsn + 1, ServerIsn + 1, PSH | ACK, q));   // a plain (timeout) retransmission
        var ctxs = Run(frames);
        Assert.Equal("0x0009", Value(ctxs[3], "dns.id"));
        Assert.False(Has(ctxs[4], "dns.id"));
        Assert.True(Has(ctxs[4], "tcp.analysis.retransmission"));

        // Three duplicate ACKs for the message's first byte, then the copy: a fast retransmission.
        frames = ClientData(q, []);
        for (int i = 0; i < 4; i++) frames.Add(Frame(false, ServerIsn + 1, ClientIsn + 1, ACK, []));
        frames.Add(Frame(true, ClientIsn + 1, ServerIsn + 1, PSH | ACK, q));
        ctxs = Run(frames);
        Assert.True(Has(ctxs[^1], "tcp.analysis.fast_retransmission"));
        Assert.Equal("0x0009", Value(ctxs[^1], "dns.id"));
    }

    [Fact]
    public void RetransmittedPartOfASplitMessage_StaysTcp()
    {
        var q = Query(10, "split.again.test");
        var frames = ClientData(q, [12]);
        frames.Add(Frame(true, ClientIsn + 1, ServerIsn + 1, PSH | ACK, q.AsSpan(0, 12)));
        var ctxs = Run(frames);
        Assert.Equal("0x000a", Value(ctxs[4], "dns.id"));
        Assert.False(Has(ctxs[5], "dns.id"));
        Assert.Equal("TCP", ctxs[5].Columns.Protocol);
    }

    [Fact]
    public void ClosedConnection_IsForgotten()
    {
        var q = Query(3, "x.test");
        var frames = ClientData(q, [4]);
        uint cEnd = ClientIsn + 1 + (uint)q.Length;
        frames.Add(Frame(true, cEnd, ServerIsn + 1, FIN | ACK, []));
        frames.Add(Frame(false, ServerIsn + 1, cEnd + 1, FIN | ACK, []));
        var analysis = TransportKit.NewAnalysis(integrated: true);
        var ctxs = TransportKit.RunAll(analysis, true, frames.Select((f, i) => (f, new Timestamp(1, (uint)i))).ToArray());
        Assert.Equal("0x0003", Value(ctxs[4], "dns.id"));
        Assert.Equal(0, analysis.TcpStreams.LiveStreams);
    }

    [Fact]
    public void HalfMessageAtEndOfCapture_StaysTcp()
    {
        var q = Query(4, "cut.test");
        var ctxs = Run(ClientData(q[..9], []));
        Assert.Equal("TCP", ctxs[3].Columns.Protocol);
        Assert.EndsWith("[TCP segment of a reassembled PDU]", ctxs[3].Columns.Info.ToString());
    }

    /// <summary>Reassembled PDUs are copied into a buffer the next packet reuses: the bytes of every PDU of a packet
    /// stay right while the packet is current (one context for the capture, as `dissect read` runs), and for good
    /// when the caller keeps one context per packet. Frame 6 completes two PDUs at once (it fills the hole before
    /// the out-of-order frame 5); frames 8-9 and 10-11 then reuse the buffer for other connections.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReassembledPduBytes_StayRightWhileThePacketIsCurrent(bool contextPerPacket)
    {
        var q1 = Query(1, "first.example"); var q2 = Query(2, "second.example.org");
        var q3 = Query(3, "third.test"); var q4 = Query(4, "fourth.test");
        var frames = Handshake();
        uint c = ClientIsn + 1;
        frames.Add(Frame(true, c, ServerIsn + 1, PSH | ACK, q1.AsSpan(0, 5)));                             // 4
        frames.Add(Frame(true, c + (uint)q1.Length + 5, ServerIsn + 1, PSH | ACK, q2.AsSpan(5)));          // 5: out of order
        frames.Add(Frame(true, c + 5, ServerIsn + 1, PSH | ACK, [.. q1.AsSpan(5), .. q2.AsSpan(0, 5)]));   // 6: q1 and q2
        frames.Add(Frame(true, c + (uint)(q1.Length + q2.Length), ServerIsn + 1, PSH | ACK, q3.AsSpan(0, 3))); // 7
        frames.Add(Frame(true, c + (uint)(q1.Length + q2.Length) + 3, ServerIsn + 1, PSH | ACK, q3.AsSpan(3)));  // 8: q3
        frames.Add(Frame(true, c + (uint)(q1.Length + q2.Length + q3.Length), ServerIsn + 1, PSH | ACK, q4.AsSpan(0, 7)));     // 9
        frames.Add(Frame(true, c + (uint)(q1.Length + q2.Length + q3.Length) + 7, ServerIsn + 1, PSH | ACK, q4.AsSpan(7)));   // 10: q4
        var expected = new Dictionary<int, byte[][]> { [5] = [q1, q2], [7] = [q3], [9] = [q4] };

        var analysis = TransportKit.NewAnalysis(integrated: true);
        var engine = new Engine(TransportKit.Integrated);
        var shared = engine.CreateContext();
        analysis.Attach(shared);
        var kept = new List<(DissectContext Ctx, byte[][] Want)>();
        for (int i = 0; i < frames.Count; i++)
        {
            var ctx = shared;
            if (contextPerPacket) { ctx = engine.CreateContext(); analysis.Attach(ctx); }
            engine.Dissect(new Frame(i + 1, new Timestamp(1_600_000_000, (uint)i), frames[i].Length, frames[i].Length, TransportKit.Ethernet, 0, 0, frames[i]), ctx);
            var want = expected.GetValueOrDefault(i, []);
            Assert.Equal(want, PduBytes(ctx));
            if (want.Length > 0) kept.Add((ctx, want));
        }
        Assert.Equal(3, kept.Count);
        if (contextPerPacket)
            foreach (var (ctx, want) in kept) Assert.Equal(want, PduBytes(ctx));

        static byte[][] PduBytes(DissectContext ctx)
            => ctx.TcpPdus.Select(p => ctx.Fields.SourceBytes(p.Source).Slice(p.Offset, p.Length).ToArray()).ToArray();
    }

    /// <summary>STYLE rule 5 with the analyses and the reassembly attached: a long connection (to a port without a
    /// dissector, so the application layer keeps no state of its own) whose segments are delivered in place,, allocates nothing per packet in the steady state under a field selection.
    /// (DNS or RPC would keep one transaction record per request: that is their state, not the reassembly's.)</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SteadyState_AllocatesNothingPerPacket(bool columns)
    {
        var payload = new byte[1000];
        new Random(5).NextBytes(payload);
        const int n = 3000;
        const ushort port = 9999;
        var frames = Handshake(port);
        uint seq = ClientIsn + 1;
        for (int i = 0; i < n; i++)
        {
            frames.Add(Frame(true, seq, ServerIsn + 1, PSH | ACK, payload, port));
            seq += (uint)payload.Length;
            frames.Add(Frame(false, ServerIsn + 1, seq, ACK, [], port));
        }
        var tables = TransportKit.Integrated;
        var analysis = TransportKit.NewAnalysis(integrated: true);
        var engine = new Engine(tables);
        var ctx = engine.CreateContext();
        analysis.Attach(ctx);
        ctx.WantColumns = columns;
        ctx.Fields.Select(new[] { "tcp.stream", "tcp.len", "data.len" }.Select(a => tables.Registry.Find(a)!));
        var all = frames.Select((b, i) => new Frame(i + 1, new Timestamp(1_600_000_000, (uint)i), b.Length, b.Length, TransportKit.Ethernet, 0, 0, b)).ToArray();
        int half = all.Length / 2;
        for (int i = 0; i < half; i++) engine.Dissect(all[i], ctx);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = half; i < all.Length; i++) engine.Dissect(all[i], ctx);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1, ctx.Fields.SourceCount);
        Assert.True(bytes < 1024, $"{bytes} bytes allocated over {all.Length - half} packets");
    }
}
