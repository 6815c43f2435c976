using System.Globalization;
using System.Net;
using System.Text;
using Dissect.Core;

namespace Dissect.Cli.Output;

/// <summary>
/// Span-based writers of field values, producing exactly what <see cref="Format.Value"/> produces (tshark's
/// -T fields representation) without making a string per value, plus the JSON and tree variants.
/// </summary>
public static class ValueText
{
    static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>True for fields tshark prints as a calendar date rather than epoch seconds (frame.time).
    /// Core's <see cref="Format.Value"/> prints every absolute time as epoch seconds.</summary>
    public static bool IsCalendarTime(FieldDef f) => ReferenceEquals(f, FrameFields.Time);

    /// <summary>Writes the -T fields value of <paramref name="e"/> (same text as <see cref="Format.Value"/>,
    /// except frame.time which tshark prints as a date).</summary>
    public static void WriteField(Utf8Output o, PacketFields pf, in FieldEntry e)
    {
        var f = e.Field;
        switch (f.Kind)
        {
            case FieldKind.None:
                o.WriteByte((byte)'1');
                return;
            case FieldKind.Protocol:
                o.Write(f.Abbrev);
                return;
            case FieldKind.Bool:
                o.WriteByte(e.Value != 0 ? (byte)'1' : (byte)'0');
                return;
            case FieldKind.Double:
            {
                Span<char> c = stackalloc char[64];
                BitConverter.UInt64BitsToDouble(e.Value).TryFormat(c, out int n, "G6", CultureInfo.InvariantCulture);
                o.Write(c.Slice(0, n));
                return;
            }
            case FieldKind.IPv4:
                WriteIPv4(o, pf.ValueBytes(e));
                return;
            case FieldKind.IPv6:
                WriteIPv6(o, pf.ValueBytes(e));
                return;
            case FieldKind.Ether:
                WriteHex(o, pf.ValueBytes(e), (byte)':');
                return;
            case FieldKind.Bytes:
            {
                var b = pf.ValueBytes(e);
                // an empty byte string that really is empty (not cut off by the capture) prints as <none>
                bool declaredEmpty = e.AuxStart >= 0 ? e.AuxLength == 0 : e.Length == 0;
                if (b.IsEmpty && declaredEmpty) o.Write("<none>"u8);
                else WriteHex(o, b, 0);
                return;
            }
            case FieldKind.String:
                WriteEscaped(o, pf.ValueBytes(e));
                return;
            case FieldKind.AbsoluteTime:
            {
                var t = new Timestamp((long)e.Value, (uint)e.AuxStart);
                if (IsCalendarTime(f)) o.Write(Format.AbsoluteTime(t));
                else WriteEpoch(o, t);
                return;
            }
            case FieldKind.RelativeTime:
                WriteSeconds(o, (long)e.Value, 9);
                return;
            default:
                WriteInteger(o, f, e.Value);
                return;
        }
    }

    static readonly UTF8Encoding Lenient = new(false, false);

    /// <summary>Wire bytes as text: UTF-8 with invalid sequences replaced (U+FFFD), for JSON.</summary>
    public static string Utf8Lenient(ReadOnlySpan<byte> b) => Lenient.GetString(b);

    public static void WriteIPv4(Utf8Output o, ReadOnlySpan<byte> b)
    {
        if (b.Length < 4) return;
        Span<byte> dst = o.GetSpan(16);
        int n = 0;
        for (int i = 0; i < 4; i++)
        {
            if (i > 0) dst[n++] = (byte)'.';
            int v = b[i];
            if (v >= 100) { dst[n++] = (byte)('0' + v / 100); v %= 100; dst[n++] = (byte)('0' + v / 10); dst[n++] = (byte)('0' + v % 10); }
            else if (v >= 10) { dst[n++] = (byte)('0' + v / 10); dst[n++] = (byte)('0' + v % 10); }
            else dst[n++] = (byte)('0' + v);
        }
        o.Advance(n);
    }

    public static void WriteIPv6(Utf8Output o, ReadOnlySpan<byte> b)
    {
        if (b.Length < 16) return;
        Span<char> c = stackalloc char[64];
        if (new IPAddress(b.Slice(0, 16)).TryFormat(c, out int n)) o.Write(c.Slice(0, n));
    }

    public static void WriteHex(Utf8Output o, ReadOnlySpan<byte> b, byte sep)
    {
        if (b.IsEmpty) return;
        var hex = HexDigits;
        // chunked so a huge value never needs one huge buffer
        const int Chunk = 4096;
        for (int start = 0; start < b.Length; start += Chunk)
        {
            var part = b.Slice(start, Math.Min(Chunk, b.Length - start));
            Span<byte> dst = o.GetSpan(part.Length * 3);
            int n = 0;
            for (int i = 0; i < part.Length; i++)
            {
                if (sep != 0 && (i > 0 || start > 0)) dst[n++] = sep;
                dst[n++] = hex[part[i] >> 4]; dst[n++] = hex[part[i] & 15];
            }
            o.Advance(n);
        }
    }

