using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dissect.Cli.Tests;

public class ReadTests
{
    static readonly string[] TsvFields = ["frame.number", "frame.time_epoch", "ip.src", "tcp.srcport"];

    /// <summary>Decimals of each sample's timestamps (µs pcap, ns pcap, pcapng with if_tsresol=9).</summary>
    static int Decimals(string sample) => sample is "http-curl.pcap" or "dns-udp-tcp.pcap" ? 6 : 9;

    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void TFields_WithHeader_EqualsTsharkReferenceColumns(string sample)
    {
        var r = Run.Dissect(["read", Repo.Sample(sample), "-T", "fields",
            "-e", "frame.number", "-e", "frame.time_epoch", "-e", "ip.src", "-e", "tcp.srcport", "-E", "header=y"]);
        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Err);
        var reference = new Reference(sample);
        var lines = r.OutLines;
        Assert.Equal(string.Join('\t', TsvFields), lines[0]);
        Assert.Equal(reference.Rows.Length, lines.Length - 1);
        for (int i = 0; i < reference.Rows.Length; i++)
        {
            string expected = string.Join('\t', TsvFields.Select(f => reference.Value(i, f)));
            Assert.True(expected == lines[i + 1], $"{sample} frame {i + 1}:\n  tshark: {expected}\n  ours:   {lines[i + 1]}");
        }
    }

    [Fact]
    public void DashR_IsTheSameAsRead()
    {
        var a = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-c", "5"]);
        var b = Run.Dissect(["-r", Repo.Sample("http-curl.pcap"), "-c", "5"]);
        Assert.Equal(0, b.Code);
        Assert.Equal(a.Out, b.Out);
        Assert.Equal(5, b.OutLines.Length);
    }

    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void CountOption_StopsAfterThreePackets(string sample)
    {
        var r = Run.Dissect(["read", Repo.Sample(sample), "-c", "3"]);
        Assert.Equal(0, r.Code);
        Assert.Equal(3, r.OutLines.Length);
        var f = Run.Dissect(["read", Repo.Sample(sample), "-c", "3", "-T", "fields", "-e", "frame.number"]);
        Assert.Equal(["1", "2", "3"], f.OutLines);
    }

    static readonly Regex SummaryLine = new(@"^ *(\d+) +(-?\d+\.\d+) +(\S*) → (\S*) +(\S*) (\d+) ?(.*)$");

    /// <summary>tshark's Source/Destination columns for the reference row: the innermost (first-listed) network
    /// address, else the Ethernet one; ff:ff:ff:ff:ff:ff resolves to "Broadcast".</summary>
    static string ExpectedAddress(Reference reference, int i, string side)
    {
        foreach (var f in new[] { "ipv6." + side, "ip." + side, "eth." + side })
        {
            string v = reference.Value(i, f);
            if (v.Length > 0) return v.Split(',')[0] == "ff:ff:ff:ff:ff:ff" ? "Broadcast" : v.Split(',')[0];
        }
        return "";
    }

    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void Summary_OneLinePerPacket_ColumnsMatchReference(string sample)
    {
        var r = Run.Dissect(["read", Repo.Sample(sample)]);
        Assert.Equal(0, r.Code);
        var reference = new Reference(sample);
        var lines = r.OutLines;
        Assert.Equal(reference.Rows.Length, lines.Length);
        int decimals = Decimals(sample);
        // Protocol and Info come from the dissectors: the line must show what -T fields gives for _ws.col.*
        var cols = Run.Dissect(["read", Repo.Sample(sample), "-T", "fields", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info"]).OutLines;
        for (int i = 0; i < lines.Length; i++)
        {
            var m = SummaryLine.Match(lines[i]);
            Assert.True(m.Success, $"line {i + 1} is not a summary line: {lines[i]}");
            Assert.Equal((i + 1).ToString(), m.Groups[1].Value);
            // frame.time_relative has 9 decimals; the column shows the capture's resolution.
            string rel = reference.Value(i, "frame.time_relative");
            Assert.Equal(rel.Substring(0, rel.IndexOf('.') + 1 + decimals), m.Groups[2].Value);
            Assert.Equal(ExpectedAddress(reference, i, "src"), m.Groups[3].Value);
            Assert.Equal(ExpectedAddress(reference, i, "dst"), m.Groups[4].Value);
            Assert.Equal(reference.Value(i, "frame.len"), m.Groups[6].Value);
            Assert.Equal(cols[i], m.Groups[5].Value + "\t" + m.Groups[7].Value);
        }
    }

    [Fact]
    public void Summary_HasTsharkSpacing()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-c", "2", "-n"]);
        var lines = r.OutLines;
        // No. right-aligned in 5, time in 10, source right-aligned in 12, " → ", destination left-aligned in 12.
        Assert.StartsWith("    1   0.000000    127.0.0.1 → 127.0.0.1    ", lines[0]);
        Assert.StartsWith("    2   0.000021    127.0.0.1 → 127.0.0.1    ", lines[1]);
        var ns = Run.Dissect(["read", Repo.Sample("tcp-nano-sll.pcap"), "-c", "2"]).OutLines;
        Assert.StartsWith("    2 0.000022837    127.0.0.1 → 127.0.0.1    ", ns[1]);
    }

    /// <summary>golden/*.tshark-summary.txt are `HOME=/nonexistent tshark -r FILE` output of TShark 4.0.17: the
    /// summary of the DNS capture (whose layers are all dissected) must be byte for byte the same; for the ping
    /// capture, the frames without a request/response link ("(request in 4)", dissector work) must be.</summary>
    [Theory]
    [InlineData("dns-udp-tcp.pcap", null)]
    [InlineData("ping-netns.pcapng", new[] { 1, 2, 3, 4, 6, 8, 10, 11, 12, 14, 16, 18, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35 })]
    public void Summary_IsByteForByteTsharks(string sample, int[]? frames)
    {
        var ours = Run.Dissect(["read", Repo.Sample(sample)]).OutLines;
        var tshark = File.ReadAllText(Path.Combine(Repo.GoldenDir, sample + ".tshark-summary.txt")).TrimEnd('\n').Split('\n');
        Assert.Equal(tshark.Length, ours.Length);
        foreach (int n in frames ?? Enumerable.Range(1, tshark.Length).ToArray())
            Assert.Equal(tshark[n - 1], ours[n - 1]);
    }

    [Fact]
    public void Summary_ResolvesBroadcastUnlessDashN()
    {
        var r = Run.Dissect(["read", Repo.Sample("ping-netns.pcapng"), "-c", "2"]);
        Assert.Contains("02:00:00:00:00:01 → Broadcast", r.OutLines[1]);
        var n = Run.Dissect(["read", Repo.Sample("ping-netns.pcapng"), "-c", "2", "-n"]);
        Assert.Contains("02:00:00:00:00:01 → ff:ff:ff:ff:ff:ff", n.OutLines[1]);
    }

    [Fact]
    public void Verbose_ShowsFrameLineAndEveryProtocolLayer()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-V", "-c", "1"]);
        Assert.Equal(0, r.Code);
        var lines = r.OutLines;
        Assert.Equal("Frame 1: 74 bytes on wire (592 bits), 74 bytes captured (592 bits)", lines[0]);
        Assert.Contains("    Frame Length: 74 bytes (592 bits)", lines);
        Assert.Contains("    Encapsulation type: Ethernet (1)", lines);
        // Each layer heads its subtree at column 0 (tshark's protocol names).
        Assert.Contains(lines, l => l.StartsWith("Ethernet"));
        Assert.Contains(lines, l => l.StartsWith("Internet Protocol Version 4"));
        Assert.Contains(lines, l => l.StartsWith("Transmission Control Protocol"));
        // Fields are indented four spaces per level.
        Assert.All(lines.Where(l => l.Length > 0), l => Assert.Equal(0, (l.Length - l.TrimStart(' ').Length) % 4));
    }

    [Fact]
    public void Verbose_HidesFilterAliases_ButJsonKeepsThem()
    {
        // frame 4: ICMP echo request over IPv4; ip.addr repeats ip.src/ip.dst (Wireshark hides it in the tree)
        var v = Run.Dissect(["read", Repo.Sample("ping-netns.pcapng"), "-V", "-c", "4"]);
        var frame4 = v.Out.Substring(v.Out.IndexOf("Frame 4:", StringComparison.Ordinal));
        Assert.Contains("    Source Address: 10.99.0.1\n", frame4);
        Assert.DoesNotContain("Source or Destination Address", frame4);
        var j = Run.Dissect(["read", Repo.Sample("ping-netns.pcapng"), "-T", "json", "-c", "4"]);
        using var doc = System.Text.Json.JsonDocument.Parse(j.Out);
        var ip = doc.RootElement[3].GetProperty("_source").GetProperty("layers").GetProperty("ip");
        Assert.Equal(["10.99.0.1", "10.99.0.2"], ip.GetProperty("ip.addr").EnumerateArray().Select(x => x.GetString()!).ToArray());
    }

    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void Verbose_EveryTopLevelLayerOfTheFieldListIsPrinted(string sample)
    {
        var r = Run.Dissect(["read", Repo.Sample(sample), "-V", "-c", "5"]);
        Assert.Equal(0, r.Code);
        using var p = Pipeline.Open(Repo.Sample(sample), new PipelineOptions { MaxFrames = 5 });
        var expected = new List<string>();
        while (p.MoveNext())
            foreach (var e in p.Fields.Entries.ToArray())
                if (e.Parent < 0 && e.Field.Kind == Core.FieldKind.Protocol && e.Field != Core.FrameFields.Protocol)
                    expected.Add(e.Field.Name);
        var top = r.OutLines.Where(l => l.Length > 0 && l[0] != ' ' && !l.StartsWith("Frame ")).ToList();
        Assert.Equal(expected, top.Select(l => expected.FirstOrDefault(n => l.StartsWith(n)) ?? l).ToList());
        Assert.Equal(5, r.OutLines.Count(l => l.StartsWith("Frame ")));
    }

    [Fact]
    public void Hex_AloneGivesTsharkDumpLines()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-x", "-c", "1"]);
        Assert.Equal(0, r.Code);
        Assert.Equal(
            "0000  00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00   ..............E.\n" +
            "0010  00 3c af 12 40 00 40 06 8d a7 7f 00 00 01 7f 00   .<..@.@.........\n" +
            "0020  00 01 c4 38 1f 90 8d 39 60 52 00 00 00 00 a0 02   ...8...9`R......\n" +
            "0030  ff d7 fe 30 00 00 02 04 ff d7 04 02 08 0a d6 4a   ...0...........J\n" +
            "0040  55 3d 00 00 00 00 01 03 03 0a                     U=........\n" +
            "\n", r.Out);
    }

    [Fact]
    public void Hex_WithSummary_SummaryBlankLineThenDump()
    {
        var r = Run.Dissect(["read", Repo.Sample("dns-udp-tcp.pcap"), "-x", "-P", "-c", "2"]);
        var lines = r.Out.Split('\n');
        Assert.Matches(SummaryLine, lines[0]);
        Assert.Equal("", lines[1]);
        var dumpLine = new Regex(@"^[0-9a-f]{4}  ([0-9a-f]{2} ){15}[0-9a-f]{2}   .{16}$");
        Assert.Matches(dumpLine, lines[2]);
        // 99 bytes: 6 full lines and one of 3 bytes
        Assert.StartsWith("0060  ", lines[8]);
        Assert.Equal(4 + 2 + 16 * 3 - 1 + 3 + 3, lines[8].Length); // hex column padded, then 3 ASCII chars
        Assert.Equal("", lines[9]);
        Assert.Matches(SummaryLine, lines[10]);
    }

    [Fact]
    public void Hex_WithVerbose_TreeThenDump()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-V", "-x", "-c", "1"]);
        var lines = r.Out.Split('\n');
        int dump = Array.IndexOf(lines, lines.First(l => l.StartsWith("0000  ")));
        Assert.Equal("", lines[dump - 1]);
        Assert.StartsWith("Frame 1: ", lines[0]);
        Assert.EndsWith("U=........\n\n", r.Out);
    }

    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void Json_ParsesWithTsharkShapeAndNoDuplicateKeys(string sample)
    {
        var r = Run.Dissect(["read", Repo.Sample(sample), "-T", "json", "-c", "4"]);
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out, new JsonDocumentOptions { AllowDuplicateProperties = false });
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(4, doc.RootElement.GetArrayLength());
        int n = 1;
        foreach (var packet in doc.RootElement.EnumerateArray())
        {
            Assert.StartsWith("packets-2026-11-22", packet.GetProperty("_index").GetString());
            Assert.Equal("doc", packet.GetProperty("_type").GetString());
            Assert.Equal(JsonValueKind.Null, packet.GetProperty("_score").ValueKind);
            var layers = packet.GetProperty("_source").GetProperty("layers");
            var frame = layers.GetProperty("frame");
            Assert.Equal((n++).ToString(), frame.GetProperty("frame.number").GetString());
            Assert.Equal(JsonValueKind.String, frame.GetProperty("frame.time_epoch").ValueKind);
            Assert.True(layers.EnumerateObject().Count() >= 2, "frame and at least one more layer");
        }
    }

    [Fact]
    public void Json_TreesAndRepeatedKeys()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-T", "json", "-c", "1"]);
        using var doc = JsonDocument.Parse(r.Out);
        var layers = doc.RootElement[0].GetProperty("_source").GetProperty("layers");
        var ip = layers.GetProperty("ip");
        Assert.Equal("127.0.0.1", ip.GetProperty("ip.src").GetString());
        var tcp = layers.GetProperty("tcp");
        Assert.Equal("50232", tcp.GetProperty("tcp.srcport").GetString());
        Assert.Equal(JsonValueKind.Object, tcp.GetProperty("tcp.flags_tree").ValueKind);
        Assert.Equal("1", tcp.GetProperty("tcp.flags_tree").GetProperty("tcp.flags.syn").GetString());
        // tcp.port appears twice (source and destination): one array, as tshark --no-duplicate-keys
        var ports = tcp.GetProperty("tcp.port");
        Assert.Equal(JsonValueKind.Array, ports.ValueKind);
        Assert.Equal(["50232", "8080"], ports.EnumerateArray().Select(x => x.GetString()!).ToArray());
    }

    [Fact]
    public void Quiet_PrintsNothing()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-q"]);
        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("out.pcapng")]
    [InlineData("out.pcap")]
    public void Write_RoundTripsTheFramesRead(string name)
    {
        string dir = Directory.CreateTempSubdirectory("dissect-cli-").FullName;
        try
        {
            string path = Path.Combine(dir, name);
            var w = Run.Dissect(["read", Repo.Sample("ping-netns.pcapng"), "-c", "7", "-w", path]);
            Assert.Equal(0, w.Code);
            Assert.Equal("", w.Out); // -w alone prints nothing
            string[] args = ["-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "eth.src"];
            var back = Run.Dissect(["read", path, .. args]);
            var orig = Run.Dissect(["read", Repo.Sample("ping-netns.pcapng"), "-c", "7", .. args]);
            Assert.Equal(0, back.Code);
            Assert.Equal(7, back.OutLines.Length);
            Assert.Equal(orig.Out, back.Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Write_WithP_PrintsSummaryToo()
    {
        string dir = Directory.CreateTempSubdirectory("dissect-cli-").FullName;
        try
        {
            var w = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-c", "3", "-P", "-w", Path.Combine(dir, "x.pcap")]);
            Assert.Equal(0, w.Code);
            Assert.Equal(3, w.OutLines.Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
