using System.Buffers.Binary;
using System.Text;
using Dissect.Analysis;
using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Application.Http;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Application.Http;

public sealed class HttpTests
{
    static byte[] A(string s) => Encoding.ASCII.GetBytes(s);

    const string Get = "GET /docs/a.txt?x=1&y=two HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
    const string Post = "POST /form HTTP/1.1\r\nHost: example.test\r\nContent-Length: 16\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nname=dissect&x=1";
    const string Ok = "HTTP/1.1 200 OK\r\nServer: SimpleHTTP/0.6\r\nContent-Type: text/plain\r\nContent-Length: 16\r\n\r\nfirst text file\n";
    const string Chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\na\r\nchunk one\n\r\n18\r\nchunk two, a bit longer\n\r\n6;ext=1\r\nthree\n\r\n0\r\nX-Trailer: t\r\n\r\n";
    const string NotModified = "HTTP/1.1 304 Not Modified\r\nContent-Length: 1234\r\nETag: \"x\"\r\n\r\n";
    const string Continue = "HTTP/1.1 100 Continue\r\n\r\n";
    const string NoLength = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the connection closes\n";

    // ---- framing ----

    [Theory]
    [InlineData(Get, false)]
    [InlineData(Post, false)]
    [InlineData(Ok, false)]
    [InlineData(Chunked, false)]
    [InlineData(NotModified, false)]
    [InlineData(Continue, false)]
    public void Framer_EveryCutPoint_NeedsMoreThenFramesTheWholeMessage(string message, bool head)
    {
        var b = A(message);
        for (int n = 1; n < b.Length; n++)
        {
            var r = HttpWire.Frame(b.AsSpan(0, n), false, head);
            Assert.True(r.Status == FramerStatus.NeedMore, $"prefix {n}/{b.Length}: {r}");
        }
        Assert.Equal(FramerResult.Pdu(b.Length).ToString(), HttpWire.Frame(b, false, head).ToString());
        // followed by the next message: still exactly this one
        var two = A(message + "GET / HTTP/1.1\r\n\r\n");
        Assert.Equal(FramerResult.Pdu(b.Length).ToString(), HttpWire.Frame(two, false, head).ToString());
    }

    [Fact]
    public void Framer_NeedMore_SaysHowManyBytesAreMissing()
    {
        var b = A(Ok);
        int headerEnd = Ok.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var r = HttpWire.Frame(b.AsSpan(0, headerEnd + 3), false, false);
        Assert.Equal(FramerStatus.NeedMore, r.Status);
        Assert.Equal(13, r.MoreBytes);
    }

    [Fact]
    public void Framer_HeadResponse_HasNoBodyWhateverItsContentLength()
    {
        var b = A(Ok);
        int headerEnd = Ok.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        Assert.Equal(FramerResult.Pdu(headerEnd).ToString(), HttpWire.Frame(b.AsSpan(0, headerEnd), false, true).ToString());
        // without the hint, a status line right after the header block gives it away
        var two = A(Ok[..headerEnd] + Ok);
        Assert.Equal(FramerResult.Pdu(headerEnd).ToString(), HttpWire.Frame(two, false, false).ToString());
    }

    [Fact]
    public void Framer_ResponseWithoutLength_RunsUntilTheConnectionCloses()
    {
        var r = HttpWire.Frame(A(NoLength), false, false);
        Assert.Equal(FramerStatus.NeedMore, r.Status);
        Assert.Equal(HttpWire.UntilClose, r.MoreBytes);
        // a request without a length has no body
        Assert.Equal(FramerResult.Pdu(Get.Length).ToString(), HttpWire.Frame(A(Get + "garbage"), false, false).ToString());
    }

