using System.Buffers.Binary;
using Dissect.Analysis;
using Dissect.Core;
using Xunit.Abstractions;

namespace Dissect.Dissectors.Tests.Application.Dhcp;

/// <summary>
/// The tshark differential shared by the DHCP, NTP and SSH tests: every frame of each capture goes through the real
/// pipeline (engine + flow analysis, so TCP reassembly when it is wired), and each listed field is compared with a
/// tshark 4.0.17 reference TSV (`-T fields -E header=y`, made by the folder's regen-refs.sh). A difference is
/// explained by <c>known</c> (field, frame, reason) or fails the test.
/// </summary>
internal static class AppDifferential
{
    public sealed record Result(Dictionary<string, (int Agree, int Total)> PerField, List<string> Unexplained, Dictionary<string, int> Explained);

    /// <summary>Known divergence: returns the reason, or null when the difference is not expected.</summary>
    public delegate string? Known(string file, long frame, string field, string ours, string theirs, DissectContext ctx);

    public static Result Run(IEnumerable<(string Capture, string Reference)> files, IReadOnlyList<string> fields, Known known, ITestOutputHelper? log = null)
    {
        var per = new Dictionary<string, (int, int)>();
        var unexplained = new List<string>();
        var explained = new Dictionary<string, int>();
        foreach (var (capture, reference) in files)
        {
            if (!File.Exists(capture) || !File.Exists(reference)) { log?.WriteLine($"skipped (missing): {capture}"); continue; }
            var lines = File.ReadAllLines(reference);
            if (lines.Length == 0) continue;
            var header = lines[0].Split('\t');
            var rows = lines.Skip(1).Select(l => l.Split('\t')).Where(r => r.Length > 0 && long.TryParse(r[0], out _))
                .ToDictionary(r => long.Parse(r[0]));
            var tables = BuiltIn.CreateTables();
            var engine = new Engine(tables);
            var analysis = new FlowAnalysis(tables.Registry);
            var ctx = engine.CreateContext();
            analysis.Attach(ctx);
            string name = Path.GetFileName(capture);
            foreach (var frame in CaptureFile.Read(capture))
            {
                engine.Dissect(frame, ctx);
                if (!rows.TryGetValue(frame.Number, out var row)) continue;
                foreach (var field in fields)
                {
                    int c = Array.IndexOf(header, field);
                    if (c < 0) continue;
                    string theirs = c < row.Length ? row[c] : "";
                    var def = tables.Registry.Find(field);
                    if (def?.Kind == FieldKind.AbsoluteTime) theirs = EpochText(theirs);
                    string ours = field switch
                    {
                        "_ws.col.Protocol" => ProtocolColumn(ctx, theirs),
                        "_ws.col.Info" => theirs.Length == 0 ? "" : ctx.Columns.Info.ToString(),
                        _ => Format.Values(ctx.Fields, def ?? throw new InvalidOperationException($"{field} is not registered")),
                    };
                    if (ours.Length == 0 && theirs.Length == 0) continue;
                    var (a, t) = per.GetValueOrDefault(field);
                    if (ours == theirs) { per[field] = (a + 1, t + 1); continue; }
                    per[field] = (a, t + 1);
                    var why = known(name, frame.Number, field, ours, theirs, ctx);
                    if (why is null) unexplained.Add($"{name} frame {frame.Number} {field}: ours '{ours}' tshark '{theirs}'");
                    else explained[why] = explained.GetValueOrDefault(why) + 1;
                }
            }
        }
        if (log is not null)
        {
            foreach (var f in fields)
                if (per.TryGetValue(f, out var v)) log.WriteLine($"{f,-45} {v.Item1}/{v.Item2}");
            foreach (var kv in explained) log.WriteLine($"known: {kv.Value} value(s): {kv.Key}");
            foreach (var u in unexplained) log.WriteLine("DIFF " + u);
        }
        return new Result(per, unexplained, explained);
    }

    /// <summary>The Protocol column compared only on frames tshark gives to one of our protocols (others belong to
    /// other dissectors' tests).</summary>
    static string ProtocolColumn(DissectContext ctx, string theirs) => ctx.Columns.Protocol;

