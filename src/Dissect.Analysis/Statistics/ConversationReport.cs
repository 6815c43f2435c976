using System.Globalization;
using System.Text;
using Dissect.Core;

namespace Dissect.Analysis.Statistics;

/// <summary>One row of a conversation table (tshark -z conv,…): A is the sender of the first packet.</summary>
public sealed record ConversationRow(string A, string B, ulong FramesBA, ulong BytesBA, ulong FramesAB, ulong BytesAB,
    long RelStartNs, long DurationNs, long FirstFrame)
{
    public ulong Frames => FramesAB + FramesBA;
    public ulong Bytes => BytesAB + BytesBA;
}

/// <summary>Conversation tables printed in tshark's -z conv layout, in its order.</summary>
public static class ConversationReport
{
    /// <summary>tshark orders by total frames, most first; ties keep first-appearance order (a stable sort).</summary>
    public static List<ConversationRow> SortedLikeTshark(this List<ConversationRow> rows)
    {
        var keys = new (ulong Frames, int Index)[rows.Count];
        var sorted = rows.ToArray();
        for (int i = 0; i < keys.Length; i++) keys[i] = (rows[i].Frames, i);
        Array.Sort(keys, sorted, Comparer<(ulong Frames, int Index)>.Create(static (a, b) =>
            a.Frames != b.Frames ? b.Frames.CompareTo(a.Frames) : a.Index.CompareTo(b.Index)));
        return new List<ConversationRow>(sorted);
    }

    /// <summary>The table as `tshark -q -z conv,tcp` prints it.</summary>
    public static string Render(string title, IReadOnlyList<ConversationRow> rows, string filter = "<No Filter>", int width = 26)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        Write(sw, title, rows, filter, width);
        return sw.ToString();
    }

    /// <summary>Writes the table as `tshark -q -z conv,tcp` prints it, row by row (no string per row or cell).</summary>
    public static void Write(TextWriter w, string title, IReadOnlyList<ConversationRow> rows, string filter = "<No Filter>", int width = 26)
    {
        WriteHeader(w, title, filter, width);
        Span<char> buf = stackalloc char[40];
        foreach (var r in rows)
            WriteRow(w, r.A, r.B, r.FramesBA, r.BytesBA, r.FramesAB, r.BytesAB, r.RelStartNs, r.DurationNs, width, buf);
        WriteFooter(w);
    }

    static readonly string Bar = new('=', 80);

    /// <summary>The title lines of a conversation table (tshark pads endpoints to 26 characters for TCP/UDP
    /// (address:port) and 20 for addresses alone).</summary>
    public static void WriteHeader(TextWriter w, string title, string filter, int width)
    {
        string pad = new(' ', 2 * width + 7);
        w.Write(Bar); w.Write('\n');
        w.Write(title); w.Write(" Conversations\n");
        w.Write("Filter:"); w.Write(filter); w.Write('\n');
        w.Write(pad); w.Write("|       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n");
        w.Write(pad); w.Write("| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n");
    }

    public static void WriteFooter(TextWriter w) { w.Write(Bar); w.Write('\n'); }

    /// <summary>One row; <paramref name="buf"/> is scratch space of at least 40 characters.</summary>
    public static void WriteRow(TextWriter w, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ulong framesBA, ulong bytesBA,
        ulong framesAB, ulong bytesAB, long relStartNs, long durationNs, int width, Span<char> buf)
    {
        PadRight(w, a, width); w.Write(" <-> "); PadRight(w, b, width);
        Cell(w, framesBA, bytesBA, buf);
        Cell(w, framesAB, bytesAB, buf);
        Cell(w, framesAB + framesBA, bytesAB + bytesBA, buf);
        w.Write("  ");
        PadLeft(w, buf[..RelativeTime(relStartNs, buf)], 14);
        w.Write(' ');
        (durationNs / 1e9).TryFormat(buf, out int n, "F4", CultureInfo.InvariantCulture);
        PadLeft(w, buf[..n], 14);
        w.Write('\n');
    }

    const string Spaces = "                                                  ";

    static void Spaces_(TextWriter w, int n)
    {
        for (; n > 0; n -= Spaces.Length) w.Write(Spaces.AsSpan(0, Math.Min(n, Spaces.Length)));
    }

    static void PadRight(TextWriter w, ReadOnlySpan<char> text, int width) { w.Write(text); Spaces_(w, width - text.Length); }
    static void PadLeft(TextWriter w, ReadOnlySpan<char> text, int width) { Spaces_(w, width - text.Length); w.Write(text); }

    static void Cell(TextWriter w, ulong frames, ulong bytes, Span<char> buf)
    {
        // tshark: "  %6u %-9s" per column
        w.Write("  ");
        frames.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        PadLeft(w, buf[..n], 6);
        w.Write(' ');
        PadRight(w, buf[..FormatSize(bytes, buf)], 9);
    }

    /// <summary><see cref="Format.RelativeTime"/> into <paramref name="buf"/>: seconds with 9 decimals.</summary>
    static int RelativeTime(long ns, Span<char> buf)
    {
        bool neg = ns < 0;
        ulong a = neg ? (ulong)(-(ns + 1)) + 1 : (ulong)ns;
        int n = 0;
        if (neg) buf[n++] = '-';
        (a / 1_000_000_000UL).TryFormat(buf[n..], out int k, default, CultureInfo.InvariantCulture); n += k;
        buf[n++] = '.';
        (a % 1_000_000_000UL).TryFormat(buf[n..], out k, "D9", CultureInfo.InvariantCulture); n += k;
        return n;
    }

    static readonly string[] SizeUnits = ["TB", "GB", "MB", "kB"];
    static readonly ulong[] SizeScale = [1_000_000_000_000, 1_000_000_000, 1_000_000, 1_000];

    /// <summary>A byte count as tshark 4.0's conversation tables print it (format_size with SI prefixes): the
    /// plain number below 10 000, else whole kB/MB/GB/TB once the count reaches 10 of that unit.</summary>
    public static string FormatSize(ulong bytes)
    {
        Span<char> buf = stackalloc char[40];
        return new string(buf[..FormatSize(bytes, buf)]);
    }

    static int FormatSize(ulong bytes, Span<char> buf)
    {
        string unit = "bytes";
        for (int i = 0; i < SizeUnits.Length; i++)
            if (bytes / SizeScale[i] >= 10) { bytes /= SizeScale[i]; unit = SizeUnits[i]; break; }
        bytes.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        buf[n++] = ' ';
        unit.AsSpan().CopyTo(buf[n..]);
        return n + unit.Length;
    }

    /// <summary>An Ethernet address as tshark shows it with its default name resolution, for the names that need no
    /// vendor table: "Broadcast", IPv6 multicast ("IPv6mcast_" and the group bytes, leading zero bytes dropped) and
    /// the all-zero OUI ("00:00:00_…", as Wireshark's manuf file names it). Other vendors' OUIs stay numeric
    /// (tshark prints "Vendor_xx:xx:xx" from its manuf file, which Dissect does not ship).</summary>
    public static string EtherName(ReadOnlySpan<byte> mac, string numeric)
    {
        if (mac.Length != 6) return numeric;
        if (mac.IndexOfAnyExcept((byte)0xff) < 0) return "Broadcast";
        if (mac[0] == 0x33 && mac[1] == 0x33)
        {
            int first = 2;
            while (first < 5 && mac[first] == 0) first++;
            return "IPv6mcast_" + string.Join(":", mac[first..].ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }
        if (mac[0] == 0 && mac[1] == 0 && mac[2] == 0) return "00:00:00_" + numeric[9..];
        return numeric;
    }
}
