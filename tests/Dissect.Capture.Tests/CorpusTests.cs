using Xunit.Abstractions;
using System.Text;

namespace Dissect.Capture.Tests;

/// <summary>The shared capture corpus (../shared/corpus next to the repository, or $DISSECT_CORPUS).</summary>
static class Corpus
{
    public static string? Locate(out string tried)
    {
        string? env = Environment.GetEnvironmentVariable("DISSECT_CORPUS");
        if (!string.IsNullOrEmpty(env))
        {
            tried = env;
            return Directory.Exists(env) ? env : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) continue;
            tried = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
            return Directory.Exists(tried) ? tried : null;
        }
        tried = "(no Dissect.sln above " + AppContext.BaseDirectory + ")";
        return null;
    }

    public static IEnumerable<string> Captures(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".pcap", StringComparison.Ordinal) || p.EndsWith(".pcapng", StringComparison.Ordinal) || p.EndsWith(".cap", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>MANIFEST.tsv notes by relative path (empty when there is no manifest).</summary>
    public static Dictionary<string, string> Notes(string root)
    {
        var notes = new Dictionary<string, string>();
        string manifest = Path.Combine(root, "MANIFEST.tsv");
        if (!File.Exists(manifest)) return notes;
        var lines = File.ReadAllLines(manifest);
        int col = Array.IndexOf(lines[0].Split('\t'), "notes");
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            if (col >= 0 && col < cells.Length) notes[cells[0]] = cells[col];
        }
        return notes;
    }
}

public class CorpusTests(ITestOutputHelper output)
{
    /// <summary>Where we knowingly differ from the tshark 4.0.17 references: (file, frame, field) → reason.</summary>
    static readonly Dictionary<(string File, int Frame, string Field), string> KnownDivergences = new()
    {
        [("malformed/timestamp_invalid_nano.pcap", 3, "frame.time_epoch")] =
            "the nanosecond field is 0x80000000: tshark keeps it in a signed 32-bit int and prints the sign in front " +
            "(-1418145370.2147483648); Dissect keeps the unsigned field as written (1418145370.2147483648), as tcpdump does (\"10.2147483648 (invalid ns)\")",
    };

