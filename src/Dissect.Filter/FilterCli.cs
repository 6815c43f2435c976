using System.Text;
using Dissect.Core;

namespace Dissect.Filter;

/// <summary>What `dissect filter-check EXPR` prints and its exit code (0: valid, 4: bad filter, as tshark).</summary>
public readonly record struct FilterCheckResult(string Text, int ExitCode);

/// <summary>Integration helpers for the command line (the CLI only calls these).</summary>
public static class FilterCli
{
    public const int BadFilterExitCode = 4;

    /// <summary>Normalized expression and the fields it reads (one per line, "abbrev (kind)"), or the rendered error.
    /// The text ends with a newline.</summary>
    public static FilterCheckResult Check(string expr, FieldRegistry registry)
    {
        if (!DisplayFilter.TryCompile(expr, registry, out var f, out var err))
            return new FilterCheckResult(err!.Render() + "\n", BadFilterExitCode);
        var sb = new StringBuilder();
        sb.Append(f!.Normalized).Append('\n');
        sb.Append("fields:\n");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var d in f.Fields) names.Add($"{d.Abbrev} ({Compiler.KindName(d.Kind)})");
        foreach (var n in names) sb.Append("  ").Append(n).Append('\n');
        return new FilterCheckResult(sb.ToString(), 0);
    }
}
