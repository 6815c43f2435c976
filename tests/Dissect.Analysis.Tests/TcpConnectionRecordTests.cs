using Dissect.Analysis.Statistics;
using Dissect.Analysis.Tcp;
using Dissect.Capture;
using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors;
using Xunit.Abstractions;

namespace Dissect.Analysis.Tests;

/// <summary>The compact per-connection record of `stats tcp`: exact counters, an RTT summary whose p50/p99 are exact
/// up to 8 samples and within the stated bound past that, a size that does not grow with the connection, and a
/// report that does not change when the analysis state of closed connections is forgotten.</summary>
public class TcpConnectionRecordTests
{
    readonly ITestOutputHelper _out;
    public TcpConnectionRecordTests(ITestOutputHelper output) { _out = output; }

    static long ExactPercentile(List<long> values, double p)
    {
        var sorted = values.Order().ToList();
        int idx = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(idx, 0, sorted.Count - 1)];
    }

    [Fact]
    public void RttSummary_UpToEightSamples_PercentilesAreExact()
    {
        long[] samples = [5_000_000, 120_000, 40_000_000, 120_000, 7, 3_300_000, 980_000, 41_000];
        var r = new RttSummary();
        var seen = new List<long>();
        foreach (var s in samples)
        {
            r.Add(s); seen.Add(s);
            foreach (double p in new[] { 0.0, 25, 50, 90, 99, 100 })
                Assert.Equal(ExactPercentile(seen, p), r.Percentile(p));
            Assert.False(r.Approximate);
            Assert.Equal(0, r.RelativeErrorBound);
        }
    }

    [Fact]
    public void RttSummary_CountMinMaxMeanStdev_AreExactPastTheSketch()
    {
        var rng = new Random(7);
        var r = new RttSummary();
        var all = new List<long>();
        for (int i = 0; i < 5000; i++) { long v = 50_000 + rng.Next(0, 20_000_000); r.Add(v); all.Add(v); }
        Assert.True(r.Approximate);
        Assert.Equal(all.Count, r.Count);
        Assert.Equal(all.Min(), r.MinNs);
        Assert.Equal(all.Max(), r.MaxNs);
        double mean = all.Average();
        double sd = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / (all.Count - 1));
        Assert.Equal(mean, r.MeanNs, 1e-6 * mean);
        Assert.Equal(sd, r.StdevNs, 1e-6 * sd);
    }

    /// <summary>Spread (max/min) of densely spread samples → the bound RttSummary documents: 1% up to 128 occupied
    /// buckets of 2% (12x), then twice the bound per merge.</summary>
    [Theory]
    [InlineData(1, 100_000, 3.4, 0.0100)]
    [InlineData(2, 1_000_000, 11.5, 0.0100)]
    [InlineData(3, 200_000, 150, 0.0199)]
    [InlineData(4, 2_000, 20_000, 0.0397)]
    [InlineData(5, 30_000, 1e9, 0.16)]
    public void RttSummary_ManySamples_PercentilesWithinTheStatedBound(int seed, long minNs, double spread, double bound)
    {
        var rng = new Random(seed);
        foreach (int n in new[] { 9, 50, 1000, 100_000 })
        {
            var r = new RttSummary();
            var all = new List<long>(n);
            for (int i = 0; i < n; i++)
            {
                // log-uniform over [min, min * spread], with a cluster at the low end (delayed-ACK-like bimodal)
                double u = i % 3 == 0 ? rng.NextDouble() * 0.05 : rng.NextDouble();
                long v = (long)(minNs * Math.Pow(spread, u));
                r.Add(v); all.Add(v);
            }
            Assert.True(r.RelativeErrorBound <= bound, $"n={n}: bound {r.RelativeErrorBound} > {bound}");
            foreach (double p in new[] { 1.0, 50, 90, 99, 100 })
            {
                long exact = ExactPercentile(all, p), est = r.Percentile(p);
                Assert.True(Math.Abs(est - exact) <= r.RelativeErrorBound * exact + 1,
                    $"n={n} p{p}: estimate {est} vs exact {exact} (bound {r.RelativeErrorBound:P2})");
            }
        }
    }

    [Fact]
    public void RttSummary_ZeroAndHugeValues_NeverThrow()
    {
        var r = new RttSummary();
        foreach (var v in new long[] { 0, 0, 1, long.MaxValue / 2, 3, 0, 5, 7, 9, 11, 1_000_000_000_000, 0, 2 }) r.Add(v);
        Assert.Equal(0, r.Percentile(0));
        Assert.InRange(r.Percentile(100), 1_000_000_000_000, long.MaxValue / 2);
    }

    [Fact]
    public void RttSummary_SizeDoesNotGrowWithSamples()
    {
        var r = new RttSummary();
        // Values spread over 5000x fill the sketch to its largest size (128 buckets) and merge once or more...
        for (int i = 0; i < 1_000_000; i++) r.Add(1000 + (i * 7919L) % 5_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        // ...after which no sample allocates, however many come.
        for (int i = 0; i < 1_000_000; i++) r.Add(1000 + (i * 104729L) % 5_000_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(r.Approximate);
    }

    [Fact]
    public void Record_ShortConnection_CostsUnderOneKiB()
    {
        const int n = 20_000;
        var keep = new TcpConnectionRecord[n];
        var a = Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.IPv4, [10, 0, 0, 1]);
        var b = Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.IPv4, [172, 16, 0, 1]);
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        long before = GC.GetTotalMemory(true);
        for (int i = 0; i < n; i++)
        {
            var key = new FlowKey(a, (ushort)(1024 + i), b, 80, out bool aFirst);
            var rec = new TcpConnectionRecord((uint)i, key, aFirst, new Timestamp(1, 0), i);
            for (int k = 0; k < 5; k++) rec.Rtt.Add(100_000 + k);
            foreach (char c in "ShADadFf") rec.AddHistory(c);
            keep[i] = rec;
        }
        long per = (GC.GetTotalMemory(true) - before) / n;
        GC.KeepAlive(keep);
        _out.WriteLine($"retained bytes per short-connection record: {per}");
        Assert.InRange(per, 1, 1024);
    }

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dissect.sln not found above the test binaries");
    }

    static string? CorpusDir()
    {
        var env = Environment.GetEnvironmentVariable("DISSECT_CORPUS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var beside = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpus"));
        return Directory.Exists(beside) ? beside : null;
    }

    /// <summary>`stats tcp`'s report (JSON) of one capture, with closed conversations' analysis state forgotten at
    /// every segment (sweep) or never.</summary>
    static (string Json, int Connections, int Live) Report(string path, bool forget)
    {
        IPacketSource src;
        try { src = CaptureFile.Open(path); }
        catch (CaptureFileException) { return ("", 0, 0); }   // the corpus's unreadable files (malformed/)
        return Report(src, forget);
    }

    static (string Json, int Connections, int Live) Report(IPacketSource src, bool forget)
    {
        var (engine, analysis, ctx) = Attached.Make([]);
        analysis.Tcp.RetainAll = true;
        if (forget) analysis.Tcp.SweepEverySegments = 1;
        else analysis.Tcp.EvictAfterNs = long.MaxValue;
        using var _ = src as IDisposable;
        Timestamp? first = null;
        while (src.TryRead(out var frame))
        {
            first ??= frame.Time;
            engine.Dissect(frame, ctx);
        }
        var list = TcpConnectionReport.Build(analysis, first ?? default);
        return (TcpConnectionReport.RenderJson(list), list.Count, analysis.Tcp.LiveConversations);
    }

    [Fact]
    public void Report_SameWhetherClosedConnectionsAreForgottenOrNot_SamplesAndCorpus()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "samples-pcap")).Where(f => f.EndsWith(".pcap") || f.EndsWith(".pcapng")).Order().ToList();
        var corpus = CorpusDir();
        if (corpus is null) _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part did not run");
        else files.AddRange(Directory.GetFiles(corpus, "*.pcap*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pcap") || f.EndsWith(".pcapng")).Order());
        int withTcp = 0, connections = 0, forgotten = 0;
        var differ = new List<string>();
        foreach (var f in files)
        {
            var keep = Report(f, forget: false);
            var drop = Report(f, forget: true);
            if (keep.Connections == 0) continue;
            withTcp++; connections += keep.Connections;
            forgotten += keep.Live - drop.Live;
            if (keep.Json != drop.Json) differ.Add(Path.GetFileName(f));
        }
        _out.WriteLine($"{withTcp} captures with TCP, {connections} connections, {forgotten} conversations' analysis state forgotten; reports differing: {differ.Count} {string.Join(", ", differ)}");
        Assert.True(withTcp > 0);
        // A segment more than 120 s (EvictAfterNs) after a connection closed would open a new stream where the
        // retained analysis reuses the old one; no sample or corpus capture has one.
        Assert.Empty(differ);
    }

    /// <summary>http-curl.pcap repeated 30 times, 200 s apart, each time from another client address (as
    /// bench/MakeCapture does): the analysis state of the earlier repetitions' closed connections is forgotten while
    /// their records stay, and the report is byte-identical to the one of an analysis that forgets nothing.</summary>
    [Fact]
    public void Report_ForgottenConnectionsKeepTheirRecords_SameReport()
    {
        var bytes = RepeatedHttpCurl(30);
        var keep = Report(CaptureFile.Open(bytes, "repeated"), forget: false);
        var drop = Report(CaptureFile.Open(bytes, "repeated"), forget: true);
        _out.WriteLine($"{keep.Connections} connections; conversations held at the end: {keep.Live} when nothing is forgotten, {drop.Live} when closed ones are");
        Assert.True(keep.Connections >= 30);
        Assert.Equal(keep.Connections, keep.Live);
        Assert.True(drop.Live <= keep.Connections / 30, "closed connections of earlier repetitions should be forgotten");
        Assert.Equal(keep.Json, drop.Json);
    }

    /// <summary>stats tcp gives each record back once written, and later connections reuse it: on the repeated
    /// http-curl capture (30 times, 200 s apart, so earlier connections are forgotten) the text is the same as the
    /// report of every kept record.</summary>
    [Fact]
    public void WrittenRecordsReused_SameReport()
    {
        var bytes = RepeatedHttpCurl(30);
        var reused = Streamed(CaptureFile.Open(bytes, "repeated"), forget: true, reuse: true);
        var kept = KeptRecords(CaptureFile.Open(bytes, "repeated"));
        _out.WriteLine($"{reused.Records} connections written; records reused: {reused.Reused}");
        Assert.True(reused.Reused >= 20, $"written records should serve later connections (reused {reused.Reused})");
        Assert.Equal(TcpConnectionReport.RenderText(kept.Records, kept.Start), reused.Text);
        Assert.Contains("limited by: ", reused.Text);
    }

    /// <summary>The repeated http-curl capture (30 times, 200 s apart) dissected frame by frame with every TCP field:
    /// the same values whether forgotten conversations are reused for new connections (no report keeps their
    /// records) or nothing is forgotten at all.</summary>
    [Fact]
    public void ReusedConversations_SameFieldsAsFreshOnes()
    {
        var bytes = RepeatedHttpCurl(30);
        var fresh = TcpFieldsPerFrame(CaptureFile.Open(bytes, "repeated"), forget: false, out _);
        var reused = TcpFieldsPerFrame(CaptureFile.Open(bytes, "repeated"), forget: true, out long recycled);
        _out.WriteLine($"{fresh.Count} frames; conversations reused: {recycled}");
        Assert.True(recycled >= 20, $"forgotten conversations should serve later ones (reused {recycled})");
        Assert.Equal(fresh.Count, reused.Count);
        for (int i = 0; i < fresh.Count; i++) Assert.Equal(fresh[i], reused[i]);
        Assert.Contains(fresh, l => l.Contains("tcp.analysis.acks_frame"));
    }

    static List<string> TcpFieldsPerFrame(IPacketSource src, bool forget, out long recycled)
    {
        var (engine, analysis, ctx) = Attached.Make();
        if (forget) analysis.Tcp.SweepEverySegments = 1;
        else analysis.Tcp.EvictAfterNs = long.MaxValue;
        var lines = new List<string>();
        using var _ = src as IDisposable;
        while (src.TryRead(out var frame))
        {
            engine.Dissect(frame, ctx);
            var sb = new System.Text.StringBuilder();
            var f = ctx.Fields;
            for (int i = 0; i < f.Count; i++)
            {
                ref readonly var e = ref f[i];
                if (!e.Field.Abbrev.StartsWith("tcp.", StringComparison.Ordinal)) continue;
                sb.Append(e.Field.Abbrev).Append('=').Append(e.Value).Append(';');
            }
            lines.Add(sb.ToString());
        }
        recycled = analysis.Tcp.RecycledConversations;
        return lines;
    }

    static byte[] RepeatedHttpCurl(int times)
    {
        var frames = new List<Frame>();
        using (var sample = CaptureFile.Open(Path.Combine(RepoRoot(), "samples-pcap", "http-curl.pcap")))
            while (sample.TryRead(out var f)) frames.Add(new Frame(f.Number, f.Time, f.CapturedLength, f.OriginalLength, f.LinkType, 0, -1, f.Data.ToArray()));
        var ms = new MemoryStream();
        using (var w = CaptureWriter.CreatePcap(ms, 1))
        {
            long n = 0;
            for (int rep = 0; rep < times; rep++)
                foreach (var f in frames)
                {
                    var b = f.Data.ToArray();
                    // Ethernet + IPv4: the loopback client 127.0.0.1 becomes 127.0.1.rep (checksums are not checked).
                    for (int at = 26; at <= 30; at += 4)
                        if (b.Length >= at + 4 && b[at] == 127 && b[at + 3] == 1 && (b[at + 1] | b[at + 2]) == 0) { b[at + 2] = 1; b[at + 3] = (byte)(2 + rep); }
                    var t = Timestamp.FromNanoseconds(f.Time.Seconds * 1_000_000_000L + f.Time.Nanoseconds + rep * 200_000_000_000L);
                    w.Write(new Frame(++n, t, b.Length, f.OriginalLength, 1, 0, -1, b));
                }
            w.Flush();
        }
        return ms.ToArray();
    }

    /// <summary>stats tcp written as connections end (records handed over on eviction, port reuse and at the end,
    /// reordered by stream) is the same text and JSON as the report built from every kept record.</summary>
    /// <remarks>With <paramref name="reuse"/> only the text is written, and each written record is given back to
    /// the analysis for later connections (as stats tcp does).</remarks>
    static (string Text, string Json, int MaxWaiting, int Records, long Reused) Streamed(string file, bool forget, bool reuse = false)
        => Streamed(CaptureFile.Open(file), forget, reuse);

    static (string Text, string Json, int MaxWaiting, int Records, long Reused) Streamed(IPacketSource src, bool forget, bool reuse)
    {
        var (engine, analysis, ctx) = Attached.Make([]);
        var text = new StringWriter { NewLine = "\n" };
        var json = new StringWriter { NewLine = "\n" };
        var wt = new TcpConnectionReport.StreamingWriter(text, json: false);
        var wj = new TcpConnectionReport.StreamingWriter(json, json: true);
        int records = 0;
        if (reuse)
        {
            wt.Release = analysis.Tcp.Reuse;
            analysis.Tcp.RecordDone = r => { records++; wt.Add(r); };
        }
        else analysis.Tcp.RecordDone = r => { records++; wt.Add(r); wj.Add(r); };
        if (forget) analysis.Tcp.SweepEverySegments = 1;
        using var _ = src as IDisposable;
        bool first = true;
        while (src.TryRead(out var frame))
        {
            if (first) { wt.CaptureStart = wj.CaptureStart = frame.Time; first = false; }
            engine.Dissect(frame, ctx);
        }
        analysis.Tcp.Finish();
        wt.Finish();
        if (!reuse) wj.Finish();
        return (text.ToString(), json.ToString(), Math.Max(wt.MaxWaiting, wj.MaxWaiting), records, analysis.Tcp.ReusedRecords);
    }

    [Fact]
    public void StreamedReport_SameAsKeptRecords_SamplesAndCorpus()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "samples-pcap")).Where(f => f.EndsWith(".pcap") || f.EndsWith(".pcapng")).Order().ToList();
        var corpus = CorpusDir();
        if (corpus is null) _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part did not run");
        else files.AddRange(Directory.GetFiles(corpus, "*.pcap*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pcap") || f.EndsWith(".pcapng")).Order());
        int compared = 0, maxWaiting = 0;
        long reusedRecords = 0;
        foreach (var f in files)
        {
            var kept = Report(f, forget: false);
            if (kept.Connections == 0) continue;
            foreach (bool forget in new[] { false, true })
            {
                var s = Streamed(f, forget);
                Assert.Equal(kept.Connections, s.Records);
                Assert.Equal(kept.Json, s.Json);
                var (records, start) = KeptRecords(f);
                var keptText = TcpConnectionReport.RenderText(records, start);
                Assert.Equal(keptText, s.Text);
                // Records given back after writing and reused by later connections: still the same report.
                var reused = Streamed(f, forget, reuse: true);
                Assert.Equal(keptText, reused.Text);
                reusedRecords += reused.Reused;
                maxWaiting = Math.Max(maxWaiting, s.MaxWaiting);
            }
            compared++;
        }
        _out.WriteLine($"{compared} captures with TCP: streamed report identical (text and JSON, with and without forgetting, with records reused); most records waiting at once: {maxWaiting}; records reused: {reusedRecords}");
        Assert.True(compared >= 10);
        Assert.True(reusedRecords > 0, "no record was given back and reused: the reuse path was not exercised");
    }

    static (IReadOnlyList<TcpConnectionRecord> Records, Timestamp Start) KeptRecords(string file) => KeptRecords(CaptureFile.Open(file));

    static (IReadOnlyList<TcpConnectionRecord> Records, Timestamp Start) KeptRecords(IPacketSource src)
    {
        var (engine, analysis, ctx) = Attached.Make([]);
        analysis.Tcp.RetainAll = true;
        analysis.Tcp.EvictAfterNs = long.MaxValue;
        using var _ = src as IDisposable;
        Timestamp? first = null;
        while (src.TryRead(out var frame)) { first ??= frame.Time; engine.Dissect(frame, ctx); }
        return (analysis.Tcp.Connections, first ?? default);
    }
}
