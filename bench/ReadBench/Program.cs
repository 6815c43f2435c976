using Dissect.Cli;
using Dissect.Cli.Output;

// The read path of `dissect read FILE -T fields -e F...` (same Pipeline, same FieldsPrinter, same GC settings),
// with the stateful flow analysis switchable, to measure what the analysis costs:
//   ReadBench analysis FILE F...   as `dissect read` (TCP sequence analysis + stream index, UDP stream index,
//                                  TCP reassembly, IP reassembly; closed connections forgotten)
//   ReadBench plain FILE F...      the "plain read": dissection and printing only; no TCP/UDP conversation state
//                                  (no tcp.stream/udp.stream, no tcp.analysis.*, no TCP reassembly; IP
//                                  defragmentation stays, it is per-datagram dissection)
//   ReadBench flows FILE F...      plain + the conversation analysis alone (tcp.stream/udp.stream, TCP sequence
//                                  analysis), without TCP stream reassembly: application payloads are dissected
//                                  segment by segment as in "plain" (what issue 3's analysis costs by itself)
// tshark's nearest equivalent of "plain" is -o tcp.analyze_sequence_numbers:FALSE (which still numbers streams and
// reassembles).
//   ReadBench ab FILE ROUNDS MODE...  the modes above in turn in one process (and tcp-flows / udp-flows: one side of
//                                  the conversation analysis alone), fastest run and median ratio to the first mode;
//                                  AB_FRAMES=N reads only the first N frames each run (shorter runs, more rounds)
//   ReadBench stats-tcp FILE [json] the per-connection report alone (what `stats tcp` would cost if it fed only the
//                                  TCP analysis and wrote the report connection by connection with
//                                  TcpConnectionReport.WriteText/WriteJson)
//   ReadBench stats KIND FILE      `dissect stats KIND FILE` (the same code), then the GC figures
if (args.Length == 3 && args[0] == "stats")
{
    using var w = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    int rc = StatsCommand.Run(args[1], args[2], null, null, new OutputTarget(w), Console.Error);
    w.Flush();
    Console.Error.WriteLine(GcLine());
    return rc;
}
if (args.Length >= 2 && args[0] == "stats-tcp")
{
    using var p = Pipeline.Open(args[1], new PipelineOptions { Fields = [], WantColumns = false });
    p.Analysis.Tcp.RetainAll = true;
    p.Analysis.Udp.RetainAll = false;
    Dissect.Core.Timestamp? start = null;
    while (p.MoveNext()) start ??= p.Frame.Time;
    using var w = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    if (args.Length > 2 && args[2] == "json")
        Dissect.Analysis.Statistics.TcpConnectionReport.WriteJson(w, Dissect.Analysis.Statistics.TcpConnectionReport.Connections(p.Analysis, start ?? default));
    else
    {
        // The text report alone, timed: written three times into a discarding writer (the fastest counts), then once
        // to stdout.
        var records = p.Analysis.Tcp.Connections;
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var writer = new Dissect.Analysis.Statistics.TcpConnectionReport.StreamingWriter(TextWriter.Null, json: false) { CaptureStart = start ?? default };
            foreach (var r in records) writer.Add(r);
            writer.Finish();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        Console.Error.WriteLine($"text report of {records.Count} connections: {best:F3} s (fastest of 3, into TextWriter.Null)");
        w.Write(Dissect.Analysis.Statistics.TcpConnectionReport.RenderText(records, start ?? default));
    }
    w.Flush();
    Console.Error.WriteLine($"{p.Count} frames, {p.Analysis.Tcp.Connections.Count} connection records, {p.Analysis.Tcp.LiveConversations} conversations with analysis state at the end");
    Console.Error.WriteLine(GcLine());
    return 0;
}
if (args.Length >= 4 && args[0] == "ab")
{
    // ReadBench ab FILE ROUNDS MODE... : the modes run in turn ROUNDS times in this one process (output discarded:
    // formatted, not written), then the fastest run of each and the median of each round's ratio to the first mode.
    // Alternating within one process keeps most of this VM's drift out of the ratio; the fastest of several runs is
    // the steady state (JIT done).
    int rounds = int.Parse(args[2]);
    var modes = args[3..];
    // AB_FRAMES=N: only the first N frames each run (short runs, many rounds: each round's modes run closer in time).
    long limit = long.TryParse(Environment.GetEnvironmentVariable("AB_FRAMES"), out long l) ? l : long.MaxValue;
    var best = modes.ToDictionary(m => m, _ => double.MaxValue);
    var ratios = modes.ToDictionary(m => m, _ => new List<double>());
    for (int r = 0; r < rounds; r++)
    {
        var times = new Dictionary<string, double>();
        foreach (var m in modes)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            long n = Run(m, args[1], ["frame.number", "ip.src", "tcp.srcport"], Stream.Null, TextWriter.Null, limit: limit);
            double t = sw.Elapsed.TotalSeconds;
            best[m] = Math.Min(best[m], t);
            times[m] = t;
            Console.Error.WriteLine($"round {r + 1} {m,-9} {t:F3} s ({n} frames)");
        }
        // (the first round compiles: its ratios are left out when there are later ones)
        if (r > 0 || rounds == 1) foreach (var m in modes) ratios[m].Add(times[m] / times[modes[0]]);
    }
    static double Median(List<double> v) { v.Sort(); return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2; }
    foreach (var m in modes)
        Console.WriteLine($"{m,-9} fastest {best[m]:F3} s = {best[m] / best[modes[0]]:F2}x {modes[0]}; per round {string.Join(" ", ratios[m].Select(x => x.ToString("F2")))}, median {Median(ratios[m]):F2}x");
    return 0;
}
if (args.Length < 3 || args[0] is not ("plain" or "analysis" or "flows" or "tcp-flows" or "udp-flows"))
{
    Console.Error.WriteLine("usage: ReadBench plain|flows|analysis FILE FIELD... | ReadBench ab FILE ROUNDS MODE... | ReadBench stats-tcp FILE [json] | ReadBench stats KIND FILE");
    return 2;
}
Run(args[0], args[1], args[2..], Console.OpenStandardOutput(), Console.Out, report: true);
return 0;

