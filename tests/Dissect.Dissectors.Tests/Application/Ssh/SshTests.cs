using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Application.Ssh;
using Dissect.Dissectors.Tests.Application.Dhcp;
using Xunit.Abstractions;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Application.Ssh;

public sealed class SshTests
{
    /// <summary>The client side of connection 0 of samples-pcap/ssh-netns.pcap (frames 4, 8, 10, 12, 14): version
    /// line (41 bytes), KEXINIT (1288), ECDH init (48), NEWKEYS (16), then the first encrypted packet (44).</summary>
    static readonly byte[] ClientStream = Convert.FromHexString(File.ReadAllText(Path.Combine(AppDifferential.TestDir("Ssh"), "data", "client-stream.hex")).Trim());
    static readonly int[] ClientPdus = [41, 1288, 48, 16, 44];

    /// <summary>Frame 11 of the same capture, server → client: ECDH reply (192), NEWKEYS (16), encrypted (316).</summary>
    static readonly byte[] ServerFrame11 = Convert.FromHexString(File.ReadAllText(Path.Combine(AppDifferential.TestDir("Ssh"), "data", "server-frame11.hex")).Trim());

    static byte[] Part(int index) => ClientStream.AsSpan(ClientPdus.Take(index).Sum(), ClientPdus[index]).ToArray();

    /// <summary>Ethernet/IPv4/TCP (PSH, ACK) 10.0.0.2:50000 → 10.0.0.1:22 (or the reverse) around a payload.</summary>
    static byte[] Tcp(byte[] payload, bool fromServer = false)
    {
        int ipLen = 40 + payload.Length;
        string ports = fromServer ? "0016c350" : "c3500016";
        string addrs = fromServer ? "0a0000010a000002" : "0a0000020a000001";
        return [.. Hex($"0200000000010200000000020800 4500{ipLen:x4}00010000400600 00{addrs} {ports} 00000001 00000001 5018ffff 0000 0000"), .. payload];
    }

    [Fact]
    public void VersionLine_ProtocolField()
    {
        var ctx = TestKit.Dissect(Tcp(Part(0)));
        Assert.Equal("SSH", ctx.Columns.Protocol);
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10", Value(ctx, "ssh.protocol"));
        Assert.Equal("Client: Protocol (SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10)", ctx.Columns.Info.ToString());
        Assert.Equal("0", Value(ctx, "ssh.direction"));
    }

    [Fact]
    public void KexInit_CookieAndNameLists()
    {
        var ctx = TestKit.Dissect(Tcp(Part(1)));
        Assert.Equal("1284", Value(ctx, "ssh.packet_length"));
        Assert.Equal("20", Value(ctx, "ssh.message_code"));
        Assert.Equal("Client: Key Exchange Init", ctx.Columns.Info.ToString());
        Assert.Equal(32, Value(ctx, "ssh.cookie").Length);
        Assert.Equal("curve25519-sha256,ext-info-c,kex-strict-c-v00@openssh.com", Value(ctx, "ssh.kex_algorithms"));
        Assert.StartsWith("chacha20-poly1305@openssh.com,", Value(ctx, "ssh.encryption_algorithms_client_to_server"));
        Assert.Equal("none,zlib@openssh.com,zlib", Value(ctx, "ssh.compression_algorithms_server_to_client"));
        Assert.Equal("0", Value(ctx, "ssh.first_kex_packet_follows"));
        Assert.Equal(Value(ctx, "ssh.padding_length"), (Value(ctx, "ssh.padding_string").Length / 2).ToString());
    }

    [Fact]
    public void ServerSegment_ReplyNewKeysAndTheEncryptedRest()
    {
        // Without connection state the kex family is unknown (tshark's default, plain DH, names message 31) and the
        // bytes after NEWKEYS are not cleartext packets: shown as one encrypted packet.
        var ctx = TestKit.Dissect(Tcp(ServerFrame11, fromServer: true));
        Assert.Equal(["188", "12"], Values(ctx, "ssh.packet_length"));
        Assert.Equal(["31", "21"], Values(ctx, "ssh.message_code"));
        Assert.Equal("ssh-ed25519", Value(ctx, "ssh.host_key.type"));
        Assert.Equal("ssh-ed25519", Value(ctx, "ssh.host_sig.type"));
        Assert.Equal("Server: Diffie-Hellman Key Exchange Reply, New Keys, Encrypted packet (len=316)", ctx.Columns.Info.ToString());
        Assert.Equal(316 - 4, Value(ctx, "ssh.encrypted_packet").Length / 2);
        Assert.Equal("1", Value(ctx, "ssh.direction"));
    }

