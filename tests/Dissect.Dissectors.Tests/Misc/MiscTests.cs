using System.Text;
using Dissect.Core.Flow;
using Dissect.Dissectors.Tests.Application.Dhcp;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Misc;

/// <summary>Byte-array tests on real frames of the corpus (bytes copied here so they run without it), truncation
/// sweeps, and the PPTP/SIP/Telnet framers, for the small dissectors that name the Protocol column.</summary>
public sealed class MiscTests
{
    // various_gre.pcap frame 3: 802.3 + LLC 0x42/0x42 + configuration BPDU.
    const string StpConf = "0180c2000000aabbcc000310002642420300000000008001aabbcc000300000000008001aabbcc00030080020000140002000f000000000000000000";
    // wikipedia.pcap frame 4: RST BPDU (version 2), forwarding + learning, designated port.
    const string StpRst = "0180c200000000137f4f8ef20027424203000002023c82d000137fbe8cc00000000082d000137fbe8cc081930000140002000f000000000000000000";
    // various_gre.pcap frame 1: Ethernet type 0x9000 loopback Reply.
    const string Loop = "aabbcc000200aabbcc00020090000000010000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    // various_gre.pcap frame 62: 802.3 + SNAP Cisco PID 0x2004, DTP.
    const string Dtp = "01000cccccccaabbcc0003100022aaaa0300000c2004010001000500000200058100030005a50004000aaabbcc000310000000000000000000000000";
    // various_gre.pcap frame 67: VLAN + IPv4 + GRE + Cisco MetaData + IPv4 + PIMv2 Hello.
    const string Pim = "aabbcc000200aabbcc000100810004bd080045c0005e00990000ff2f24b30aac40060aac40072000890900000028080001010001000045c0003a001f000001672b2aac110136e000000d2000a36a0001000200690014000425e4170f00130004000000010015000401000000fdec0000";
    // mdns.pcap frame 8: IPv4 (router alert) + IGMPv3 report, change to exclude, no source.
    const string Igmp3 = "01005e0000168a3cd6e14dc4080046c00028000040000102f7f20a000207e0000016940400002200f9020000000104000000e00000fb";
    // wikipedia.pcap frame 117: NBNS name query for BRWC0CB383D1F42<00>.
    const string Nbns = "fffffffffffff04da247ba2508004500004e7e1900008011e7868d8edce28d8edcff00890089003ac27cff6e011000010000000000002045434643464845444441454445434444444944444545444245474445444341410000200001";
    // dhcpv6-ia-na.pcap frame 1: Solicit with client id, ORO, elapsed time, IA_NA.
    const string Dhcpv6 = "33330001000200010203040586dd6c00000000381140fe80000000000000020102fffe030405ff02000000000000000000000001000202220223003811230190b45c0001000a0003000100010203040500060004001700180008000200000003000c0203040500000e1000001518";
    // pptp.pcap frame 16: IPv4 + GRE v1 (PPP) + PPP + LCP Configuration Request.
    const string Lcp = "0800209f6b7200000000000008004500005003bc0000802f20ad0a01010b0a01010a3001880b0030000000000000ff03c0210100002c0506021952cf070208020d03061104064e13170129f76a9077f1472c835247f271d656070000000c";
    // gre-within-gre.pcap frame 4: IPv4/GRE/IPv4/GRE/IPv4 + UDP 520 RIPv2 response with four routes.
    const string Rip = "001bd5ff54d9000ffedd22420800450000a000004000ff2f011b48cd3646566aa4960000080045c0008827e20000fe2f678d0a0a0b020a0a0d020000080045c00070000000000211d1b003030301e000000902080208005ca2dc020200000002000009090900ffffff000000000000000002000200000a0a0b00fffffffc0000000000000001000200000a0a1900ffffff0000000000000000010002000014141400fffffffc0000000000000001";

    public static TheoryData<string, string> Frames => new()
    {
        { "stp-conf", StpConf }, { "stp-rst", StpRst }, { "loop", Loop }, { "dtp", Dtp }, { "pim", Pim }, { "igmp3", Igmp3 },
        { "nbns", Nbns }, { "dhcpv6", Dhcpv6 }, { "lcp", Lcp }, { "rip", Rip },
    };

