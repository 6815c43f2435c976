using Dissect.Analysis;
using Dissect.Core;
using Dissect.Dissectors.Tests.Application.Dns;
using Xunit.Abstractions;

namespace Dissect.Dissectors.Tests.Application.Http;

/// <summary>
/// tshark differential for HTTP: every frame of the HTTP samples (samples-pcap/http-*.pcap) and of the corpus
/// captures where tshark shows HTTP (../shared/corpus or $DISSECT_CORPUS: http/, linktypes/, tunnels/, vlan/, tcp/)
/// through the real pipeline (engine + flow analysis + TCP reassembly), compared field by field with the checked-in
/// `.fields.tsv` (tshark 4.0.17, single pass), plus the Protocol and Info columns of every frame either side calls
/// HTTP. Known divergences are listed with their reason; anything else fails.
/// </summary>
public sealed class HttpDifferentialTests
{
    static readonly string[] Fields =
    [
        "http.request.method", "http.request.uri", "http.request.version", "http.response.code", "http.host",
        "http.user_agent", "http.content_length", "http.time", "http.response_in",
    ];

    readonly ITestOutputHelper _out;
    public HttpDifferentialTests(ITestOutputHelper output) { _out = output; }

    internal static List<string> Files(ITestOutputHelper? log)
    {
        var files = Directory.GetFiles(Path.Combine(DnsDifferentialTests.RepoRoot(), "samples-pcap"), "http-*.pcap").Order().ToList();
        var corpus = DnsDifferentialTests.CorpusDir();
        if (corpus is null)
        {
            log?.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part DID NOT RUN");
            return files;
        }
        files.AddRange(Directory.GetFiles(Path.Combine(corpus, "http"), "*.pcap").Order());
        foreach (var dir in new[] { "linktypes", "tunnels", "vlan", "tcp" })
            foreach (var tsv in Directory.GetFiles(Path.Combine(corpus, dir), "*.pcap.fields.tsv").Order())
                if (File.ReadLines(tsv).Any(l => l.Contains("\tHTTP", StringComparison.Ordinal)))
                    files.Add(tsv[..^".fields.tsv".Length]);
        return files;
    }

    /// <summary>Why tshark and we may legitimately differ on a frame. Null = no known reason.</summary>
    static string? KnownReason(string file, long frame, string field, string ours, string theirs, string tsharkProto, DissectContext ctx)
    {
        // The TCP dissector hands on the PDUs the reassembler flushes only for segments with payload: a response
        // without Content-Length that ends with a bare FIN (no data in the FIN segment) is flushed in that frame but
        // not dissected (outside HTTP: TcpDissector.PayloadHandoff returns Done when tcp.len is 0).
        if (ours.Length == 0 || ours.StartsWith("[TCP]", StringComparison.Ordinal))
        {
            bool finNoData = ctx.Fields.TryGetUInt(ctx.Registry.Find("tcp.len")!, out ulong len) && len == 0 &&
                             ctx.Fields.TryGetUInt(ctx.Registry.Find("tcp.flags.fin")!, out ulong fin) && fin == 1;
            if (finNoData) return "body until close, ended by a FIN without data: TCP does not hand on PDUs flushed by an empty segment";
        }
        // bro.org.pcap stream 2 lost a segment (frame 179, "previous segment not captured") inside its first
        // response: our reassembler keeps waiting for the hole, so the direction's later responses (frames 247, 268,
        // 331, 413, 670) never complete; tshark abandons the broken PDU and starts anew at a segment that begins
        // with a status line. The gap policy is the reassembler's, not HTTP's.
        if (file == "bro.org.pcap" && frame is 247 or 268 or 331 or 413 or 670)
            return "segment lost in the capture: the reassembler waits for the hole, tshark restarts at the next status line";
        // 206_example_b.pcap is a lossy download (retransmissions, lost segments): tshark's reassembly marks a
        // different segment as completing the 816896-byte 206 response (it finishes it later, after the
        // retransmissions), and it does not hand the application/octet-stream body on (no "(type)" in Info).
        if (file == "206_example_b.pcap") return "lossy 206 download: where the reassembled PDU completes differs (retransmissions)";
        // Two pipelined requests in one frame (http-server.pcap frame 128): tshark 4.0 keeps one request per frame
        // in its match table, so the second response finds no request and has no http.time; we match both (FIFO).
        if (file == "http-server.pcap" && frame == 136 && field == "http.time")
            return "tshark matches only one request per frame: second pipelined request of frame 128 unmatched";
        return null;
    }

