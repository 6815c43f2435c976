namespace Dissect.Conformance.Tests;

/// <summary>Finds the repository root, the shipped samples and the shared tshark corpus.</summary>
public static class Locations
{
    public static string RepoRoot { get; } = FindRepoRoot();

    static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dissect.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Samples => Path.Combine(RepoRoot, "samples-pcap");

    /// <summary>The shared corpus (../shared/corpus beside the repository, or $DISSECT_CORPUS), or null when absent.</summary>
    public static string? Corpus
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DISSECT_CORPUS");
            if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
            var p = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));
            return Directory.Exists(p) ? p : null;
        }
    }

    /// <summary>Every capture with a tshark reference beside it, below a folder.</summary>
    public static IEnumerable<string> CapturesWithReferences(string folder)
        => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".pcap") || f.EndsWith(".pcapng") || f.EndsWith(".cap")) && File.Exists(f + ".fields.tsv"))
            .OrderBy(f => f, StringComparer.Ordinal);
}