    [Fact]
    public void Framer_BytesThatDoNotStartAMessage_AreSkippedToTheNextMessage()
    {
        var b = A("tail of a body cut by a gap\r\nmore\r\n" + Get);
        var r = HttpWire.Frame(b, true, false);
        Assert.Equal(FramerResult.Skip(b.Length - Get.Length).ToString(), r.ToString());
        Assert.Equal(FramerStatus.Skip, HttpWire.Frame(A("\x16\x03\x01 binary"), false, false).Status);
        Assert.Equal(FramerStatus.NeedMore, HttpWire.Frame(A("GE"), false, false).Status);
        Assert.Equal(FramerStatus.NeedMore, HttpWire.Frame(A("HTTP/1"), false, false).Status);
    }

    [Fact]
    public void Chunked_EveryCutPoint_NeedsMoreUntilTheTrailerEnds()
    {
        int headerEnd = Chunked.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var body = A(Chunked[headerEnd..]);
        for (int n = 0; n < body.Length; n++)
            Assert.Equal(HttpWire.ChunkStatus.NeedMore, HttpWire.MeasureChunked(body.AsSpan(0, n), out _, out _));
        Assert.Equal(HttpWire.ChunkStatus.Complete, HttpWire.MeasureChunked(body, out int len, out _));
        Assert.Equal(body.Length, len);
        Assert.Equal(HttpWire.ChunkStatus.Malformed, HttpWire.MeasureChunked(A("zz\r\nxx\r\n0\r\n\r\n"), out _, out _));
        Assert.Equal(HttpWire.ChunkStatus.Malformed, HttpWire.MeasureChunked(A("2\r\nxxx\r\n0\r\n\r\n"), out _, out _));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n", true)]
    [InlineData("M-SEARCH * HTTP/1.1\r\n", true)]
    [InlineData("HTTP/1.0 404 Not Found\r\n", true)]
    [InlineData("GET /x\r\n", false)]            // HTTP/0.9: no version
    [InlineData("GETS / HTTP/1.1\r\n", false)]
    [InlineData("HTTP/2 200\r\n", false)]
    [InlineData("SSH-2.0-OpenSSH\r\n", false)]
    public void Heuristic_NeedsAKnownMethodAndVersionOrAStatusLine(string text, bool expected)
        => Assert.Equal(expected, HttpWire.LooksLikeHttp(A(text)));

    // ---- dissection of one segment ----

    [Fact]
    public void Request_LineHeadersAndInfoAsTshark()
    {
        var ctx = TestKit.Dissect(Frame(A(Get), 40000, 80));
        Assert.Equal("HTTP", ctx.Columns.Protocol);
        Assert.Equal("GET /docs/a.txt?x=1&y=two HTTP/1.1 ", ctx.Columns.Info.ToString());
        Assert.Equal("1", Value(ctx, "http.request"));
        Assert.Equal("GET", Value(ctx, "http.request.method"));
        Assert.Equal("/docs/a.txt?x=1&y=two", Value(ctx, "http.request.uri"));
        Assert.Equal("/docs/a.txt", Value(ctx, "http.request.uri.path"));
        Assert.Equal("x=1&y=two", Value(ctx, "http.request.uri.query"));
        Assert.Equal(["x=1", "y=two"], Values(ctx, "http.request.uri.query.parameter"));
        Assert.Equal("HTTP/1.1", Value(ctx, "http.request.version"));
        Assert.Equal("127.0.0.1:8080", Value(ctx, "http.host"));
        Assert.Equal("curl/7.88.1", Value(ctx, "http.user_agent"));
        Assert.Equal("*/*", Value(ctx, "http.accept"));
        Assert.Equal("http://127.0.0.1:8080/docs/a.txt?x=1&y=two", Value(ctx, "http.request.full_uri"));
        Assert.Equal(["Host: 127.0.0.1:8080\\r\\n", "User-Agent: curl/7.88.1\\r\\n", "Accept: */*\\r\\n"], Values(ctx, "http.request.line"));
        Assert.False(Has(ctx, "http.file_data"));
    }

    [Fact]
    public void Post_BodyAndContentTypeInInfo()
    {
        var ctx = TestKit.Dissect(Frame(A(Post), 40000, 80));
        Assert.Equal("POST /form HTTP/1.1  (application/x-www-form-urlencoded)", ctx.Columns.Info.ToString());
        Assert.Equal("16", Value(ctx, "http.content_length_header"));
        Assert.Equal("16", Value(ctx, "http.content_length"));
        Assert.Equal("name=dissect&x=1", Value(ctx, "http.file_data"));
    }

    [Fact]
    public void Response_StatusLineFieldsAndInfo()
    {
        var ctx = TestKit.Dissect(Frame(A(Ok), 80, 40000));
        Assert.Equal("HTTP/1.1 200 OK  (text/plain)", ctx.Columns.Info.ToString());
        Assert.Equal("1", Value(ctx, "http.response"));
        Assert.Equal("HTTP/1.1", Value(ctx, "http.response.version"));
        Assert.Equal("200", Value(ctx, "http.response.code"));
        Assert.Equal("OK", Value(ctx, "http.response.code.desc"));
        Assert.Equal("OK", Value(ctx, "http.response.phrase"));
        Assert.Equal("SimpleHTTP/0.6", Value(ctx, "http.server"));
        Assert.Equal("first text file\\n", Value(ctx, "http.file_data"));
    }

    [Fact]
    public void ChunkedResponse_IsDechunkedIntoFileData()
    {
        var ctx = TestKit.Dissect(Frame(A(Chunked), 80, 40000));
        Assert.Equal("HTTP/1.1 200 OK  (text/plain)", ctx.Columns.Info.ToString());
        Assert.Equal("chunked", Value(ctx, "http.transfer_encoding"));
        Assert.Equal(["10", "24", "6", "0"], Values(ctx, "http.chunk_size"));
        Assert.Equal("chunk one\\nchunk two, a bit longer\\nthree\\n", Value(ctx, "http.file_data"));
        Assert.Equal("X-Trailer: t", Value(ctx, "http.chunked_trailer_part"));
    }

    [Fact]
    public void NotModifiedAndContinue_HaveNoBody()
    {
        var ctx = TestKit.Dissect(Frame(A(NotModified), 80, 40000));
        Assert.Equal("HTTP/1.1 304 Not Modified ", ctx.Columns.Info.ToString());
        Assert.False(Has(ctx, "http.file_data"));
        ctx = TestKit.Dissect(Frame(A(Continue), 80, 40000));
        Assert.Equal("HTTP/1.1 100 Continue ", ctx.Columns.Info.ToString());
        Assert.Equal("Continue", Value(ctx, "http.response.code.desc"));
    }

    [Fact]
    public void Heuristic_FindsHttpOnAnyPort_AndLeavesOtherTextAlone()
    {
        var ctx = TestKit.Dissect(Frame(A(Get), 40000, 8000));
        Assert.Equal("HTTP", ctx.Columns.Protocol);
        ctx = TestKit.Dissect(Frame(A("hello world\r\n"), 40000, 8000));
        Assert.NotEqual("HTTP", ctx.Columns.Protocol);
    }

    [Fact]
    public void Request_TruncatedAtEveryLength_NeverThrows() => TruncationSweep(Frame(A(Post), 40000, 80));

    [Fact]
    public void ChunkedResponse_TruncatedAtEveryLength_NeverThrows() => TruncationSweep(Frame(A(Chunked), 80, 40000));

    [Fact]
    public void Http_SelectedFields_DoNotAllocatePerPacket()
    {
        var bytes = Frame(A(Get), 40000, 80);
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        ctx.WantColumns = false;
        ctx.Fields.Select([Find("http.request.method"), Find("http.request.uri"), Find("http.host"), Find("http.user_agent")]);
        var frame = new Frame(1, new Timestamp(1, 0), bytes.Length, bytes.Length, Ethernet, 0, 0, bytes);
        for (int i = 0; i < 100; i++) engine.Dissect(frame, ctx);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) engine.Dissect(frame, ctx);
        long per = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
        Assert.Equal("127.0.0.1:8080", Format.Values(ctx.Fields, Find("http.host")));
        Assert.True(per == 0, $"{per} bytes allocated per packet");
    }

