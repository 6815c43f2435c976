namespace Dissect.Conformance.Tests;

/// <summary>
/// Differences from tshark that are understood and accepted, one a line in known-differences.tsv:
/// capture path (relative to the corpus or samples folder; '*' wildcards), field ('*' for all), frames
/// (comma list or '*'), reason. Every accepted difference carries its reason.
/// </summary>
public sealed class KnownDifferences
{
    readonly List<(string Path, string Field, HashSet<int>? Frames, string Reason)> _rows = new();

    public static KnownDifferences Load()
    {
        var kd = new KnownDifferences();
        var file = Path.Combine(AppContext.BaseDirectory, "known-differences.tsv");
        if (!File.Exists(file)) return kd;
        foreach (var raw in File.ReadAllLines(file))
        {
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            var c = raw.Split('\t');
            if (c.Length < 4) throw new FormatException("known-differences.tsv: need 4 tab-separated columns: " + raw);
            HashSet<int>? frames = c[2] == "*" ? null : c[2].Split(',').Select(int.Parse).ToHashSet();
            kd._rows.Add((c[0], c[1], frames, c[3]));
        }
        return kd;
    }

    public string? Reason(string relPath, string field, int frame)
    {
        foreach (var r in _rows)
            if (Glob(r.Path, relPath) && (r.Field == "*" || r.Field.Split(',').Any(p => Glob(p, field))) && (r.Frames is null || r.Frames.Contains(frame)))
                return r.Reason;
        return null;
    }

    static bool Glob(string pattern, string s)
    {
        if (!pattern.Contains('*')) return pattern == s;
        var rx = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(s, rx);
    }
}
