using Dissect.Core;
using Dissect.Dissectors.Application.Quic;

namespace Dissect.Dissectors.Tests.Application.Quic;

public sealed class QuicTests
{
    static byte[] H(string hex) => TestKit.Hex(hex);
    static string X(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();
    static readonly byte[] RfcDcid = H("8394c8f03e515708");

    // ---- RFC 9001 appendix A / RFC 9369 appendix A vectors ----

    [Fact]
    public void Rfc9001_A1_InitialKeys()
    {
        var c = QuicInitialKeys.Derive(QuicVersions.V1, RfcDcid, server: false);
        Assert.Equal("c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea", X(c.Secret));
        Assert.Equal("1f369613dd76d5467730efcbe3b1a22d", X(c.Key));
        Assert.Equal("fa044b2f42a3fd3b46fb255c", X(c.Iv));
        Assert.Equal("9f50449e04a0e810283a1e9933adedd2", X(c.HpKey));
        var s = QuicInitialKeys.Derive(QuicVersions.V1, RfcDcid, server: true);
        Assert.Equal("3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b", X(s.Secret));
        Assert.Equal("cf3a5331653c364c88f0f379b6067e37", X(s.Key));
        Assert.Equal("0ac1493ca1905853b0bba03e", X(s.Iv));
        Assert.Equal("c206b8d9b9f0f37644430b490eeaa314", X(s.HpKey));
    }

    [Theory]
    // RFC 9001 A.2 (client) and A.3 (server); RFC 9369 A.2 and A.3 (v2 salt and "quicv2 hp" label).
    [InlineData(0x00000001u, false, "d1b1c98dd7689fb8ec11d242b123dc9b", "437b9aec36")]
    [InlineData(0x00000001u, true, "2cd0991cd25b0aac406a5816b6394100", "2ec0d8356a")]
    [InlineData(0x6b3343cfu, false, "ffe67b6abcdb4298b485dd04de806071", "94a0c95e80")]
    [InlineData(0x6b3343cfu, true, "6f05d8a4398c47089698baeea26b91eb", "4dd92e91ea")]
    public void HeaderProtection_Mask_MatchesRfcVectors(uint version, bool server, string sample, string mask)
    {
        var keys = QuicInitialKeys.Derive(version, RfcDcid, server);
        var m = new byte[5];
        keys.Mask(H(sample), m);
        Assert.Equal(mask, X(m));
    }

    const string ServerPayload = "02000000000600405a020000560303eefce7f7b37ba1d1632e96677825ddf73988cfc79825df566dc5430b9a045a1200130100002e00330024001d00209d3c940d89690b84d08a60993c144eca684d1081287c834d5311bcf32bb9da1a002b00020304";
    const string V1ServerInitial = "cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a5816b6394100f37a1c69797554780bb38cc5a99f5ede4cf73c3ec2493a1839b3dbcba3f6ea46c5b7684df3548e7ddeb9c3bf9c73cc3f3bded74b562bfb19fb84022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20398c276456cbc42158407dd074ee";
    const string V2ServerInitial = "dc6b3343cf0008f067a5502a4262b5004075d92faaf16f05d8a4398c47089698baeea26b91eb761d9b89237bbf87263017915358230035f7fd3945d88965cf17f9af6e16886c61bfc703106fbaf3cb4cfa52382dd16a393e42757507698075b2c984c707f0a0812d8cd5a6881eaf21ceda98f4bd23f6fe1a3e2c43edd9ce7ca84bed8521e2e140";

    [Theory]
    [InlineData(0x00000001u, "c1000000010008f067a5502a4262b50040750001", V1ServerInitial)]
    [InlineData(0x6b3343cfu, "d16b3343cf0008f067a5502a4262b50040750001", V2ServerInitial)]
    public void ServerInitial_Aead_OpensToRfcPayload(uint version, string header, string packet)
    {
        var keys = QuicInitialKeys.Derive(version, RfcDcid, server: true);
        var p = H(packet);
        var plain = new byte[p.Length - 20 - 16];
        Assert.True(keys.TryDecrypt(1, H(header), p.AsSpan(20), plain));
        Assert.Equal(ServerPayload, X(plain));
        p[^1] ^= 1;   // a damaged tag is refused, not thrown
        Assert.False(keys.TryDecrypt(1, H(header), p.AsSpan(20), plain));
    }

    /// <summary>A client Initial with the RFC's DCID (not decryptable: its payload is junk) opens the connection;
    /// the RFC's protected server Initial coming back is then found by address/port (zero-length CIDs) and decrypted.</summary>
    [Theory]
    [InlineData(0x00000001u, "c3", V1ServerInitial, "0x00000001")]
    [InlineData(0x6b3343cfu, "d3", V2ServerInitial, "0x6b3343cf")]
    public void ServerInitial_ThroughEngine_DecryptsFramesAndServerHello(uint version, string firstByte, string serverPacket, string versionText)
    {
        var v = version.ToString("x8");
        var client = H(firstByte + v + "088394c8f03e515708" + "00" + "00" + "4018" + new string('5', 48));
        var frames = new[] { QuicKit.Udp4(client, 50000, 443, 1, 2), QuicKit.Udp4(H(serverPacket), 443, 50000, 2, 1) };
        QuicKit.Run(frames, (n, ctx) =>
        {
            Assert.Equal("QUIC", ctx.Columns.Protocol);
            Assert.Equal(versionText, QuicKit.Joined(ctx, "quic.version"));
            Assert.Equal("0", QuicKit.Joined(ctx, "quic.connection.number"));
            if (n == 1)
            {
                // Client Initial: header fields, then a decryption failure (its payload is not a real ciphertext).
                Assert.Equal("8394c8f03e515708", QuicKit.Joined(ctx, "quic.dcid"));
                Assert.Equal("", QuicKit.Joined(ctx, "quic.scid"));
                Assert.Equal("24", QuicKit.Joined(ctx, "quic.length"));
                Assert.Equal("1", QuicKit.Joined(ctx, "quic.decryption_failed"));
                return;
            }
            Assert.Equal("f067a5502a4262b5", QuicKit.Joined(ctx, "quic.scid"));
            Assert.Equal("", QuicKit.Joined(ctx, "quic.dcid"));
            Assert.Equal(version == 1 ? "0" : "", QuicKit.Joined(ctx, "quic.long.packet_type"));
            Assert.Equal(version == 1 ? "" : "1", QuicKit.Joined(ctx, "quic.long.packet_type_v2"));
            Assert.Equal("1", QuicKit.Joined(ctx, "quic.packet_number"));
            Assert.Equal("1", QuicKit.Joined(ctx, "quic.packet_number_length"));
            Assert.Equal("117", QuicKit.Joined(ctx, "quic.length"));
            Assert.Equal("0x0000000000000002,0x0000000000000006", QuicKit.Joined(ctx, "quic.frame_type"));
            Assert.Equal("0", QuicKit.Joined(ctx, "quic.ack.largest_acknowledged"));
            Assert.Equal("0", QuicKit.Joined(ctx, "quic.crypto.offset"));
            Assert.Equal("90", QuicKit.Joined(ctx, "quic.crypto.length"));
            Assert.Equal("2", QuicKit.Joined(ctx, "tls.handshake.type"));
            Assert.Equal("0x1301", QuicKit.Joined(ctx, "tls.handshake.ciphersuite"));
            Assert.Equal("0x0304", QuicKit.Joined(ctx, "tls.handshake.extensions.supported_version"));
            Assert.Equal("29", QuicKit.Joined(ctx, "tls.handshake.extensions_key_share_group"));
            Assert.Equal("Initial, SCID=f067a5502a4262b5, PKN: 1, ACK, CRYPTO", ctx.Columns.Info.ToString());
            // The plaintext and the reassembled handshake are data sources (for -x); frame fields point into them.
            Assert.Equal(3, ctx.Fields.SourceCount);
            Assert.Equal(ServerPayload, X(ctx.Fields.SourceBytes(1).ToArray()));
        });
    }

    // ---- real frames from the corpus (tshark -x), fields as tshark 4.0.17 shows them ----

    /// <summary>quic_vn.pcap frame 2: NULL/IPv6/UDP 443→57406, a Version Negotiation offering 1 and 0x1a2a3a4a.</summary>
    const string VnFrame = "1e00000060000e00001f1140000000000000000000000000000000010000000000000000000000000000000101bbe03e001f0032f50000000000089d5728481287a3b4000000011a2a3a4a";

    [Fact]
    public void VersionNegotiation_RealFrame()
    {
        var ctx = TestKit.Dissect(H(VnFrame), TestKit.Null);
        Assert.Equal("0x00000000", TestKit.Value(ctx, "quic.version"));
        Assert.False(TestKit.Has(ctx, "quic.dcid"));
        Assert.Equal("9d5728481287a3b4", TestKit.Value(ctx, "quic.scid"));
        Assert.Equal(new[] { "0x00000001", "0x1a2a3a4a" }, TestKit.Values(ctx, "quic.supported_version"));
        Assert.False(TestKit.Has(ctx, "quic.long.packet_type"));
        Assert.Equal("Version Negotiation, SCID=9d5728481287a3b4", ctx.Columns.Info.ToString());
        Assert.Equal("QUIC", ctx.Columns.Protocol);
    }

    /// <summary>quicv2-http3-443.pcap frame 3: Ethernet/IPv4/UDP 443→50841, a v2 Handshake packet coalesced with a
    /// short-header packet; alone (no connection known) the short header's DCID length is unknown.</summary>
    const string V2CoalescedFrame = "0000000000000000000000000800450000f30000400040113bf87f0000017f00000101bbc69900df6345fa6b3343cf0471b8f3f404cdc8b6e64067a78c601d8688ed7560a1a5138653a946b1a3bb1a4fad90cfec012f7e503259e938a047e1671009e379d110dd66959a8334bb3fb2e7d2b10f8ac07ad2b9b2ac995965ce6442caed8ef2147be067eaba1f770b9befc02778f0dd456850d8eaeab9e7ca86e4b9173c4c71b8f3f4b908865d3b22ef80d4da97ed16cabeeb81dfd6721b5cbfb7077e61cb3badfbd5384b6c0f32bf006343e9db909682a5f70ac8f1a2c4ce63a3679d78f095b4313e02af4caf40146110f3bc2048112daa273927ad7039d9bf5f8bb3";

    [Fact]
    public void V2HandshakeCoalescedWithShortHeader_RealFrame()
    {
        var ctx = TestKit.Dissect(H(V2CoalescedFrame));
        Assert.Equal(new[] { "1", "0" }, TestKit.Values(ctx, "quic.header_form"));
        Assert.Equal("0x6b3343cf", TestKit.Value(ctx, "quic.version"));
        Assert.Equal("3", TestKit.Value(ctx, "quic.long.packet_type_v2"));       // v2 Handshake
        Assert.False(TestKit.Has(ctx, "quic.long.packet_type"));
        Assert.Equal("71b8f3f4", TestKit.Value(ctx, "quic.dcid"));
        Assert.Equal("cdc8b6e6", TestKit.Value(ctx, "quic.scid"));
        Assert.Equal("103", TestKit.Value(ctx, "quic.length"));
        Assert.Equal(new[] { "120", "95" }, TestKit.Values(ctx, "quic.packet_length"));
        Assert.Equal("0", TestKit.Value(ctx, "quic.spin_bit"));
        Assert.Equal(2, TestKit.Values(ctx, "quic").Length);                     // one tree per packet
        Assert.Equal("Protected Payload (KP0)", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void V2HandshakeCoalesced_AfterItsInitial_ResolvesShortHeaderDcid()
    {
        // A v2 client Initial whose SCID 71b8f3f4 the server's short header then uses as its DCID.
        var client = H("d36b3343cf" + "04bdf0c5b2" + "0471b8f3f4" + "00" + "4018" + new string('7', 48));
        var frames = new[] { QuicKit.Udp4(client, 50841, 443, 1, 1), H(V2CoalescedFrame) };
        QuicKit.Run(frames, (n, ctx) =>
        {
            if (n == 1) return;
            Assert.Equal("71b8f3f4,71b8f3f4", QuicKit.Joined(ctx, "quic.dcid"));
            Assert.Equal("Protected Payload (KP0), DCID=71b8f3f4", ctx.Columns.Info.ToString());
            Assert.Equal("0,0", QuicKit.Joined(ctx, "quic.connection.number"));
        });
    }

    [Fact]
    public void Heuristic_AcceptsKnownLongHeaderOnOtherPorts_RejectsJunk()
    {
        var d = (QuicDissector)TestKit.Tables.Dissector("quic")!;
        var ctx = new Engine(TestKit.Tables).CreateContext();
        Assert.True(d.Accepts(H("c300000001088394c8f03e51570800"), ctx));
        Assert.True(d.Accepts(H("d36b3343cf088394c8f03e51570800"), ctx));
        Assert.False(d.Accepts(H("c31a2a3a4a088394c8f03e51570800"), ctx));    // unknown version
        Assert.False(d.Accepts(H("4300000001088394c8f03e51570800"), ctx));    // short header, no connection
        Assert.False(d.Accepts(H("c3000000"), ctx));
        // On a non-443 port a v1 Initial is still QUIC (heuristic), a DNS-looking payload is not.
        var c = TestKit.Dissect(QuicKit.Udp4(H("c300000001088394c8f03e5157080000" + "4018" + new string('1', 48)), 40000, 4433));
        Assert.Equal("QUIC", c.Columns.Protocol);
        var junk = TestKit.Dissect(QuicKit.Udp4(H("12340100000100000000000003777777"), 40000, 4433));
        Assert.False(TestKit.Has(junk, "quic"));
    }

    [Fact]
    public void Truncation_RealAndSyntheticFrames_NeverThrow()
    {
        TestKit.TruncationSweep(H(V2CoalescedFrame));
        TestKit.TruncationSweep(H(VnFrame), TestKit.Null);
        TestKit.TruncationSweep(QuicKit.Udp4(H(V1ServerInitial), 443, 50000));
        TestKit.TruncationSweep(QuicKit.Udp4(H("c300000001088394c8f03e51570800" + "44d0" + new string('2', 60)), 50000, 443));
    }

    /// <summary>Every QUIC-bearing and malformed corpus capture dissected in one pass, then each frame again alone
    /// (re-dissection from the first-pass records), plus bit flips of the QUIC frames: never throws.</summary>
    [Fact]
    public void Corpus_AndBitFlips_NeverThrow()
    {
        var corpus = QuicKit.Corpus();
        if (corpus is null) return;
        var files = Directory.GetFiles(Path.Combine(corpus, "quic"), "*.pcap")
            .Concat(Directory.GetFiles(Path.Combine(corpus, "malformed"), "*quic*.pcap"));
        var rng = new Random(9000);
        foreach (var file in files)
        {
            var engine = new Engine(QuicKit.Tables);
            var ctx = engine.CreateContext();
            var all = QuicKit.ReadPcap(file).ToList();
            var firstInfo = new List<string>();
            foreach (var fr in all) { engine.Dissect(fr, ctx); firstInfo.Add(ctx.Columns.Info.ToString()); }
            // Re-dissection repeats the first pass (rule 6).
            for (int i = 0; i < all.Count; i++)
            {
                engine.Dissect(all[i], ctx);
                Assert.Equal(firstInfo[i], ctx.Columns.Info.ToString());
            }
            foreach (var fr in all.Take(20))
            {
                var bytes = fr.Data.ToArray();
                for (int k = 0; k < 30; k++)
                {
                    var b = (byte[])bytes.Clone();
                    b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                    var e2 = new Engine(QuicKit.Tables);
                    var c2 = e2.CreateContext();
                    e2.Dissect(new Frame(1, fr.Time, b.Length, b.Length, fr.LinkType, 0, 0, b), c2);
                }
            }
        }
    }

    // ---- "Failed to create decryption context" (tshark 4.0 without a key log) ----

    /// <summary>Per frame, the messages of the quic.decryption_failed items.</summary>
    static string Contexts(DissectContext ctx)
    {
        var f = ctx.Fields;
        var list = new List<string>();
        for (int i = 0; i < f.Count; i++)
            if (ReferenceEquals(f[i].Field, QuicFields.DecryptionContextFailed))
                list.Add(f.Texts[f[i].Text]["Failed to create decryption context: ".Length..]);
        return string.Join("|", list);
    }

    [Fact]
    public void NoKeyLog_HandshakeAndFirstOneRttPacket_WarnAsTshark40()
    {
        // samples-pcap/quic-ngtcp2.pcap: frame 2 is the server's Initial (ServerHello: TLS_AES_128_GCM_SHA256),
        // Handshake and first 1-RTT packet; frames 3 and 4 start with the client's and server's Handshake. tshark
        // warns on every Handshake packet and on the connection's first 1-RTT packet only (then it stops trying).
        var path = Path.Combine(Dhcp.AppDifferential.RepoRoot(), "samples-pcap", "quic-ngtcp2.pcap");
        var engine = new Engine(QuicKit.Tables);
        var ctx = engine.CreateContext();
        var frames = QuicKit.ReadPcap(path).ToList();
        var first = new List<string>();
        foreach (var fr in frames) { engine.Dissect(fr, ctx); first.Add(Contexts(ctx)); }
        const string S = "Secrets are not available";
        Assert.Equal(["", S + "|" + S, S, S, "", "", "", "", "", "", ""], first);
        var def = QuicFields.DecryptionContextFailed;
        Assert.Equal(("quic.decryption_failed", ExpertSeverity.Warn, "Decryption"), (def.Abbrev, def.Severity, def.ExpertGroupName));
        // Re-dissecting a frame alone repeats the first pass (rule 6).
        engine.Dissect(frames[1], ctx);
        Assert.Equal(S + "|" + S, Contexts(ctx));
        engine.Dissect(frames[5], ctx);
        Assert.Equal("", Contexts(ctx));
    }

    [Fact]
    public void NoServerHello_HandshakeAndOneRtt_CannotKnowTheCipher()
    {
        // The same capture with the server's Initial damaged (one bit of its AEAD tag): the ServerHello is never
        // read, so tshark cannot tell the cipher: "Unable to retrieve cipher information" on each Handshake packet
        // and "Missing TLS handshake, …" on every 1-RTT packet (it keeps trying).
        var path = Path.Combine(Dhcp.AppDifferential.RepoRoot(), "samples-pcap", "quic-ngtcp2.pcap");
        var engine = new Engine(QuicKit.Tables);
        var ctx = engine.CreateContext();
        var got = new List<string>();
        foreach (var fr in QuicKit.ReadPcap(path))
        {
            var frame = fr;
            if (fr.Number == 2)
            {
                var b = fr.Data.ToArray();
                b[42 + 160] ^= 1;   // inside the 166-byte Initial packet's tag
                frame = new Frame(2, fr.Time, b.Length, b.Length, fr.LinkType, 0, 0, b);
            }
            engine.Dissect(frame, ctx);
            got.Add(Contexts(ctx));
        }
        const string U = "Unable to retrieve cipher information", M = "Missing TLS handshake, unsupported ciphers or padding";
        Assert.Equal(["", U + "|" + M, U, U + "|" + M, M, M, M, M, M, M, M], got);
    }

    [Fact]
    public void ServerHelloSuite_ReadsTheChosenSuite()
    {
        // ServerHello: version 0303, random (32), session id of 2 bytes, suite 1302, compression 0.
        var sh = H("0200002a" + "0303" + new string('0', 64) + "02abcd" + "1302" + "00" + "0000");
        Assert.Equal(0x1302, QuicDissector.ServerHelloSuite(sh));
        Assert.Equal(0x1302, QuicDissector.ServerHelloSuite([.. H("0100000401020304"), .. sh]));   // after a ClientHello
        Assert.Equal(0, QuicDissector.ServerHelloSuite(sh.AsSpan(0, 30)));
        Assert.Equal(0, QuicDissector.ServerHelloSuite(H("0100000401020304")));
    }
}
