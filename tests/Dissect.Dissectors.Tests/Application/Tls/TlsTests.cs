using System.Buffers.Binary;
using Dissect.Analysis;
using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Application.Tls;
using Dissect.Dissectors.Tests.Application.Dns;

namespace Dissect.Dissectors.Tests.Application.Tls;

/// <summary>
/// TLS on real bytes: frames of samples-pcap/tls-12.pcap and tls-13.pcap (captured by capture-tls.sh; expected values
/// checked against tshark 4.0.17 on the same frames) dissected alone (no flow analysis: the segment goes straight
/// to the port table or the heuristic), crafted records built on those frames' headers, the truncation sweep, the
/// record framer at every cut point of a real stream, and the session state over a whole capture.
/// </summary>
public sealed class TlsTests
{
    static string Sample(string name) => Path.Combine(DnsDifferentialTests.RepoRoot(), "samples-pcap", name);
    static byte[] FrameBytes(string file, long number) => MiniPcap.Read(Sample(file)).First(f => f.Number == number).Data.ToArray();

    /// <summary>Ethernet + IPv4 + TCP header length of the sample frames (TCP with timestamps: 32 bytes).</summary>
    static int PayloadOffset(byte[] frame) => 14 + (frame[14] & 0xF) * 4 + (frame[14 + (frame[14] & 0xF) * 4 + 12] >> 4) * 4;