    /// <summary>tshark prints an absolute time as "Sep 18, 2023 12:48:33.500000000 UTC" (NTP's zero timestamp as
    /// "NULL"); Dissect's -T fields form is epoch seconds. Converted so the two compare.</summary>
    public static string EpochText(string tshark)
    {
        if (tshark.Length == 0) return tshark;
        if (tshark == "NULL") return "-2208988800.000000000";
        var parts = tshark.Replace("  ", " ").Replace(" UTC", "").Split('.');
        if (parts.Length != 2 || !DateTime.TryParseExact(parts[0], "MMM d, yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var dt))
            return tshark;
        long secs = (long)(dt - DateTime.UnixEpoch).TotalSeconds;
        return secs.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + parts[1];
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dissect.sln not found above the test binaries");
    }

    public static string? CorpusDir()
    {
        var env = Environment.GetEnvironmentVariable("DISSECT_CORPUS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var beside = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpus"));
        return Directory.Exists(beside) ? beside : null;
    }

    public static string TestDir(string protocol)
        => Path.Combine(RepoRoot(), "tests", "Dissect.Dissectors.Tests", "Application", protocol);
}

/// <summary>A small pcap/pcapng reader for these tests (the test project does not reference Dissect.Capture):
/// classic pcap either byte order, µs or ns; pcapng SHB/IDB/EPB/SPB either byte order (timestamps taken as µs: only
/// frame numbers, lengths and bytes are compared; custom blocks count as frames, as tshark 4.0 numbers them).</summary>
internal static class CaptureFile
{
    public static IEnumerable<Frame> Read(string path)
    {
        var b = File.ReadAllBytes(path);
        if (b.Length < 24) yield break;
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(b);
        if (magic == 0x0A0D0D0A) { foreach (var f in ReadNg(b)) yield return f; yield break; }
        bool le = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        bool nano = magic is 0xa1b23c4d or 0x4d3cb2a1;
        uint U32(int at) => le ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        int link = (int)(U32(20) & 0x0FFFFFFF);
        int pos = 24; long n = 0;
        while (pos + 16 <= b.Length)
        {
            uint sec = U32(pos), frac = U32(pos + 4); int incl = (int)U32(pos + 8), orig = (int)U32(pos + 12);
            if (incl < 0 || pos + 16 + incl > b.Length) yield break;
            yield return new Frame(++n, new Timestamp(sec, nano ? frac : frac * 1000), incl, orig, link, 0, pos, new ReadOnlyMemory<byte>(b, pos + 16, incl));
            pos += 16 + incl;
        }
    }

    static IEnumerable<Frame> ReadNg(byte[] b)
    {
        bool le = true;
        var links = new List<int>();
        int pos = 0; long n = 0;
        uint U32(int at) => le ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        ushort U16(int at) => le ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));
        while (pos + 12 <= b.Length)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos)) == 0x0A0D0D0A)
            {
                le = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 8)) == 0x1A2B3C4D;
                links.Clear();
            }
            uint type = U32(pos); int len = (int)U32(pos + 4);
            if (len < 12 || pos + len > b.Length) yield break;
            switch (type)
            {
                case 1: links.Add(U16(pos + 8)); break;
                case 6:
                {
                    int iface = (int)U32(pos + 8);
                    ulong ts = ((ulong)U32(pos + 12) << 32) | U32(pos + 16);
                    int incl = (int)U32(pos + 20), orig = (int)U32(pos + 24);
                    if (incl < 0 || 28 + incl > len) yield break;
                    int link = iface < links.Count ? links[iface] : 1;
                    yield return new Frame(++n, new Timestamp((long)(ts / 1_000_000), (uint)(ts % 1_000_000) * 1000), incl, orig, link, iface, pos, new ReadOnlyMemory<byte>(b, pos + 28, incl));
                    break;
                }
                case 0x00000BAD:
                case 0x40000BAD:
                    n++;   // tshark 4.0 shows a custom block as a frame of its own
                    break;
                case 3:
                {
                    int orig = (int)U32(pos + 8);
                    int incl = Math.Min(orig, len - 16);
                    yield return new Frame(++n, default, incl, orig, links.Count > 0 ? links[0] : 1, 0, pos, new ReadOnlyMemory<byte>(b, pos + 12, incl));
                    break;
                }
            }
            pos += len;
        }
    }
}
