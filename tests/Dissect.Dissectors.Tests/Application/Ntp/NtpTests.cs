using Dissect.Core;
using Dissect.Dissectors.Application.Ntp;
using Dissect.Dissectors.Tests.Application.Dhcp;
using Xunit.Abstractions;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Application.Ntp;

public sealed class NtpTests
{
    // NTPv4 server reply 10.0.0.1:123 → 10.0.0.2:50000: stratum 2, poll 6, precision -24, root delay 0x0a3d, root
    // dispersion 0x12f0, refid 192.168.1.1, four timestamps (the reference one with fraction 0x12345678).
    static readonly byte[] Server = Hex(
        "02000000000202000000000108004500004c00010000401100000a0000010a000002007bc35000380000240206e800000a3d000012f0" +
        "c0a80101e8b2c50012345678e8b2c5a180000000e8b2c5a181000000e8b2c5a182000000");

    static byte[] Udp(string payload, int sport = 50000, int dport = 123)
    {
        var p = Hex(payload);
        int udpLen = 8 + p.Length;
        return [.. Hex($"0200000000020200000000010800 4500{20 + udpLen:x4}000100004011 0000 0a000001 0a000002 {sport:x4}{dport:x4}{udpLen:x4}0000"), .. p];
    }

    [Fact]
    public void ServerReply_AllHeaderFields()
    {
        var ctx = TestKit.Dissect(Server);
        Assert.Equal("NTP", ctx.Columns.Protocol);
        Assert.Equal("NTP Version 4, server", ctx.Columns.Info.ToString());
        Assert.Equal("0x24", Value(ctx, "ntp.flags"));
        Assert.Equal("0", Value(ctx, "ntp.flags.li"));
        Assert.Equal("4", Value(ctx, "ntp.flags.vn"));
        Assert.Equal("4", Value(ctx, "ntp.flags.mode"));
        Assert.Equal("2", Value(ctx, "ntp.stratum"));
        Assert.Equal("6", Value(ctx, "ntp.ppoll"));
        Assert.Equal("232", Value(ctx, "ntp.precision"));
        Assert.Equal("2621", Value(ctx, "ntp.rootdelay"));
        Assert.Equal("4848", Value(ctx, "ntp.rootdispersion"));
        Assert.Equal("c0a80101", Value(ctx, "ntp.refid"));
        // tshark: "Sep 18, 2023 12:45:52.071111110 UTC" (fraction truncated to ns).
        Assert.Equal(AppDifferential.EpochText("Sep 18, 2023 12:45:52.071111110 UTC"), Value(ctx, "ntp.reftime"));
        Assert.Equal(AppDifferential.EpochText("Sep 18, 2023 12:48:33.507812500 UTC"), Value(ctx, "ntp.xmt"));
        Assert.False(Has(ctx, "ntp.keyid"));
    }

    [Fact]
    public void Timestamps_EraOneAndNull()
    {
        Assert.Equal(new Timestamp(-NtpDissector.NtpToUnix, 0), NtpDissector.ToTimestamp(0, 0));
        Assert.Equal(new Timestamp(-NtpDissector.NtpToUnix, 0), NtpDissector.ToTimestamp(0, 1));   // rounds to 0 ns: NULL
        // Top bit clear: era 1 (Feb 7, 2036 06:28:17 for second 1).
        Assert.Equal(new Timestamp(2085978497, 0), NtpDissector.ToTimestamp(1, 1));
        Assert.Equal(new Timestamp(0x7fffffffL + 0x1_0000_0000L - NtpDissector.NtpToUnix, 999_999_999), NtpDissector.ToTimestamp(0x7fffffff, 0xffffffff));
    }

    [Fact]
    public void ControlAndPrivate_HeadersAndInfo()
    {
        var ctl = TestKit.Dissect(Udp("160100010000000000000000"));
        Assert.Equal("NTP Version 2, control", ctl.Columns.Info.ToString());
        Assert.Equal("0x01", Value(ctl, "ntp.ctrl.flags2"));
        Assert.Equal("1", Value(ctl, "ntp.ctrl.flags2.opcode"));
        Assert.Equal("1", Value(ctl, "ntp.ctrl.sequence"));
        Assert.False(Has(ctl, "ntp.stratum"));

        var priv = TestKit.Dissect(Udp("1700032a00000000" + new string('0', 80)));
        Assert.Equal("NTP Version 2, private, Request, MON_GETLIST_1", priv.Columns.Info.ToString());
        Assert.Equal("42", Value(priv, "ntp.priv.reqcode"));
        Assert.Equal("3", Value(priv, "ntp.priv.impl"));
        Assert.False(Has(priv, "ntp.flags.li"));
    }

