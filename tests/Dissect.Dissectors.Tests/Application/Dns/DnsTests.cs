using System.Buffers.Binary;
using System.Diagnostics;
using Dissect.Analysis;
using Dissect.Core;
using Dissect.Dissectors.Application.Dns;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Application.Dns;

public sealed class DnsTests
{
    // dns-udp-tcp.pcap frame 7: 127.0.0.1:34274 -> 127.0.0.2:53, query 0x6bbb MX example.test, OPT with a cookie.
    const string MxQuery = "00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00 00 51 81 c9 00 00 40 11 fa cf 7f 00 00 01 7f 00 00 02 85 e2 00 35 00 3d fe 51 6b bb 01 20 00 01 00 00 00 00 00 01 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 00 0f 00 01 00 00 29 04 d0 00 00 00 00 00 0c 00 0a 00 08 47 28 bb 4a bf b6 01 e5";
    // dns-udp-tcp.pcap frame 8: the response: MX 10 mail.example.test, additional A 192.0.2.25 and OPT.
    const string MxResponse = "00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00 00 76 fb 81 40 00 40 11 40 f2 7f 00 00 02 7f 00 00 01 00 35 85 e2 00 62 fe 76 6b bb 85 80 00 01 00 01 00 00 00 02 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 00 0f 00 01 c0 0c 00 0f 00 01 00 00 00 00 00 15 00 0a 04 6d 61 69 6c 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 c0 2c 00 01 00 01 00 00 00 00 00 04 c0 00 02 19 00 00 29 04 d0 00 00 00 00 00 00";
    // mdns.pcap frame 1: IPv6 mDNS query, PTR _ipp._tcp.local and PTR _ipps._tcp.local (compressed), both "QM".
    const string MdnsQuery = "33 33 00 00 00 fb 8a 3c d6 e1 4d c4 86 dd 60 08 90 71 00 35 11 ff fd 52 42 9e c0 3c 82 35 88 3c d6 ff fe e1 4d c4 ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 fb 14 e9 14 e9 00 35 c1 d8 00 00 00 00 00 02 00 00 00 00 00 00 04 5f 69 70 70 04 5f 74 63 70 05 6c 6f 63 61 6c 00 00 0c 00 01 05 5f 69 70 70 73 c0 11 00 0c 00 01";
    // dns-udp-tcp.pcap frame 22: DNS over TCP (one segment), response 0xc944 A www.example.test A 192.0.2.20 OPT.
    const string TcpResponse = "00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00 00 73 7a bd 40 00 40 06 c1 c4 7f 00 00 02 7f 00 00 01 00 35 8d 91 f8 79 40 11 42 46 ad 23 80 18 00 40 fe 68 00 00 01 01 08 0a 19 98 09 7e 43 9c 33 76 00 3d c9 44 85 80 00 01 00 01 00 00 00 01 03 77 77 77 07 65 78 61 6d 70 6c 65 04 74 65 73 74 00 00 01 00 01 c0 0c 00 01 00 01 00 00 00 00 00 04 c0 00 02 14 00 00 29 04 d0 00 00 00 00 00 00";

    [Fact]
    public void Dns_MxQuery_FieldsAndInfoAsTshark()
    {
        var ctx = TestKit.Dissect(Hex(MxQuery));
        Assert.Equal("DNS", ctx.Columns.Protocol);
        Assert.Equal("Standard query 0x6bbb MX example.test OPT", ctx.Columns.Info.ToString());
        Assert.Equal("0x6bbb", Value(ctx, "dns.id"));
        Assert.Equal("0x0120", Value(ctx, "dns.flags"));
        Assert.Equal("0", Value(ctx, "dns.flags.response"));
        Assert.Equal("1", Value(ctx, "dns.flags.authenticated"));   // AD set in a query: shown, like tshark
        Assert.False(Has(ctx, "dns.flags.rcode"));                    // queries carry no reply code
        Assert.Equal("example.test", Value(ctx, "dns.qry.name"));
        Assert.Equal("12", Value(ctx, "dns.qry.name.len"));
        Assert.Equal("2", Value(ctx, "dns.count.labels"));
        Assert.Equal("15", Value(ctx, "dns.qry.type"));
        Assert.Equal("0x0001", Value(ctx, "dns.qry.class"));
        Assert.Equal("1232", Value(ctx, "dns.rr.udp_payload_size"));
        Assert.Equal("<Root>", Value(ctx, "dns.resp.name"));
        Assert.Equal("10", Value(ctx, "dns.opt.code"));
        Assert.Equal("4728bb4abfb601e5", Value(ctx, "dns.opt.cookie.client"));
        Assert.False(Has(ctx, "dns.opt.cookie.server"));
        Assert.Equal("0", Value(ctx, "dns.resp.z.do"));
    }