    /// <summary>Messages of the expert items of one abbrev, in order.</summary>
    static string[] ExpertTexts(DissectContext ctx, string abbrev)
    {
        var f = ctx.Fields;
        var list = new List<string>();
        for (int i = 0; i < f.Count; i++)
            if (f[i].Field.Abbrev == abbrev) list.Add(f[i].Text >= 0 ? f.Texts[f[i].Text] : f[i].Field.Name);
        return list.ToArray();
    }

    [Fact]
    public void HostSignature_Ed25519_WarnsAsTshark40()
    {
        // Frame 11's ECDH reply signs with ssh-ed25519 (83 bytes): tshark 4.0 decodes its two lengths and type only
        // (19 bytes) and warns on the signature length, with its own spelling.
        var ctx = TestKit.Dissect(Tcp(ServerFrame11, fromServer: true));
        Assert.Equal(["Decoded 19 bytes, but packet legnth is 83 bytes"], ExpertTexts(ctx, "ssh.packet_decode.error"));
        var def = SshFields.PacketDecodeError;
        Assert.Equal((ExpertSeverity.Warn, "Protocol"), (def.Severity, def.ExpertGroupName));
        int i = Enumerable.Range(0, ctx.Fields.Count).First(k => ctx.Fields[k].Field.Abbrev == "ssh.packet_decode.error");
        int len = Enumerable.Range(0, ctx.Fields.Count).First(k => ctx.Fields[k].Field.Abbrev == "ssh.host_sig.length");
        Assert.Equal(ctx.Fields[len].Offset, ctx.Fields[i].Offset);   // on the signature length, as tshark
    }

    /// <summary>A DH reply (message 31, tshark's default kex family) around a host key and a signature.</summary>
    static byte[] DhReply(string sigType, byte[] sigRest)
    {
        static byte[] Str(byte[] b) => [.. Hex($"{b.Length:x8}"), .. b];
        byte[] key = Str([.. Str("ssh-rsa"u8.ToArray()), .. Str([1, 0, 1]), .. Str(new byte[9])]);
        byte[] sig = Str([.. Str(System.Text.Encoding.ASCII.GetBytes(sigType)), .. sigRest]);
        byte[] payload = [31, .. key, .. Str([0x42, 0x43]), .. sig];
        int pad = 8 - (payload.Length + 5) % 8;
        if (pad < 4) pad += 8;
        return [.. Hex($"{payload.Length + pad + 1:x8}{pad:x2}"), .. payload, .. new byte[pad]];
    }

    [Theory]
    [InlineData("ssh-rsa", "0000000c" + "000000000000000000000000", null)]                 // mpint fills the signature
    [InlineData("ssh-dss", "0000000c" + "000000000000000000000000", null)]
    [InlineData("rsa-sha2-512", "00000000000000000000000000000000", "Decoded 20 bytes, but packet legnth is 32 bytes")]
    [InlineData("ecdsa-sha2-nistp256", "00000000000000000000000000000000", "Decoded 27 bytes, but packet legnth is 39 bytes")]
    [InlineData("ssh-ed25519", "00000000000000000000000000000000", "Decoded 19 bytes, but packet legnth is 31 bytes")]
    [InlineData("ssh-rsa", "00000000" + "00000000", "Decoded 19 bytes, but packet legnth is 19 bytes")]  // bytes after the mpint
    [InlineData("ssh-rsa", "ffffffff" + "00000000", null)]                                   // mpint past the packet: tshark stops
    public void HostSignature_DecodedLengthAsTshark40(string type, string rest, string? warning)
    {
        // tshark 4.0 decodes the two lengths, the type and, for ssh-rsa/ssh-dss only, the mpint; anything else
        // (rsa-sha2-*, ECDSA, EdDSA) leaves the signature blob undecoded, and the difference is warned about.
        var ctx = TestKit.Dissect(Tcp(DhReply(type, Convert.FromHexString(rest)), fromServer: true));
        Assert.Equal("31", Values(ctx, "ssh.message_code")[0]);
        Assert.Equal(type, Value(ctx, "ssh.host_sig.type"));
        Assert.Equal(warning is null ? [] : [warning], ExpertTexts(ctx, "ssh.packet_decode.error"));
    }