    [Fact]
    public void KeyIdAndMac_AfterTheHeader()
    {
        var ctx = TestKit.Dissect(Udp("230006ec" + new string('0', 88) + "00000001" + "000102030405060708090a0b0c0d0e0f"));
        Assert.Equal("00000001", Value(ctx, "ntp.keyid"));
        Assert.Equal("000102030405060708090a0b0c0d0e0f", Value(ctx, "ntp.mac"));
    }

    [Fact]
    public void ShorterThanHeader_IsMalformed()
    {
        var ctx = TestKit.Dissect(Udp("230006ec" + new string('0', 32)));
        Assert.Equal("00000000", Value(ctx, "ntp.refid"));
        Assert.False(Has(ctx, "ntp.reftime"));
        Assert.True(Has(ctx, "_ws.malformed"));
        Assert.Equal("NTP Version 4, client[Malformed Packet]", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void Ntp_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Server);
        TruncationSweep(Udp("230006ec" + new string('0', 88) + "00000001" + "000102030405060708090a0b0c0d0e0f"));
        TruncationSweep(Udp("160100010000000000000004" + "61623d31"));
        TruncationSweep(Udp("1700032a00000000"));
    }
}

/// <summary>tshark differential for NTP over ntp-crafted.pcap (make-crafted.py), samples-pcap/ntp-*.pcap and the
/// corpus captures holding NTP, against refs/*.tsv (regen-refs.sh, tshark 4.0.17).</summary>
public sealed class NtpDifferentialTests
{
    static readonly string[] Fields =
    [
        "ntp.flags", "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode", "ntp.stratum", "ntp.ppoll", "ntp.precision",
        "ntp.rootdelay", "ntp.rootdispersion", "ntp.refid", "ntp.reftime", "ntp.org", "ntp.rec", "ntp.xmt", "ntp.keyid",
        "ntp.mac", "ntp.ctrl.flags2", "ntp.ctrl.flags2.opcode", "ntp.ctrl.sequence", "ntp.ctrl.count", "ntp.priv.reqcode",
        "ntp.priv.impl", "_ws.col.Protocol", "_ws.col.Info",
    ];

    readonly ITestOutputHelper _out;
    public NtpDifferentialTests(ITestOutputHelper output) { _out = output; }

    static string? Known(string file, long frame, string field, string ours, string theirs, DissectContext ctx)
    {
        if (field is "_ws.col.Protocol" or "_ws.col.Info" && !theirs.StartsWith("NTP") && ctx.Columns.Protocol != "NTP")
            return "not an NTP frame (other dissectors' columns)";
        // ipv4/fragmented-1.pcap frame 3 is a first fragment (MF set, offset 0) of a datagram never completed: tshark
        // dissects UDP and a 10-byte NTP message inside it (malformed); Dissect's IPv4 layer keeps an unreassembled
        // fragment as data, so NTP is never reached (an IPv4 matter, not NTP's).
        if (file == "fragmented-1.pcap" && ctx.IpFragment)
            return "unreassembled first IP fragment: tshark dissects UDP/NTP inside it, Dissect keeps it as data";
        return null;
    }

    [Fact]
    public void Ntp_FieldsAgreeWithTshark()
    {
        var dir = AppDifferential.TestDir("Ntp");
        string Ref(string c) => Path.Combine(dir, "refs", Path.GetFileName(c) + ".tsv");
        var files = new List<(string, string)> { (Path.Combine(dir, "ntp-crafted.pcap"), Ref("ntp-crafted.pcap")) };
        foreach (var s in Directory.GetFiles(Path.Combine(AppDifferential.RepoRoot(), "samples-pcap"), "ntp-*.pcap").Order()) files.Add((s, Ref(s)));
        var corpus = AppDifferential.CorpusDir();
        if (corpus is null) _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part did NOT run");
        else foreach (var c in new[] { "tunnels/gre-sample.pcap", "ipv4/fragmented-1.pcap" }) files.Add((Path.Combine(corpus, c), Ref(c)));
        var r = AppDifferential.Run(files, Fields, Known, _out);
        Assert.True(r.PerField.GetValueOrDefault("ntp.flags").Total >= 16, "the NTP references did not run");
        Assert.True(r.Unexplained.Count == 0, $"{r.Unexplained.Count} unexplained difference(s):\n" + string.Join("\n", r.Unexplained.Take(40)));
    }
}