    [Fact]
    public void Stp_ConfigurationBpdu_FieldsAndInfoAsTshark()
    {
        var ctx = TestKit.Dissect(Hex(StpConf));
        Assert.Equal("STP", ctx.Columns.Protocol);
        Assert.Equal("Conf. Root = 32768/1/aa:bb:cc:00:03:00  Cost = 0  Port = 0x8002", ctx.Columns.Info.ToString());
        Assert.Equal("0x00", Value(ctx, "stp.type"));
        Assert.Equal("32768", Value(ctx, "stp.root.prio"));
        Assert.Equal("1", Value(ctx, "stp.root.ext"));
        Assert.Equal("aa:bb:cc:00:03:00", Value(ctx, "stp.bridge.hw"));
        Assert.Equal("0x8002", Value(ctx, "stp.port"));
        Assert.Equal("20", Value(ctx, "stp.max_age"));
        Assert.Equal("15", Value(ctx, "stp.forward"));
        Assert.False(Has(ctx, "stp.flags.port_role"));
    }

    [Fact]
    public void Stp_RstBpdu_FlagsAndRstInfo()
    {
        var ctx = TestKit.Dissect(Hex(StpRst));
        Assert.Equal("RST. Root = 32768/720/00:13:7f:be:8c:c0  Cost = 0  Port = 0x8193", ctx.Columns.Info.ToString());
        Assert.Equal("0x3c", Value(ctx, "stp.flags"));
        Assert.Equal("3", Value(ctx, "stp.flags.port_role"));
        Assert.Equal("1", Value(ctx, "stp.flags.forwarding"));
        Assert.Equal("0", Value(ctx, "stp.version_1_length"));
    }

    [Fact]
    public void Stp_BpduShorterThanItsType_IsMalformedWithTheFieldsBefore()
    {
        // nfs_write.pcap frame 1 in spirit: the 802.3 length leaves 34 bytes for a 35-byte configuration BPDU.
        var b = Hex(StpConf);
        b[12] = 0x00; b[13] = 0x25;   // 802.3 length 37 = LLC 3 + 34 BPDU bytes
        var ctx = TestKit.Dissect(b);
        Assert.Equal("STP", ctx.Columns.Protocol);
        Assert.EndsWith("[Malformed Packet]", ctx.Columns.Info.ToString());
        Assert.Equal("2", Value(ctx, "stp.hello"));
        Assert.False(Has(ctx, "stp.forward"));
    }

    [Fact]
    public void Loop_Reply()
    {
        var ctx = TestKit.Dissect(Hex(Loop));
        Assert.Equal("LOOP", ctx.Columns.Protocol);
        Assert.Equal("Reply", ctx.Columns.Info.ToString());
        Assert.Equal("1", Value(ctx, "loop.relevant_function"));
        Assert.Equal("0", Value(ctx, "loop.receipt_number"));
        Assert.Equal("44", Value(ctx, "data.len"));
    }

    [Fact]
    public void Dtp_OverSnapCiscoPid()
    {
        var ctx = TestKit.Dissect(Hex(Dtp));
        Assert.Equal("DTP", ctx.Columns.Protocol);
        Assert.Equal("Dynamic Trunk Protocol", ctx.Columns.Info.ToString());
        Assert.Equal(["0x0001", "0x0002", "0x0003", "0x0004"], Values(ctx, "dtp.tlv_type"));
        Assert.Equal("0x05", Value(ctx, "dtp.tot"));
        Assert.Equal("aa:bb:cc:00:03:10", Value(ctx, "dtp.senderid"));
    }

    [Fact]
    public void Pim_HelloOptions()
    {
        var ctx = TestKit.Dissect(Hex(Pim));
        Assert.Equal("PIMv2", ctx.Columns.Protocol);
        Assert.Equal("Hello", ctx.Columns.Info.ToString());
        Assert.Equal(["1", "20", "19", "21", "65004"], Values(ctx, "pim.optiontype"));
        Assert.Equal("105", Value(ctx, "pim.holdtime"));
        Assert.Equal("635705103", Value(ctx, "pim.generation_id"));
    }

    [Fact]
    public void Igmp_V3Report_JoinForAnySource()
    {
        var ctx = TestKit.Dissect(Hex(Igmp3));
        Assert.Equal("IGMPv3", ctx.Columns.Protocol);
        Assert.Equal("Membership Report / Join group 224.0.0.251 for any sources", ctx.Columns.Info.ToString());
        Assert.Equal("3", Value(ctx, "igmp.version"));
        Assert.Equal("4", Value(ctx, "igmp.record_type"));
        Assert.Equal("224.0.0.251", Value(ctx, "igmp.maddr"));
    }