    [Fact]
    public void NotSsh_OnPort22_IsAnEncryptedPacket()
    {
        var ctx = TestKit.Dissect(Tcp("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray()));
        Assert.Equal("SSH", ctx.Columns.Protocol);
        Assert.Equal("Client: Encrypted packet (len=27)", ctx.Columns.Info.ToString());
        Assert.False(Has(ctx, "ssh.message_code"));
    }

    [Fact]
    public void Heuristic_AcceptsVersionLinesOnly()
    {
        var d = new SshDissector();
        var ctx = new DissectContext(TestKit.Tables.Registry);
        Assert.True(d.Accepts("SSH-2.0-x\r\n"u8, ctx));
        Assert.False(d.Accepts("SSH"u8, ctx));
        Assert.False(d.Accepts(Part(1), ctx));
    }

    [Fact]
    public void KexNegotiation_FirstClientMethodTheServerHas()
    {
        Assert.Equal(KexKind.Ecdh, SshConnection.Negotiate("sntrup761x25519-sha512@openssh.com,curve25519-sha256"u8, "curve25519-sha256,ecdh-sha2-nistp256"u8));
        Assert.Equal(KexKind.Gex, SshConnection.Negotiate("diffie-hellman-group-exchange-sha256"u8, "diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha256"u8));
        Assert.Equal(KexKind.Dh, SshConnection.Negotiate("diffie-hellman-group14-sha256"u8, "diffie-hellman-group14-sha256"u8));
        Assert.Equal(KexKind.Dh, SshConnection.Negotiate("a"u8, "b"u8));
    }

    [Fact]
    public void Framer_SameUnitsAtEveryCutPoint()
    {
        // The reassembler's view: bytes arrive in two deliveries cut at every point; cleartext PDUs must come out
        // with the same boundaries, and the encrypted tail must be handed over whole (as it comes).
        for (int cut = 0; cut <= ClientStream.Length; cut++)
        {
            var pdus = new List<int>();
            var buffer = new List<byte>();
            foreach (var chunk in new[] { ClientStream[..cut], ClientStream[cut..] })
            {
                buffer.AddRange(chunk);
                while (buffer.Count > 0)
                {
                    var r = SshFramer.Instance.Frame(buffer.ToArray(), gapBefore: false);
                    if (r.Status == FramerStatus.NeedMore) break;
                    Assert.Equal(FramerStatus.Pdu, r.Status);
                    Assert.InRange(r.Length, 1, buffer.Count);
                    pdus.Add(r.Length);
                    buffer.RemoveRange(0, r.Length);
                }
            }
            Assert.Empty(buffer);
            Assert.Equal(ClientPdus[..4], pdus.Take(4).ToArray());
            Assert.Equal(44, pdus.Skip(4).Sum());
        }
    }

    [Fact]
    public void Framer_BannerAndPacketEdges()
    {
        Assert.Equal(FramerStatus.NeedMore, SshFramer.Instance.Frame("SS"u8, false).Status);
        Assert.Equal(FramerStatus.NeedMore, SshFramer.Instance.Frame("SSH-2.0-no-newline-yet"u8, false).Status);
        Assert.Equal(FramerResult.Pdu(11), SshFramer.Instance.Frame("SSH-2.0-x\r\nrest"u8, false));
        var longLine = Enumerable.Repeat((byte)'a', 400).ToArray(); "SSH-"u8.CopyTo(longLine);
        Assert.Equal(FramerResult.Pdu(SshFramer.MaxBannerLength), SshFramer.Instance.Frame(longLine, false));
        Assert.Equal(FramerStatus.NeedMore, SshFramer.Instance.Frame(Part(1)[..100], false).Status);
        Assert.Equal(1188, SshFramer.Instance.Frame(Part(1)[..100], false).MoreBytes);
        Assert.Equal(FramerResult.Pdu(7), SshFramer.Instance.Frame([1, 2, 3, 4, 5, 6, 7], false));   // not cleartext: as it comes
    }

    [Fact]
    public void Ssh_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Tcp(Part(0)));
        TruncationSweep(Tcp(Part(2)));
        TruncationSweep(Tcp(ServerFrame11, fromServer: true));
    }
}

/// <summary>tshark differential for SSH over samples-pcap/ssh-*.pcap and the corpus SSH captures (through the real
/// pipeline, TCP reassembly included), against refs/*.tsv (regen-refs.sh, tshark 4.0.17).</summary>
public sealed class SshDifferentialTests
{
    static readonly string[] Fields =
    [
        "ssh.protocol", "ssh.packet_length", "ssh.padding_length", "ssh.message_code", "ssh.cookie", "ssh.kex_algorithms",
        "ssh.server_host_key_algorithms", "ssh.encryption_algorithms_client_to_server",
        "ssh.encryption_algorithms_server_to_client", "ssh.mac_algorithms_client_to_server",
        "ssh.mac_algorithms_server_to_client", "ssh.compression_algorithms_client_to_server",
        "ssh.compression_algorithms_server_to_client", "ssh.kex_algorithms_length", "ssh.first_kex_packet_follows",
        "ssh.host_key.type", "ssh.host_key.length", "ssh.ecdh.q_c", "ssh.ecdh.q_s", "ssh.host_sig.type", "ssh.dh_gex.min",
        "ssh.dh_gex.nbits", "ssh.dh_gex.max", "ssh.dh.e", "ssh.dh.f", "ssh.padding_string", "ssh.direction",
        "ssh.packet_length_encrypted", "ssh.encrypted_packet", "_ws.col.Protocol", "_ws.col.Info",
    ];

