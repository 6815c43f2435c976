using Dissect.Cli;
using Xunit.Abstractions;

namespace Dissect.Cli.Tests;

/// <summary>
/// -d TABLE==SELECTOR,PROTO ("decode as") like tshark 4.0.17: selector syntax, the error lines and lists of valid
/// choices (tshark's wording, "dissect: " instead of "tshark: ", exit code 1 as tshark), and real captures decoded as
/// something else compared with tshark's output for the same -d (decode-as/*.fields.tsv, made by
/// decode-as/make-refs.sh from decode-as/cases.tsv).
/// </summary>
public sealed class DecodeAsTests(ITestOutputHelper output)
{
    static readonly Dissect.Core.DissectorTables Tables = Dissect.Dissectors.BuiltIn.CreateTables();

    static DecodeAsRule Parse(string arg) => DecodeAs.ParseOne(arg, Tables, TextWriter.Null);

    static DecodeAsException Fails(string arg) => Assert.Throws<DecodeAsException>(() => Parse(arg));

    [Theory]
    [InlineData("udp.port==5353,dns", "udp.port", 5353u, 5353u, "dns")]
    [InlineData("tcp.port==8000-8010,dns", "tcp.port", 8000u, 8010u, "dns")]
    [InlineData("tcp.port==8000:3,dns", "tcp.port", 8000u, 8002u, "dns")]
    [InlineData("tcp.port==8080-8080,dns", "tcp.port", 8080u, 8080u, "dns")]
    [InlineData("tcp.port==0x1f90,dns", "tcp.port", 8080u, 8080u, "dns")]       // hex, as strtoul
    [InlineData("tcp.port==017620,dns", "tcp.port", 8080u, 8080u, "dns")]       // leading 0: octal
    [InlineData("tcp.port== +8080,dns", "tcp.port", 8080u, 8080u, "dns")]       // leading blanks and '+'
    [InlineData("tcp.port==8079:0x2,dns", "tcp.port", 8079u, 8080u, "dns")]
    [InlineData("tcp.port==8080, data ", "tcp.port", 8080u, 8080u, "data")]     // the name is trimmed
    [InlineData("tcp.port==99999,dns", "tcp.port", 99999u, 99999u, "dns")]      // accepted, never matches
    [InlineData("udp.port==4789,vxlan", "udp.port", 4789u, 4789u, "vxlan")]
    [InlineData("ip.proto==4,ipv6", "ip.proto", 4u, 4u, "ipv6")]
    [InlineData("ethertype==0x86dd,ip", "ethertype", 0x86ddu, 0x86ddu, "ip")]
    public void Selector_ParsedAsTshark(string arg, string table, uint first, uint last, string proto)
        => Assert.Equal(new DecodeAsRule(table, first, last, proto), Parse(arg));

    // Every message below is what tshark 4.0.17 prints for the same -d (after "tshark: ").
    [Theory]
    [InlineData("tcp.port==abc,dns", "Invalid selector number \"abc\"")]
    [InlineData("tcp.port==-5,dns", "Invalid selector number \"-5\"")]
    [InlineData("tcp.port==80 ,dns", "Invalid selector number \"80 \"")]
    [InlineData("tcp.port==,dns", "Invalid selector number \"\"")]
    [InlineData("tcp.port==4294967296,dns", "Invalid selector number \"4294967296\"")]
    [InlineData("tcp.port==8080-8070,dns", "Invalid selector numeric range \"8080-8070\"")]
    [InlineData("tcp.port==8080-,dns", "Invalid selector numeric range \"8080-\"")]
    [InlineData("tcp.port==8080:0,dns", "Invalid selector numeric range \"8080:0\"")]
    [InlineData("tcp.port==8080:,dns", "Invalid selector numeric range \"8080:\"")]
    [InlineData("tcp.port==4294967295:2,dns", "Invalid selector numeric range \"4294967295:2\"")]
    [InlineData("tcp.port==abc,nosuch", "Invalid selector number \"abc\"")]   // the selector is checked first
    public void BadSelector_OneLineNoList(string arg, string message)
    {
        var e = Fails(arg);
        Assert.Equal([message], e.Lines);
        Assert.Empty(e.Choices);
    }