    [Fact]
    public void Dns_MxResponse_FieldsAndInfoAsTshark()
    {
        var ctx = TestKit.Dissect(Hex(MxResponse));
        Assert.Equal("Standard query response 0x6bbb MX example.test MX 10 mail.example.test A 192.0.2.25 OPT", ctx.Columns.Info.ToString());
        Assert.Equal("0x8580", Value(ctx, "dns.flags"));
        Assert.Equal("1", Value(ctx, "dns.flags.authoritative"));
        Assert.Equal("0", Value(ctx, "dns.flags.rcode"));
        Assert.Equal(["1", "1", "2"], [Value(ctx, "dns.count.queries"), Value(ctx, "dns.count.answers"), Value(ctx, "dns.count.add_rr")]);
        Assert.Equal(["example.test", "mail.example.test", "<Root>"], Values(ctx, "dns.resp.name"));
        Assert.Equal("10", Value(ctx, "dns.mx.preference"));
        Assert.Equal("mail.example.test", Value(ctx, "dns.mx.mail_exchange"));
        Assert.Equal("192.0.2.25", Value(ctx, "dns.a"));
        Assert.Equal(["0", "0"], Values(ctx, "dns.resp.ttl"));      // OPT has no TTL field
        Assert.Equal(["21", "4", "0"], Values(ctx, "dns.resp.len"));
        Assert.False(Has(ctx, "dns.response_to"));                  // no analysis attached: nothing invented
    }

    [Fact]
    public void Mdns_Query_QmQuestionsAndCompressedName()
    {
        var ctx = TestKit.Dissect(Hex(MdnsQuery));
        Assert.Equal("MDNS", ctx.Columns.Protocol);
        Assert.Equal("Standard query 0x0000 PTR _ipp._tcp.local, \"QM\" question PTR _ipps._tcp.local, \"QM\" question", ctx.Columns.Info.ToString());
        Assert.Equal(["_ipp._tcp.local", "_ipps._tcp.local"], Values(ctx, "dns.qry.name"));
        Assert.Equal(["0", "0"], Values(ctx, "dns.qry.qu"));
        Assert.Equal(["15", "16"], Values(ctx, "dns.qry.name.len"));
        Assert.False(Has(ctx, "dns.flags.authoritative"));
    }

    [Fact]
    public void DnsTcp_SingleSegmentMessage_IsDissectedFromTheTcpPortTable()
    {
        // TCP is not registered yet: run the layer loop from "tcp.port" 53 at the TCP payload, as TCP will hand it.
        var bytes = Hex(TcpResponse);
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        ctx.Fields.Reset(bytes);
        ctx.IpProto = 6;
        int payload = 14 + 20 + 32;
        engine.DissectLayers(ctx, bytes, Tables.Find("tcp.port"), 53, payload, bytes.Length - payload);
        Assert.Equal("61", Value(ctx, "dns.length"));
        Assert.Equal("0xc944", Value(ctx, "dns.id"));
        Assert.Equal("192.0.2.20", Value(ctx, "dns.a"));
        Assert.Equal("Standard query response 0xc944 A www.example.test A 192.0.2.20 OPT", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void DnsTcpFramer_FramesLengthPrefixedMessages()
    {
        Assert.False(DnsTcpFramer.TryFrame([], out int n)); Assert.Equal(0, n);
        Assert.False(DnsTcpFramer.TryFrame([0x00], out n)); Assert.Equal(0, n);
        Assert.Equal(1, DnsTcpFramer.MissingBytes([0x00]));
        Assert.False(DnsTcpFramer.TryFrame([0x00, 0x03, 1, 2], out n)); Assert.Equal(5, n);
        Assert.Equal(1, DnsTcpFramer.MissingBytes([0x00, 0x03, 1, 2]));
        Assert.True(DnsTcpFramer.TryFrame([0x00, 0x03, 1, 2, 3, 9, 9], out n)); Assert.Equal(5, n);
        Assert.True(DnsTcpFramer.TryFrame([0x00, 0x00], out n)); Assert.Equal(2, n);
    }

    [Fact]
    public void DnsTcp_PartialMessage_IsRejectedUntilReassembled()
    {
        var bytes = Hex(TcpResponse);
        var cut = bytes.AsSpan(0, bytes.Length - 10).ToArray();   // the segment ends inside the message
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        ctx.Fields.Reset(cut);
        ctx.IpProto = 6;
        int payload = 14 + 20 + 32;
        engine.DissectLayers(ctx, cut, Tables.Find("tcp.port"), 53, payload, cut.Length - payload);
        Assert.False(Has(ctx, "dns.id"));
        Assert.True(Has(ctx, "data.data"));
    }

    [Fact]
    public void Dns_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Hex(MxQuery));
        TruncationSweep(Hex(MxResponse));
        TruncationSweep(Hex(MdnsQuery));
        // Each prefix's DNS fields are a prefix of the full run's.
        var full = Hex(MxResponse);
        var whole = TestKit.Dissect(full);
        for (int n = 42; n < full.Length; n++)
        {
            var cut = TestKit.Dissect(full.AsSpan(0, n).ToArray(), Ethernet, full.Length);
            var a = Dns(cut); var b = Dns(whole);
            Assert.True(a.Count <= b.Count, $"prefix {n}");
            for (int i = 0; i < a.Count; i++) Assert.Equal(b[i], a[i]);
            Assert.True(Has(cut, "_ws.short"), $"prefix {n} not marked short");
        }
    }