    /// <summary>A sample frame's headers with another TCP payload (IPv4 total length fixed).</summary>
    static byte[] WithPayload(byte[] frame, byte[] payload)
    {
        int p = PayloadOffset(frame);
        var b = new byte[p + payload.Length];
        frame.AsSpan(0, p).CopyTo(b);
        payload.CopyTo(b, p);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(16), (ushort)(b.Length - 14));
        return b;
    }

    static string Info(DissectContext ctx) => ctx.Columns.Info.ToString();
    static string All(DissectContext ctx, string abbrev) => string.Join(",", TestKit.Values(ctx, abbrev));

    // tls-12.pcap frame 4: ClientHello in a TLS 1.0 record, 4433 is no TLS port (the heuristic takes it).
    [Fact]
    public void ClientHello_Fields()
    {
        var ctx = TestKit.Dissect(FrameBytes("tls-12.pcap", 4));
        Assert.Equal("Client Hello", Info(ctx));
        Assert.Equal("TLSv1", ctx.Columns.Protocol);
        Assert.Equal("22", TestKit.Value(ctx, "tls.record.content_type"));
        Assert.Equal("0x0301", TestKit.Value(ctx, "tls.record.version"));
        Assert.Equal("204", TestKit.Value(ctx, "tls.record.length"));
        Assert.Equal("1", TestKit.Value(ctx, "tls.handshake.type"));
        Assert.Equal("0x0303", TestKit.Value(ctx, "tls.handshake.version"));
        Assert.Equal("dissect.test", TestKit.Value(ctx, "tls.handshake.extensions_server_name"));
        Assert.Equal("0,11,10,35,22,23,13", All(ctx, "tls.handshake.extension.type"));
        Assert.Equal("0x001d,0x0017,0x001e,0x0019,0x0018", All(ctx, "tls.handshake.extensions_supported_group"));
        Assert.Equal("0x0403,0x0503,0x0603,0x0807,0x0808,0x0809,0x080a,0x080b,0x0804,0x0805,0x0806,0x0401,0x0501,0x0601,0x0303,0x0301,0x0302,0x0402,0x0502,0x0602",
            All(ctx, "tls.handshake.sig_hash_alg"));
        Assert.Equal("0xc02c,0xc030,0x009f,0xcca9,0xcca8,0xccaa,0xc02b,0xc02f,0x009e,0xc024,0xc028,0x006b,0xc023,0xc027,0x0067,0xc00a,0xc014,0x0039,0xc009,0xc013,0x0033,0x009d,0x009c,0x003d,0x003c,0x0035,0x002f,0x00ff",
            All(ctx, "tls.handshake.ciphersuite"));
        // Cipher suite names are tshark's.
        var cs = TestKit.Find("tls.handshake.ciphersuite");
        Assert.Equal("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", cs.ValueNames![0xc02b]);
    }

    // tls-12.pcap frame 6: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone: four records in one segment.
    [Fact]
    public void ServerFlight_FourRecords_CertificateNames()
    {
        var ctx = TestKit.Dissect(FrameBytes("tls-12.pcap", 6));
        Assert.Equal("Server Hello, Certificate, Server Key Exchange, Server Hello Done", Info(ctx));
        Assert.Equal("TLSv1.2", ctx.Columns.Protocol);
        Assert.Equal("22,22,22,22", All(ctx, "tls.record.content_type"));
        Assert.Equal("2,11,12,14", All(ctx, "tls.handshake.type"));
        Assert.Equal("0xc02b", TestKit.Value(ctx, "tls.handshake.ciphersuite"));
        Assert.Equal("469", TestKit.Value(ctx, "tls.handshake.certificate_length"));
        Assert.Equal("0x001d", TestKit.Value(ctx, "tls.handshake.server_named_curve"));
        Assert.Equal("0x0403", TestKit.Value(ctx, "tls.handshake.sig_hash_alg"));
        // X.509 issuer and subject of the self-signed certificate (tshark: the same values in the same order).
        Assert.Equal("NL,NL", All(ctx, "x509sat.CountryName"));
        Assert.Equal("Dissect Samples,dissect.test,Dissect Samples,dissect.test", All(ctx, "x509sat.uTF8String"));
        Assert.Equal("2.5.4.6,2.5.4.10,2.5.4.3,2.5.4.6,2.5.4.10,2.5.4.3", All(ctx, "x509if.oid"));
        Assert.Equal("1.2.840.10045.4.3.2,1.2.840.10045.2.1,1.2.840.10045.4.3.2", All(ctx, "x509af.algorithm.id"));
        Assert.Equal("2", TestKit.Value(ctx, "x509af.version"));
        Assert.Equal("0", TestKit.Value(ctx, "x509af.issuer"));
        Assert.Equal("3", TestKit.Value(ctx, "x509if.rdnSequence"));
        Assert.Equal("3", TestKit.Value(ctx, "x509af.rdnSequence"));
        Assert.Equal(40, TestKit.Value(ctx, "x509af.serialNumber").Length);
    }

    // tls-12.pcap frame 26: the client rejects the certificate: a plaintext fatal alert. Alone, on port 4433, the
    // heuristic does not take an alert record (tshark's neither: only Handshake/Application Data start a
    // connection), so its payload is put on tls-13.pcap frame 4's headers (port 443).
    [Fact]
    public void Alert_Plaintext()
    {
        var alert = FrameBytes("tls-12.pcap", 26);
        var ctx = TestKit.Dissect(WithPayload(FrameBytes("tls-13.pcap", 4), alert.AsSpan(PayloadOffset(alert)).ToArray()));
        Assert.False(TestKit.Has(TestKit.Dissect(alert), "tls.record.content_type"));
        Assert.Equal("Alert (Level: Fatal, Description: Unknown CA)", Info(ctx));
        Assert.Equal("21", TestKit.Value(ctx, "tls.record.content_type"));
        Assert.Equal("2", TestKit.Value(ctx, "tls.alert_message.level"));
        Assert.Equal("48", TestKit.Value(ctx, "tls.alert_message.desc"));
    }

    // Crafted on tls-13.pcap frame 4's headers (port 443): an encrypted alert (26 bytes), CCS, application data, and an encrypted
    // handshake record (explicit nonce of zeros) in one segment.
    [Fact]
    public void CraftedRecords_EncryptedAlert_Ccs_AppData_EncryptedHandshake()
    {
        var payload = new List<byte>();
        payload.AddRange([21, 3, 3, 0, 26]); payload.AddRange(Enumerable.Repeat((byte)0xA5, 26));
        payload.AddRange([20, 3, 3, 0, 1, 1]);
        payload.AddRange([23, 3, 3, 0, 4, 1, 2, 3, 4]);
        payload.AddRange([22, 3, 3, 0, 40]); payload.AddRange(new byte[5]); payload.AddRange(Enumerable.Repeat((byte)0x5A, 35));
        var ctx = TestKit.Dissect(WithPayload(FrameBytes("tls-13.pcap", 4), payload.ToArray()));
        Assert.Equal("Encrypted Alert, Change Cipher Spec, Application Data, Encrypted Handshake Message", Info(ctx));
        Assert.Equal("21,20,23,22", All(ctx, "tls.record.content_type"));
        Assert.False(TestKit.Has(ctx, "tls.alert_message.level"));
        Assert.False(TestKit.Has(ctx, "tls.handshake.type"));
        Assert.True(TestKit.Has(ctx, "tls.change_cipher_spec"));
        Assert.Equal("01020304", TestKit.Value(ctx, "tls.app_data"));   // tshark -T fields prints bytes without separators
    }

    // A handshake message longer than its record: a fragment, shown as tshark does and not dissected.
    [Fact]
    public void HandshakeFragment_IsNamedNotDissected()
    {
        byte[] payload = [22, 3, 3, 0, 8, 11, 0, 0x10, 0x00, 0, 0x0F, 0xFD, 0x00];
        var ctx = TestKit.Dissect(WithPayload(FrameBytes("tls-13.pcap", 4), payload));
        Assert.Equal("[Certificate Fragment]", Info(ctx));
        Assert.False(TestKit.Has(ctx, "tls.handshake.type"));
    }

    // Not TLS on a TLS port (HTTP text to 443) and an SSLv2-compatible ClientHello: rejected, the bytes stay data.
    [Fact]
    public void NotTls_And_SslV2ClientHello_AreRejected()
    {
        var frame = FrameBytes("tls-13.pcap", 4);   // 54942 -> 443
        var http = TestKit.Dissect(WithPayload(frame, "GET / HTTP/1.1\r\n\r\n"u8.ToArray()));
        Assert.False(TestKit.Has(http, "tls.record.content_type"));
        var v2 = TestKit.Hex("80 2e 01 0301 0015 0000 0020 0000ff 000039 000038 000035 000016 000013 00000a 700000 " + new string('a', 64));
        var ctx = TestKit.Dissect(WithPayload(frame, v2));
        Assert.False(TestKit.Has(ctx, "tls.record.content_type"));
        Assert.True(TestKit.Has(ctx, "data.data"));
        Assert.False(TlsRecord.HeuristicAccepts(v2));
    }

    [Fact]
    public void EncryptedHandshakeHeuristic_AsTshark()
    {
        var finished = new byte[] { 20, 0, 0, 12 }.Concat(new byte[12]).ToArray();
        Assert.False(TlsDissector.IsEncryptedHandshake(finished, finished.Length, 0, 5));     // plaintext Finished
        Assert.True(TlsDissector.IsEncryptedHandshake(finished, finished.Length, 4, 5));      // after this side's CCS
        Assert.False(TlsDissector.IsEncryptedHandshake(finished, finished.Length, 5, 5));     // CCS in the same frame
        var junk = Enumerable.Repeat((byte)0xEE, 40).ToArray();
        Assert.True(TlsDissector.IsEncryptedHandshake(junk, junk.Length, 0, 5));             // unknown type
        Assert.False(TlsDissector.IsEncryptedHandshake(junk.AsSpan(0, 15), 15, 0, 5));       // too short to be
    }

    [Fact]
    public void Tls_TruncatedAtEveryLength_NeverThrows()
    {
        TestKit.TruncationSweep(FrameBytes("tls-12.pcap", 4));
        TestKit.TruncationSweep(FrameBytes("tls-12.pcap", 6));
        TestKit.TruncationSweep(FrameBytes("tls-12.pcap", 26));
        TestKit.TruncationSweep(FrameBytes("tls-13.pcap", 6));
    }

    /// <summary>The server's byte stream of tls-12.pcap's first connection, cut at every point: the framer returns
    /// the first record's length once it is all there, asks for more before, and never gives up on it; walking the
    /// whole stream yields exactly its records.</summary>
    [Fact]
    public void Framer_AtEveryCutPoint()
    {
        var stream = new List<byte>();
        foreach (var frame in MiniPcap.Read(Sample("tls-12.pcap")))
        {
            var b = frame.Data.ToArray();
            int p = PayloadOffset(b);
            if (BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(34)) == 4433 && BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(36)) == 37682)
                stream.AddRange(b.AsSpan(p).ToArray());
        }
        var s = stream.ToArray();
        Assert.True(s.Length > 700);
        var framer = TlsRecordFramer.Instance;
        int pos = 0, records = 0;
        while (pos < s.Length)
        {
            int recLen = 5 + BinaryPrimitives.ReadUInt16BigEndian(s.AsSpan(pos + 3));
            for (int cut = 0; cut <= Math.Min(recLen + 8, s.Length - pos); cut++)
            {
                var r = framer.Frame(s.AsSpan(pos, cut), gapBefore: false);
                if (cut >= recLen) Assert.Equal(FramerResult.Pdu(recLen).ToString(), r.ToString());
                else
                {
                    Assert.Equal(FramerStatus.NeedMore, r.Status);
                    Assert.True(r.MoreBytes >= 1 && r.MoreBytes <= recLen - cut, $"cut {cut}: {r}");
                }
            }
            pos += recLen; records++;
        }
        Assert.Equal(s.Length, pos);
        Assert.Equal(8, records);   // ServerHello, Certificate, SKE, SHD, CCS, Finished, application data, alert
    }

    [Fact]
    public void Framer_NotTls_And_ResyncAfterGap()
    {
        var framer = TlsRecordFramer.Instance;
        Assert.Equal(FramerStatus.NotMine, framer.Frame("GET / HTTP/1.1\r\n"u8, false).Status);
        Assert.Equal(FramerStatus.NotMine, framer.Frame([0x80], false).Status);
        byte[] afterGap = [0xAA, 0xBB, 0xCC, 23, 3, 3, 0, 2, 9, 9];
        Assert.Equal(FramerResult.Skip(3).ToString(), framer.Frame(afterGap, true).ToString());
        Assert.Equal(FramerResult.Pdu(7).ToString(), framer.Frame(afterGap.AsSpan(3), true).ToString());
    }

    /// <summary>Whole captures through the pipeline: the session version drives the Protocol column and TLS 1.3's
    /// opaque type; a ChangeCipherSpec makes that side's next handshake record "Encrypted Handshake Message".</summary>
    [Fact]
    public void Session_VersionAndEncryptionState()
    {
        var results = RunCapture("tls-13.pcap");
        Assert.Equal("TLSv1", results[4].Protocol);
        Assert.Equal("TLSv1.3", results[6].Protocol);
        Assert.StartsWith("Server Hello, Change Cipher Spec, Application Data", results[6].Info);
        Assert.Equal("23", results[9].OpaqueType);
        Assert.Equal("", results[9].ContentType);

        var r12 = RunCapture("tls-12.pcap");
        Assert.Equal("Client Key Exchange, Change Cipher Spec, Encrypted Handshake Message", r12[8].Info);
        Assert.Equal("Change Cipher Spec, Encrypted Handshake Message", r12[9].Info);
        Assert.Equal("Encrypted Alert", r12[13].Info);
        Assert.Equal("Alert (Level: Fatal, Description: Unknown CA)", r12[26].Info);
        Assert.Equal("TLSv1.2", r12[26].Protocol);
    }

    sealed record Row(string Protocol, string Info, string ContentType, string OpaqueType);

    static Dictionary<long, Row> RunCapture(string file)
    {
        var tables = BuiltIn.CreateTables();
        var engine = new Engine(tables);
        var analysis = new FlowAnalysis(tables.Registry);
        var ctx = engine.CreateContext();
        analysis.Attach(ctx);
        var rows = new Dictionary<long, Row>();
        foreach (var frame in MiniPcap.Read(Sample(file)))
        {
            engine.Dissect(frame, ctx);
            rows[frame.Number] = new Row(ctx.Columns.Protocol, ctx.Columns.Info.ToString(),
                Format.Values(ctx.Fields, tables.Registry.Find("tls.record.content_type")!),
                Format.Values(ctx.Fields, tables.Registry.Find("tls.record.opaque_type")!));
        }
        return rows;
    }
}
