using System.Diagnostics;
using System.Text;

namespace Dissect.Filter.Tests;

public class FuzzTests
{
    static readonly string[] Pieces =
    [
        "tcp", "udp", "ip.src", "ip.addr", "tcp.port", "http.host", "dns.qry.type", "frame", "eth.src", "ipv6.addr",
        "tcp.analysis.retransmission", "frame.time_relative", "test.int", "test.double", "tcp.payload", "frame.time",
        "==", "!=", "===", "!==", "~=", "<", ">=", "eq", "contains", "matches", "~", "in", "and", "or", "xor", "not",
        "&&", "||", "^^", "!", "(", ")", "{", "}", "[", "]", ",", "..", ":", "-", "/", "\"", "'", "\\", "r\"",
        "80", "0x50", "-1", "1.5", "10.0.0.0/8", "fe80::1", "aa:bb:cc", "AAAA", "True", "\"x\"", "\"(a+)+$\"",
        "len(", "count(", "lower(", "upper(", "string(", "[0:3]", "[-4:]", "[1,3-5,9:]", "all", "any", " ", "é", "\0",
    ];

    [Fact]
    public void RandomAndMutatedFilters_NeverThrow_AndFinishInTime()
    {
        var rng = new Random(12345);
        var packets = new[] { TestFields.HttpGet(), TestFields.SynRetransmission(), TestFields.DnsAaaa() };
        var seeds = NormalizeSeeds();
        var sw = Stopwatch.StartNew();
        int compiled = 0, total = 0;
        for (int i = 0; i < 6000 && sw.Elapsed < TimeSpan.FromSeconds(40); i++)
        {
            string text = (i % 3) switch
            {
                0 => RandomPieces(rng),
                1 => Mutate(seeds[rng.Next(seeds.Length)], rng),
                _ => RandomChars(rng),
            };
            total++;
            bool ok;
            DisplayFilter? f;
            FilterError? e;
            try { ok = DisplayFilter.TryCompile(text, TestFields.Registry, out f, out e); }
            catch (Exception ex) { throw new Xunit.Sdk.XunitException($"TryCompile threw on {Escape(text)}: {ex}"); }
            if (ok)
            {
                compiled++;
                Assert.NotNull(f);
                foreach (var p in packets)
                {
                    try { f!.Matches(p); }
                    catch (Exception ex) { throw new Xunit.Sdk.XunitException($"Matches threw on {Escape(text)}: {ex}"); }
                }
                // Normalized text is itself a valid filter.
                Assert.True(DisplayFilter.TryCompile(f!.Normalized, TestFields.Registry, out _, out var e2),
                    $"normalized form of {Escape(text)} does not compile: {f.Normalized}: {e2?.Message}");
            }
            else
            {
                Assert.NotNull(e);
                Assert.DoesNotContain('\n', e!.Message);
                _ = e.Render();
            }
        }
        Assert.True(total >= 1000, $"only {total} cases ran");
        Assert.True(compiled > 50, $"only {compiled} of {total} fuzz cases compiled: the generator is too weak");
    }

    static string[] NormalizeSeeds()
    {
        var list = new List<string>();
        foreach (var m in typeof(NormalizeTests).GetMethod(nameof(NormalizeTests.Normalizes))!.GetCustomAttributes(typeof(InlineDataAttribute), false))
            list.Add((string)((InlineDataAttribute)m).GetData(null!).First()[0]);
        list.AddRange(ErrorTests.Bad);
        return list.ToArray();
    }

    static string RandomPieces(Random rng)
    {
        var sb = new StringBuilder();
        int n = rng.Next(1, 12);
        for (int i = 0; i < n; i++) sb.Append(Pieces[rng.Next(Pieces.Length)]).Append(rng.Next(3) == 0 ? "" : " ");
        return sb.ToString();
    }

    static string RandomChars(Random rng)
    {
        const string alphabet = "abcdefxyz.0123456789:/-_ ()[]{}\"'\\!=<>~&|^,#$@%*+é\t";
        var sb = new StringBuilder();
        int n = rng.Next(0, 40);
        for (int i = 0; i < n; i++) sb.Append(alphabet[rng.Next(alphabet.Length)]);
        return sb.ToString();
    }

    static string Mutate(string s, Random rng)
    {
        var sb = new StringBuilder(s);
        int edits = rng.Next(1, 4);
        for (int k = 0; k < edits; k++)
        {
            int op = rng.Next(4);
            int pos = sb.Length == 0 ? 0 : rng.Next(sb.Length);
            switch (op)
            {
                case 0 when sb.Length > 0: sb.Remove(pos, 1); break;
                case 1: sb.Insert(pos, Pieces[rng.Next(Pieces.Length)]); break;
                case 2 when sb.Length > 0: sb[pos] = (char)rng.Next(32, 127); break;
                default: sb.Length = pos; break;
            }
        }
        return sb.ToString();
    }

    static string Escape(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\0", "\\0") + "\"";

    [Fact]
    public void DeepNesting_IsAnErrorNotAStackOverflow()
    {
        string deep = new string('(', 5000) + "tcp" + new string(')', 5000);
        Assert.False(DisplayFilter.TryCompile(deep, TestFields.Registry, out _, out var e));
        Assert.Contains("nested too deeply", e!.Message);
        string nots = string.Concat(Enumerable.Repeat("not ", 5000)) + "tcp";
        Assert.False(DisplayFilter.TryCompile(nots, TestFields.Registry, out _, out _));
        // Long flat chains are fine (iterative parse of and/or).
        string chain = string.Join(" or ", Enumerable.Repeat("tcp.port == 80", 2000));
        Assert.True(DisplayFilter.TryCompile(chain, TestFields.Registry, out var f, out var e2), e2?.Message);
        Assert.True(f!.Matches(TestFields.HttpGet()));
    }
}
