using Dissect.Core;
using Dissect.Filter;

namespace Dissect.Cli;

/// <summary>Compiles -Y for the commands that read packets; a bad filter is exit code 4 with the caret message.</summary>
public static class FilterSupport
{
    public static DisplayFilter? Compile(string? text, FieldRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DisplayFilter.TryCompile(text, registry, out var filter, out var error))
            throw new CliException(error!.Render().TrimEnd(), ExitCodes.BadFilter);
        return filter;
    }

    /// <summary>The field names a filter reads (to add to a pipeline's selection).</summary>
    public static IEnumerable<string> FieldNames(DisplayFilter? f)
        => f is null ? [] : f.Fields.Select(d => d.Abbrev).Distinct();
}