    [Fact]
    public void Igmp_V2QueryAndLeave_VersionFromLengthAndType()
    {
        // Crafted from the v3 frame: an 8-byte general query with max resp 100 is IGMPv2; a leave names its group.
        var b = Hex(Igmp3);
        var q = b.AsSpan(0, 38 + 8).ToArray();
        q[17] = 32; q[38] = 0x11; q[39] = 100; q[42] = q[43] = q[44] = q[45] = 0;
        var ctx = TestKit.Dissect(q);
        Assert.Equal("IGMPv2", ctx.Columns.Protocol);
        Assert.Equal("Membership Query, general", ctx.Columns.Info.ToString());
        q[39] = 0;
        Assert.Equal("IGMPv1", TestKit.Dissect(q).Columns.Protocol);
        q[38] = 0x17; q[42] = 224; q[45] = 251;
        Assert.Equal("Leave Group 224.0.0.251", TestKit.Dissect(q).Columns.Info.ToString());
    }

    [Fact]
    public void Nbns_NameQuery_DecodesTheNetbiosName()
    {
        var ctx = TestKit.Dissect(Hex(Nbns));
        Assert.Equal("NBNS", ctx.Columns.Protocol);
        Assert.Equal("Name query NB BRWC0CB383D1F42<00>", ctx.Columns.Info.ToString());
        Assert.Equal("0xff6e", Value(ctx, "nbns.id"));
        Assert.Equal("BRWC0CB383D1F42<00>", Value(ctx, "nbns.name"));
        Assert.Equal("1", Value(ctx, "nbns.flags.broadcast"));
    }

    [Fact]
    public void Dhcpv6_Solicit_InfoAndOptions()
    {
        var ctx = TestKit.Dissect(Hex(Dhcpv6));
        Assert.Equal("DHCPv6", ctx.Columns.Protocol);
        Assert.Equal("Solicit XID: 0x90b45c CID: 00030001000102030405 ", ctx.Columns.Info.ToString());
        Assert.Equal(["1", "6", "8", "3"], Values(ctx, "dhcpv6.option.type"));
        Assert.Equal("02030405", Value(ctx, "dhcpv6.iaid"));
        Assert.Equal(["23", "24"], Values(ctx, "dhcpv6.requested_option_code"));
    }

    [Fact]
    public void Lcp_OverGreVersion1Ppp()
    {
        var ctx = TestKit.Dissect(Hex(Lcp));
        Assert.Equal("PPP LCP", ctx.Columns.Protocol);
        Assert.Equal("Configuration Request", ctx.Columns.Info.ToString());
        Assert.Equal(["5", "7", "8", "13", "17", "19"], Values(ctx, "lcp.opt.type"));
        Assert.Equal("0x021952cf", Value(ctx, "lcp.opt.magic_number"));
        Assert.Equal("1614", Value(ctx, "lcp.opt.mrru"));
    }

