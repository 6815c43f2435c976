using System.Globalization;
using System.Net;
using System.Text;

namespace Dissect.Core;

/// <summary>Value formatting shared by every printer, matching tshark's -T fields representation.</summary>
public static class Format
{
    static readonly char[] Hex = "0123456789abcdef".ToCharArray();

    public static string Ether(ReadOnlySpan<byte> b)
    {
        Span<char> c = stackalloc char[b.Length * 3];
        int n = WriteHexSep(b, c, ':');
        return new string(c.Slice(0, n));
    }

    public static int WriteHexSep(ReadOnlySpan<byte> b, Span<char> dst, char sep)
    {
        int n = 0;
        for (int i = 0; i < b.Length; i++)
        {
            if (i > 0 && sep != '\0') dst[n++] = sep;
            dst[n++] = Hex[b[i] >> 4]; dst[n++] = Hex[b[i] & 15];
        }
        return n;
    }

    public static string HexString(ReadOnlySpan<byte> b, char sep = '\0')
    {
        if (b.IsEmpty) return "";
        var c = new char[b.Length * (sep == '\0' ? 2 : 3)];
        int n = WriteHexSep(b, c, sep);
        return new string(c, 0, n);
    }

    /// <summary>Writes an address (IPv4 dotted, IPv6 RFC 5952, MAC colon hex) into dst; returns chars written.</summary>
    public static int WriteAddress(Flow.AddressKind kind, ReadOnlySpan<byte> b, Span<char> dst)
    {
        switch (kind)
        {
            case Flow.AddressKind.IPv4:
            {
                int n = 0;
                for (int i = 0; i < 4; i++)
                {
                    if (i > 0) dst[n++] = '.';
                    b[i].TryFormat(dst.Slice(n), out int w, default, CultureInfo.InvariantCulture);
                    n += w;
                }
                return n;
            }
            case Flow.AddressKind.IPv6:
                return new IPAddress(b).TryFormat(dst, out int written) ? written : 0;
            case Flow.AddressKind.Ether:
                return WriteHexSep(b, dst, ':');
            default:
                return 0;
        }
    }

    public static string IPv4(ReadOnlySpan<byte> b) => b.Length >= 4 ? $"{b[0]}.{b[1]}.{b[2]}.{b[3]}" : "";
    public static string IPv6(ReadOnlySpan<byte> b) => b.Length >= 16 ? new IPAddress(b.Slice(0, 16)).ToString() : "";

    /// <summary>Seconds with 9 decimals, as tshark prints frame.time_relative and friends ("-0.500000000").</summary>
    public static string RelativeTime(long ns)
    {
        bool neg = ns < 0;
        ulong a = neg ? (ulong)(-(ns + 1)) + 1 : (ulong)ns;
        return (neg ? "-" : "") + (a / 1_000_000_000UL).ToString(CultureInfo.InvariantCulture) + "." +
               (a % 1_000_000_000UL).ToString("D9", CultureInfo.InvariantCulture);
    }

    /// <summary>Epoch seconds with 9 decimals (frame.time_epoch).</summary>
    public static string EpochTime(Timestamp t)
        => t.Seconds.ToString(CultureInfo.InvariantCulture) + "." + t.Nanoseconds.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>Absolute time as tshark shows frame.time, in UTC ("Jan 12, 2011 07:08:13.386451000 UTC").</summary>
    public static string AbsoluteTime(Timestamp t)
    {
        try
        {
            var dt = DateTime.UnixEpoch.AddSeconds(t.Seconds);
            return dt.ToString("MMM d, yyyy HH:mm:ss", CultureInfo.InvariantCulture) + "." +
                   t.Nanoseconds.ToString("D9", CultureInfo.InvariantCulture) + " UTC";
        }
        catch (ArgumentOutOfRangeException)
        {
            return "Not representable";
        }
    }

    /// <summary>Escapes one wire byte for display the way Wireshark's format_text does.</summary>
    public static void EscapeByte(byte b, char[] dst, ref int n)
    {
        switch (b)
        {
            case (byte)'\\': dst[n++] = '\\'; dst[n++] = '\\'; return;
            case (byte)'\r': dst[n++] = '\\'; dst[n++] = 'r'; return;
            case (byte)'\n': dst[n++] = '\\'; dst[n++] = 'n'; return;
            case (byte)'\t': dst[n++] = '\\'; dst[n++] = 't'; return;
        }
        if (b >= 0x20 && b < 0x7f) { dst[n++] = (char)b; return; }
        dst[n++] = '\\'; dst[n++] = 'x'; dst[n++] = Hex[b >> 4]; dst[n++] = Hex[b & 15];
    }

