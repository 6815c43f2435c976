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
    /// <summary>tshark orders by total frames, most first; ties keep first-appearance order.</summary>
    public static List<ConversationRow> SortedLikeTshark(this List<ConversationRow> rows)
        => rows.Select((r, i) => (r, i)).OrderByDescending(x => x.r.Frames).ThenBy(x => x.i).Select(x => x.r).ToList();

    /// <summary>The table as `tshark -q -z conv,tcp` prints it.</summary>
    public static string Render(string title, IReadOnlyList<ConversationRow> rows, string filter = "<No Filter>", int width = 26)
    {
        // tshark pads endpoints to 26 characters for TCP/UDP (address:port) and 20 for addresses alone.
        string pad = new(' ', 2 * width + 7);
        var sb = new StringBuilder();
        string bar = new('=', 80);
        sb.Append(bar).Append('\n');
        sb.Append(title).Append(" Conversations\n");
        sb.Append("Filter:").Append(filter).Append('\n');
        sb.Append(pad).Append("|       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n");
        sb.Append(pad).Append("| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n");
        foreach (var r in rows)
        {
            sb.Append(r.A.PadRight(width)).Append(" <-> ").Append(r.B.PadRight(width));
            Cell(sb, r.FramesBA, r.BytesBA);
            Cell(sb, r.FramesAB, r.BytesAB);
            Cell(sb, r.Frames, r.Bytes);
            sb.Append("  ").Append(Format.RelativeTime(r.RelStartNs).PadLeft(14));
            sb.Append(' ').Append((r.DurationNs / 1e9).ToString("F4", CultureInfo.InvariantCulture).PadLeft(14));
            sb.Append('\n');
        }
        sb.Append(bar).Append('\n');
        return sb.ToString();
    }

    static void Cell(StringBuilder sb, ulong frames, ulong bytes)
    {
        // tshark: "  %6u %-9s" per column
        sb.Append("  ").Append(frames.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append(' ');
        sb.Append(FormatSize(bytes).PadRight(9));
    }

    /// <summary>A byte count as tshark 4.0's conversation tables print it (format_size with SI prefixes): the
    /// plain number below 10 000, else whole kB/MB/GB/TB once the count reaches 10 of that unit.</summary>
    public static string FormatSize(ulong bytes)
    {
        string[] units = ["TB", "GB", "MB", "kB"];
        ulong[] scale = [1_000_000_000_000, 1_000_000_000, 1_000_000, 1_000];
        for (int i = 0; i < units.Length; i++)
            if (bytes / scale[i] >= 10) return (bytes / scale[i]).ToString(CultureInfo.InvariantCulture) + " " + units[i];
        return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
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
