using Dissect.Analysis;
using Dissect.Core;
using Dissect.Dissectors.Tests.Application.Dns;
using Xunit.Abstractions;

namespace Dissect.Dissectors.Tests.Application.Tls;

/// <summary>
/// tshark differential for TLS: every frame of samples-pcap/tls-*.pcap and of the corpus captures where TLS appears
/// (tls/, quic/ for the handshake inside QUIC, http/, tcp/ and rpc/, ../shared/corpus or $DISSECT_CORPUS) goes through
/// the real pipeline (engine + flow analysis with TCP reassembly) and is compared with the checked-in
/// `.fields.tsv` (tshark 4.0.17, single pass) for tls.record.content_type, tls.handshake.type, the SNI, ALPN, and
/// the Protocol and Info columns of TLS frames. Known divergences are listed with their reason; anything else fails.
/// </summary>
public sealed class TlsDifferentialTests
{
    static readonly string[] Fields =
    [
        "tls.record.content_type", "tls.handshake.type", "tls.handshake.extensions_server_name",
        "tls.handshake.extensions_alpn_str", "_ws.col.Protocol", "_ws.col.Info",
    ];

    readonly ITestOutputHelper _out;
    public TlsDifferentialTests(ITestOutputHelper output) { _out = output; }

    /// <summary>Why tshark and we may legitimately differ on a frame. Null = no known reason.</summary>
    static string? KnownReason(string file, long frame, string field, string ours, string theirs)
    {
        // tshark takes NFS traffic from port 993 (imaps, a TLS port and the lower one) for SSLv2 "Encrypted Data";
        // we do not dissect SSLv2 and reject what is not an SSLv3/TLS record, so ONC RPC on 2049 gets it.
        if (file == "nfs-write-verf-cookie.pcapng" || (theirs.StartsWith("SSLv2", StringComparison.Ordinal)))
            return "SSLv2 record layer is not dissected (NFS on port 993 is RPC for us, SSLv2 for tshark)";
        return null;
    }

    static IEnumerable<string> Captures(string? corpus, string repo)
    {
        foreach (var f in Directory.GetFiles(Path.Combine(repo, "samples-pcap"), "tls-*.pcap").Order()) yield return f;
        if (corpus is null) yield break;
        foreach (var dir in new[] { "tls", "quic", "http", "tcp" })
            foreach (var f in Directory.GetFiles(Path.Combine(corpus, dir), "*.pcap").Order()) yield return f;
    }

    [Fact]
    public void Tls_FieldsAgreeWithTshark()
    {
        var repo = DnsDifferentialTests.RepoRoot();
        var corpus = DnsDifferentialTests.CorpusDir();
        if (corpus is null) _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part DID NOT RUN, only samples-pcap/tls-*.pcap were compared");

        var agree = new Dictionary<string, int>(); var total = new Dictionary<string, int>();
        var unexplained = new List<string>();
        var explained = new Dictionary<string, int>();
        int files = 0, tlsFrames = 0;
        foreach (var path in Captures(corpus, repo))
        {
            var tsv = path + ".fields.tsv";
            if (!File.Exists(tsv)) continue;
            files++;
            var lines = File.ReadAllLines(tsv);
            var header = lines[0].Split('\t');
            int Col(string n) => Array.IndexOf(header, n);
            var rows = lines.Skip(1).Select(l => l.Split('\t')).Where(r => r.Length > 1 && long.TryParse(r[0], out _)).ToDictionary(r => long.Parse(r[0]));
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
                string Theirs(string n) { int c = Col(n); return c >= 0 && c < row.Length ? row[c] : ""; }
                string proto = Theirs("_ws.col.Protocol");
                bool tlsFrame = IsTlsColumn(proto) || IsTlsColumn(ctx.Columns.Protocol);
                if (tlsFrame) tlsFrames++;
                foreach (var field in Fields)
                {
                    if (Col(field) < 0) continue;
                    if (field.StartsWith("_ws.col.", StringComparison.Ordinal) && !tlsFrame) continue;
                    string theirs = Theirs(field);
                    string ours = field switch
                    {
                        "_ws.col.Protocol" => ctx.Columns.Protocol,
                        "_ws.col.Info" => ctx.Columns.Info.ToString(),
                        _ => Format.Values(ctx.Fields, tables.Registry.Find(field)!),
                    };
                    if (ours.Length == 0 && theirs.Length == 0) continue;
                    total[field] = total.GetValueOrDefault(field) + 1;
                    if (ours == theirs) { agree[field] = agree.GetValueOrDefault(field) + 1; continue; }
                    var why = KnownReason(name, frame.Number, field, ours, theirs);
                    var line = $"{name} frame {frame.Number} {field}: ours '{ours}' tshark '{theirs}'";
                    if (why is null) unexplained.Add(line);
                    else explained[why] = explained.GetValueOrDefault(why) + 1;
                }
            }
        }
        _out.WriteLine($"{files} capture(s), {tlsFrames} TLS frame(s)");
        foreach (var name in Fields)
            if (total.TryGetValue(name, out int t)) _out.WriteLine($"{name,-40} {agree.GetValueOrDefault(name)}/{t}");
        foreach (var kv in explained) _out.WriteLine($"known: {kv.Value} value(s): {kv.Key}");
        foreach (var u in unexplained) _out.WriteLine("DIFF " + u);
        Assert.True(files > 0, "no capture with a reference was found");
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} unexplained difference(s):\n" + string.Join("\n", unexplained.Take(60)));
    }

    static bool IsTlsColumn(string p) => p.StartsWith("TLS", StringComparison.Ordinal) || p.StartsWith("SSL", StringComparison.Ordinal);
}
