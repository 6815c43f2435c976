namespace Dissect.Cli.Tests;

/// <summary>-T fields with -E options and the _ws.col.* columns.</summary>
public class FieldsOutputTests
{
    static Run.Result Fields(string sample, params string[] more)
        => Run.Dissect(["read", Repo.Sample(sample), "-T", "fields", .. more]);

    /// <summary>The link, network and transport layers set tshark's Protocol and Info columns (application
    /// protocols and request/response links come from other dissectors): compare those frames.</summary>
    [Theory]
    [InlineData("tcp-nano-sll.pcap", new[] { 1, 2, 3, 5, 7, 10, 13, 14, 15, 16 })]
    [InlineData("ping-netns.pcapng", new[] { 2, 3, 4, 10, 11, 12, 24, 25, 33, 34, 35 })]
    [InlineData("http-curl.pcap", new[] { 1, 2, 3, 5, 7, 9, 10, 11, 12 })]
    public void ColumnFields_EqualTsharkProtocolAndInfo(string sample, int[] frames)
    {
        var r = Fields(sample, "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
        Assert.Equal(0, r.Code);
        var reference = new Reference(sample);
        var lines = r.OutLines;
        Assert.Equal(reference.Rows.Length, lines.Length);
        foreach (int frame in frames)
        {
            int i = frame - 1;
            string expected = reference.Value(i, "_ws.col.Protocol") + "\t" + reference.Value(i, "_ws.col.Info");
            Assert.True(expected == lines[i], $"{sample} frame {frame}:\n  tshark: {expected}\n  ours:   {lines[i]}");
        }
    }

    [Fact]
    public void ColumnFields_NumberTimeLengthAndAddresses()
    {
        var r = Fields("ping-netns.pcapng", "-e", "_ws.col.No.", "-e", "_ws.col.Time", "-e", "_ws.col.Length",
                       "-e", "_ws.col.Source", "-e", "_ws.col.Destination", "-c", "4");
        Assert.Equal(0, r.Code);
        Assert.Equal("1\t0.000000000\t90\tfe80::ff:fe00:2\tff02::16", r.OutLines[0]);
        Assert.Equal("2\t0.259254061\t42\t02:00:00:00:00:01\tBroadcast", r.OutLines[1]);
        Assert.Equal("4\t0.259275498\t98\t10.99.0.1\t10.99.0.2", r.OutLines[3]);
    }

    [Fact]
    public void Separator_Quote_Header()
    {
        var r = Fields("ping-netns.pcapng", "-e", "frame.number", "-e", "ip.src", "-e", "ipv6.src",
                       "-E", "separator=,", "-E", "quote=d", "-E", "header=y", "-c", "2");
        Assert.Equal(0, r.Code);
        // tshark quotes values, not the header nor empty fields
        Assert.Equal(["frame.number,ip.src,ipv6.src", "\"1\",,\"fe80::ff:fe00:2\"", "\"2\",,"], r.OutLines);
        var s = Fields("http-curl.pcap", "-e", "frame.number", "-e", "frame.len", "-E", "separator=/s", "-E", "quote=s", "-c", "1");
        Assert.Equal("'1' '74'", s.OutLines[0]);
    }

    [Fact]
    public void Occurrence_And_Aggregator_OnTheIcmpErrorFrame()
    {
        // frame 33 is an ICMP port unreachable quoting the UDP datagram: two ip.src values (outer, quoted)
        string[] frame33 = ["-e", "ip.src", "-c", "33"];
        Assert.Equal("10.99.0.2,10.99.0.1", Fields("ping-netns.pcapng", frame33).OutLines[32]);
        Assert.Equal("10.99.0.2", Fields("ping-netns.pcapng", [.. frame33, "-E", "occurrence=f"]).OutLines[32]);
        Assert.Equal("10.99.0.1", Fields("ping-netns.pcapng", [.. frame33, "-E", "occurrence=l"]).OutLines[32]);
        Assert.Equal("10.99.0.2 10.99.0.1", Fields("ping-netns.pcapng", [.. frame33, "-E", "aggregator=/s"]).OutLines[32]);
        Assert.Equal("10.99.0.2;10.99.0.1", Fields("ping-netns.pcapng", [.. frame33, "-E", "aggregator=;"]).OutLines[32]);
    }

    [Fact]
    public void FrameTime_IsTsharkDateText()
    {
        var r = Fields("http-curl.pcap", "-e", "frame.time", "-e", "frame.time_relative", "-e", "frame.time_delta", "-c", "2");
        Assert.Equal("Nov 22, 2026 03:52:00.643018000 UTC\t0.000000000\t0.000000000", r.OutLines[0]);
        Assert.Equal("Nov 22, 2026 03:52:00.643039000 UTC\t0.000021000\t0.000021000", r.OutLines[1]);
    }

    [Theory]
    [InlineData("header=maybe", "header")]
    [InlineData("quote=x", "quote")]
    [InlineData("occurrence=2", "occurrence")]
    [InlineData("separator=", "separator")]
    [InlineData("nonsense=1", "nonsense")]
    public void BadDashE_IsExitCode1(string option, string name)
    {
        var r = Fields("http-curl.pcap", "-e", "frame.number", "-E", option);
        Assert.Equal(1, r.Code);
        Assert.Equal($"dissect: \"{name}\" is not a valid field output option=value pair.", r.Err.TrimEnd('\n'));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void UnknownField_IsTsharkMessageAndExitCode1()
    {
        var r = Fields("http-curl.pcap", "-e", "frame.number", "-e", "foo.bar");
        Assert.Equal(1, r.Code);
        Assert.Equal("dissect: Some fields aren't valid: foo.bar", r.Err.TrimEnd('\n'));
        Assert.Equal("", r.Out);
        var two = Fields("http-curl.pcap", "-e", "zz.top", "-e", "foo.bar");
        Assert.Equal("dissect: Some fields aren't valid: foo.bar, zz.top", two.Err.TrimEnd('\n'));
    }

    [Fact]
    public void DashE_WithoutTFields_AndTFieldsWithoutDashE_AreErrors()
    {
        var a = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-e", "frame.number"]);
        Assert.Equal(1, a.Code);
        Assert.Single(a.ErrLines);
        var b = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-T", "fields"]);
        Assert.Equal(1, b.Code);
        Assert.Single(b.ErrLines);
    }

    /// <summary>The summary (and -T fields with only _ws.col.*) records no fields; the columns must not depend on
    /// that: every frame's Protocol and Info are the same with everything recorded.</summary>
    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void Columns_DoNotDependOnTheFieldSelection(string sample)
    {
        using var all = Pipeline.Open(Repo.Sample(sample), new PipelineOptions { WantColumns = true });
        using var none = Pipeline.Open(Repo.Sample(sample), new PipelineOptions { Fields = [], WantColumns = true });
        while (all.MoveNext())
        {
            Assert.True(none.MoveNext());
            Assert.Equal(0, none.Fields.Count);
            Assert.Equal(all.Columns.Protocol, none.Columns.Protocol);
            Assert.Equal(all.Columns.Info.ToString(), none.Columns.Info.ToString());
            Assert.Equal(all.Columns.Source, none.Columns.Source);
            Assert.Equal(all.Columns.Destination, none.Columns.Destination);
        }
        Assert.False(none.MoveNext());
    }

    [Fact]
    public void Pipeline_ReadValues_GivesTheSameTextAsTheCommand()
    {
        string[] fields = ["frame.number", "frame.len", "eth.src", "ip.dst", "tcp.dstport", "_ws.col.Protocol"];
        var rows = Pipeline.ReadValues(Repo.Sample("http-curl.pcap"), fields).Select(r => string.Join('\t', r)).ToArray();
        var cmd = Fields("http-curl.pcap", fields.SelectMany(f => new[] { "-e", f }).ToArray());
        Assert.Equal(81, rows.Length);
        Assert.Equal(cmd.OutLines, rows);
    }
}
