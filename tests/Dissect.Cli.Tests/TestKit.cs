using System.Text;
using Dissect.Cli;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Dissect.Cli.Tests;

/// <summary>Runs the dissect command line in-process with captured stdout/stderr.</summary>
public static class Run
{
    public sealed record Result(int Code, string Out, string Err)
    {
        public string[] OutLines => Out.Length == 0 ? [] : Out.TrimEnd('\n').Split('\n');
        public string[] ErrLines => Err.Length == 0 ? [] : Err.TrimEnd('\n').Split('\n');
    }

    public static Result Dissect(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = Cli.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Where the repository's files are.</summary>
public static class Repo
{
    static readonly Lazy<string> RootDir = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dissect.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDir.Value;
    public static string Sample(string name) => Path.Combine(Root, "samples-pcap", name);
    public static string GoldenDir => Path.Combine(Root, "tests", "Dissect.Cli.Tests", "golden");

    public static readonly string[] Samples = ["http-curl.pcap", "dns-udp-tcp.pcap", "ping-netns.pcapng", "tcp-nano-sll.pcap"];

    public static TheoryData<string> SampleData()
    {
        var d = new TheoryData<string>();
        foreach (var s in Samples) d.Add(s);
        return d;
    }
}

/// <summary>A tshark reference table (&lt;capture&gt;.fields.tsv): a header line of field names, one row per frame.</summary>
public sealed class Reference
{
    public Reference(string capture)
    {
        var lines = File.ReadAllText(Repo.Sample(capture) + ".fields.tsv").Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        Header = lines[0].Split('\t');
        Rows = lines.Skip(1).Select(l => l.Split('\t')).ToArray();
    }

    public string[] Header { get; }
    public string[][] Rows { get; }
    public int Column(string field) => Array.IndexOf(Header, field) is var i and >= 0 ? i : throw new ArgumentException(field);
    public string Value(int frameIndex, string field) => Rows[frameIndex][Column(field)];
}

/// <summary>Golden text files under tests/Dissect.Cli.Tests/golden (LF line ends). UPDATE_GOLDEN=1 rewrites them.</summary>
public static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void Assert(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        string path = Path.Combine(Repo.GoldenDir, name);
        if (Updating)
        {
            Directory.CreateDirectory(Repo.GoldenDir);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        if (!File.Exists(path))
            Xunit.Assert.Fail($"golden file {name} is missing: run the tests with UPDATE_GOLDEN=1 to create it, then review it");
        string expected = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int n = 0;
        while (n < e.Length && n < a.Length && e[n] == a[n]) n++;
        Xunit.Assert.Fail($"{name} differs from the golden file at line {n + 1}:\n" +
                          $"  expected: {(n < e.Length ? e[n] : "<end of file>")}\n" +
                          $"  actual:   {(n < a.Length ? a[n] : "<end of output>")}\n" +
                          "(UPDATE_GOLDEN=1 rewrites the golden files; review the diff)");
    }
}
