using System.Text;
using Dissect.Analysis;
using Dissect.Capture;
using Dissect.Core;
using Dissect.Dissectors;
using Xunit.Abstractions;

namespace Dissect.Filter.Tests;

/// <summary>
/// Runs the expressions of tshark/expressions.txt through the real pipeline (capture reader, built-in dissectors,
/// flow analysis) and compares the selected frame numbers with tshark's (tshark/expected.tsv, made by
/// tshark/generate.sh). An expression that uses a field Dissect lacks must be rejected by TryCompile with
/// "unknown field" (never silently false); those are listed in the output. A divergence that is understood is
/// listed in tshark/known-differences.tsv (expression TAB capture TAB reason).
/// </summary>
public class TsharkDifferential(ITestOutputHelper output)
{
    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dissect.sln not found above " + AppContext.BaseDirectory);
    }

    void Say(string line) { output.WriteLine(line); Console.WriteLine(line); }

    [Fact]
    public void FramesSelected_EqualTsharks()
    {
        string repo = RepoRoot();
        string corpus = Environment.GetEnvironmentVariable("DISSECT_CORPUS") is { Length: > 0 } c ? c : Path.Combine(repo, "..", "shared", "corpus");
        string here = Path.Combine(repo, "tests", "Dissect.Filter.Tests", "tshark");
        if (!Directory.Exists(corpus))
        {
            Say($"TsharkDifferential DID NOT RUN: corpus not found at {corpus} (set DISSECT_CORPUS).");
            return;
        }
        var expected = File.ReadAllLines(Path.Combine(here, "expected.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Where(p => p.Length == 3)
            .ToList();
        Assert.NotEmpty(expected);
        var known = new Dictionary<(string, string), string>();
        var knownPath = Path.Combine(here, "known-differences.tsv");
        if (File.Exists(knownPath))
            foreach (var l in File.ReadAllLines(knownPath))
                if (l.Length > 0 && !l.StartsWith('#') && l.Split('\t') is { Length: >= 3 } k) known[(k[0], k[1])] = k[2];

        var tables = BuiltIn.CreateTables();
        var registry = tables.Registry;
        var filters = new Dictionary<string, DisplayFilter>();
        var rejected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var expr in expected.Select(e => e[0]).Distinct())
        {
            if (DisplayFilter.TryCompile(expr, registry, out var f, out var err)) filters[expr] = f!;
            else rejected[expr] = err!.Message;
        }
        foreach (var (expr, msg) in rejected)
        {
            bool tsharkRejects = expected.Any(e => e[0] == expr && e[2] == "ERROR");
            if (!tsharkRejects && !msg.StartsWith("unknown field", StringComparison.Ordinal))
                failures.Add($"{expr}: rejected for a reason other than a missing field: {msg}");
        }

        int compared = 0, agreed = 0, knownCount = 0;
        foreach (var group in expected.GroupBy(e => e[1]))
        {
            string capture = group.Key;
            string path = capture.StartsWith("corpus/", StringComparison.Ordinal)
                ? Path.Combine(corpus, capture["corpus/".Length..]) : Path.Combine(repo, capture);
            if (!File.Exists(path)) { failures.Add($"{capture}: capture missing"); continue; }
            var rows = group.Where(r => filters.ContainsKey(r[0]) && r[2] != "ERROR").ToList();
            var got = rows.ToDictionary(r => r[0], _ => new List<long>());
            try
            {
                var engine = new Engine(tables);
                var ctx = engine.CreateContext();
                new FlowAnalysis(registry).Attach(ctx);
                using var src = CaptureFile.Open(path);
                while (src.TryRead(out var frame))
                {
                    engine.Dissect(frame, ctx);
                    foreach (var r in rows)
                        if (filters[r[0]].Matches(ctx.Fields)) got[r[0]].Add(frame.Number);
                }
            }
            catch (Exception e)
            {
                failures.Add($"{capture}: pipeline threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            foreach (var r in rows)
            {
                compared++;
                string mine = string.Join(",", got[r[0]]);
                if (mine == r[2]) { agreed++; continue; }
                if (known.ContainsKey((r[0], capture))) { knownCount++; continue; }
                failures.Add($"{r[0]}\t{capture}\ttshark={Trim(r[2])}\tdissect={Trim(mine)}");
            }
        }
        foreach (var e in expected.Where(e => e[2] == "ERROR").Select(e => e[0]).Distinct())
            if (filters.ContainsKey(e)) failures.Add($"{e}: tshark rejects this filter but Dissect accepts it");

        var sb = new StringBuilder();
        sb.AppendLine($"TsharkDifferential: {agreed}/{compared} (expression, capture) pairs agree; {knownCount} known differences; {failures.Count} failures.");
        sb.AppendLine($"Rejected because Dissect lacks a field ({rejected.Count}):");
        foreach (var (expr, msg) in rejected) sb.AppendLine($"  {expr}    [{msg}]");
        foreach (var f in failures.Take(200)) sb.AppendLine("  FAIL " + f);
        Say(sb.ToString());
        Assert.True(failures.Count == 0, sb.ToString());
    }

    static string Trim(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
