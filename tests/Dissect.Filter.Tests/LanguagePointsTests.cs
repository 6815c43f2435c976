using System.Diagnostics;
using Dissect.Core;

namespace Dissect.Filter.Tests;

/// <summary>
/// Language points tshark 4.0.17 cannot check for us (the differential only covers what 4.0 accepts), tested against
/// their documented semantics instead:
/// <list type="bullet">
/// <item>"xor" / "^^": logical exclusive or (wireshark-filter(4) of Wireshark 1.x–3.x and 4.2+; 4.0 rejects it).
/// Precedence, tightest first: not, and, xor, or; left-associative.</item>
/// <item>Whitespace-separated set elements ("tcp.port in {80 443 8000..8100}", wireshark-filter(4) of 3.x; 4.0 wants
/// commas): the same set as the comma form.</item>
/// </list>
/// Plus robustness: mutated real filter strings never throw and never hang, and a catastrophic regex hits the time
/// limit and says so.
/// </summary>
public class LanguagePointsTests
{
    static readonly PacketFields A = TestFields.HttpGet();           // IPv4/TCP 51000→80 GET, ttl 64
    static readonly PacketFields B = TestFields.SynRetransmission(); // IPv4/TCP 80→80 SYN, retransmission, ttl 1
    static readonly PacketFields C = TestFields.DnsAaaa();           // IPv6/UDP DNS AAAA query

    static string Eval(string expr)
    {
        var f = TestFields.Compile(expr);
        return string.Concat(new[] { A, B, C }.Select(p => f.Matches(p) ? 'T' : 'F'));
    }

    [Theory]
    // truth table: T^F, F^T true; T^T, F^F false
    [InlineData("tcp xor tcp.analysis.retransmission", "TFF")]    // A: T^F  B: T^T  C: F^F
    [InlineData("tcp.analysis.retransmission xor tcp", "TFF")]    // commutative
    [InlineData("http.host ^^ udp", "TFT")]                       // A: T^F  B: F^F  C: F^T
    [InlineData("ip xor ipv6", "TTT")]
    [InlineData("tcp xor tcp", "FFF")]
    [InlineData("tcp.port == 80 xor tcp.port == 51000", "FTF")]   // A has both ports: T^T
    [InlineData("not (tcp xor udp)", "FFF")]
    [InlineData("tcp ^^ ip ^^ udp", "FFT")]                       // chains: odd number of true operands
    // precedence: and binds tighter than xor, xor tighter than or
    [InlineData("tcp xor tcp and udp", "TTF")]                    // tcp xor (tcp and udp)
    [InlineData("udp xor udp or udp", "FFT")]                     // (udp xor udp) or udp
    [InlineData("udp or udp xor udp", "FFT")]                     // udp or (udp xor udp)
    [InlineData("not tcp xor udp", "FFF")]                        // (not tcp) xor udp: A F^F, B F^F, C T^T
    [InlineData("not tcp ^^ tcp", "TTT")]                         // (not tcp) xor tcp is always true
    public void Xor_FollowsDocumentedSemantics(string expr, string expected) =>
        Assert.Equal(expected, Eval(expr));

    [Theory]
    [InlineData("tcp xor tcp and udp", "tcp xor (tcp and udp)")]
    [InlineData("udp xor udp or udp", "(udp xor udp) or udp")]
    [InlineData("a ^^ b", null)]
    public void Xor_NormalizesWithExplicitGrouping(string expr, string? normalized)
    {
        if (normalized is null)
        {
            // unknown names are rejected as fields, not as a syntax error about ^^
            Assert.False(DisplayFilter.TryCompile(expr, TestFields.Registry, out _, out var e));
            Assert.StartsWith("unknown field", e!.Message);
            return;
        }
        Assert.Equal(normalized, TestFields.Compile(expr).Normalized);
    }

    [Theory]
    [InlineData("tcp.port in {80 443}", "tcp.port in {80, 443}")]
    [InlineData("tcp.port in {443 8000..8100 50000 .. 52000}", "tcp.port in {443, 8000..8100, 50000..52000}")]
    [InlineData("tcp.port in {443    51000}", "tcp.port in {443, 51000}")]
    [InlineData("udp.port in {5353 53}", "udp.port in {5353, 53}")]
    [InlineData("ip.src in {192.168.1.9 10.1.2.3}", "ip.src in {192.168.1.9, 10.1.2.3}")]
    [InlineData("ipv6.dst in {::1 ff02::fb}", "ipv6.dst in {::1, ff02::fb}")]
    [InlineData("ip.ttl in {1 2..3 0x40}", "ip.ttl in {1, 2..3, 0x40}")]
    [InlineData("dns.qry.type in {A AAAA}", "dns.qry.type in {A, AAAA}")]
    [InlineData("tcp.port in {80, 443 8080}", "tcp.port in {80, 443, 8080}")] // mixed separators
    public void WhitespaceSeparatedSet_IsTheSameSetAsCommas(string spaced, string commas)
    {
        var f = TestFields.Compile(spaced);
        Assert.Equal(TestFields.Compile(commas).Normalized, f.Normalized);
        Assert.Equal(Eval(commas), Eval(spaced));
    }

