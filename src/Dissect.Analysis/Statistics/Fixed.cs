using System.Globalization;

namespace Dissect.Analysis.Statistics;

/// <summary>
/// A double printed with a fixed number of decimals, exactly as <c>v.ToString("F" + decimals,
/// CultureInfo.InvariantCulture)</c> prints it, but through integer arithmetic when that is safe: reports print
/// millions of such numbers and the general float formatter dominated their cost. Falls back to the general
/// formatter for large values, non-finite values and values within 1e-6 of a rounding tie (where the product
/// v·10^d could round differently from the exact decimal value).
/// </summary>
public readonly struct Fixed(double value, int decimals) : ISpanFormattable
{
    static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
    static readonly string[] Formats = ["F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"];

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        int d = Math.Clamp(decimals, 0, 9);
        double scaled = Math.Abs(value) * Pow10[d];
        double floor = Math.Floor(scaled);
        double frac = scaled - floor;
        if (!(scaled < 1e15) || Math.Abs(frac - 0.5) < 1e-6)
            return value.TryFormat(destination, out charsWritten, Formats[d], CultureInfo.InvariantCulture);
        long n = (long)floor + (frac > 0.5 ? 1 : 0);
        int w = 0;
        // "-0.000" when a negative value rounds to zero, as the general formatter prints it.
        if (value < 0 || (value == 0 && double.IsNegative(value)))
        {
            if (destination.Length < 1) { charsWritten = 0; return false; }
            destination[w++] = '-';
        }
        long whole = n / Pow10[d], part = n % Pow10[d];
        Span<char> digits = stackalloc char[20];
        int k = WriteDigits((ulong)whole, digits);
        if (destination.Length < w + k) { charsWritten = 0; return false; }
        digits[..k].CopyTo(destination[w..]);
        w += k;
        if (d > 0)
        {
            if (destination.Length < w + 1 + d) { charsWritten = 0; return false; }
            destination[w++] = '.';
            for (int i = d - 1; i >= 0; i--) { destination[w + i] = (char)('0' + part % 10); part /= 10; }
            w += d;
        }
        charsWritten = w;
        return true;
    }

    /// <summary>The decimal digits of <paramref name="v"/> (what the invariant formatter prints for an unsigned
    /// integer), two at a time; <paramref name="dest"/> holds at least 20 characters. Returns how many.</summary>
    internal static int WriteDigits(ulong v, Span<char> dest)
    {
        int len = 1;
        for (ulong t = v; t >= 10; t /= 10) len++;
        int end = len;
        while (v >= 100)
        {
            ulong q = v / 100;
            int r = (int)(v - q * 100);
            dest[--end] = (char)('0' + r % 10);
            dest[--end] = (char)('0' + r / 10);
            v = q;
        }
        if (v >= 10) { dest[1] = (char)('0' + (int)(v % 10)); dest[0] = (char)('0' + (int)(v / 10)); }
        else dest[0] = (char)('0' + (int)v);
        return len;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buf = stackalloc char[64];
        return TryFormat(buf, out int n, default, null) ? new string(buf[..n]) : value.ToString(Formats[Math.Clamp(decimals, 0, 9)], CultureInfo.InvariantCulture);
    }
}