    [Fact]
    public void Http_FieldsAgreeWithTshark()
    {
        var agree = new Dictionary<string, int>(); var total = new Dictionary<string, int>();
        var unexplained = new List<string>();
        var explained = new Dictionary<string, int>();
        int colAgree = 0, colTotal = 0, filesRun = 0;
        foreach (var path in Files(_out))
        {
            var tsv = path + ".fields.tsv";
            if (!File.Exists(tsv)) { _out.WriteLine($"no reference for {path}"); continue; }
            filesRun++;
            var lines = File.ReadAllLines(tsv);
            var header = lines[0].Split('\t');
            int Col(string n) => Array.IndexOf(header, n);
            var rows = lines.Skip(1).Select(l => l.Split('\t')).ToDictionary(r => long.Parse(r[0]));
            string name = Path.GetFileName(path);

            var tables = BuiltIn.CreateTables();
            var engine = new Engine(tables);
            var analysis = new FlowAnalysis(tables.Registry);
            var ctx = engine.CreateContext();
            analysis.Attach(ctx);
            foreach (var frame in MiniPcap.Read(path))
            {
                engine.Dissect(frame, ctx);
                if (!rows.TryGetValue(frame.Number, out var row)) continue;
                string proto = row[Col("_ws.col.Protocol")];
                foreach (var field in Fields)
                {
                    int c = Col(field);
                    if (c < 0) continue;
                    var def = tables.Registry.Find(field)!;
                    string ours = Format.Values(ctx.Fields, def), theirs = c < row.Length ? row[c] : "";
                    if (ours.Length == 0 && theirs.Length == 0) continue;
                    total[field] = total.GetValueOrDefault(field) + 1;
                    if (ours == theirs) { agree[field] = agree.GetValueOrDefault(field) + 1; continue; }
                    var why = KnownReason(name, frame.Number, field, ours, theirs, proto, ctx);
                    var line = $"{name} frame {frame.Number} {field}: ours '{ours}' tshark '{theirs}'";
                    if (why is null) unexplained.Add(line);
                    else explained[why] = explained.GetValueOrDefault(why) + 1;
                }
                string ourProto = ctx.Columns.Protocol;
                if (proto.StartsWith("HTTP", StringComparison.Ordinal) || ourProto.StartsWith("HTTP", StringComparison.Ordinal))
                {
                    colTotal++;
                    string ours = ctx.Columns.Info.ToString(), theirs = row[Col("_ws.col.Info")];
                    if (ours == theirs && ourProto == proto) { colAgree++; continue; }
                    var why = KnownReason(name, frame.Number, "columns", $"[{ourProto}] {ours}", $"[{proto}] {theirs}", proto, ctx);
                    var line = $"{name} frame {frame.Number} columns: ours [{ourProto}] '{ours}' tshark [{proto}] '{theirs}'";
                    if (why is null) unexplained.Add(line);
                    else explained[why] = explained.GetValueOrDefault(why) + 1;
                }
            }
        }
        _out.WriteLine($"{filesRun} capture(s) compared");
        foreach (var field in Fields)
            if (total.TryGetValue(field, out int t)) _out.WriteLine($"{field,-22} {agree.GetValueOrDefault(field)}/{t}");
        _out.WriteLine($"{"Protocol+Info (HTTP)",-22} {colAgree}/{colTotal}");
        foreach (var kv in explained) _out.WriteLine($"known: {kv.Value} value(s): {kv.Key}");
        foreach (var u in unexplained) _out.WriteLine("DIFF " + u);
        Assert.True(filesRun > 0, "no HTTP capture with a tshark reference found");
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} unexplained difference(s):\n" + string.Join("\n", unexplained.Take(60)));
    }
}