    readonly ITestOutputHelper _out;
    public SshDifferentialTests(ITestOutputHelper output) { _out = output; }

    static string? Known(string file, long frame, string field, string ours, string theirs, DissectContext ctx)
    {
        // A retransmitted segment: tshark dissects its payload again (SSH fields on every copy), Dissect's reassembler
        // delivers each stream byte once, so the copy shows as TCP.
        if (ctx.Columns.Protocol == "TCP" && (ours.Length == 0 || field == "_ws.col.Protocol" || field == "_ws.col.Info") &&
            ctx.Fields.Has(ctx.Registry.Find("tcp.analysis.retransmission")!))
            return "retransmitted segment: tshark dissects SSH again, Dissect delivers stream bytes once";
        bool sshFrame = ctx.Columns.Protocol.StartsWith("SSH") || theirs.StartsWith("SSH");
        if (field == "_ws.col.Protocol" && !sshFrame) return "not an SSH frame (other dissectors' columns)";
        if (field == "_ws.col.Info" && !sshFrame && !ours.StartsWith("Client:") && !ours.StartsWith("Server:"))
            return "not an SSH frame (other dissectors' columns)";
        // tshark 4.0.17 sets up a cipher after NEWKEYS even without keys, "decrypts" with it and shows nothing for
        // encrypted packets (empty Info, no ssh.* field); Dissect shows them as tshark does when it has no cipher:
        // "Encrypted packet (len=N)" with ssh.packet_length_encrypted / ssh.encrypted_packet.
        if (field is "ssh.packet_length_encrypted" or "ssh.encrypted_packet" && theirs.Length == 0)
            return "encrypted packets after NEWKEYS: tshark 4.0.17 shows no field, Dissect shows the encrypted packet";
        if (field == "ssh.direction" && theirs.Length > 0 && ours.StartsWith(theirs) && ours.Replace(theirs, "").Replace(",", "").Length == 0)
            return "ssh.direction once per PDU: tshark adds it once per frame (tvb), Dissect once per reassembled PDU";
        if (field == "_ws.col.Info" && ours.Contains("Encrypted packet (len=") &&
            ours.Replace(", Encrypted packet", "|").Split('|')[0].TrimEnd() is var head && (theirs.TrimEnd() == head || theirs.TrimEnd() == head.TrimEnd(':', ' ') + ":" || theirs == ours.Split("Encrypted")[0].TrimEnd(',', ' ') || theirs.StartsWith(ours.Split("Encrypted")[0].TrimEnd())))
            return "Info of encrypted packets: tshark 4.0.17 shows nothing after its keyless decryption attempt";
        if (field == "_ws.col.Info" && theirs.Contains("[TCP ") ) return "Info: tshark's TCP analysis prefix inside SSH's column";
        return null;
    }

    [Fact]
    public void Ssh_FieldsAgreeWithTshark()
    {
        var dir = AppDifferential.TestDir("Ssh");
        string Ref(string c) => Path.Combine(dir, "refs", Path.GetFileName(c) + ".tsv");
        var files = new List<(string, string)>();
        foreach (var s in Directory.GetFiles(Path.Combine(AppDifferential.RepoRoot(), "samples-pcap"), "ssh-*.pcap").Order()) files.Add((s, Ref(s)));
        var corpus = AppDifferential.CorpusDir();
        if (corpus is null) _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part did NOT run");
        else foreach (var c in new[] { "tcp/ssh-dups.pcap", "pcap/get-to-ssh-server.pcap", "tunnels/gre-sample.pcap" }) files.Add((Path.Combine(corpus, c), Ref(c)));
        var r = AppDifferential.Run(files, Fields, Known, _out);
        Assert.True(r.PerField.GetValueOrDefault("ssh.message_code").Total >= 10, "the SSH references did not run");
        Assert.True(r.Unexplained.Count == 0, $"{r.Unexplained.Count} unexplained difference(s):\n" + string.Join("\n", r.Unexplained.Take(60)));
    }
}
