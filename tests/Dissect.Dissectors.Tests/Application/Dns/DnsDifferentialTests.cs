using System.Buffers.Binary;
using Dissect.Analysis;
using Dissect.Core;
using Xunit.Abstractions;

namespace Dissect.Dissectors.Tests.Application.Dns;

/// <summary>
/// tshark differential for the DNS fields: every frame of samples-pcap/dns-udp-tcp.pcap and of the corpus DNS
/// captures (../shared/corpus or $DISSECT_CORPUS) through the real pipeline (engine + flow analysis), compared
/// field by field with the checked-in `.fields.tsv` (tshark 4.0.17, single pass). Known divergences are listed with
/// their reason; anything else fails.
/// </summary>
public sealed class DnsDifferentialTests
{
    static readonly string[] Fields =
    [
        "dns.id", "dns.flags.response", "dns.flags.rcode", "dns.qry.name", "dns.qry.type", "dns.count.answers",
        "dns.a", "dns.aaaa", "dns.cname", "dns.resp.ttl", "dns.time", "dns.response_to",
    ];

    readonly ITestOutputHelper _out;
    public DnsDifferentialTests(ITestOutputHelper output) { _out = output; }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dissect.sln not found above the test binaries");
    }

    internal static string? CorpusDir()
    {
        var env = Environment.GetEnvironmentVariable("DISSECT_CORPUS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var beside = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpus"));
        return Directory.Exists(beside) ? beside : null;
    }

    /// <summary>Why tshark and we may legitimately differ on a frame. Null = no known reason.</summary>
    static string? KnownReason(string file, DissectContext ctx, string tsharkProtocol)
    {
        // Without the TCP reassembler wired in, a TCP segment reaches DNS only when TCP is registered and hands its
        // payload to "tcp.port"; tshark dissects DNS over TCP through reassembly.
        if (ctx.IpProto == 6 && ctx.ProtocolStack.IndexOf(Dissect.Dissectors.Application.Dns.DnsFields.Protocol) < 0)
            return "DNS over TCP: needs the TCP dissector/reassembler (not wired yet)";
        return null;
    }

    [Fact]
    public void Dns_FieldsAgreeWithTshark()
    {
        var files = new List<string> { Path.Combine(RepoRoot(), "samples-pcap", "dns-udp-tcp.pcap") };
        var corpus = CorpusDir();
        if (corpus is null) _out.WriteLine("corpus not found (../shared/corpus or $DISSECT_CORPUS): the corpus part did not run");
        else
        {
            files.AddRange(Directory.GetFiles(Path.Combine(corpus, "dns"), "*.pcap").Order());
            files.AddRange(Directory.GetFiles(Path.Combine(corpus, "malformed"), "*dns*.pcap").Order());
        }

        var agree = new Dictionary<string, int>(); var total = new Dictionary<string, int>();
        var unexplained = new List<string>();
        var explained = new Dictionary<string, int>();
        int infoAgree = 0, infoTotal = 0;
        foreach (var path in files)
        {
            var tsv = path + ".fields.tsv";
            if (!File.Exists(tsv)) continue;
            var lines = File.ReadAllLines(tsv);
            var header = lines[0].Split('\t');
            int Col(string n) => Array.IndexOf(header, n);
            var rows = lines.Skip(1).Select(l => l.Split('\t')).ToDictionary(r => long.Parse(r[0]));

            var tables = BuiltIn.CreateTables();
            var engine = new Engine(tables);
            var analysis = new FlowAnalysis(tables.Registry);
            var ctx = engine.CreateContext();
            analysis.Attach(ctx);
            foreach (var frame in MiniPcap.Read(path))
            {
                engine.Dissect(frame, ctx);
                if (!rows.TryGetValue(frame.Number, out var row)) continue;
                string proto = Col("_ws.col.Protocol") >= 0 ? row[Col("_ws.col.Protocol")] : "";
                foreach (var name in Fields)
                {
                    int c = Col(name);
                    if (c < 0) continue;
                    var def = tables.Registry.Find(name)!;
                    string ours = Format.Values(ctx.Fields, def), theirs = c < row.Length ? row[c] : "";
                    if (ours.Length == 0 && theirs.Length == 0) continue;
                    total[name] = total.GetValueOrDefault(name) + 1;
                    if (ours == theirs) { agree[name] = agree.GetValueOrDefault(name) + 1; continue; }
                    var why = KnownReason(path, ctx, proto);
                    var line = $"{Path.GetFileName(path)} frame {frame.Number} {name}: ours '{ours}' tshark '{theirs}'";
                    if (why is null) unexplained.Add(line);
                    else explained[why] = explained.GetValueOrDefault(why) + 1;
                }
                if (proto is "DNS" or "MDNS" or "LLMNR" && Col("_ws.col.Info") >= 0)
                {
                    infoTotal++;
                    string ours = ctx.Columns.Info.ToString(), theirs = row[Col("_ws.col.Info")];
                    if (ours == theirs && ctx.Columns.Protocol == proto) infoAgree++;
                    else
                    {
                        var why = KnownReason(path, ctx, proto);
                        var line = $"{Path.GetFileName(path)} frame {frame.Number} Info: ours [{ctx.Columns.Protocol}] '{ours}' tshark [{proto}] '{theirs}'";
                        if (why is null) unexplained.Add(line);
                        else explained[why] = explained.GetValueOrDefault(why) + 1;
                    }
                }
            }
        }
        foreach (var name in Fields)
            if (total.TryGetValue(name, out int t)) _out.WriteLine($"{name,-20} {agree.GetValueOrDefault(name)}/{t}");
        _out.WriteLine($"{"Info+Protocol",-20} {infoAgree}/{infoTotal}");
        foreach (var kv in explained) _out.WriteLine($"known: {kv.Value} value(s): {kv.Key}");
        foreach (var u in unexplained) _out.WriteLine("DIFF " + u);
        Assert.True(unexplained.Count == 0, $"{unexplained.Count} unexplained difference(s):\n" + string.Join("\n", unexplained.Take(40)));
    }
}

/// <summary>A minimal classic-pcap reader for the tests (this test project does not reference Dissect.Capture;
/// every DNS sample is classic pcap).</summary>
internal static class MiniPcap
{
    public static IEnumerable<Frame> Read(string path)
    {
        var b = File.ReadAllBytes(path);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(b);
        bool le = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        bool nano = magic is 0xa1b23c4d or 0x4d3cb2a1;
        uint U32(int at) => le ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        int link = (int)(U32(20) & 0x0FFFFFFF);
        int pos = 24; long n = 0;
        while (pos + 16 <= b.Length)
        {
            uint sec = U32(pos), frac = U32(pos + 4); int incl = (int)U32(pos + 8), orig = (int)U32(pos + 12);
            if (pos + 16 + incl > b.Length) yield break;
            var data = new ReadOnlyMemory<byte>(b, pos + 16, incl);
            yield return new Frame(++n, new Timestamp(sec, nano ? frac : frac * 1000), incl, orig, link, 0, pos, data);
            pos += 16 + incl;
        }
    }
}
