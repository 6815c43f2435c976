using System.Buffers.Text;
using System.Globalization;
using Dissect.Core.Flow;

namespace Dissect.Core;

/// <summary>A growable text column reused across packets (Wireshark's Info column). No allocation once warm.</summary>
public sealed class TextColumn
{
    char[] _buf = new char[256];
    int _len;

    public int Length => _len;
    public ReadOnlySpan<char> Span => _buf.AsSpan(0, _len);
    public override string ToString() => new(_buf, 0, _len);

    public TextColumn Clear() { _len = 0; return this; }

    public TextColumn Append(ReadOnlySpan<char> s)
    {
        Ensure(s.Length);
        s.CopyTo(_buf.AsSpan(_len));
        _len += s.Length;
        return this;
    }

    public TextColumn Append(char c) { Ensure(1); _buf[_len++] = c; return this; }

    public TextColumn Append(ulong v)
    {
        Ensure(20);
        v.TryFormat(_buf.AsSpan(_len), out int n, default, CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    public TextColumn Append(long v)
    {
        Ensure(21);
        v.TryFormat(_buf.AsSpan(_len), out int n, default, CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    public TextColumn AppendHex(ulong v, int digits)
    {
        Ensure(18);
        _buf[_len++] = '0'; _buf[_len++] = 'x';
        v.TryFormat(_buf.AsSpan(_len), out int n, digits > 0 ? "x" + digits.ToString(CultureInfo.InvariantCulture) : "x", CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    /// <summary>Appends text taken from the wire (ASCII), escaping control and non-ASCII bytes like Wireshark (\xNN, \r, \n).</summary>
    public TextColumn AppendAscii(ReadOnlySpan<byte> s)
    {
        Ensure(s.Length * 4);
        foreach (var b in s) Format.EscapeByte(b, _buf, ref _len);
        return this;
    }

    public TextColumn AppendAddress(in Address a)
    {
        Ensure(48);
        int n = Format.WriteAddress(a.Kind, a.Bytes, _buf.AsSpan(_len));
        _len += n;
        return this;
    }

    /// <summary>Appends ", " unless empty (Wireshark's col_append_sep_str).</summary>
    public TextColumn Sep(string sep = ", ") { if (_len > 0) Append(sep); return this; }

    /// <summary>Inserts text at the start (e.g. "[TCP Retransmission] ").</summary>
    public TextColumn Prepend(ReadOnlySpan<char> s)
    {
        Ensure(s.Length);
        Array.Copy(_buf, 0, _buf, s.Length, _len);
        s.CopyTo(_buf);
        _len += s.Length;
        return this;
    }

    void Ensure(int more)
    {
        if (_len + more > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + more));
    }
}

/// <summary>The summary columns of one packet: source and destination (addresses of the innermost layer that set
/// them), protocol (short name of the last layer that set it) and info.</summary>
public sealed class Columns
{
    public Address Source;
    public Address Destination;
    public string Protocol = "";
    public TextColumn Info { get; } = new();

    public void Reset() { Source = default; Destination = default; Protocol = ""; Info.Clear(); }

    public void SetAddresses(AddressKind kind, ReadOnlySpan<byte> src, ReadOnlySpan<byte> dst)
    {
        Source = Address.From(kind, src);
        Destination = Address.From(kind, dst);
    }
}