    /// <summary>Text from the wire made safe to print: UTF-8 when valid, control bytes escaped.</summary>
    public static string WireText(ReadOnlySpan<byte> b)
    {
        var sb = new StringBuilder(b.Length);
        var buf = new char[4];
        for (int i = 0; i < b.Length;)
        {
            byte x = b[i];
            if (x >= 0x80 && System.Text.Rune.DecodeFromUtf8(b.Slice(i), out var rune, out int used) == System.Buffers.OperationStatus.Done)
            {
                // A valid multi-byte UTF-8 sequence is text (tcp.flags.str's "·", names in UTF-8).
                int chars = rune.EncodeToUtf16(buf);
                sb.Append(buf, 0, chars);
                i += used;
                continue;
            }
            int n = 0;
            EscapeByte(x, buf, ref n);
            sb.Append(buf, 0, n);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>An integer field value as tshark -T fields prints it (decimal, or 0x-padded hex by the field's width).</summary>
    public static string Integer(FieldDef f, ulong v)
    {
        switch (f.Base)
        {
            case FieldBase.Hex:
            case FieldBase.HexDec:
                int digits = f.BitWidth > 0 ? (f.BitWidth + 3) / 4 : 1;
                return "0x" + v.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            case FieldBase.Oct:
                return "0" + Convert.ToString((long)v, 8);
            default:
                if (FieldDef.IsSigned(f.Kind)) return SignExtend(f, v).ToString(CultureInfo.InvariantCulture);
                return v.ToString(CultureInfo.InvariantCulture);
        }
    }

    public static long SignExtend(FieldDef f, ulong v)
    {
        int w = f.BitWidth == 0 ? 64 : f.BitWidth;
        if (w >= 64) return (long)v;
        int s = 64 - w;
        return ((long)(v << s)) >> s;
    }

    /// <summary>The -T fields representation of one recorded entry.</summary>
    public static string Value(PacketFields pf, in FieldEntry e)
    {
        var f = e.Field;
        switch (f.Kind)
        {
            case FieldKind.None:
            case FieldKind.Protocol:
                return f.Kind == FieldKind.Protocol ? f.Abbrev : "1";
            case FieldKind.Bool:
                return e.Value != 0 ? "1" : "0";
            case FieldKind.Double:
                return BitConverter.UInt64BitsToDouble(e.Value).ToString("G6", CultureInfo.InvariantCulture);
            case FieldKind.IPv4:
                return IPv4(pf.ValueBytes(e));
            case FieldKind.IPv6:
                return IPv6(pf.ValueBytes(e));
            case FieldKind.Ether:
                return Ether(pf.ValueBytes(e));
            case FieldKind.Bytes:
            {
                var b = pf.ValueBytes(e);
                // tshark prints an empty byte string as "<none>" (e.g. ipv6.opt.padn of a 2-byte PadN).
                bool declaredEmpty = e.AuxStart >= 0 ? e.AuxLength == 0 : e.Length == 0;
                return b.IsEmpty && declaredEmpty ? "<none>" : HexString(b);
            }
            case FieldKind.String:
                return WireText(pf.ValueBytes(e));
            case FieldKind.AbsoluteTime:
                return EpochTime(new Timestamp((long)e.Value, (uint)e.AuxStart));
            case FieldKind.RelativeTime:
                return RelativeTime((long)e.Value);
            default:
                return Integer(f, e.Value);
        }
    }

    /// <summary>Every occurrence of <paramref name="f"/> in the packet, formatted and joined with
    /// <paramref name="separator"/> as tshark -T fields does (-E occurrence=a, aggregator=,). Empty when absent.</summary>
    public static string Values(PacketFields pf, FieldDef f, string separator = ",")
    {
        string? first = null;
        System.Text.StringBuilder? sb = null;
        var entries = pf.Entries;
        for (int i = 0; i < entries.Length; i++)
        {
            if (!ReferenceEquals(entries[i].Field, f)) continue;
            var v = Value(pf, entries[i]);
            if (first is null) { first = v; continue; }
            sb ??= new System.Text.StringBuilder(first);
            sb.Append(separator).Append(v);
        }
        return sb?.ToString() ?? first ?? "";
    }

    /// <summary>The value name for an integer, if the field has one.</summary>
    public static string? ValueName(FieldDef f, ulong v)
        => f.ValueNames is { } names && names.TryGetValue(v, out var s) ? s : null;
}
