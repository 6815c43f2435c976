using System.Collections.Concurrent;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Sip;

/// <summary>Small helpers for the line-based text protocols of this folder (SIP, SDP, MIME multipart) and for
/// tshark's combined Protocol column ("SIP/SDP", "DB-LSP-DISC/JSON").</summary>
public static class TextProtocol
{
    /// <summary>Length of the line starting at <paramref name="start"/> (without CR LF) and where the next one starts;
    /// false when no LF follows (the line runs to the end of the bytes).</summary>
    public static bool Line(ReadOnlySpan<byte> d, int start, out int length, out int next)
    {
        int lf = d.Slice(start).IndexOf((byte)'\n');
        if (lf < 0) { length = d.Length - start; next = d.Length; return false; }
        length = lf > 0 && d[start + lf - 1] == '\r' ? lf - 1 : lf;
        next = start + lf + 1;
        return true;
    }

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s, out int skipped)
    {
        int i = 0;
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        skipped = i;
        return s.Slice(i);
    }

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, string b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            int x = a[i], y = b[i];
            if (x is >= 'A' and <= 'Z') x += 32;
            if (y is >= 'A' and <= 'Z') y += 32;
            if (x != y) return false;
        }
        return true;
    }

    public static bool StartsWithIgnoreCase(ReadOnlySpan<byte> a, string b)
        => a.Length >= b.Length && EqualsIgnoreCase(a.Slice(0, b.Length), b);

    public static bool TryUInt(ReadOnlySpan<byte> s, out uint v)
    {
        v = 0;
        if (s.IsEmpty) return false;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9' || v > 400_000_000) return false;
            v = v * 10 + (uint)(b - '0');
        }
        return true;
    }

    static readonly ConcurrentDictionary<(string, string), string> Joined = new();

    /// <summary>tshark appends a body protocol to the Protocol column of the protocol that carries it ("SIP/SDP",
    /// "DB-LSP-DISC/JSON"): the column of the nearest earlier layer (skipping <paramref name="transparent"/>, e.g.
    /// MIME multipart) joined with <paramref name="suffix"/>; each combination is made once.</summary>
    public static void AppendProtocolColumn(DissectContext ctx, string suffix, ProtocolDef? transparent = null)
    {
        var stack = ctx.ProtocolStack;
        for (int i = stack.Length - 2; i >= 0; i--)
        {
            var p = stack[i];
            if (p is null || p == transparent) continue;
            if (p.Abbrev is "frame" or "data") break;
            ctx.Columns.Protocol = Joined.GetOrAdd((p.ShortName, suffix), static k => k.Item1 + "/" + k.Item2);
            return;
        }
    }

    /// <summary>A transparent layer (MIME multipart) leaves the Protocol column as the layer before it set it.</summary>
    public static void KeepPreviousColumn(DissectContext ctx)
    {
        var stack = ctx.ProtocolStack;
        if (stack.Length >= 2 && stack[^2] is { } p && p.Abbrev is not ("frame" or "data")) ctx.Columns.Protocol = p.ShortName;
    }
}