    [Fact]
    public void WhitespaceSeparatedSet_SelectsTheRightPackets()
    {
        Assert.Equal("TTF", Eval("tcp.port in {80 443}"));
        Assert.Equal("TFF", Eval("tcp.port in {443 50000..52000}"));
        Assert.Equal("FFT", Eval("udp.port in {5353 53}"));
        Assert.Equal("FTF", Eval("ip.ttl in {1 2..3}"));
        Assert.Equal("FFF", Eval("tcp.port in {443 8000 .. 8100}"));
    }

    /// <summary>Real expressions (tshark/expressions.txt, the differential's list) cut, spliced and flipped: compile
    /// and evaluation never throw, and no single case takes long (a hang fails the test instead of stalling it).</summary>
    [Fact]
    public async Task MutatedRealFilters_NeverThrowNorHang()
    {
        string here = Path.Combine(AppContext.BaseDirectory);
        var dir = new DirectoryInfo(here);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dissect.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var seeds = File.ReadAllLines(Path.Combine(dir!.FullName, "tests", "Dissect.Filter.Tests", "tshark", "expressions.txt"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToArray();
        Assert.True(seeds.Length > 100);
        // Fields of TestFields stand in for the real ones so that many mutants compile and get evaluated.
        string[] swaps = ["tcp.port", "ip.src", "dns.qry.name", "http.host", "tcp.payload", "frame", "udp.port", "ipv6.dst"];
        string[] junk = ["{", "}", "[", "]", "(", ")", "\"", "\\", "..", ",", ":", "^^", "xor", "~", "===", "!", "0x", "-", "/", "é", "\0", " "];
        var packets = new[] { A, B, C };
        string? worst = null;
        TimeSpan worstTime = TimeSpan.Zero;
        int cases = 0, compiled = 0;
        var run = Task.Run(() =>
        {
            var rng = new Random(4242);
            var total = Stopwatch.StartNew();
            for (int i = 0; i < 8000 && total.Elapsed < TimeSpan.FromSeconds(30); i++)
            {
                string s = seeds[rng.Next(seeds.Length)];
                if (rng.Next(3) == 0)
                {
                    var word = s.Split(' ', '(', ')', '{', '}')[0];
                    if (word.Length > 0) s = s.Replace(word, swaps[rng.Next(swaps.Length)]);
                }
                for (int m = rng.Next(1, 4); m > 0; m--)
                {
                    int at = rng.Next(s.Length + 1);
                    s = rng.Next(4) switch
                    {
                        0 => s[..at],                                                             // cut
                        1 => s[..at] + junk[rng.Next(junk.Length)] + s[at..],                     // insert
                        2 => s[..at] + seeds[rng.Next(seeds.Length)] + s[Math.Min(s.Length, at + rng.Next(6))..], // splice
                        _ => at < s.Length ? s[..at] + (char)(s[at] ^ (1 << rng.Next(7))) + s[(at + 1)..] : s,   // flip
                    };
                }
                var sw = Stopwatch.StartNew();
                if (DisplayFilter.TryCompile(s, TestFields.Registry, out var f, out var e))
                {
                    compiled++;
                    foreach (var p in packets) f!.Matches(p);
                }
                else Assert.False(string.IsNullOrEmpty(e!.Message));
                sw.Stop();
                cases++;
                if (sw.Elapsed > worstTime) { worstTime = sw.Elapsed; worst = s; }
            }
        });
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(first == run, $"fuzzing hung after {cases} cases");
        await run; // rethrows a failure of the loop
        Assert.True(cases >= 1000, $"only {cases} cases ran");
        Assert.True(compiled >= 50, $"only {compiled} of {cases} mutants compiled: the generator is too weak");
        // The regex time limit is 100 ms per match (Literals.MatchTimeout); a hang guard, loose enough for a loaded CI machine.
        Assert.True(worstTime < TimeSpan.FromSeconds(20), $"slowest case took {worstTime}: {worst}");
    }

    [Fact]
    public void CatastrophicRegex_OnManyPackets_TimesOutEachTimeAndWarnsOnce()
    {
        var pf = new PacketFields();
        pf.Reset(new byte[1]);
        pf.AddString(TestFields.HttpHost, 0, 0, new string('a', 4000) + "!");
        var f = TestFields.Compile("http.host matches \"^(a|aa)+(a)\\\\2$\"");
        Assert.Null(f.Warning);
        var sw = Stopwatch.StartNew();
        Assert.False(f.Matches(pf));
        Assert.False(f.Matches(pf));
        sw.Stop();
        Assert.True(f.RegexTimedOut);
        Assert.Contains("took longer than", f.Warning);
        Assert.Contains("taken as not matching", f.Warning);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"two timed-out matches took {sw.Elapsed}");
        // A benign regex on the same filter object's sibling still works.
        Assert.True(TestFields.Compile("http.host matches \"^a+!$\"").Matches(pf));
    }
}