static long Run(string mode, string file, string[] fields, Stream stdout, TextWriter text, bool report = false, long limit = long.MaxValue)
{
    using var pipeline = Pipeline.Open(file, new PipelineOptions { Fields = fields });
    pipeline.Analysis.Tcp.RetainAll = false;
    pipeline.Analysis.Udp.RetainAll = false;
    if (mode is "flows" or "tcp-flows" or "udp-flows") pipeline.Context.TcpReassembly = null;
    // (component costs: the TCP or the UDP side of the conversation analysis alone)
    if (mode == "tcp-flows") pipeline.Context.Udp = null;
    if (mode == "udp-flows") pipeline.Context.Tcp = null;
    if (mode == "plain")
    {
        pipeline.Context.Tcp = null;
        pipeline.Context.Udp = null;
        pipeline.Context.TcpReassembly = null;
    }
    var o = new OutputTarget(stdout, text).Open();
    var printer = new FieldsPrinter(o, new FieldsFormat());
    printer.Begin(pipeline);
    while (pipeline.Count < limit && pipeline.MoveNext()) printer.Print(pipeline);
    printer.End(pipeline);
    o.Flush();
    if (report)
    {
        Console.Error.WriteLine($"{pipeline.Count} frames; TCP conversations numbered {pipeline.Analysis.Tcp.ConversationCount}, held at the end {pipeline.Analysis.Tcp.LiveConversations}");
        Console.Error.WriteLine(GcLine());
    }
    return pipeline.Count;
}

static string GcLine() =>
    $"allocated {GC.GetTotalAllocatedBytes() / (1 << 20)} MiB; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; GC pause {GC.GetTotalPauseDuration().TotalSeconds:F2} s";
