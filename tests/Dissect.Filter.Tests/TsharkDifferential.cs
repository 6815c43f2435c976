using System.IO.Enumeration;
using System.Text;
using Dissect.Analysis;
using Dissect.Capture;
using Dissect.Core;
using Dissect.Dissectors;
using Xunit.Abstractions;

namespace Dissect.Filter.Tests;

/// <summary>
/// Runs every expression of tshark/expressions.txt over every capture of tshark/expected.tsv (samples-pcap/ and the
/// shared corpus) through the real pipeline (capture reader, built-in dissectors, flow analysis) and compares the
/// selected frame numbers with tshark 4.0.17's (expected.tsv, made by tshark/generate.sh).
/// An expression that uses a field Dissect lacks must be rejected by TryCompile with "unknown field" (never
/// silently false); those are listed in the output and their rows are not compared. An expression tshark rejects
/// must be rejected too. A divergence that is understood is listed in tshark/known-differences.tsv (expression TAB
/// capture TAB reason; the capture may be a glob such as "corpus/http/*" or "*", the expression "*" for all).
/// </summary>
public class TsharkDifferential(ITestOutputHelper output)
{
    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dissect.sln not found above " + AppContext.BaseDirectory);
    }

    static string CorpusRoot(string repo) =>
        Environment.GetEnvironmentVariable("DISSECT_CORPUS") is { Length: > 0 } c ? c : Path.Combine(repo, "..", "shared", "corpus");

    void Say(string line) { output.WriteLine(line); Console.WriteLine(line); }

    [Fact]
    public void Samples_FramesSelected_EqualTsharks() => Run(corpusPart: false);

    [Fact]
    public void Corpus_FramesSelected_EqualTsharks()
    {
        string corpus = CorpusRoot(RepoRoot());
        if (!Directory.Exists(corpus))
        {
            Say($"TsharkDifferential (corpus) DID NOT RUN: corpus not found at {Path.GetFullPath(corpus)} (set DISSECT_CORPUS). Only the samples-pcap part ran.");
            return;
        }
        Run(corpusPart: true);
    }

    sealed record Known(string Expression, string CapturePattern, string Reason)
    {
        public bool Covers(string expr, string capture) =>
            (Expression == "*" || Expression == expr) && FileSystemName.MatchesSimpleExpression(CapturePattern, capture, ignoreCase: false);
    }

    void Run(bool corpusPart)
    {
        string repo = RepoRoot();
        string corpus = CorpusRoot(repo);
        string here = Path.Combine(repo, "tests", "Dissect.Filter.Tests", "tshark");
        var expected = File.ReadAllLines(Path.Combine(here, "expected.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Where(p => p.Length == 3 && p[1].StartsWith("corpus/", StringComparison.Ordinal) == corpusPart)
            .ToList();
        Assert.NotEmpty(expected);
        var known = new List<Known>();
        foreach (var l in File.ReadAllLines(Path.Combine(here, "known-differences.tsv")))
            if (l.Length > 0 && !l.StartsWith('#') && l.Split('\t') is { Length: >= 3 } k) known.Add(new Known(k[0], k[1], k[2]));

        var tables = BuiltIn.CreateTables();
        var registry = tables.Registry;
        _ = new FlowAnalysis(registry); // registers tcp.analysis.*, tcp.completeness, udp.stream … before compiling
        var filters = new Dictionary<string, DisplayFilter>();
        var rejected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var tsharkRejects = expected.Where(e => e[2] == "ERROR").Select(e => e[0]).ToHashSet();
        foreach (var expr in expected.Select(e => e[0]).Distinct())
        {
            if (DisplayFilter.TryCompile(expr, registry, out var f, out var err)) filters[expr] = f!;
            else rejected[expr] = err!.Message;
        }
        foreach (var (expr, msg) in rejected)
            if (!tsharkRejects.Contains(expr) && !msg.StartsWith("unknown field", StringComparison.Ordinal))
                failures.Add($"{expr}: rejected for a reason other than a missing field: {msg}");
        foreach (var e in tsharkRejects)
            if (filters.ContainsKey(e)) failures.Add($"{e}: tshark rejects this filter but Dissect accepts it");

        int compared = 0, agreed = 0, knownCount = 0, captures = 0;
        var usedKnown = new HashSet<Known>();
        var differing = new List<string>();
        foreach (var group in expected.GroupBy(e => e[1]))
        {
            string capture = group.Key;
            string path = corpusPart ? Path.Combine(corpus, capture["corpus/".Length..]) : Path.Combine(repo, capture);
            if (!File.Exists(path)) { failures.Add($"{capture}: capture missing"); continue; }
            var rows = group.Where(r => filters.ContainsKey(r[0]) && r[2] != "ERROR").ToArray();
            var compiled = rows.Select(r => filters[r[0]]).ToArray();
            var got = rows.Select(_ => new StringBuilder()).ToArray();
            captures++;
            try
            {
                var engine = new Engine(tables);
                var ctx = engine.CreateContext();
                new FlowAnalysis(registry).Attach(ctx);
                using var src = CaptureFile.Open(path);
                while (src.TryRead(out var frame))
                {
                    engine.Dissect(frame, ctx);
                    for (int i = 0; i < rows.Length; i++)
                        if (compiled[i].Matches(ctx.Fields)) (got[i].Length > 0 ? got[i].Append(',') : got[i]).Append(frame.Number);
                }
            }
            catch (Exception e)
            {
                failures.Add($"{capture}: pipeline threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            for (int i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                compared++;
                string mine = got[i].ToString();
                if (mine == r[2]) { agreed++; continue; }
                var k = known.FirstOrDefault(k => k.Covers(r[0], capture));
                if (k is not null) { knownCount++; usedKnown.Add(k); continue; }
                differing.Add($"{r[0]}\t{capture}\ttshark={Trim(r[2])}\tdissect={Trim(mine)}");
            }
        }
        failures.AddRange(differing);
        foreach (var f in filters.Values.Where(f => f.RegexTimedOut))
            failures.Add($"{f.Normalized}: a regex timed out on real captures");

        string part = corpusPart ? "corpus" : "samples-pcap";
        var sb = new StringBuilder();
        sb.AppendLine($"TsharkDifferential ({part}): {agreed}/{compared} (expression, capture) pairs agree over {captures} captures " +
                      $"and {filters.Count} compiled expressions; {knownCount} known differences; {failures.Count} failures.");
        sb.AppendLine($"Rejected because Dissect lacks a field ({rejected.Count(r => !tsharkRejects.Contains(r.Key))}), their rows not compared:");
        foreach (var (expr, msg) in rejected.Where(r => !tsharkRejects.Contains(r.Key))) sb.AppendLine($"  {expr}    [{msg}]");
        var stale = known.Where(k => !usedKnown.Contains(k) && expected.Any(e => filters.ContainsKey(e[0]) && k.Covers(e[0], e[1]))).ToList();
        if (stale.Count > 0)
        {
            sb.AppendLine($"Known differences that no longer differ ({stale.Count}; remove them from known-differences.tsv):");
            foreach (var k in stale) sb.AppendLine($"  {k.Expression}\t{k.CapturePattern}");
        }
        foreach (var f in failures.Take(300)) sb.AppendLine("  FAIL " + f);
        Say(sb.ToString());
        Assert.True(failures.Count == 0, sb.ToString());
    }

    static string Trim(string s) => s.Length > 160 ? s[..160] + "…" : s;
}
