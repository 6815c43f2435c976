using Dissect.Core;

namespace Dissect.Cli;

/// <summary>A summary column that can be asked for as a field (_ws.col.*), computed from <see cref="Columns"/>.</summary>
public enum ColumnId : byte { None, Number, Time, Source, Destination, Protocol, Length, Info }

/// <summary>One requested field (-e): a registered field or a summary column.</summary>
public sealed class FieldSpec
{
    FieldSpec(string name, FieldDef? def, ColumnId column) { Name = name; Def = def; Column = column; }

    /// <summary>The name as the user gave it (printed in the header line).</summary>
    public string Name { get; }
    /// <summary>The field definition, or null for a column.</summary>
    public FieldDef? Def { get; }
    public ColumnId Column { get; }

    public override string ToString() => Name;

    // tshark 4.0 names columns by their title (_ws.col.Info); 4.2+ by their format (_ws.col.info, _ws.col.def_src).
    static readonly Dictionary<string, ColumnId> ColumnNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["No."] = ColumnId.Number, ["number"] = ColumnId.Number,
        ["Time"] = ColumnId.Time, ["cls_time"] = ColumnId.Time,
        ["Source"] = ColumnId.Source, ["def_src"] = ColumnId.Source,
        ["Destination"] = ColumnId.Destination, ["def_dst"] = ColumnId.Destination,
        ["Protocol"] = ColumnId.Protocol,
        ["Length"] = ColumnId.Length, ["packet_length"] = ColumnId.Length,
        ["Info"] = ColumnId.Info,
    };

    /// <summary>The column named by a _ws.col.* field, or None.</summary>
    public static ColumnId ColumnOf(string name)
    {
        const string Prefix = "_ws.col.";
        if (name.Length > Prefix.Length && name.StartsWith(Prefix, StringComparison.Ordinal)
            && ColumnNames.TryGetValue(name.Substring(Prefix.Length), out var c))
            return c;
        return ColumnId.None;
    }

    /// <summary>Resolves every name; throws <see cref="UnknownFieldsException"/> listing the ones that are neither a
    /// registered field nor a column (tshark: "Some fields aren't valid").</summary>
    public static IReadOnlyList<FieldSpec> Resolve(FieldRegistry registry, IEnumerable<string> names)
    {
        var specs = new List<FieldSpec>();
        var bad = new List<string>();
        foreach (var name in names)
        {
            var col = ColumnOf(name);
            if (col != ColumnId.None) { specs.Add(new FieldSpec(name, null, col)); continue; }
            var def = registry.Find(name);
            if (def is null) { if (!bad.Contains(name)) bad.Add(name); continue; }
            specs.Add(new FieldSpec(name, def, ColumnId.None));
        }
        if (bad.Count > 0)
        {
            bad.Sort(StringComparer.Ordinal);
            throw new UnknownFieldsException(bad);
        }
        return specs;
    }
}

/// <summary>An error for the user: one line on stderr and an exit code; never a stack trace.</summary>
public class CliException : Exception
{
    public CliException(string message, int exitCode) : base(message) { ExitCode = exitCode; }
    public int ExitCode { get; }
}

/// <summary>-e named fields that do not exist (exit code 1, tshark's wording).</summary>
public sealed class UnknownFieldsException : CliException
{
    public UnknownFieldsException(IReadOnlyList<string> names)
        : base("Some fields aren't valid: " + string.Join(", ", names), ExitCodes.BadOption) { Names = names; }

    public IReadOnlyList<string> Names { get; }
}

/// <summary>Exit codes, tshark's where tshark has one.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad command line: unknown option, bad -T/-E value, unknown -e field.</summary>
    public const int BadOption = 1;
    /// <summary>The capture file is missing, unreadable, not a capture, or cut short (tshark exits 2 too).</summary>
    public const int BadFile = 2;
    /// <summary>Display filter problem (-Y/-R: not supported yet).</summary>
    public const int BadFilter = 4;
    /// <summary>An unexpected error (a bug): still one line, no stack trace (sysexits EX_SOFTWARE).</summary>
    public const int Internal = 70;
}
