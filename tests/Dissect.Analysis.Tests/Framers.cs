using Dissect.Core.Flow;
using Dissect.Analysis.Reassembly;

namespace Dissect.Analysis.Tests;

/// <summary>CRLF-terminated lines. After a gap it cannot know whether it is at a line start, so it skips up to
/// and including the first CRLF (resynchronises).</summary>
sealed class LineFramer : IPduFramer
{
    public static readonly LineFramer Instance = new();

    public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
    {
        int i = available.IndexOf("\r\n"u8);
        if (i < 0) return FramerResult.NeedMore();
        return gapBefore ? FramerResult.Skip(i + 2) : FramerResult.Pdu(i + 2);
    }
}

/// <summary>2-byte big-endian length + body. Cannot resynchronise after a gap: says "not mine".</summary>
sealed class LengthPrefixedFramer : IPduFramer
{
    public static readonly LengthPrefixedFramer Instance = new();

    public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
    {
        if (gapBefore) return FramerResult.NotMine;
        if (available.Length < 2) return FramerResult.NeedMore(2 - available.Length);
        int total = 2 + ((available[0] << 8) | available[1]);
        return available.Length < total ? FramerResult.NeedMore(total - available.Length) : FramerResult.Pdu(total);
    }
}

/// <summary>Builds streams of PDUs for both framers.</summary>
static class Streams
{
    public static List<byte[]> Lines(Random rng, int count, int maxLen = 20)
    {
        var pdus = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            var p = new byte[rng.Next(0, maxLen + 1) + 2];
            for (int j = 0; j < p.Length - 2; j++) p[j] = (byte)rng.Next(0x20, 0x7F);
            p[^2] = (byte)'\r'; p[^1] = (byte)'\n';
            pdus.Add(p);
        }
        return pdus;
    }

    public static List<byte[]> LengthPrefixed(Random rng, int count, int maxLen = 30)
    {
        var pdus = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            int n = rng.Next(0, maxLen + 1);
            var p = new byte[n + 2];
            p[0] = (byte)(n >> 8); p[1] = (byte)n;
            for (int j = 2; j < p.Length; j++) p[j] = (byte)rng.Next(256);
            pdus.Add(p);
        }
        return pdus;
    }

    public static byte[] Concat(List<byte[]> pdus) => pdus.SelectMany(p => p).ToArray();
}