    [Fact]
    public void UnknownLayerType_ListsTheTablesSorted()
    {
        var e = Fails("foo.port==80,dns");
        Assert.Equal(["Unknown layer type -- foo.port", "Valid layer types are:"], e.Lines);
        Assert.Contains("\ttcp.port (TCP port)", e.Choices);
        Assert.Contains("\tudp.port (UDP port)", e.Choices);
        Assert.Contains("\tethertype (Ethertype)", e.Choices);
        Assert.Contains("\tip.proto (IP protocol)", e.Choices);
        Assert.Equal(e.Choices.OrderBy(c => c, StringComparer.Ordinal), e.Choices);
        // names are case-sensitive, as tshark's
        Assert.Equal("Unknown layer type -- TCP.port", Fails("TCP.port==80,dns").Lines[0]);
    }

    [Fact]
    public void NoEquals_TemplateMessage_ThenLayerTypes()
    {
        // tshark -d . prints this: the way to list the tables
        var e = Fails(".");
        Assert.Equal(["Parameter \".\" doesn't follow the template \"<layer_type>==<selector>,<decode_as_protocol>\"",
            "Unknown layer type -- .", "Valid layer types are:"], e.Lines);
        Assert.NotEmpty(e.Choices);
        // a known table alone: only the template message
        e = Fails("tcp.port");
        Assert.Equal(["Parameter \"tcp.port\" doesn't follow the template \"<layer_type>==<selector>,<decode_as_protocol>\""], e.Lines);
        Assert.Empty(e.Choices);
        e = Fails("==80,dns");
        Assert.Equal(["No layer type specified", "Valid layer types are:"], e.Lines);
    }

    [Fact]
    public void NoProtocol_ListsTheProtocolsOfTheTable()
    {
        var e = Fails("udp.port==53");
        Assert.Equal(["Parameter \"udp.port==53\" doesn't follow the template \"<layer_type>==<selector>,<decode_as_protocol>\"",
            "Valid protocols for layer type \"udp.port\" are:"], e.Lines);
        Assert.Contains("\tdata (Data)", e.Choices);
        Assert.Contains("\tdns (Domain Name System)", e.Choices);
        Assert.Contains("\tmdns (Multicast Domain Name System)", e.Choices);
        Assert.Contains("\tvxlan (Virtual eXtensible Local Area Network)", e.Choices);
        Assert.Equal(e.Choices.OrderBy(c => c, StringComparer.Ordinal), e.Choices);
        Assert.DoesNotContain("\teth (Ethernet)", e.Choices);

        Assert.Equal(["No protocol name specified", "Valid protocols for layer type \"udp.port\" are:"], Fails("udp.port==53,").Lines);
        // tshark takes everything after the first comma as the name
        Assert.Equal(["Unknown protocol -- \"dns,x\"", "Valid protocols for layer type \"udp.port\" are:"], Fails("udp.port==53,dns,x").Lines);
        Assert.Equal(["Unknown protocol -- \"DNS\"", "Valid protocols for layer type \"udp.port\" are:"], Fails("udp.port==53,DNS").Lines);
        Assert.Equal(["Protocol \"eth\" isn't valid for layer type \"udp.port\"", "Valid protocols for layer type \"udp.port\" are:"],
            Fails("udp.port==53,eth").Lines);
    }

    [Fact]
    public void SingleEquals_WarnsAndCarriesOn()
    {
        var warn = new StringWriter { NewLine = "\n" };
        var rule = DecodeAs.ParseOne("udp.port=53,mdns", Tables, warn);
        Assert.Equal(new DecodeAsRule("udp.port", 53, 53, "mdns"), rule);
        Assert.Equal("dissect: WARNING: -d requires \"==\" instead of \"=\". Option will be treated as \"udp.port==53,mdns\"\n", warn.ToString());
        // then the usual checks on the corrected text
        var e = Assert.Throws<DecodeAsException>(() => DecodeAs.ParseOne("tcp.port=abc", Tables, TextWriter.Null));
        Assert.Equal(["Parameter \"tcp.port=abc\" doesn't follow the template \"<layer_type>==<selector>,<decode_as_protocol>\"",
            "Invalid selector number \"abc\""], e.Lines);
    }

    [Fact]
    public void HugeRange_Refused()
    {
        var e = Fails("tcp.port==0-4294967295,dns");
        Assert.Equal(["Selector range \"0-4294967295\" has more than 65536 values"], e.Lines);
        Assert.Equal(new DecodeAsRule("tcp.port", 0, 65535, "dns"), Parse("tcp.port==0:65536,dns"));
    }

