using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Transport;

/// <summary>Allocation-free Info text helpers (STYLE rule 5: the Info column is built without strings).</summary>
public static class InfoText
{
    static ReadOnlySpan<char> HexDigits => "0123456789abcdef";

    /// <summary>"0x" and four lowercase hex digits (tshark's "id=0x%04x").</summary>
    public static TextColumn Hex4(TextColumn info, ushort v)
    {
        Span<char> s = stackalloc char[6];
        s[0] = '0'; s[1] = 'x';
        for (int i = 0; i < 4; i++) s[2 + i] = HexDigits[(v >> (12 - 4 * i)) & 0xf];
        return info.Append(s);
    }

    /// <summary>An IPv6 address as inet_ntop writes it (RFC 5952: lowercase, the longest run of two or more zero
    /// groups as "::", IPv4-compatible and -mapped addresses with a dotted quad).</summary>
    public static TextColumn IPv6(TextColumn info, ReadOnlySpan<byte> a)
    {
        Span<char> s = stackalloc char[46];
        return info.Append(s.Slice(0, WriteIPv6(a, s)));
    }

    public static int WriteIPv6(ReadOnlySpan<byte> a, Span<char> dst)
    {
        if (a.Length < 16) return 0;
        Span<ushort> w = stackalloc ushort[8];
        for (int i = 0; i < 8; i++) w[i] = BinaryPrimitives.ReadUInt16BigEndian(a.Slice(2 * i));
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++)
        {
            if (w[i] == 0)
            {
                if (curBase < 0) { curBase = i; curLen = 1; } else curLen++;
                if (curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
            }
            else curBase = -1;
        }
        if (bestLen < 2) bestBase = -1;
        int n = 0;
        for (int i = 0; i < 8; i++)
        {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen)
            {
                if (i == bestBase) dst[n++] = ':';
                continue;
            }
            if (i > 0) dst[n++] = ':';
            // Embedded IPv4 (compatible ::a.b.c.d or mapped ::ffff:a.b.c.d), as inet_ntop does.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff)))
            {
                for (int k = 12; k < 16; k++)
                {
                    if (k > 12) dst[n++] = '.';
                    a[k].TryFormat(dst.Slice(n), out int c);
                    n += c;
                }
                return n;
            }
            n += WriteGroup(w[i], dst.Slice(n));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) dst[n++] = ':';
        return n;
    }

    static int WriteGroup(ushort v, Span<char> dst)
    {
        int n = 0;
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            int d = (v >> shift) & 0xf;
            if (d == 0 && !started && shift > 0) continue;
            started = true;
            dst[n++] = HexDigits[d];
        }
        return n;
    }
}
