namespace Dissect.Cli.Tests;

public class FieldsCommandTests
{
    [Fact]
    public void FieldsTcp_ListsTcpSrcportInTsharkFormat()
    {
        var r = Run.Dissect(["fields", "tcp"]);
        Assert.Equal(0, r.Code);
        var lines = r.OutLines;
        Assert.Equal("P\tTransmission Control Protocol\ttcp", lines[0]);
        var srcport = lines.Single(l => l.Split('\t') is [_, _, "tcp.srcport", ..]);
        Assert.Equal(["F", "Source Port", "tcp.srcport", "FT_UINT16", "tcp", "BASE_DEC", "0x0"], srcport.Split('\t')[..7]);
        // only tcp: one protocol line, every field line names tcp as its protocol
        Assert.Single(lines, l => l.StartsWith("P\t"));
        Assert.All(lines.Skip(1), l => Assert.Equal("tcp", l.Split('\t')[4]));
        Assert.All(lines.Skip(1), l => Assert.Equal(8, l.Split('\t').Length));
    }

    [Fact]
    public void Fields_ListsEveryProtocolAndFrameFields()
    {
        var r = Run.Dissect(["fields"]);
        Assert.Equal(0, r.Code);
        var lines = r.OutLines;
        Assert.Contains("P\tFrame\tframe", lines);
        Assert.Contains(lines, l => l.StartsWith("F\tFrame Number\tframe.number\tFT_UINT32\tframe\tBASE_DEC\t0x0\t"));
        Assert.Contains(lines, l => l.StartsWith("F\tEpoch Time\tframe.time_epoch\tFT_ABSOLUTE_TIME\tframe\t\t0x0"));
        Assert.Contains(lines, l => l.StartsWith("P\t") && l.EndsWith("\tip"));
        Assert.True(lines.Count(l => l.StartsWith("F\t")) > 50);
        // bit fields show their mask; booleans their width as base (tshark: "Syn ... FT_BOOLEAN tcp 12 0x2")
        var syn = lines.Single(l => l.Split('\t') is [_, _, "tcp.flags.syn", ..]).Split('\t');
        Assert.Equal("FT_BOOLEAN", syn[3]);
        Assert.Equal("0x2", syn[6]);
    }

    [Fact]
    public void Fields_UnknownProtocol_IsExitCode1()
    {
        var r = Run.Dissect(["fields", "nosuchproto"]);
        Assert.Equal(1, r.Code);
        Assert.Single(r.ErrLines);
        Assert.StartsWith("dissect: ", r.Err);
    }
}

public class InfoCommandTests
{
    // Expected values are capinfos 4.0.17's for the shipped samples.
    public static TheoryData<string, string[]> Expected => new()
    {
        { "http-curl.pcap", [
            "File type:           Wireshark/tcpdump/... - pcap",
            "File encapsulation:  Ethernet",
            "File timestamp precision:  microseconds (6)",
            "Packet size limit:   file hdr: 262144 bytes",
            "Number of packets:   81",
            "File size:           9697 bytes",
            "Data size:           8377 bytes",
            "Capture duration:    1.116643 seconds",
            "First packet time:   2026-11-22 03:52:00.643018",
            "Last packet time:    2026-11-22 03:52:01.759661",
            "Data byte rate:      7501 bytes/s",
            "Data bit rate:       60 kbps",
            "Average packet size: 103.42 bytes",
            "Average packet rate: 72 packets/s",
            "Strict time order:   True"] },
        { "dns-udp-tcp.pcap", [
            "Number of packets:   38",
            "File size:           4225 bytes",
            "Data size:           3593 bytes",
            "Capture duration:    0.232099 seconds",
            "First packet time:   2026-11-22 03:52:08.989808",
            "Last packet time:    2026-11-22 03:52:09.221907",
            "Data byte rate:      15 kBps",
            "Data bit rate:       123 kbps",
            "Average packet size: 94.55 bytes",
            "Average packet rate: 163 packets/s"] },
        { "ping-netns.pcapng", [
            "File type:           Wireshark/... - pcapng",
            "File timestamp precision:  nanoseconds (9)",
            "Packet size limit:   file hdr: (not set)",
            "Number of packets:   35",
            "File size:           4684 bytes",
            "Data size:           3138 bytes",
            "Capture duration:    1.908733534 seconds",
            "First packet time:   2026-11-22 03:52:05.898442087",
            "Last packet time:    2026-11-22 03:52:07.807175621",
            "Data byte rate:      1644 bytes/s",
            "Data bit rate:       13 kbps",
            "Average packet size: 89.66 bytes",
            "Average packet rate: 18 packets/s",
            "Capture hardware:    Intel(R) Xeon(R) Processor (with SSE4.2)",
            "Capture application: Dumpcap (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)",
            "Number of interfaces in file: 1",
            "                     Name = veth1"] },
        { "tcp-nano-sll.pcap", [
            "File type:           Wireshark/tcpdump/... - nanosecond pcap",
            "File encapsulation:  Linux cooked-mode capture v2",
            "Number of packets:   16",
            "File size:           1538 bytes",
            "Data size:           1258 bytes",
            "Capture duration:    0.155548058 seconds",
            "First packet time:   2026-11-22 03:52:10.729713466",
            "Last packet time:    2026-11-22 03:52:10.885261524",
            "Data byte rate:      8087 bytes/s",
            "Data bit rate:       64 kbps",
            "Average packet size: 78.62 bytes",
            "Average packet rate: 102 packets/s"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Info_NumbersEqualCapinfos(string sample, string[] expectedLines)
    {
        var r = Run.Dissect(["info", Repo.Sample(sample)]);
        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Err);
        var lines = r.OutLines;
        Assert.Equal("File name:           " + Repo.Sample(sample), lines[0]);
        foreach (var line in expectedLines) Assert.Contains(line, lines);
    }

    [Fact]
    public void Info_SeveralFiles_BlankLineBetween_AndErrorsDoNotStopTheRest()
    {
        string missing = Path.Combine(Path.GetTempPath(), "dissect-no-such-file.pcap");
        var r = Run.Dissect(["info", Repo.Sample("http-curl.pcap"), missing, Repo.Sample("dns-udp-tcp.pcap")]);
        Assert.Equal(2, r.Code);
        Assert.Equal(2, r.OutLines.Count(l => l.StartsWith("File name:")));
        Assert.Single(r.OutLines, "");
        Assert.Single(r.ErrLines);
        Assert.Contains("dissect-no-such-file.pcap", r.Err);
    }

    [Theory]
    [InlineData(5, "", "", "5")]
    [InlineData(12345, "", "", "12 k")]
    [InlineData(9999, "bytes", "B", "9999 bytes")]
    [InlineData(10000, "bytes", "B", "10 kB")]
    [InlineData(60008, "bits/s", "bps", "60 kbps")]
    [InlineData(12_345_678, "bytes", "B", "12 MB")]
    public void SiSize_IsWiresharksFormatSize(long value, string small, string big, string expected)
        => Assert.Equal(expected, InfoCommand.SiSize(value, small, big));
}