    /// <summary>Wire text escaped byte by byte like <see cref="Format.WireText"/> (\\, \r, \n, \t, \xNN).</summary>
    public static void WriteEscaped(Utf8Output o, ReadOnlySpan<byte> b)
    {
        var hex = HexDigits;
        const int Chunk = 4096;
        int i = 0;
        while (i < b.Length)
        {
            int end = Math.Min(b.Length, i + Chunk);
            Span<byte> dst = o.GetSpan((end - i) * 4 + 4);
            int n = 0;
            while (i < end)
            {
                byte x = b[i];
                if (x >= 0x80 && System.Text.Rune.DecodeFromUtf8(b.Slice(i), out _, out int used) == System.Buffers.OperationStatus.Done)
                {
                    // A valid multi-byte UTF-8 sequence is printed as it is (as Format.WireText does).
                    b.Slice(i, used).CopyTo(dst.Slice(n));
                    n += used; i += used;
                    continue;
                }
                i++;
                switch (x)
                {
                    case (byte)'\\': dst[n++] = (byte)'\\'; dst[n++] = (byte)'\\'; continue;
                    case (byte)'\r': dst[n++] = (byte)'\\'; dst[n++] = (byte)'r'; continue;
                    case (byte)'\n': dst[n++] = (byte)'\\'; dst[n++] = (byte)'n'; continue;
                    case (byte)'\t': dst[n++] = (byte)'\\'; dst[n++] = (byte)'t'; continue;
                }
                if (x >= 0x20 && x < 0x7f) { dst[n++] = x; continue; }
                dst[n++] = (byte)'\\'; dst[n++] = (byte)'x'; dst[n++] = hex[x >> 4]; dst[n++] = hex[x & 15];
            }
            o.Advance(n);
        }
    }

    /// <summary>Epoch seconds with 9 decimals (frame.time_epoch). An invalid nanosecond count kept from the file
    /// (1,000,000,000 or more) is printed whole, as tshark and <see cref="Format.EpochTime"/> do.</summary>
    public static void WriteEpoch(Utf8Output o, Timestamp t)
    {
        o.Write(t.Seconds);
        o.WriteByte((byte)'.');
        if (t.Nanoseconds >= 1_000_000_000) o.Write((ulong)t.Nanoseconds);
        else WritePadded(o, t.Nanoseconds, 9);
    }

    /// <summary>Signed seconds from nanoseconds with <paramref name="decimals"/> digits (0..9, truncated),
    /// as tshark prints relative times ("-0.500000000").</summary>
    public static void WriteSeconds(Utf8Output o, long ns, int decimals)
    {
        bool neg = ns < 0;
        ulong a = neg ? (ulong)(-(ns + 1)) + 1 : (ulong)ns;
        if (neg) o.WriteByte((byte)'-');
        o.Write(a / 1_000_000_000UL);
        if (decimals <= 0) return;
        o.WriteByte((byte)'.');
        uint frac = (uint)(a % 1_000_000_000UL);
        for (int i = decimals; i < 9; i++) frac /= 10;
        WritePadded(o, frac, decimals);
    }

    static void WritePadded(Utf8Output o, uint v, int digits)
    {
        Span<byte> dst = o.GetSpan(digits);
        for (int i = digits - 1; i >= 0; i--) { dst[i] = (byte)('0' + v % 10); v /= 10; }
        o.Advance(digits);
    }

    /// <summary>An integer as <see cref="Format.Integer"/> prints it.</summary>
    public static void WriteInteger(Utf8Output o, FieldDef f, ulong v)
    {
        switch (f.Base)
        {
            case FieldBase.Hex:
            case FieldBase.HexDec:
            {
                int digits = f.BitWidth > 0 ? (f.BitWidth + 3) / 4 : 1;
                int len = Math.Max(digits, v == 0 ? 1 : 16 - System.Numerics.BitOperations.LeadingZeroCount(v) / 4);
                Span<byte> dst = o.GetSpan(len + 2);
                dst[0] = (byte)'0'; dst[1] = (byte)'x';
                var hex = HexDigits;
                ulong x = v;
                for (int i = len - 1; i >= 0; i--) { dst[2 + i] = hex[(int)(x & 15)]; x >>= 4; }
                o.Advance(len + 2);
                return;
            }
            case FieldBase.Oct:
                o.Write("0" + Convert.ToString((long)v, 8));
                return;
            default:
                if (FieldDef.IsSigned(f.Kind)) o.Write(Format.SignExtend(f, v));
                else o.Write(v);
                return;
        }
    }

    /// <summary>Renders a value written by one of the writers above into a string (tests, slow paths).</summary>
    public static string ToText(Action<Utf8Output> write)
    {
        var sw = new StringWriter();
        using (var o = new Utf8Output(sw, 1024)) write(o);
        return sw.ToString();
    }
}