    // ---- through the command line ----

    [Fact]
    public void Cli_BadDecodeAs_ExitCode1_TsharkLinesOnStderr_NothingRead()
    {
        var r = Run.Dissect("-r", Repo.Sample("dns-udp-tcp.pcap"), "-d", "udp.port==53,nosuch");
        Assert.Equal(1, r.Code);
        Assert.Equal("", r.Out);
        Assert.Equal("dissect: Unknown protocol -- \"nosuch\"", r.ErrLines[0]);
        Assert.Equal("dissect: Valid protocols for layer type \"udp.port\" are:", r.ErrLines[1]);
        Assert.Contains("\tdns (Domain Name System)", r.ErrLines);

        // the list works without a capture file, like tshark -d .
        r = Run.Dissect("-d", ".");
        Assert.Equal(1, r.Code);
        Assert.Contains("\tudp.port (UDP port)", r.ErrLines);

        foreach (var cmd in new string[][] { ["stats", "phs"], ["follow", "udp,ascii,0"], ["flow"], ["read"] })
        {
            r = Run.Dissect([.. cmd, Repo.Sample("dns-udp-tcp.pcap"), "-d", "foo==1,dns"]);
            Assert.Equal(1, r.Code);
            Assert.Equal("dissect: Unknown layer type -- foo", r.ErrLines[0]);
        }
    }

    [Fact]
    public void Cli_EveryCommandThatReadsPackets_HonoursDecodeAs()
    {
        string dns = Repo.Sample("dns-udp-tcp.pcap");
        var plain = Run.Dissect("stats", "phs", dns);
        var asMdns = Run.Dissect("stats", "phs", dns, "-d", "udp.port==53,mdns");
        Assert.Equal(0, asMdns.Code);
        Assert.DoesNotContain("mdns", plain.Out);
        Assert.Contains("mdns", asMdns.Out);

        var flow = Run.Dissect("flow", dns, "-d", "udp.port==53,mdns");
        Assert.Equal(0, flow.Code);
        Assert.Contains("\"QM\" question", flow.Out);
        Assert.DoesNotContain("\"QM\" question", Run.Dissect("flow", dns).Out);

        var follow = Run.Dissect("follow", "udp,ascii,0", dns, "-d", "udp.port==53,data");
        Assert.Equal(0, follow.Code);
        Assert.Equal(Run.Dissect("follow", "udp,ascii,0", dns).Out, follow.Out);   // payload bytes do not depend on it

        var read = Run.Dissect("read", dns, "-d", "udp.port==53,mdns", "-c", "1");
        Assert.Contains(" MDNS ", read.Out);
        // a rule lives only as long as its command
        Assert.Contains(" DNS ", Run.Dissect("read", dns, "-c", "1").Out);
    }

    [Fact]
    public void Pipeline_RulesArePassedExplicitly_NoAmbientState()
    {
        // The rules reach a pipeline only through its options: one built without them, even while another
        // pipeline with rules is open on the same thread, decodes port 53 as DNS.
        string dns = Repo.Sample("dns-udp-tcp.pcap");
        var rules = DecodeAs.Parse(["udp.port==53,mdns"], Tables, TextWriter.Null);
        using var with = Pipeline.Open(dns, new PipelineOptions { Fields = ["_ws.col.Protocol"], MaxFrames = 1, DecodeAs = rules });
        using var without = Pipeline.Open(dns, new PipelineOptions { Fields = ["_ws.col.Protocol"], MaxFrames = 1 });
        Assert.True(with.MoveNext()); Assert.True(without.MoveNext());
        Assert.Equal("MDNS", with.Value(0));
        Assert.Equal("DNS", without.Value(0));
        // DecodeAs.Run hands the parsed rules to its body (null without -d).
        Assert.Equal(0, DecodeAs.Run([], TextWriter.Null, r => r is null ? 0 : 9));
        Assert.Equal(0, DecodeAs.Run(["udp.port==53,mdns"], TextWriter.Null, r => r!.Rules.Single() == new DecodeAsRule("udp.port", 53, 53, "mdns") ? 0 : 9));
    }

    [Fact]
    public void Capture_BadDecodeAs_ExitCode1_BeforeAnyInterfaceIsOpened()
    {
        var r = Run.Dissect("capture", "-i", "nosuch0", "-c", "1", "-d", "foo==1,dns");
        Assert.Equal(1, r.Code);
        Assert.Equal("dissect: Unknown layer type -- foo", r.ErrLines[0]);
        Assert.Contains("\tudp.port (UDP port)", r.ErrLines);
    }