    static List<string> Dns(DissectContext ctx)
    {
        var l = new List<string>();
        for (int i = 0; i < ctx.Fields.Count; i++)
        {
            var e = ctx.Fields[i];
            if (e.Field.Abbrev.StartsWith("dns.", StringComparison.Ordinal) && !e.Field.IsExpert)
                l.Add(e.Field.Abbrev + "=" + Format.Value(ctx.Fields, e));
        }
        return l;
    }

    // ---- hostile inputs ----

    /// <summary>An Ethernet/IPv4/UDP frame to port 53 carrying <paramref name="dns"/>.</summary>
    internal static byte[] Udp(byte[] dns, ushort sport = 40000, ushort dport = 53, byte srcLast = 1, byte dstLast = 2)
    {
        var b = new byte[14 + 20 + 8 + dns.Length];
        b[12] = 0x08; b[13] = 0x00;
        b[14] = 0x45; BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(16), (ushort)(20 + 8 + dns.Length));
        b[22] = 64; b[23] = 17;
        b[26] = 10; b[29] = srcLast; b[30] = 10; b[33] = dstLast;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(34), sport);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(36), dport);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(38), (ushort)(8 + dns.Length));
        dns.CopyTo(b, 42);
        return b;
    }

    static byte[] Header(ushort id, ushort flags, ushort qd, ushort an = 0, ushort ns = 0, ushort ar = 0)
    {
        var h = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(h, id); BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(4), qd); BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(6), an);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(8), ns); BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(10), ar);
        return h;
    }

    static DissectContext Timed(byte[] frame, out TimeSpan elapsed)
    {
        var sw = Stopwatch.StartNew();
        var ctx = TestKit.Dissect(frame);
        elapsed = sw.Elapsed;
        return ctx;
    }

    [Fact]
    public void Dns_CompressionLoop_ExpertAndMalformedQuickly()
    {
        // Question name: label "a" then a pointer to itself's label start (offset 12): a -> a -> ...
        byte[] dns = [.. Header(1, 0x0100, 1), 0x01, (byte)'a', 0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01];
        var ctx = Timed(Udp(dns), out var t);
        Assert.True(Has(ctx, "dns.name.pointer_forward") || Has(ctx, "dns.name.loop"));
        Assert.True(Has(ctx, "_ws.malformed"));
        Assert.Equal("0x0001", Value(ctx, "dns.id"));   // fields before the stop are kept
        Assert.True(t < TimeSpan.FromSeconds(1));
        // A pointer to itself.
        byte[] self = [.. Header(1, 0x0100, 1), 0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01];
        ctx = TestKit.Dissect(Udp(self));
        Assert.True(Has(ctx, "dns.name.loop"));
        Assert.True(Has(ctx, "_ws.malformed"));
    }

    [Fact]
    public void Dns_PointerForward_IsRefused()
    {
        // Name at 12 points to offset 20 (after it), where a valid name sits.
        byte[] dns = [.. Header(2, 0x0100, 1), 0xC0, 20, 0x00, 0x01, 0x00, 0x01, 0, 0, 0x01, (byte)'x', 0x00];
        var ctx = TestKit.Dissect(Udp(dns));
        Assert.True(Has(ctx, "dns.name.pointer_forward"));
        Assert.True(Has(ctx, "_ws.malformed"));
        Assert.False(Has(ctx, "dns.qry.name"));
    }

    [Fact]
    public void Dns_LabelBomb_NameTooLongBoundedAndQuick()
    {
        // 200 one-byte labels, each chained by backward pointers through a long answer section: the name text stops
        // at 255 bytes / 128 labels and every answer's owner walks at most 64 pointers.
        var body = new List<byte>();
        for (int i = 0; i < 200; i++) { body.Add(1); body.Add((byte)'a'); }
        body.Add(0); body.AddRange([0, 1, 0, 1]);
        int answers = 2000;
        var rrs = new List<byte>();
        for (int i = 0; i < answers; i++) rrs.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4]);
        byte[] dns = [.. Header(3, 0x8180, 1, (ushort)answers), .. body, .. rrs];
        if (dns.Length > 65000) throw new InvalidOperationException();
        var ctx = Timed(Udp(dns), out var t);
        Assert.Equal("<Name too long>", Values(ctx, "dns.qry.name")[0]);
        Assert.True(Has(ctx, "dns.name.too_long"));
        Assert.Equal(answers, Values(ctx, "dns.a").Length);
        Assert.True(t < TimeSpan.FromSeconds(2), $"took {t}");
        Assert.Equal(255, DnsName.MaxLength);
    }

    [Fact]
    public void Dns_AbsurdCounts_ExpertAndMalformed()
    {
        byte[] dns = [.. Header(4, 0x0100, 65535, 65535, 65535, 65535), 0x01, (byte)'a', 0x00, 0x00, 0x01, 0x00, 0x01];
        var ctx = Timed(Udp(dns), out var t);
        Assert.Equal("a", Value(ctx, "dns.qry.name"));
        Assert.True(Has(ctx, "dns.qdcount.mismatch"));
        Assert.True(Has(ctx, "_ws.malformed"));
        Assert.True(t < TimeSpan.FromSeconds(1));
        Assert.Equal("Standard query 0x0004 A a[Malformed Packet]", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void Dns_BadLabelType_ExpertAndMalformed()
    {
        byte[] dns = [.. Header(5, 0x0100, 1), 0x41, 0x00, 0x00, 0x01, 0x00, 0x01];
        var ctx = TestKit.Dissect(Udp(dns));
        Assert.True(Has(ctx, "dns.name.bad_label"));
        Assert.True(Has(ctx, "_ws.malformed"));
    }

    [Fact]
    public void Dns_RandomMutations_NeverThrow()
    {
        var rng = new Random(1234);
        foreach (var hex in new[] { MxQuery, MxResponse, MdnsQuery })
        {
            var orig = Hex(hex);
            for (int k = 0; k < 3000; k++)
            {
                var b = (byte[])orig.Clone();
                int flips = 1 + rng.Next(4);
                for (int j = 0; j < flips; j++) b[42 + rng.Next(b.Length - 42)] = (byte)rng.Next(256);
                TestKit.Dissect(b);   // must not throw (the engine turns a dissector exception into _ws.malformed: check none)
                var ctx = TestKit.Dissect(b);
                for (int i = 0; i < ctx.Fields.Count; i++)
                    if (ctx.Fields.Texts.Count > 0 && ctx.Fields[i].Text >= 0)
                        Assert.DoesNotContain("dissector error", ctx.Fields.Texts[ctx.Fields[i].Text]);
            }
        }
    }

    [Fact]
    public void Dns_Names_KeepBytesAsTsharkDoes()
    {
        // Labels "a b", "x.y" and "\x01": tshark 4.0 joins them raw ("a b.x.y.\001" once its printer escapes them).
        byte[] dns = [.. Header(6, 0x0100, 1), 3, (byte)'a', (byte)' ', (byte)'b', 3, (byte)'x', (byte)'.', (byte)'y', 1, 1, 0, 0, 1, 0, 1];
        var ctx = TestKit.Dissect(Udp(dns));
        var i = ctx.Fields.IndexOf(Find("dns.qry.name"));
        Assert.Equal("a b.x.y.\u0001"u8.ToArray(), ctx.Fields.ValueBytes(ctx.Fields[i]).ToArray());
        Assert.Equal("9", Value(ctx, "dns.qry.name.len"));
        Assert.Equal("4", Value(ctx, "dns.count.labels"));
    }

    // ---- request/response matching ----

    static DissectContext[] RunAll(FlowAnalysis analysis, params (byte[] Bytes, Timestamp Time)[] frames)
    {
        var engine = new Engine(Tables);
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

    static byte[] Query(ushort id) => [.. Header(id, 0x0100, 1), 1, (byte)'q', 0, 0, 1, 0, 1];
    static byte[] Answer(ushort id) => [.. Header(id, 0x8180, 1, 1), 1, (byte)'q', 0, 0, 1, 0, 1, 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1];

    /// <summary>A steady stream of answered queries (one a second, each on its own client port, for 5000 s): every
    /// 4096 messages the transactions older than MaxAgeNs (120 s) go, so the table holds about 120 s of them plus
    /// what came since the last sweep, not all 5000; a response repeated within the age bound is still a retransmitted
    /// response. A capture of fewer messages keeps them all: a response repeated 200 s later there is one too, as
    /// in tshark.</summary>
    [Fact]
    public void Dns_Matching_TableHoldsAboutMaxAgeOfTransactions()
    {
        static Timestamp At(long s, long ms = 0) => Timestamp.FromNanoseconds(1_700_000_000_000_000_000L + s * 1_000_000_000L + ms * 1_000_000);
        static List<(byte[], Timestamp)> Steady(int n)
        {
            var frames = new List<(byte[], Timestamp)>();
            for (int i = 0; i < n; i++)
            {
                ushort port = (ushort)(10000 + i);
                frames.Add((Udp(Query((ushort)i), port), At(i)));
                frames.Add((Udp(Answer((ushort)i), 53, port, 2, 1), At(i, 1)));
            }
            return frames;
        }

        var analysis = new FlowAnalysis(Tables.Registry);
        var frames = Steady(5000);
        frames.Add((frames[^1].Item1, At(4999 + 100)));
        var res = RunAll(analysis, frames.ToArray());
        var table = DnsTransactions.Find(analysis.Udp)!;
        Assert.Equal(5000, table.Queries);
        // Sweeps at messages 4096 and 8192; 904 queries since the last one.
        Assert.InRange(table.Held, 904, 904 + 121);
        Assert.Equal(frames.Count - 1L, long.Parse(Value(res[^1], "dns.retransmit_response_in")));
        Assert.Equal(0, table.UnsolicitedResponses);

        analysis = new FlowAnalysis(Tables.Registry);
        frames = Steady(1000);
        frames.Add((frames[1].Item1, At(200)));
        res = RunAll(analysis, frames.ToArray());
        Assert.Equal(1000, DnsTransactions.Find(analysis.Udp)!.Held);
        Assert.Equal("2", Value(res[^1], "dns.retransmit_response_in"));
    }

    [Fact]
    public void Dns_Matching_ResponseToTimeRetransmissionsAndUnanswered()
    {
        var analysis = new FlowAnalysis(Tables.Registry);
        var t0 = new Timestamp(1_700_000_000, 0);
        Timestamp At(long ms) => Timestamp.FromNanoseconds(1_700_000_000_000_000_000L + ms * 1_000_000);
        var q = Udp(Query(0x10));
        var r = Udp(Answer(0x10), 53, 40000, 2, 1);
        var lone = Udp(Query(0x20), 40001);
        var other = Udp(Answer(0x30), 53, 40002, 2, 1);
        var res = RunAll(analysis, (q, t0), (q, At(1000)), (r, At(1500)), (r, At(1600)), (lone, At(2000)), (other, At(2100)), (q, At(9000)));
        // 1: query; single pass: its response is not known yet, so no response_in.
        Assert.False(Has(res[0], "dns.response_in"));
        // 2: same query 1 s later, unanswered: retransmission of 1.
        Assert.Equal("1", Value(res[1], "dns.retransmission"));
        Assert.Equal("1", Value(res[1], "dns.retransmit_request_in"));
        Assert.True(Has(res[1], "dns.retransmit_request"));
        // 3: the response: to frame 1, 1.5 s after it.
        Assert.Equal("1", Value(res[2], "dns.response_to"));
        Assert.Equal("1.500000000", Value(res[2], "dns.time"));
        // 4: the same response again: retransmitted response, original in 3.
        Assert.Equal("3", Value(res[3], "dns.retransmit_response_in"));
        Assert.Equal("1", Value(res[3], "dns.response_to"));
        // 6: a response nobody asked for.
        Assert.Equal("1", Value(res[5], "dns.unsolicited"));
        Assert.False(Has(res[5], "dns.response_to"));
        // 7: the query again after its answer: a new transaction, not a retransmission.
        Assert.False(Has(res[6], "dns.retransmission"));

        var table = DnsTransactions.Find(analysis.Udp)!;
        Assert.Equal([5L, 7L], table.UnansweredQueries());
        Assert.Equal(1, table.RetransmittedQueries);
        Assert.Equal(1, table.RetransmittedResponses);
        Assert.Equal(1, table.UnsolicitedResponses);

        // Re-dissecting frame 1 alone (after the pass) gives the recorded answer, now knowing its response (3);
        // re-dissecting frame 3 gives the same response_to and time as on the first pass.
        var engine = new Engine(Tables);
        var again = engine.CreateContext();
        analysis.Attach(again);
        engine.Dissect(new Frame(3, At(1500), r.Length, r.Length, Ethernet, 0, 0, r), again);
        Assert.Equal("1", Value(again, "dns.response_to"));
        Assert.Equal("1.500000000", Value(again, "dns.time"));
        engine.Dissect(new Frame(1, t0, q.Length, q.Length, Ethernet, 0, 0, q), again);
        Assert.Equal("3", Value(again, "dns.response_in"));
    }

    [Fact]
    public void Dns_SelectedFields_DoNotAllocatePerPacket()
    {
        var bytes = Hex(MxResponse);
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        ctx.WantColumns = false;
        ctx.Fields.Select([Find("dns.id"), Find("dns.qry.name"), Find("dns.a"), Find("dns.resp.ttl")]);
        var frame = new Frame(1, new Timestamp(1, 0), bytes.Length, bytes.Length, Ethernet, 0, 0, bytes);
        for (int i = 0; i < 100; i++) engine.Dissect(frame, ctx);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) engine.Dissect(frame, ctx);
        long per = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
        Assert.Equal("example.test", Format.Values(ctx.Fields, Find("dns.qry.name")));
        Assert.True(per == 0, $"{per} bytes allocated per packet");
    }
    /// <summary>STYLE rule 5 with the flow analysis attached: once the transaction table has reached its bounds
    /// (per-message results of the newest frames, open transactions), matching queries and responses on the first
    /// pass allocates nothing per message.</summary>
    [Fact]
    public void Dns_Matching_SteadyState_AllocatesNothingPerMessage()
    {
        var analysis = new FlowAnalysis(Tables.Registry);
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        analysis.Attach(ctx);
        ctx.WantColumns = false;
        ctx.Fields.Select([Find("dns.id"), Find("dns.response_to"), Find("dns.time")]);
        var q = Udp(Query(0));
        var r = Udp(Answer(0), 53, 40000, 2, 1);
        long n = 0;
        void Pairs(int count)
        {
            for (int i = 0; i < count; i++)
            {
                ushort id = (ushort)(n / 2);
                BinaryPrimitives.WriteUInt16BigEndian(q.AsSpan(42), id);
                BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(42), id);
                var t = Timestamp.FromNanoseconds(1_700_000_000_000_000_000L + n * 1_000_000);
                engine.Dissect(new Frame(++n, t, q.Length, q.Length, Ethernet, 0, 0, q), ctx);
                engine.Dissect(new Frame(++n, t, r.Length, r.Length, Ethernet, 0, 0, r), ctx);
            }
        }
        Pairs(DnsTransactions.MaxFrames + 2000);   // past the bound of the per-message results
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pairs(DnsTransactions.MaxFrames / 2 + 1000);   // long enough to forget the oldest results once
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((n - 1).ToString(), Format.Values(ctx.Fields, Find("dns.response_to")));
        Assert.True(bytes < 1024, $"{bytes} bytes allocated over {DnsTransactions.MaxFrames + 2000} messages");
    }
}
