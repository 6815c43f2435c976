using Dissect.Core;

namespace Dissect.Dissectors.Tests.LinkTests;

/// <summary>Assertions shared by the link- and network-layer tests (on top of <see cref="TestKit"/>). The test
/// namespaces are LinkTests/NetworkTests so that they do not shadow Dissect.Dissectors.Link/Network.</summary>
public static class LinkKit
{
    /// <summary>TestKit.Dissect under a name that does not collide with the Dissect namespace.</summary>
    public static DissectContext Run(byte[] bytes, int linkType = TestKit.Ethernet, int? originalLength = null)
        => TestKit.Dissect(bytes, linkType, originalLength);

    /// <summary>Every occurrence of a field joined with ',' (tshark -T fields -E occurrence=a); "" when absent.</summary>
    public static string F(DissectContext ctx, string abbrev) => string.Join(",", TestKit.Values(ctx, abbrev));

    /// <summary>Each field's values as tshark -T fields prints them (occurrences joined with ',').</summary>
    public static void AssertFields(DissectContext ctx, Dictionary<string, string> expected)
    {
        foreach (var (abbrev, value) in expected)
        {
            Assert.True(TestKit.Tables.Registry.Find(abbrev) is not null, $"field {abbrev} is not registered");
            Assert.True(value == F(ctx, abbrev), $"{abbrev}: expected '{value}', got '{F(ctx, abbrev)}'");
        }
    }

    public static void AssertAbsent(DissectContext ctx, params string[] abbrevs)
    {
        foreach (var a in abbrevs) Assert.True(F(ctx, a) == "", $"{a} should be absent, got '{F(ctx, a)}'");
    }

    /// <summary>frame.protocols without tshark's "ethertype" pseudo-layer (Dissect has no such layer).</summary>
    public static string Protocols(DissectContext ctx) => ctx.ProtocolsText();

    /// <summary>The protocol the engine runs for <paramref name="key"/> in <paramref name="table"/> ("data" when
    /// nothing is registered): handoff tests say "the next layer is whatever ip.proto 58 is" without depending on
    /// another team's dissector being registered yet.</summary>
    public static string Next(string table, uint key)
        => TestKit.Tables.Find(table) is { } t && t.TryGet(key, out var d) ? d.Protocol.Abbrev : "data";

    public static string Info(DissectContext ctx) => ctx.Columns.Info.ToString();

    public static bool Malformed(DissectContext ctx) => TestKit.Has(ctx, "_ws.malformed");
    public static bool Short(DissectContext ctx) => TestKit.Has(ctx, "_ws.short");
}