    /// <summary>STYLE rule 5 with the flow analysis and the TCP reassembly attached: on a keep-alive connection, once
    /// the transaction table has reached its bounds (per-message results of the newest frames), matching requests
    /// and responses on the first pass allocates nothing per message (the full URI asked for again is shared).</summary>
    [Fact]
    public void Http_Matching_SteadyState_AllocatesNothingPerMessage()
    {
        var engine = new Engine(Tables);
        var analysis = new FlowAnalysis(Tables.Registry);
        var ctx = engine.CreateContext();
        analysis.Attach(ctx);
        ctx.WantColumns = false;
        ctx.Fields.Select([Find("http.request.method"), Find("http.request_in"), Find("http.response_for.uri")]);
        byte[] req = A(Get), resp = A(Ok);
        var q = Frame(req, 40000, 80, client: true);
        var r = Frame(resp, 80, 40000, client: false);
        uint cseq = 1000, sseq = 5000;
        long n = 0;
        void Send(byte[] b, bool client, ushort flags)
        {
            var tcp = b.AsSpan(34);
            BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(4), client ? cseq : sseq);
            BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(8), client ? sseq : cseq);
            tcp[13] = (byte)flags;
            int len = b.Length - 54 + ((flags & TcpSegment.SYN) != 0 ? 1 : 0);
            if (client) cseq += (uint)len; else sseq += (uint)len;
            n++;
            engine.Dissect(new Frame(n, new Timestamp(1_700_000_000 + n / 1000, (uint)(n % 1000) * 1_000_000), b.Length, b.Length, Ethernet, 0, 0, b), ctx);
        }
        var syn = Frame([], 40000, 80, client: true);
        var synAck = Frame([], 80, 40000, client: false);
        Send(syn, true, TcpSegment.SYN);
        Send(synAck, false, TcpSegment.SYN | TcpSegment.ACK);
        Send(syn, true, TcpSegment.ACK);
        void Exchanges(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Send(q, true, TcpSegment.ACK | TcpSegment.PSH);
                Send(r, false, TcpSegment.ACK | TcpSegment.PSH);
            }
        }
        Exchanges(HttpTransactions.MaxFrames + 2000);   // past the bound of the per-message results
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exchanges(5000);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((n - 1).ToString(), Format.Values(ctx.Fields, Find("http.request_in")));
        Assert.Equal("http://127.0.0.1:8080/docs/a.txt?x=1&y=two", Format.Values(ctx.Fields, Find("http.response_for.uri")));
        Assert.True(bytes < 1024, $"{bytes} bytes allocated over 10000 messages");
    }

    /// <summary>One short connection a second (a request and its response each, on a new client port): every 4096
    /// messages the connections with nothing pending and idle for IdleNs (120 s) go, so the table holds about 120 s
    /// of them plus those since the last sweep, not up to MaxConnections. Fewer messages keep them all (as tshark).</summary>
    [Fact]
    public void Http_Matching_TableHoldsConnectionsInUse()
    {
        int Held(int connections)
        {
            var engine = new Engine(Tables);
            var analysis = new FlowAnalysis(Tables.Registry);
            var ctx = engine.CreateContext();
            analysis.Attach(ctx);
            ctx.WantColumns = false;
            ctx.Fields.Select([Find("http.request_in")]);
            long n = 0;
            for (int i = 0; i < connections; i++)
            {
                ushort port = (ushort)(10000 + i);
                foreach (var b in new[] { Frame(A(Get), port, 80, client: true), Frame(A(Ok), 80, port, client: false) })
                    engine.Dissect(new Frame(++n, new Timestamp(1_700_000_000 + i, (uint)(n % 2) * 1_000_000), b.Length, b.Length, Ethernet, 0, 0, b), ctx);
            }
            Assert.Equal((n - 1).ToString(), Format.Values(ctx.Fields, Find("http.request_in")));
            return HttpTransactions.For(analysis.Tcp).Connections;
        }
        // 10000 messages: sweeps at 4096 and 8192, 904 connections since the last one.
        Assert.InRange(Held(5000), 904, 904 + 121);
        Assert.Equal(1000, Held(1000));
    }

    /// <summary>One byte: a prefix of a known method (or of "HTTP/") needs more, any other byte is not HTTP.</summary>
    [Fact]
    public void Classify_FirstByte_NeedsMoreOnlyForAMethodOrVersionStart()
    {
        const string firsts = "GPHDOCTMLUSRVBANX";   // first letters of the known methods
        for (int c = 0; c < 256; c++)
        {
            var want = firsts.Contains((char)c) ? HttpStart.NeedMore : HttpStart.None;
            Assert.Equal(want, HttpWire.Classify([(byte)c], out _));
            if (want == HttpStart.None) Assert.Equal(HttpStart.None, HttpWire.Classify([(byte)c, (byte)'E', (byte)'T', (byte)' '], out _));
        }
        Assert.Equal(HttpStart.Request, HttpWire.Classify(A("M-SEARCH * HTTP/1.1"), out int n));
        Assert.Equal(8, n);
        Assert.Equal(HttpStart.Request, HttpWire.Classify(A("X-MS-ENUMATTS /"), out _));
    }

    /// <summary>Every header name with a field of its own, in any case, gives that field; names that differ by a
    /// byte, or a letter beyond ASCII, give none.</summary>
    [Fact]
    public void HeaderField_KnownNamesInAnyCase_OthersNone()
    {
        var known = new Dictionary<string, string>
        {
            ["host"] = "http.host", ["user-agent"] = "http.user_agent", ["content-type"] = "http.content_type",
            ["content-length"] = "http.content_length_header", ["content-encoding"] = "http.content_encoding",
            ["transfer-encoding"] = "http.transfer_encoding", ["connection"] = "http.connection", ["upgrade"] = "http.upgrade",
            ["accept"] = "http.accept", ["accept-encoding"] = "http.accept_encoding", ["accept-language"] = "http.accept_language",
            ["referer"] = "http.referer", ["cookie"] = "http.cookie", ["set-cookie"] = "http.set_cookie", ["date"] = "http.date",
            ["cache-control"] = "http.cache_control", ["server"] = "http.server", ["location"] = "http.location",
            ["last-modified"] = "http.last_modified", ["authorization"] = "http.authorization",
            ["www-authenticate"] = "http.www_authenticate", ["proxy-authenticate"] = "http.proxy_authenticate",
            ["proxy-authorization"] = "http.proxy_authorization", ["x-forwarded-for"] = "http.x_forwarded_for",
        };
        foreach (var (name, abbrev) in known)
        {
            Assert.Equal(abbrev, HttpFields.HeaderField(A(name))?.Abbrev);
            Assert.Equal(abbrev, HttpFields.HeaderField(A(name.ToUpperInvariant()))?.Abbrev);
            var mixed = string.Concat(name.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
            Assert.Equal(abbrev, HttpFields.HeaderField(A(mixed))?.Abbrev);
            Assert.Null(HttpFields.HeaderField(A(name + "s")));
            Assert.Null(HttpFields.HeaderField(A(name[..^1])));
            Assert.Null(HttpFields.HeaderField(A(name[..^1] + "_")));
            var high = A(name); high[0] |= 0x80;
            Assert.Null(HttpFields.HeaderField(high));
        }
        Assert.Null(HttpFields.HeaderField([]));
        Assert.Null(HttpFields.HeaderField(A("x-custom-header")));
    }

    // ---- through the TCP reassembly ----

    /// <summary>A client/server exchange cut into segments; returns, per frame, the context after dissection.</summary>
    sealed class Conversation
    {
        readonly Engine _engine = new(Tables);
        readonly FlowAnalysis _analysis = new(Tables.Registry);
        readonly DissectContext _ctx;
        uint _cseq = 1000, _sseq = 5000;
        long _n;
        public readonly ushort ClientPort, ServerPort;
        public Conversation(ushort client, ushort server)
        {
            ClientPort = client; ServerPort = server;
            _ctx = _engine.CreateContext();
            _analysis.Attach(_ctx);
            Send(true, [], TcpSegment.SYN);
            Send(false, [], TcpSegment.SYN | TcpSegment.ACK);
            Send(true, [], TcpSegment.ACK);
        }

        public (long Frame, string Proto, string Info, Dictionary<string, string> F) Send(bool fromClient, byte[] payload, ushort flags = TcpSegment.ACK | TcpSegment.PSH)
        {
            uint seq = fromClient ? _cseq : _sseq, ack = fromClient ? _sseq : _cseq;
            var bytes = fromClient ? Frame(payload, ClientPort, ServerPort, seq, ack, flags, client: true) : Frame(payload, ServerPort, ClientPort, seq, ack, flags, client: false);
            uint adv = (uint)payload.Length + ((flags & (TcpSegment.SYN | TcpSegment.FIN)) != 0 ? 1u : 0u);
            if (fromClient) _cseq += adv; else _sseq += adv;
            var frame = new Frame(++_n, new Timestamp(1_700_000_000, (uint)(_n * 1_000_000)), bytes.Length, bytes.Length, Ethernet, 0, 0, bytes);
            _engine.Dissect(frame, _ctx);
            var d = new Dictionary<string, string>();
            foreach (var name in new[] { "http.request.method", "http.request.uri", "http.response.code", "http.time", "http.request_in", "http.file_data", "http.content_length", "http.request_number", "http.response_number", "http.prev_request_in", "http.response_for.uri" })
            {
                var v = Format.Values(_ctx.Fields, Find(name));
                if (v.Length > 0) d[name] = v;
            }
            return (_n, _ctx.Columns.Protocol, _ctx.Columns.Info.ToString(), d);
        }
    }

    [Fact]
    public void Reassembly_ExchangeSplitAtEveryPoint_GivesTheSameMessagesOnTheCompletingFrame()
    {
        var req = A(Post);
        var resp = A(Chunked);
        for (int cut = 1; cut < resp.Length; cut++)
        {
            var c = new Conversation(41000, 80);
            var r1 = c.Send(true, req);
            Assert.Equal("POST", r1.F["http.request.method"]);
            var a = c.Send(false, resp[..cut]);
            Assert.Equal("TCP", a.Proto);
            Assert.False(a.F.ContainsKey("http.response.code"), $"cut {cut}: response shown before it is whole");
            var b = c.Send(false, resp[cut..]);
            Assert.Equal("HTTP", b.Proto);
            Assert.Equal("200", b.F["http.response.code"]);
            Assert.Equal(r1.Frame.ToString(), b.F["http.request_in"]);
            Assert.Equal("chunk one\\nchunk two, a bit longer\\nthree\\n", b.F["http.file_data"]);
            Assert.Equal("http://example.test/form", b.F["http.response_for.uri"]);
        }
    }

    [Fact]
    public void Pipelining_ResponsesMatchRequestsInOrder()
    {
        var c = new Conversation(41001, 8080);
        var r = c.Send(true, A("GET /a HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.1\r\nHost: h\r\n\r\n"));
        Assert.Equal("GET,HEAD,GET", r.F["http.request.method"]);
        Assert.Equal("1,2,3", r.F["http.request_number"]);
        Assert.Equal("GET /a HTTP/1.1 HEAD /b HTTP/1.1 GET /c HTTP/1.1 ", r.Info);
        // three responses in one segment; the HEAD response announces a length but has no body
        string ok = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n";
        var s = c.Send(false, A(ok + "abc" + ok + ok + "xyz"));
        Assert.Equal("200,200,200", s.F["http.response.code"]);
        Assert.Equal($"{r.Frame},{r.Frame},{r.Frame}", s.F["http.request_in"]);
        Assert.Equal("abc,xyz", s.F["http.file_data"]);
        Assert.Equal("http://h/a,http://h/b,http://h/c", s.F["http.response_for.uri"]);
    }

    [Fact]
    public void HeadResponse_AloneInItsSegment_IsWholeWithoutABody()
    {
        var c = new Conversation(41002, 80);
        var r = c.Send(true, A("HEAD /a HTTP/1.1\r\nHost: h\r\n\r\n"));
        var s = c.Send(false, A("HTTP/1.1 200 OK\r\nContent-Length: 3000\r\nContent-Type: text/plain\r\n\r\n"));
        Assert.Equal("HTTP", s.Proto);
        Assert.Equal("HTTP/1.1 200 OK ", s.Info);
        Assert.Equal(r.Frame.ToString(), s.F["http.request_in"]);
    }

    [Fact]
    public void ExpectContinue_InterimResponseDoesNotTakeTheRequest()
    {
        var c = new Conversation(41003, 80);
        var h = c.Send(true, A("POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
        Assert.Equal("TCP", h.Proto);                 // the body is not there yet
        var cont = c.Send(false, A(Continue));
        Assert.Equal("HTTP/1.1 100 Continue ", cont.Info);
        var body = c.Send(true, A("data"));
        Assert.Equal("POST", body.F["http.request.method"]);
        var final = c.Send(false, A("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        Assert.Equal(body.Frame.ToString(), final.F["http.request_in"]);
        Assert.Equal("0.001000000", final.F["http.time"]);   // one frame (1 ms) after the body completed the request
    }

    [Fact]
    public void ResponseWithoutLength_IsShownWhenTheServerCloses()
    {
        var c = new Conversation(41004, 80);
        c.Send(true, A(Get));
        var part = c.Send(false, A(NoLength));
        Assert.Equal("TCP", part.Proto);
        var fin = c.Send(false, A("more\n"), TcpSegment.ACK | TcpSegment.FIN);
        Assert.Equal("HTTP", fin.Proto);
        Assert.Equal("HTTP/1.0 200 OK  (text/plain)", fin.Info);
        Assert.Equal("until the connection closes\\nmore\\n", fin.F["http.file_data"]);
    }

    // ---- frame building ----

    static byte[] Frame(byte[] payload, ushort sp, ushort dp, uint seq = 1, uint ack = 1, ushort flags = 0x18, bool? client = null)
    {
        bool fromClient = client ?? sp > dp;
        var b = new byte[14 + 20 + 20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(12), 0x0800);
        var ip = b.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(2), (ushort)(40 + payload.Length));
        ip[8] = 64; ip[9] = 6;
        byte[] c = [10, 0, 0, 1], s = [10, 0, 0, 2];
        (fromClient ? c : s).CopyTo(ip.Slice(12));
        (fromClient ? s : c).CopyTo(ip.Slice(16));
        ushort sum = 0;
        {
            uint acc = 0;
            for (int i = 0; i < 20; i += 2) acc += BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(i));
            while (acc > 0xFFFF) acc = (acc & 0xFFFF) + (acc >> 16);
            sum = (ushort)~acc;
        }
        BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(10), sum);
        var tcp = b.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sp);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(2), dp);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(8), ack);
        tcp[12] = 0x50;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(14), 65535);
        payload.CopyTo(b.AsSpan(54));
        return b;
    }
}
