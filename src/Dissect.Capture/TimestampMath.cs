using Dissect.Core;

namespace Dissect.Capture;

/// <summary>Exact conversions between timestamp units (units per second, as pcapng if_tsresol gives them) and
/// <see cref="Timestamp"/>, with 64-bit integer arithmetic only.</summary>
internal static class TimestampMath
{
    const ulong NanosPerSecond = 1_000_000_000;

    /// <summary>floor(a * b / d) when it fits in 64 bits; false otherwise.</summary>
    public static bool TryMulDiv(ulong a, ulong b, ulong d, out ulong result)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        if (hi == 0) { result = lo / d; return true; }
        if (hi >= d) { result = 0; return false; }
        // 128-by-64 long division, one bit at a time; hi < d keeps the quotient within 64 bits.
        ulong rem = hi, q = 0;
        for (int i = 0; i < 64; i++)
        {
            ulong carry = rem >> 63;
            rem = (rem << 1) | (lo >> 63);
            lo <<= 1;
            q <<= 1;
            if (carry != 0 || rem >= d) { rem -= d; q |= 1; }
        }
        result = q;
        return true;
    }

    /// <summary>Timestamp of <paramref name="units"/> ticks at <paramref name="unitsPerSecond"/>, plus whole
    /// seconds of offset. Fractions finer than a nanosecond are truncated.</summary>
    public static Timestamp FromUnits(ulong units, ulong unitsPerSecond, long offsetSeconds)
    {
        ulong seconds, frac;
        if (unitsPerSecond == 1_000_000) { seconds = units / 1_000_000; frac = units % 1_000_000 * 1000; }
        else if (unitsPerSecond == NanosPerSecond) { seconds = units / NanosPerSecond; frac = units % NanosPerSecond; }
        else
        {
            seconds = units / unitsPerSecond;
            ulong rem = units % unitsPerSecond;
            TryMulDiv(rem, NanosPerSecond, unitsPerSecond, out frac);   // rem < unitsPerSecond: always fits
        }
        return new Timestamp(unchecked((long)seconds + offsetSeconds), (uint)frac);
    }

    /// <summary>
    /// Ticks for <paramref name="t"/> at <paramref name="unitsPerSecond"/> (the inverse of <see cref="FromUnits"/>:
    /// a timestamp read at that resolution converts back to the same tick). False when the time is before the
    /// offset or does not fit in 64 bits.
    /// </summary>
    public static bool TryToUnits(Timestamp t, ulong unitsPerSecond, long offsetSeconds, out ulong units)
    {
        units = 0;
        long s = unchecked(t.Seconds - offsetSeconds);
        if (((t.Seconds ^ offsetSeconds) & (t.Seconds ^ s)) < 0 || s < 0) return false;   // overflow or before the offset
        if (Math.BigMul((ulong)s, unitsPerSecond, out ulong whole) != 0) return false;
        if (!TryMulDiv(t.Nanoseconds, unitsPerSecond, NanosPerSecond, out ulong frac)) return false;
        // Truncation loses a tick when the resolution does not divide 10^9 evenly (at 2^-10 s, tick 1 reads as
        // 976,562 ns, which maps back to 0.9999 ticks): take the next tick when that one reads back as t.
        if (t.Nanoseconds < NanosPerSecond && NanosPerSecond % unitsPerSecond != 0 && unitsPerSecond < NanosPerSecond
            && frac + 1 < unitsPerSecond)
        {
            TryMulDiv(frac, NanosPerSecond, unitsPerSecond, out ulong back);
            TryMulDiv(frac + 1, NanosPerSecond, unitsPerSecond, out ulong next);
            if (back != t.Nanoseconds && next == t.Nanoseconds) frac++;
        }
        if (frac > ulong.MaxValue - whole) return false;
        units = whole + frac;
        return true;
    }
}
