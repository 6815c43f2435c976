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
        sb.Append((bytes.ToString(CultureInfo.InvariantCulture) + " bytes").PadRight(9));
    }
}
