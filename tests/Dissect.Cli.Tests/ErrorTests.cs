namespace Dissect.Cli.Tests;

/// <summary>Bad input: one "dissect: …" line on stderr, an exit code, never a stack trace.</summary>
public sealed class ErrorTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("dissect-cli-err-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static void AssertOneCleanLine(Run.Result r)
    {
        Assert.Single(r.ErrLines);
        Assert.StartsWith("dissect: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    [Fact]
    public void MissingFile_ExitCode2()
    {
        var r = Run.Dissect(["read", Path.Combine(_dir, "nope.pcap")]);
        Assert.Equal(2, r.Code);
        AssertOneCleanLine(r);
        Assert.Contains("nope.pcap", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void TextFile_ExitCode2()
    {
        string path = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(path, "hello, this is not a capture\n");
        var r = Run.Dissect(["-r", path]);
        Assert.Equal(2, r.Code);
        AssertOneCleanLine(r);
    }

    [Fact]
    public void EmptyFile_ExitCode2()
    {
        string path = Path.Combine(_dir, "empty.pcap");
        File.WriteAllBytes(path, []);
        var r = Run.Dissect(["read", path]);
        Assert.Equal(2, r.Code);
        AssertOneCleanLine(r);
    }

    [Fact]
    public void Directory_ExitCode2()
    {
        var r = Run.Dissect(["read", _dir]);
        Assert.Equal(2, r.Code);
        AssertOneCleanLine(r);
    }

    [Fact]
    public void TruncatedFile_PrintsEveryCompletePacket_ThenOneWarning_ExitCode2()
    {
        byte[] whole = File.ReadAllBytes(Repo.Sample("http-curl.pcap"));
        int cut = 5000;
        string path = Path.Combine(_dir, "cut.pcap");
        File.WriteAllBytes(path, whole[..cut]);
        // complete records in the first 5000 bytes (24-byte file header, 16-byte record headers)
        int complete = 0, pos = 24;
        while (pos + 16 <= cut)
        {
            int caplen = BitConverter.ToInt32(whole, pos + 8);
            if (pos + 16 + caplen > cut) break;
            complete++;
            pos += 16 + caplen;
        }
        Assert.True(complete > 10);

        var r = Run.Dissect(["read", path]);
        Assert.Equal(2, r.Code);
        Assert.Equal(complete, r.OutLines.Length);
        AssertOneCleanLine(r);
        Assert.Contains("cut short", r.Err);

        var f = Run.Dissect(["read", path, "-T", "fields", "-e", "frame.number"]);
        Assert.Equal(2, f.Code);
        Assert.Equal(complete.ToString(), f.OutLines[^1]);
    }

    [Fact]
    public void DisplayFilter_Unknown_ExitCode4WithCaret()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-Y", "tcp.prot == 80"]);
        Assert.Equal(4, r.Code);
        Assert.Equal("dissect: tcp.prot == 80\n^~~~~~~~\nunknown field \"tcp.prot\"; did you mean \"tcp.port\"?\n", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void DisplayFilter_SelectsTheSameFramesAsTshark()
    {
        // tshark -r http-curl.pcap -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e frame.number
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "-T", "fields", "-e", "frame.number"]);
        Assert.Equal(0, r.Code);
        Assert.Equal("1\n13\n30\n40\n58\n70\n", r.Out);
    }

    [Fact]
    public void BadOutputFormat_ExitCode1()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-T", "pdml"]);
        Assert.Equal(1, r.Code);
        AssertOneCleanLine(r);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-c", "abc")]
    [InlineData("-c", "0")]
    public void BadOptions_ExitCode1(params string[] extra)
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), .. extra]);
        Assert.Equal(1, r.Code);
        Assert.StartsWith("dissect: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void NoFile_ExitCode1()
    {
        var r = Run.Dissect([]);
        Assert.Equal(1, r.Code);
        AssertOneCleanLine(r);
    }

    [Fact]
    public void WriteToUnwritablePlace_ExitCode2()
    {
        var r = Run.Dissect(["read", Repo.Sample("http-curl.pcap"), "-w", Path.Combine(_dir, "no", "such", "dir", "x.pcap")]);
        Assert.Equal(2, r.Code);
        AssertOneCleanLine(r);
    }

    [Fact]
    public void Help_ExitCode0_MentionsExitCodes()
    {
        var r = Run.Dissect(["read", "--help"]);
        Assert.Equal(0, r.Code);
        Assert.Contains("Exit codes", r.Out);
        Assert.Contains("-T", r.Out);
    }
}