    [Fact]
    public void Rip_V2Response()
    {
        var ctx = TestKit.Dissect(Hex(Rip));
        Assert.Equal("RIPv2", ctx.Columns.Protocol);
        Assert.Equal("Response", ctx.Columns.Info.ToString());
        Assert.Equal(["9.9.9.0", "10.10.11.0", "10.10.25.0", "20.20.20.0"], Values(ctx, "rip.ip"));
        Assert.Equal(["2", "1", "1", "1"], Values(ctx, "rip.metric"));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void RealFrame_TruncatedAtEveryLength_NeverThrows(string name, string hex)
    {
        Assert.NotEmpty(name);
        TruncationSweep(Hex(hex));
    }

    /// <summary>Larger frames (CDP, SIP with SDP and multipart, PPTP, DB-LSP-DISC/JSON, Telnet) swept from the
    /// corpus when it is present.</summary>
    [Fact]
    public void CorpusFrames_TruncatedAtEveryLength_NeverThrow()
    {
        var corpus = AppDifferential.CorpusDir();
        if (corpus is null) return;   // the byte-array sweeps above still ran
        (string File, long[] Frames)[] picks =
        [
            ("tunnels/various_gre.pcap", [49, 86]), ("ipv4/udp-ip-fragmented.pcap", [3, 5, 7]),
            ("pcapng/le-test100.pcapng", [5]), ("tunnels/pptp.pcap", [5, 13]), ("tcp/telnet-cooked.pcap", [4, 15, 47]),
            ("tcp/mptcp-v1.pcap", [4]),
        ];
        int swept = 0;
        foreach (var (file, frames) in picks)
            foreach (var fr in CaptureFile.Read(Path.Combine(corpus, file)))
                if (frames.Contains(fr.Number))
                {
                    TruncationSweep(fr.Data.ToArray(), fr.LinkType);
                    swept++;
                }
        Assert.Equal(12, swept);
    }

    [Fact]
    public void Mptcp_OptionSetsTheProtocolColumn()
    {
        // A SYN with MP_CAPABLE (kind 30, subtype 0, version 1): tshark names the segment MPTCP.
        var syn = Hex("000000000002000000000001080045000030000040004006b9c57f0000017f000001821a271400000000000000007002ffff00000000" +
                      "1e04018101010101");   // data offset 7 words: MP_CAPABLE (4 bytes) + 4 NOPs
        var ctx = TestKit.Dissect(syn);
        Assert.Equal("MPTCP", ctx.Columns.Protocol);
        Assert.Equal("0", Value(ctx, "tcp.options.mptcp.subtype"));
    }

    [Fact]
    public void Sip_RequestStatusInDialogAndSdp()
    {
        var invite = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n" +
                     "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>;tag=b2\r\nCall-ID: c1\r\nCSeq: 2 INVITE\r\n" +
                     "Content-Type: application/sdp\r\nContent-Length: 34\r\n\r\nv=0\r\ns=-\r\nm=audio 4000 RTP/AVP 0\r\n";
        var ctx = TestKit.Dissect(Udp(5060, invite));
        Assert.Equal("SIP/SDP", ctx.Columns.Protocol);
        Assert.Equal("Request: INVITE sip:bob@example.com, in-dialog | ", ctx.Columns.Info.ToString());
        Assert.Equal("2", Value(ctx, "sip.CSeq.seq"));
        Assert.Equal("audio 4000 RTP/AVP 0", Value(ctx, "sdp.media"));

        var ok = "SIP/2.0 200 OK\r\nCSeq: 2 INVITE\r\nl: 0\r\n\r\n";
        ctx = TestKit.Dissect(Udp(5060, ok));
        Assert.Equal("SIP", ctx.Columns.Protocol);
        Assert.Equal("Status: 200 OK (INVITE) | ", ctx.Columns.Info.ToString());
        Assert.Equal("200", Value(ctx, "sip.Status-Code"));
        Assert.Equal("0", Value(ctx, "sip.Content-Length"));

        var trying = "SIP/2.0 100 Trying\r\nCSeq: 2 INVITE\r\n\r\n";
        Assert.Equal("Status: 100 Trying | ", TestKit.Dissect(Udp(5060, trying)).Columns.Info.ToString());

        // Not SIP on the SIP port: data, UDP stays the Protocol column.
        Assert.Equal("UDP", TestKit.Dissect(Udp(5060, "hello world\r\n")).Columns.Protocol);
    }

    [Fact]
    public void DbLspDisc_JsonBody()
    {
        var json = "{\"host_int\": 5, \"version\": [2, 0], \"displayname\": \"x\", \"ok\": true, \"n\": null}";
        var ctx = TestKit.Dissect(Udp(17500, json));
        Assert.Equal("DB-LSP-DISC/JSON", ctx.Columns.Protocol);
        Assert.Equal("Dropbox LAN sync Discovery Protocol, JavaScript Object Notation", ctx.Columns.Info.ToString());
        Assert.Equal(["host_int", "version", "displayname", "ok", "n"], Values(ctx, "json.key"));
        Assert.Equal(["5", "2", "0"], Values(ctx, "json.value.number"));
        Assert.Equal("x", Value(ctx, "json.value.string"));
        Assert.True(Has(ctx, "json.value.true") && Has(ctx, "json.value.null"));
        Assert.Contains("[Malformed Packet]", TestKit.Dissect(Udp(17500, "{\"a\": ]")).Columns.Info.ToString());
    }

    [Fact]
    public void PptpFramer_SplitsByLengthAtEveryCut()
    {
        var framer = new Dissect.Dissectors.Application.Pptp.PptpDissector().TcpFramer;
        // Two messages back to back: a 16-byte Echo-Request and a 24-byte Set-Link-Info.
        var echo = Hex("0010 0001 1a2b3c4d 0005 0000 00000001");
        var sli = Hex("0018 0001 1a2b3c4d 000f 0000 0000 0000 ffffffff ffffffff");
        var stream = echo.Concat(sli).ToArray();
        for (int cut = 0; cut <= stream.Length; cut++)
        {
            var r = framer.Frame(stream.AsSpan(0, cut), false);
            if (cut < 16) Assert.Equal(FramerStatus.NeedMore, r.Status);
            else Assert.Equal((FramerStatus.Pdu, 16), (r.Status, r.Length));
        }
        Assert.Equal((FramerStatus.Pdu, 24), (framer.Frame(sli, false).Status, framer.Frame(sli, false).Length));
        Assert.Equal(FramerStatus.NotMine, framer.Frame(Hex("0018 0001 deadbeef 000f"), true).Status);
    }

    [Fact]
    public void SipTcpFramer_HeadersPlusContentLength()
    {
        var framer = new Dissect.Dissectors.Application.Sip.SipDissector(new(), new(new())).TcpFramer;
        var msg = Encoding.ASCII.GetBytes("OPTIONS sip:a SIP/2.0\r\nContent-Length: 4\r\n\r\nabcdOPTIONS");
        Assert.Equal(FramerStatus.NeedMore, framer.Frame(msg.AsSpan(0, 30), false).Status);
        Assert.Equal(FramerStatus.NeedMore, framer.Frame(msg.AsSpan(0, 45), false).Status);
        var r = framer.Frame(msg, false);
        Assert.Equal((FramerStatus.Pdu, 48), (r.Status, r.Length));
    }

    [Fact]
    public void Telnet_CommandsDataLinesAndLoneIac()
    {
        var t = new Dissect.Dissectors.Application.Telnet.TelnetDissector();
        Assert.Equal((FramerStatus.Pdu, 5), (t.TcpFramer.Frame("abcde"u8, false).Status, t.TcpFramer.Frame("abcde"u8, false).Length));
        // IAC DO ECHO, "hi\r\n", "$ ", IAC SB TTYPE SEND IAC SE.
        var payload = Hex("fffd01") .Concat(Encoding.ASCII.GetBytes("hi\r\n$ ")).Concat(Hex("fffa1801fff0")).ToArray();
        var ctx = TestKit.Dissect(Tcp(23, payload));
        Assert.Equal("TELNET", ctx.Columns.Protocol);
        Assert.Equal("Telnet Data ...", ctx.Columns.Info.ToString());
        Assert.Equal(["253", "250", "240"], Values(ctx, "telnet.cmd"));
        Assert.Equal(["1", "24", "1"], Values(ctx, "telnet.subcmd"));
        Assert.Equal(["hi\\r\\n", "$ "], Values(ctx, "telnet.data"));
        Assert.EndsWith("[Malformed Packet]", TestKit.Dissect(Tcp(23, Hex("41ff"))).Columns.Info.ToString());
    }

    /// <summary>Ethernet + IPv4 + UDP (checksum 0) to <paramref name="port"/> carrying <paramref name="text"/>.</summary>
    static byte[] Udp(int port, string text)
    {
        var p = Encoding.ASCII.GetBytes(text);
        var b = new byte[14 + 20 + 8 + p.Length];
        Hex("000000000002000000000001 0800").CopyTo(b, 0);
        Ip(b, 17, 20 + 8 + p.Length);
        b[34] = 0x13; b[35] = 0x88; b[36] = (byte)(port >> 8); b[37] = (byte)port;
        b[38] = (byte)((8 + p.Length) >> 8); b[39] = (byte)(8 + p.Length);
        p.CopyTo(b, 42);
        return b;
    }

    /// <summary>Ethernet + IPv4 + TCP (PSH/ACK, no options) from port 1550 to <paramref name="port"/>.</summary>
    static byte[] Tcp(int port, byte[] p)
    {
        var b = new byte[14 + 20 + 20 + p.Length];
        Hex("000000000002000000000001 0800").CopyTo(b, 0);
        Ip(b, 6, 40 + p.Length);
        b[34] = 0x06; b[35] = 0x0e; b[36] = (byte)(port >> 8); b[37] = (byte)port;
        b[41] = 1; b[45] = 1; b[46] = 0x50; b[47] = 0x18; b[48] = 0xff; b[49] = 0xff;
        p.CopyTo(b, 54);
        return b;
    }

    static void Ip(byte[] b, byte proto, int total)
    {
        b[14] = 0x45; b[16] = (byte)(total >> 8); b[17] = (byte)total; b[22] = 64; b[23] = proto;
        b[26] = 10; b[29] = 1; b[30] = 10; b[33] = 2;
    }
}
