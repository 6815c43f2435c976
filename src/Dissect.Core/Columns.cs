using System.Buffers.Text;
using System.Globalization;
using Dissect.Core.Flow;

namespace Dissect.Core;

/// <summary>A growable text column reused across packets (Wireshark's Info column). No allocation once warm.</summary>
public sealed class TextColumn
{
    char[] _buf = new char[256];
    int _len, _fence;

    /// <summary>When true every write is ignored (Wireshark's col_set_writable(FALSE)); set through
    /// <see cref="Columns.Freeze"/>, cleared by <see cref="Columns.Reset"/>.</summary>
    internal bool Frozen;

    public int Length => _len;
    public ReadOnlySpan<char> Span => _buf.AsSpan(0, _len);
    public override string ToString() => new(_buf, 0, _len);

    /// <summary>Clears the text after the fence (all of it unless <see cref="Fence"/> was called).</summary>
    public TextColumn Clear() { if (!Frozen) _len = _fence; return this; }

    /// <summary>Keeps the text so far from later <see cref="Clear"/> calls (Wireshark's col_set_fence): the engine
    /// fences the Info column between the PDUs of one frame so that each PDU's text follows the previous one.</summary>
    public void Fence() { if (!Frozen) _fence = _len; }

    internal void ResetFence() => _fence = 0;

    public TextColumn Append(ReadOnlySpan<char> s)
    {
        if (Frozen) return this;
        Ensure(s.Length);
        s.CopyTo(_buf.AsSpan(_len));
        _len += s.Length;
        return this;
    }

    public TextColumn Append(char c) { if (Frozen) return this; Ensure(1); _buf[_len++] = c; return this; }

    public TextColumn Append(ulong v)
    {
        if (Frozen) return this;
        Ensure(20);
        v.TryFormat(_buf.AsSpan(_len), out int n, default, CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    public TextColumn Append(long v)
    {
        if (Frozen) return this;
        Ensure(21);
        v.TryFormat(_buf.AsSpan(_len), out int n, default, CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    // Cached so that AppendHex does not build a format string per call (no allocation per packet, rule 5).
    static readonly string[] HexFormats = ["x", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16"];

    public TextColumn AppendHex(ulong v, int digits)
    {
        if (Frozen) return this;
        Ensure(18);
        _buf[_len++] = '0'; _buf[_len++] = 'x';
        v.TryFormat(_buf.AsSpan(_len), out int n, (uint)digits < (uint)HexFormats.Length ? HexFormats[digits] : "x", CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    /// <summary>Appends text taken from the wire (ASCII), escaping control and non-ASCII bytes like Wireshark (\xNN, \r, \n).</summary>
    public TextColumn AppendAscii(ReadOnlySpan<byte> s)
    {
        if (Frozen) return this;
        Ensure(s.Length * 4);
        foreach (var b in s) Format.EscapeByte(b, _buf, ref _len);
        return this;
    }

    public TextColumn AppendAddress(in Address a)
    {
        if (Frozen) return this;
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
        if (Frozen) return this;
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
    Address _source, _destination;
    string _protocol = "";

    public Address Source { get => _source; set { if (Writable) _source = value; } }
    public Address Destination { get => _destination; set { if (Writable) _destination = value; } }
    public string Protocol { get => _protocol; set { if (Writable) _protocol = value; } }
    public TextColumn Info { get; } = new();

    /// <summary>False after <see cref="Freeze"/>: writes to every column are ignored until the next packet.</summary>
    public bool Writable { get; private set; } = true;

    /// <summary>Makes the columns read-only for the rest of the packet (Wireshark's col_set_writable(FALSE)). ICMP and
    /// ICMPv6 call it before handing on the quoted datagram of an error message, so the inner IP/UDP/DNS layers
    /// leave "ICMP" and "Destination unreachable (Port unreachable)" in place, as tshark shows them.</summary>
    public void Freeze() { Writable = false; Info.Frozen = true; }

    public void Reset()
    {
        Writable = true; Info.Frozen = false; Info.ResetFence();
        _source = default; _destination = default; _protocol = ""; Info.Clear();
    }

    public void SetAddresses(AddressKind kind, ReadOnlySpan<byte> src, ReadOnlySpan<byte> dst)
    {
        if (!Writable) return;
        _source = Address.From(kind, src);
        _destination = Address.From(kind, dst);
    }
}