    [Fact]
    public void Corpus_FramesTimesAndLengths_MatchTshark()
    {
        string? root = Corpus.Locate(out string tried);
        if (root is null)
        {
            output.WriteLine($"NOT RUN: the capture corpus was not found (looked at {tried}; set DISSECT_CORPUS to its folder).");
            return;
        }
        var notes = Corpus.Notes(root);
        bool haveNotes = notes.Count > 0;   // without MANIFEST.tsv we cannot tell which files tshark read with an error
        if (!haveNotes) output.WriteLine("no MANIFEST.tsv: warnings are not compared");
        var problems = new List<string>();
        var known = new List<string>();
        int files = 0, frames = 0, rejected = 0;
        foreach (string path in Corpus.Captures(root))
        {
            string rel = Corpus.Relative(root, path);
            string tsv = path + ".fields.tsv";
            if (!File.Exists(tsv)) { problems.Add($"{rel}: no {Path.GetFileName(tsv)}"); continue; }
            files++;
            bool readerError = notes.TryGetValue(rel, out var note) && note.Contains("READER ERROR", StringComparison.Ordinal);
            var lines = File.ReadAllLines(tsv, Encoding.UTF8);

            IPacketSource src;
            try { src = CaptureFile.Open(path); }
            catch (CaptureFileException e)
            {
                rejected++;
                if (lines.Length > 1 || haveNotes && !readerError && lines.Length == 1) problems.Add($"{rel}: Open refused it ({e.Message}) but tshark read {Math.Max(0, lines.Length - 1)} frames");
                else output.WriteLine($"{rel}: refused like tshark: {e.Message}");
                continue;
            }
            using (src)
            {
                var r = Read.All(src);
                frames += r.Frames.Count;
                if (lines.Length == 0 || (lines.Length == 1 && readerError))
                {
                    // tshark refused the file outright (its reference is empty).
                    rejected++;
                    if (r.Frames.Count != 0 || r.Warning is null)
                        problems.Add($"{rel}: tshark refused the file, Dissect read {r.Frames.Count} frames with warning '{r.Warning ?? "(none)"}'");
                    else output.WriteLine($"{rel}: tshark refused it; Dissect stopped at once: {r.Warning}");
                    continue;
                }
                if (haveNotes && readerError != (r.Warning is not null))
                    problems.Add($"{rel}: tshark/capinfos {(readerError ? "reported a read error" : "read it cleanly")}, Dissect warning: '{r.Warning ?? "(none)"}'");
                else if (r.Warning is not null) output.WriteLine($"{rel}: warning as expected: {r.Warning}");

                var head = lines[0].Split('\t');
                int cNumber = Array.IndexOf(head, "frame.number"), cEpoch = Array.IndexOf(head, "frame.time_epoch");
                int cCap = Array.IndexOf(head, "frame.cap_len"), cLen = Array.IndexOf(head, "frame.len");
                int cProto = Array.IndexOf(head, "_ws.col.Protocol"), cInfo = Array.IndexOf(head, "_ws.col.Info");
                Assert.True(cNumber >= 0 && cEpoch >= 0 && cCap >= 0 && cLen >= 0, $"{rel}: reference lacks a frame column");

                int ours = 0;
                for (int i = 1; i < lines.Length; i++)
                {
                    var row = lines[i].Split('\t');
                    // tshark 4.0 turns pcapng Custom Blocks into records of their own; they are not packets.
                    if (cProto >= 0 && row[cProto] == "PCAPNG" && cInfo >= 0 && row[cInfo].StartsWith("Custom Block", StringComparison.Ordinal))
                    {
                        known.Add($"{rel}: tshark frame {row[cNumber]} is a pcapng Custom Block record, not a packet; Dissect skips the block (so later tshark frame numbers are higher than ours)");
                        continue;
                    }
                    if (ours >= r.Frames.Count)
                    {
                        problems.Add($"{rel}: tshark has frame {row[cNumber]}, Dissect stopped after {r.Frames.Count} ({r.Warning ?? "no warning"})");
                        break;
                    }
                    var f = r.Frames[ours];
                    ours++;
                    if (f.Number != ours) problems.Add($"{rel}: frame numbered {f.Number}, expected {ours}");
                    string epoch = r.HasTime[ours - 1] ? Read.Epoch(f.Time) : "";
                    Compare(rel, ours, "frame.time_epoch", row[cEpoch], epoch, problems, known);
                    Compare(rel, ours, "frame.cap_len", row[cCap], f.CapturedLength.ToString(), problems, known);
                    Compare(rel, ours, "frame.len", row[cLen], f.OriginalLength.ToString(), problems, known);
                    if (f.Data.Length != f.CapturedLength) problems.Add($"{rel}: frame {ours}: data length {f.Data.Length} != cap_len {f.CapturedLength}");
                }
                if (ours < r.Frames.Count)
                    problems.Add($"{rel}: Dissect read {r.Frames.Count} frames, tshark {ours}");
            }
        }
        output.WriteLine($"{files} captures, {frames} frames read, {rejected} refused; {known.Count} known divergences:");
        foreach (var k in known) output.WriteLine("  " + k);
        Assert.True(files > 0, $"no captures under {root}");
        Assert.True(problems.Count == 0, $"{problems.Count} disagreements with tshark:\n" + string.Join("\n", problems));
    }

    static void Compare(string file, int frame, string field, string expected, string actual, List<string> problems, List<string> known)
    {
        if (expected == actual) return;
        if (KnownDivergences.TryGetValue((file, frame, field), out var reason))
            known.Add($"{file}: frame {frame} {field}: tshark {expected}, Dissect {actual}: {reason}");
        else
            problems.Add($"{file}: frame {frame} {field}: tshark '{expected}', Dissect '{actual}'");
    }