    /// <summary>`dissect capture -d` on loopback (root and libpcap needed; otherwise the test says it did not run):
    /// a DNS query sent to an unregistered UDP port is printed as DNS only with the rule.</summary>
    [Fact]
    public async Task Capture_OnLoopback_AppliesDecodeAs()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !Dissect.Capture.Live.Interfaces.IsLibpcapAvailable)
        {
            output.WriteLine("did not run: needs Linux, root and libpcap");
            return;
        }
        int port = 41000 + Environment.ProcessId % 20000;
        // Standard query, id 0x1234, RD, one question: example.com A IN.
        byte[] query = Convert.FromHexString("123401000001000000000000076578616d706c6503636f6d0000010001");
        async Task<Run.Result> Capture(params string[] extra)
        {
            var capture = Task.Run(() => Run.Dissect(["capture", "-i", "lo", "-f", $"udp port {port}", "-c", "2", "-a", "duration:20", .. extra]));
            using var udp = new System.Net.Sockets.UdpClient();
            for (int i = 0; i < 60 && !capture.IsCompleted; i++)
            {
                udp.Send(query, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
                await Task.Delay(100);
            }
            return await capture;
        }
        var plain = await Capture();
        var decoded = await Capture("-d", $"udp.port=={port},dns");
        output.WriteLine(plain.Out + decoded.Out);
        Assert.Equal(0, plain.Code);
        Assert.Equal(0, decoded.Code);
        var lines = decoded.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains(" DNS ", l));
        Assert.All(lines, l => Assert.Contains("Standard query 0x1234 A example.com", l));
        Assert.DoesNotContain(" DNS ", plain.Out);
    }

    static IEnumerable<(string Name, string Capture, string[] Rules)> Cases()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(Repo.Root, "tests", "Dissect.Cli.Tests", "decode-as", "cases.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var c = line.Split('\t');
            yield return (c[0], c[1], c[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>Why a value may differ from tshark's; null = no reason known.</summary>
    static string? KnownReason(string field, string ours, string theirs)
    {
        if (field == "_ws.col.Info" && theirs.StartsWith(ours, StringComparison.Ordinal) && theirs.Contains(" (request in "))
            return "ICMP echo reply: no request tracking in our ICMP dissector yet";
        return null;
    }

    [Fact]
    public void RealCaptures_DecodedAs_AgreeWithTshark()
    {
        int compared = 0;
        var explained = new Dictionary<string, int>();
        var unexplained = new List<string>();
        foreach (var (name, capture, rules) in Cases())
        {
            var lines = File.ReadAllText(Path.Combine(Repo.Root, "tests", "Dissect.Cli.Tests", "decode-as", name + ".fields.tsv"))
                .TrimEnd('\n').Split('\n');
            var header = lines[0].Split('\t');
            var args = new List<string> { "read", Repo.Sample(capture), "-T", "fields", "-E", "header=y" };
            foreach (var r in rules) { args.Add("-d"); args.Add(r); }
            foreach (var h in header) { args.Add("-e"); args.Add(h); }
            var res = Run.Dissect(args.ToArray());
            Assert.True(res.Code == 0, $"{name}: exit {res.Code}: {res.Err}");
            var ours = res.OutLines;
            Assert.Equal(lines.Length, ours.Length);
            Assert.Equal(lines[0], ours[0]);
            for (int i = 1; i < lines.Length; i++)
            {
                var t = lines[i].Split('\t');
                var o = ours[i].Split('\t');
                for (int c = 0; c < header.Length; c++)
                {
                    compared++;
                    string a = c < o.Length ? o[c] : "", b = c < t.Length ? t[c] : "";
                    if (a == b) continue;
                    var why = KnownReason(header[c], a, b);
                    if (why is null) unexplained.Add($"{name} frame {i} {header[c]}: ours '{a}' tshark '{b}'");
                    else explained[why] = explained.GetValueOrDefault(why) + 1;
                }
            }
        }
        output.WriteLine($"{compared} values compared");
        foreach (var kv in explained) output.WriteLine($"known: {kv.Value} value(s): {kv.Key}");
        foreach (var u in unexplained) output.WriteLine("DIFF " + u);
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained.Take(40)));
    }
}
