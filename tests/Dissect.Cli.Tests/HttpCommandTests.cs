using System.Security.Cryptography;

namespace Dissect.Cli.Tests;

/// <summary>
/// `dissect follow http,…` and `dissect export-objects http DIR FILE` against tshark 4.0.17's output for the same
/// samples (tests/Dissect.Cli.Tests/http/README.md says how each reference was made).
/// </summary>
public class HttpCommandTests
{
    static string Ref(string name) => Path.Combine(Repo.Root, "tests", "Dissect.Cli.Tests", "http", name);

    [Theory]
    [InlineData("http-server.pcap", 0)]   // keep-alive: 5 GETs (html, two a.txt, PNG, JSON)
    [InlineData("http-server.pcap", 1)]   // HEAD then GET on one connection
    [InlineData("http-server.pcap", 3)]   // response without Content-Length, ended by the server's FIN
    [InlineData("http-server.pcap", 5)]   // Expect: 100-continue (node 0 is the sender of the first message: 100 Continue)
    [InlineData("http-server.pcap", 6)]   // two pipelined requests in one segment
    [InlineData("http-curl.pcap", 3)]     // chunked response: the body de-chunked
    public void FollowHttp_IsTsharksOutput(string sample, int stream)
    {
        var r = Run.Dissect("follow", $"http,ascii,{stream}", Repo.Sample(sample));
        Assert.Equal(0, r.Code);
        Assert.Equal(File.ReadAllText(Ref($"{Path.GetFileNameWithoutExtension(sample)}.follow-http-ascii-{stream}.txt")), r.Out);
    }

    [Fact]
    public void ExportObjects_WritesTsharksFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dissect-eo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = Run.Dissect("export-objects", "http", dir, Repo.Sample("http-server.pcap"));
            Assert.Equal(0, r.Code);
            var ours = Directory.GetFiles(dir).Select(p => Path.GetFileName(p) + "\t" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(p))))
                .Order(StringComparer.Ordinal).ToArray();
            var theirs = File.ReadAllLines(Ref("http-server.export-objects.tsv")).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(theirs, ours);
            Assert.Contains("15 object(s) written", r.Err);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("/docs/a.txt", "a.txt")]
    [InlineData("/", "%2f")]
    [InlineData("/pagead/ads?client=x&url=http%3A", "ads%3fclient=x&url=http%3A")]
    [InlineData("/a/..", "%2e%2e")]
    [InlineData("..", "%2e%2e")]
    [InlineData("/x/.", "%2e")]
    [InlineData("/evil\0name", "evil%00name")]
    [InlineData("/c:\\windows\\x", "c%3a%5cwindows%5cx")]
    [InlineData("/tab\there", "tab%09here")]
    public void ExportObjects_NamesNeverLeaveTheFolder(string uri, string expected)
    {
        var name = ExportObjectsCommand.SafeName(uri);
        Assert.Equal(expected, name);
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('\0', name);
    }

    [Fact]
    public void ExportObjects_DuplicateNamesAreNumberedBeforeTheExtension()
    {
        var used = new HashSet<string>();
        Assert.Equal(["a.txt", "a(1).txt", "a(2).txt", "echo", "echo(1)"],
            new[] { "a.txt", "a.txt", "a.txt", "echo", "echo" }.Select(n => ExportObjectsCommand.Unique(n, used)).ToArray());
    }

    [Fact]
    public void ExportObjects_OtherProtocolsAreRefused()
    {
        var r = Run.Dissect("export-objects", "smb", Path.GetTempPath(), Repo.Sample("http-server.pcap"));
        Assert.NotEqual(0, r.Code);
        Assert.Contains("only http", r.Err);
    }
}