    [Fact]
    public void Corpus_WellFormedPcaps_WriteBackByteIdentical()
    {
        string? root = Corpus.Locate(out string tried);
        if (root is null)
        {
            output.WriteLine($"NOT RUN: the capture corpus was not found (looked at {tried}; set DISSECT_CORPUS to its folder).");
            return;
        }
        var problems = new List<string>();
        int checkedFiles = 0;
        foreach (string path in Corpus.Captures(root))
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < 4 || !PcapFileHeader.TryParseMagic(bytes, out _, out _)) continue;
            byte[] written;
            string? warning;
            try { written = WriterTests.RoundTripPcap(bytes, out warning); }
            catch (CaptureFileException) { continue; }   // refused at open: nothing to write back
            string rel = Corpus.Relative(root, path);
            if (warning is not null) { output.WriteLine($"{rel}: not well formed, skipped ({warning})"); continue; }
            checkedFiles++;
            if (!written.AsSpan().SequenceEqual(bytes))
            {
                int at = 0;
                while (at < Math.Min(written.Length, bytes.Length) && written[at] == bytes[at]) at++;
                problems.Add($"{rel}: written copy differs at byte {at} (lengths {written.Length} and {bytes.Length})");
            }
        }
        output.WriteLine($"{checkedFiles} pcap files written back");
        Assert.True(checkedFiles > 0);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Corpus_PcapNg_WrittenAgainReadsBackEqual()
    {
        string? root = Corpus.Locate(out string tried);
        if (root is null)
        {
            output.WriteLine($"NOT RUN: the capture corpus was not found (looked at {tried}; set DISSECT_CORPUS to its folder).");
            return;
        }
        var problems = new List<string>();
        int checkedFiles = 0;
        foreach (string path in Corpus.Captures(root).Where(p => p.EndsWith(".pcapng", StringComparison.Ordinal)))
        {
            string rel = Corpus.Relative(root, path);
            IPacketSource src;
            try { src = CaptureFile.Open(path); }
            catch (CaptureFileException) { continue; }
            using (src)
            {
                var first = Read.All(src);
                var ms = new MemoryStream();
                using (var w = CaptureWriter.CreatePcapNg(ms, src.Interfaces))
                    for (int i = 0; i < first.Frames.Count; i++) w.Write(first.Frames[i], first.Comments[i]);
                var second = Read.All(ms.ToArray(), rel);
                using (second.Source)
                {
                    checkedFiles++;
                    if (second.Warning is not null) problems.Add($"{rel}: copy has warning {second.Warning}");
                    if (second.Frames.Count != first.Frames.Count) { problems.Add($"{rel}: {second.Frames.Count} frames back, {first.Frames.Count} written"); continue; }
                    for (int i = 0; i < first.Frames.Count; i++)
                    {
                        var (a, b) = (first.Frames[i], second.Frames[i]);
                        if (a.Time != b.Time || a.InterfaceId != b.InterfaceId || a.LinkType != b.LinkType || a.OriginalLength != b.OriginalLength
                            || !a.Data.Span.SequenceEqual(b.Data.Span) || first.Comments[i] != second.Comments[i])
                            problems.Add($"{rel}: frame {i + 1} differs after writing");
                    }
                    var (x, y) = (src.Interfaces, second.Source.Interfaces);
                    for (int i = 0; i < x.Count; i++)
                        if ((x[i].LinkType, x[i].SnapLength, x[i].Name, x[i].TicksPerSecond, x[i].TimestampOffsetSeconds) != (y[i].LinkType, y[i].SnapLength, y[i].Name, y[i].TicksPerSecond, y[i].TimestampOffsetSeconds))
                            problems.Add($"{rel}: interface {i} differs after writing");
                }
            }
        }
        output.WriteLine($"{checkedFiles} pcapng files rewritten");
        Assert.True(checkedFiles > 0);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
