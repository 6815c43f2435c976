using System.Globalization;
using Dissect.Analysis.Tcp;

namespace Dissect.Analysis.Statistics;

/// <summary>
/// A growable character buffer that reports format into, value by value (no string per value, invariant culture):
/// a report of hundreds of thousands of connections writes it to its TextWriter once per connection.
/// </summary>
sealed class TextBuffer(int capacity)
{
    char[] _buf = new char[Math.Max(16, capacity)];
    int _n;

    public ReadOnlySpan<char> Span => _buf.AsSpan(0, _n);
    public void Clear() => _n = 0;
    public override string ToString() => new(Span);

    public TextBuffer Append(char c)
    {
        if (_n == _buf.Length) Grow(1);
        _buf[_n++] = c;
        return this;
    }

    public TextBuffer Append(ReadOnlySpan<char> s)
    {
        if (_n + s.Length > _buf.Length) Grow(s.Length);
        s.CopyTo(_buf.AsSpan(_n));
        _n += s.Length;
        return this;
    }

    // Integers (most of a report's values) through Fixed.WriteDigits: the same digits as the invariant formatter.
    public TextBuffer Append(ulong v)
    {
        if (_n + 20 > _buf.Length) Grow(20);
        _n += Fixed.WriteDigits(v, _buf.AsSpan(_n));
        return this;
    }
    public TextBuffer Append(uint v) => Append((ulong)v);
    public TextBuffer Append(long v)
    {
        if (v >= 0) return Append((ulong)v);
        Append('-');
        return Append((ulong)(-(v + 1)) + 1);
    }
    public TextBuffer Append(int v) => Append((long)v);

    /// <summary>A number (or <see cref="Fixed"/>) formatted in place.</summary>
    public TextBuffer Append<T>(T value) where T : ISpanFormattable
    {
        int k;
        while (!value.TryFormat(_buf.AsSpan(_n), out k, default, CultureInfo.InvariantCulture)) Grow(64);
        _n += k;
        return this;
    }

    /// <summary>Zeek history letters (packed as the record keeps them).</summary>
    public TextBuffer History(ulong packed)
    {
        if (_n + 16 > _buf.Length) Grow(16);
        _n += HistoryLetters.Write(packed, _buf.AsSpan(_n));
        return this;
    }

    void Grow(int more) => Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _n + more));
}
