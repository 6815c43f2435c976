using Dissect.Core;
using Dissect.Dissectors;

namespace Dissect.Dissectors.Tests;

/// <summary>Builds an engine with every built-in dissector and dissects byte arrays as frames.</summary>
public static class TestKit
{
    public const int Ethernet = 1, Raw = 101, IPv4 = 228, IPv6 = 229, Sll = 113, Sll2 = 276, Null = 0, Loop = 108;

    public static readonly DissectorTables Tables = BuiltIn.CreateTables();

    /// <summary>Dissects one frame with full detail and returns the context (fields and columns).</summary>
    public static DissectContext Dissect(byte[] bytes, int linkType = Ethernet, int? originalLength = null)
    {
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        var frame = new Frame(1, new Timestamp(1_600_000_000, 0), bytes.Length, originalLength ?? bytes.Length, linkType, 0, 0, bytes);
        engine.Dissect(frame, ctx);
        return ctx;
    }

    public static byte[] Hex(string hex)
    {
        var s = new string(hex.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(s);
    }

    /// <summary>All values of a field in the frame, formatted as tshark -T fields prints each occurrence.</summary>
    public static string[] Values(DissectContext ctx, string abbrev)
    {
        var f = ctx.Fields;
        var list = new List<string>();
        for (int i = 0; i < f.Count; i++)
            if (f[i].Field.Abbrev == abbrev) list.Add(Format.Value(f, f[i]));
        return list.ToArray();
    }

    /// <summary>The single value of a field; fails when absent or repeated.</summary>
    public static string Value(DissectContext ctx, string abbrev)
    {
        var v = Values(ctx, abbrev);
        Assert.True(v.Length == 1, $"{abbrev}: expected one value, got {v.Length} [{string.Join(",", v)}]");
        return v[0];
    }

    public static bool Has(DissectContext ctx, string abbrev) => Values(ctx, abbrev).Length > 0;

    /// <summary>Every prefix of a frame, with the original length both full (a snaplen cut) and cut (a really
    /// short packet): no dissector throws (the engine would turn it into a "dissector error" malformed layer); a
    /// snaplen-cut frame is never marked malformed unless the whole frame is; and every value a cut run records
    /// is one the full run records too (same field, same text), so a cut only ever loses fields. Frame, expert,
    /// data, generated, checksum-status and byte-string fields are left out of that comparison (they legitimately
    /// depend on the cut).</summary>
    public static void TruncationSweep(byte[] full, int linkType = Ethernet)
    {
        var whole = Dissect(full, linkType);
        AssertNoDissectorError(whole, full.Length, "whole frame");
        var known = new HashSet<(string, string)>();
        foreach (var e in Comparable(whole)) known.Add(e);
        bool wholeMalformed = whole.Fields.Has(Find("_ws.malformed"));
        for (int n = 0; n < full.Length; n++)
        {
            var cut = full.AsSpan(0, n).ToArray();
            // Snaplen cut: the packet was really full.Length long.
            var a = Dissect(cut, linkType, full.Length);
            AssertNoDissectorError(a, n, "snaplen cut");
            Assert.False(a.Fields.Has(Find("_ws.malformed")) && !wholeMalformed,
                $"prefix {n} of a snaplen-cut frame was marked malformed instead of short");
            foreach (var (abbrev, value) in Comparable(a))
                Assert.True(known.Contains((abbrev, value)),
                    $"prefix {n} (snaplen cut) recorded {abbrev} = '{value}', which the full frame does not have");
            // Really short packet: reported == captured.
            AssertNoDissectorError(Dissect(cut, linkType), n, "short packet");
        }
    }

    static IEnumerable<(string, string)> Comparable(DissectContext ctx)
    {
        var f = ctx.Fields;
        for (int i = 0; i < f.Count; i++)
        {
            var def = f[i].Field;
            if (def.Kind is FieldKind.Bytes or FieldKind.Protocol || def.IsExpert) continue;
            // Generated values and checksum statuses legitimately change when the bytes are cut (a checksum that
            // was verified becomes Unverified).
            if ((def.Flags & FieldFlags.Generated) != 0 || def.Abbrev.EndsWith(".status", StringComparison.Ordinal)) continue;
            var p = def.Protocol?.Abbrev;
            if (p is "frame" or "_ws" or "data") continue;
            yield return (def.Abbrev, Format.Value(f, f[i]));
        }
    }

    static void AssertNoDissectorError(DissectContext ctx, int length, string what)
    {
        var f = ctx.Fields;
        for (int i = 0; i < f.Count; i++)
        {
            if (f[i].Text < 0 || !f[i].Field.IsExpert) continue;
            var text = f.Texts[f[i].Text];
            Assert.False(text.StartsWith("dissector error", StringComparison.Ordinal),
                $"{what} of {length} bytes: a dissector threw ({text}) in layer of {f[i].Field.Abbrev}");
        }
    }

    public static FieldDef Find(string abbrev) => Tables.Registry.Find(abbrev) ?? throw new ArgumentException($"no field {abbrev}");
}
