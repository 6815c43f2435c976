namespace Dissect.Cli.Output;

/// <summary>A per-packet output format. <see cref="Print"/> runs once per frame after dissection.</summary>
public interface IPacketPrinter
{
    void Begin(Pipeline p);
    void Print(Pipeline p);
    void End(Pipeline p);
}

/// <summary>Runs several printers in order for each packet (summary + hex dump, tree + hex dump).</summary>
public sealed class CompositePrinter(params IPacketPrinter[] printers) : IPacketPrinter
{
    public void Begin(Pipeline p) { foreach (var x in printers) x.Begin(p); }
    public void Print(Pipeline p) { foreach (var x in printers) x.Print(p); }
    public void End(Pipeline p) { foreach (var x in printers) x.End(p); }
}

/// <summary>
/// tshark's one-line summary: "    1   0.000000    127.0.0.1 → 127.0.0.1    TCP 74 50232 → 8080 [SYN] ...".
/// No. right-aligned in 5, Time right-aligned in 10 (decimals from the capture's resolution), Source
/// right-aligned in 12, " → ", Destination left-aligned in 12, then Protocol, Length and Info separated by a space.
/// </summary>
public sealed class SummaryPrinter(Utf8Output o, bool resolveNames = true, bool blankLineAfter = false) : IPacketPrinter
{
    char[] _line = new char[512];
    int _n;

    public void Begin(Pipeline p) { }
    public void End(Pipeline p) { }

    public void Print(Pipeline p)
    {
        _n = 0;
        Span<char> tmp = stackalloc char[64];

        // No.
        ((ulong)p.Frame.Number).TryFormat(tmp, out int w, default, System.Globalization.CultureInfo.InvariantCulture);
        Pad(5 - w); Append(tmp.Slice(0, w));
        Append(' ');

        // Time
        w = SecondsChars(p.RelativeNanoseconds, p.TimeDecimals, tmp);
        Pad(10 - w); Append(tmp.Slice(0, w));
        Append(' ');

        // Source → Destination
        w = ColumnText.AddressChars(p.Columns.Source, tmp, resolveNames);
        Pad(12 - w); Append(tmp.Slice(0, w));
        Append(" → ");
        w = ColumnText.AddressChars(p.Columns.Destination, tmp, resolveNames);
        Append(tmp.Slice(0, w)); Pad(12 - w);
        Append(' ');

        Append(p.Columns.Protocol);
        Append(' ');
        ((ulong)p.Frame.OriginalLength).TryFormat(tmp, out w, default, System.Globalization.CultureInfo.InvariantCulture);
        Append(tmp.Slice(0, w));
        Append(' ');
        Append(p.Columns.Info.Span);
        Append('\n');
        if (blankLineAfter) Append('\n');
        o.Write(_line.AsSpan(0, _n));
    }

    /// <summary>Signed seconds with <paramref name="decimals"/> digits into chars; returns the length.</summary>
    public static int SecondsChars(long ns, int decimals, Span<char> dst)
    {
        bool neg = ns < 0;
        ulong a = neg ? (ulong)(-(ns + 1)) + 1 : (ulong)ns;
        int n = 0;
        if (neg) dst[n++] = '-';
        (a / 1_000_000_000UL).TryFormat(dst.Slice(n), out int w, default, System.Globalization.CultureInfo.InvariantCulture);
        n += w;
        if (decimals > 0)
        {
            dst[n++] = '.';
            uint frac = (uint)(a % 1_000_000_000UL);
            for (int i = decimals; i < 9; i++) frac /= 10;
            for (int i = decimals - 1; i >= 0; i--) { dst[n + i] = (char)('0' + frac % 10); frac /= 10; }
            n += decimals;
        }
        return n;
    }

    void Pad(int k)
    {
        if (k <= 0) return;
        Ensure(k);
        _line.AsSpan(_n, k).Fill(' ');
        _n += k;
    }

    void Append(char c) { Ensure(1); _line[_n++] = c; }

    void Append(ReadOnlySpan<char> s)
    {
        Ensure(s.Length);
        s.CopyTo(_line.AsSpan(_n));
        _n += s.Length;
    }

    void Ensure(int k)
    {
        if (_n + k > _line.Length) Array.Resize(ref _line, Math.Max(_line.Length * 2, _n + k));
    }
}
