using System.Globalization;
using Dissect.Core;

namespace Dissect.Cli;

/// <summary>One `-d TABLE==SELECTOR,PROTO` rule: keys <see cref="First"/>..<see cref="Last"/> of table
/// <see cref="Table"/> are dissected as <see cref="Protocol"/> (a protocol abbrev, or "data").</summary>
public sealed record DecodeAsRule(string Table, uint First, uint Last, string Protocol);

/// <summary>A bad -d: tshark's error lines (without the program prefix) and the tab-indented list of valid choices
/// it prints after them. Exit code 1, as tshark.</summary>
public sealed class DecodeAsException(IReadOnlyList<string> lines, IReadOnlyList<string> choices)
    : CliException(lines.Count > 0 ? lines[^1] : "bad -d", ExitCodes.BadOption)
{
    public IReadOnlyList<string> Lines { get; } = lines;
    public IReadOnlyList<string> Choices { get; } = choices;

    /// <summary>Writes what tshark writes: each line prefixed "dissect: ", then the choices one a line.</summary>
    public void WriteTo(TextWriter w)
    {
        foreach (var l in Lines) w.WriteLine("dissect: " + l);
        foreach (var c in Choices) w.WriteLine(c);
    }
}

/// <summary>
/// "Decode as" (tshark -d): <c>-d tcp.port==8888,http</c>, ranges <c>tcp.port==8000-8010,http</c> and
/// <c>tcp.port==8000:3,http</c> (3 ports from 8000). Parsed and checked against the dissector tables like tshark
/// (same messages, same order of checks, same lists of valid layer types / protocols), then applied to an engine's
/// tables with <see cref="DissectorTable.Override"/>. A later rule for the same key wins, as in tshark.
/// </summary>
public sealed class DecodeAs
{
    const string Template = "<layer_type>==<selector>,<decode_as_protocol>";
    /// <summary>At most this many keys per rule (tshark has no limit; a wider range is almost surely a typo and would
    /// cost one table entry per key).</summary>
    public const long MaxRange = 65536;

    public DecodeAs(IReadOnlyList<DecodeAsRule> rules) { Rules = rules; }

    public IReadOnlyList<DecodeAsRule> Rules { get; }

    /// <summary>Parses every -d argument in order; warnings (tshark's "requires == instead of =") go to
    /// <paramref name="warnings"/>. Throws <see cref="DecodeAsException"/> on the first bad one. Null when there are
    /// none.</summary>
    public static DecodeAs? Parse(IReadOnlyList<string>? args, DissectorTables tables, TextWriter warnings)
    {
        if (args is null || args.Count == 0) return null;
        var rules = new List<DecodeAsRule>(args.Count);
        foreach (var a in args) rules.Add(ParseOne(a, tables, warnings));
        return new DecodeAs(rules);
    }

    /// <summary>Parses one argument the way tshark's decode_as_command_option does (observed on tshark 4.0.17).</summary>
    public static DecodeAsRule ParseOne(string arg, DissectorTables tables, TextWriter warnings)
    {
        var lines = new List<string>();
        string text = arg;
        int eq = text.IndexOf("==", StringComparison.Ordinal);
        if (eq < 0)
        {
            int single = text.IndexOf('=');
            if (single >= 0)
            {
                text = text.Substring(0, single) + "=" + text.Substring(single);
                warnings.WriteLine($"dissect: WARNING: -d requires \"==\" instead of \"=\". Option will be treated as \"{text}\"");
                eq = single;
            }
        }
        if (eq < 0)
        {
            // No selector at all: the whole text is taken as the layer type.
            lines.Add($"Parameter \"{arg}\" doesn't follow the template \"{Template}\"");
            if (tables.Find(arg) is null)
            {
                lines.Add($"Unknown layer type -- {arg}");
                throw LayerTypes(lines, tables);
            }
            throw new DecodeAsException(lines, []);
        }

        string tableName = text.Substring(0, eq);
        string rest = text.Substring(eq + 2);
        if (tableName.Length == 0)
        {
            lines.Add("No layer type specified");
            throw LayerTypes(lines, tables);
        }
        var table = tables.Find(tableName);
        if (table is null)
        {
            lines.Add($"Unknown layer type -- {tableName}");
            throw LayerTypes(lines, tables);
        }

        int comma = rest.IndexOf(',');
        string selector = comma < 0 ? rest : rest.Substring(0, comma);
        if (comma < 0) lines.Add($"Parameter \"{arg}\" doesn't follow the template \"{Template}\"");
        if (!TryParseSelector(selector, out uint first, out uint last, out string? selectorError))
        {
            lines.Add(selectorError!);
            throw new DecodeAsException(lines, []);
        }
        if (comma < 0) throw Protocols(lines, tables, table);

        string proto = rest.Substring(comma + 1).Trim();
        if (proto.Length == 0)
        {
            lines.Add("No protocol name specified");
            throw Protocols(lines, tables, table);
        }
        bool known = proto == FrameFields.Data.Abbrev || tables.Dissector(proto) is not null;
        if (!known)
        {
            lines.Add($"Unknown protocol -- \"{proto}\"");
            throw Protocols(lines, tables, table);
        }
        if (!ValidProtocols(tables, table).Any(p => p.Abbrev == proto))
        {
            lines.Add($"Protocol \"{proto}\" isn't valid for layer type \"{tableName}\"");
            throw Protocols(lines, tables, table);
        }
        if ((long)last - first + 1 > MaxRange)
        {
            lines.Add($"Selector range \"{selector}\" has more than {MaxRange} values");
            throw new DecodeAsException(lines, []);
        }
        return new DecodeAsRule(tableName, first, last, proto);
    }

    /// <summary>A number (tshark: ws_strtou32 — leading blanks and '+' allowed, 0x hex, leading-0 octal, nothing
    /// after it), a range "A-B" (B ≥ A) or "A:N" (N ≥ 1 keys from A, within 32 bits).</summary>
    public static bool TryParseSelector(string s, out uint first, out uint last, out string? error)
    {
        first = last = 0; error = null;
        int colon = s.IndexOf(':');
        int dash = s.IndexOf('-', 1 < s.Length ? 1 : s.Length);
        if (colon < 0 && dash < 0)
        {
            if (TryParseNumber(s, out first)) { last = first; return true; }
            error = $"Invalid selector number \"{s}\"";
            return false;
        }
        bool ok;
        if (colon >= 0)
        {
            ok = TryParseNumber(s.Substring(0, colon), out first) && TryParseNumber(s.Substring(colon + 1), out uint count)
                && count >= 1 && (ulong)first + count - 1 <= uint.MaxValue && SetLast(first + count - 1, out last);
        }
        else
        {
            ok = TryParseNumber(s.Substring(0, dash), out first) && TryParseNumber(s.Substring(dash + 1), out last) && last >= first;
        }
        if (!ok) error = $"Invalid selector numeric range \"{s}\"";
        return ok;

        static bool SetLast(uint v, out uint last) { last = v; return true; }
    }

    static bool TryParseNumber(string s, out uint value)
    {
        value = 0;
        int i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        if (i < s.Length && s[i] == '+') i++;
        var digits = s.AsSpan(i);
        if (digits.Length == 0) return false;
        int radix = 10;
        if (digits.Length > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) { radix = 16; digits = digits[2..]; }
        else if (digits.Length > 1 && digits[0] == '0') { radix = 8; digits = digits[1..]; }
        if (digits.Length == 0) return false;
        ulong v = 0;
        foreach (char c in digits)
        {
            int d = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (d >= radix) return false;
            v = v * (ulong)radix + (ulong)d;
            if (v > uint.MaxValue) return false;
        }
        value = (uint)v;
        return true;
    }

    /// <summary>The protocols -d accepts for a table: "data", every dissector registered in it (by key or as a
    /// heuristic), sorted by abbrev.</summary>
    public static IReadOnlyList<ProtocolDef> ValidProtocols(DissectorTables tables, DissectorTable table)
    {
        var set = new Dictionary<string, ProtocolDef>(StringComparer.Ordinal) { [FrameFields.Data.Abbrev] = FrameFields.Data };
        foreach (var e in table.Entries) set.TryAdd(e.Value.Protocol.Abbrev, e.Value.Protocol);
        foreach (var h in table.Heuristics) set.TryAdd(h.Protocol.Abbrev, h.Protocol);
        return set.Values.OrderBy(p => p.Abbrev, StringComparer.Ordinal).ToList();
    }

    static DecodeAsException LayerTypes(List<string> lines, DissectorTables tables)
    {
        lines.Add("Valid layer types are:");
        return new DecodeAsException(lines,
            tables.All.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => $"\t{t.Name} ({t.UiName})").ToList());
    }

    static DecodeAsException Protocols(List<string> lines, DissectorTables tables, DissectorTable table)
    {
        lines.Add($"Valid protocols for layer type \"{table.Name}\" are:");
        return new DecodeAsException(lines, ValidProtocols(tables, table).Select(p => $"\t{p.Abbrev} ({p.Name})").ToList());
    }

    /// <summary>Installs the rules as overrides in <paramref name="tables"/> (an engine's own tables, built like the
    /// ones the rules were checked against).</summary>
    public void Apply(DissectorTables tables)
    {
        IDissector? data = null;
        foreach (var r in Rules)
        {
            var table = tables.Find(r.Table) ?? throw new InvalidOperationException($"no table {r.Table}");
            IDissector d = r.Protocol == FrameFields.Data.Abbrev
                ? data ??= new DataDissector()
                : tables.Dissector(r.Protocol) ?? throw new InvalidOperationException($"no dissector {r.Protocol}");
            for (ulong k = r.First; k <= r.Last; k++) table.Override((uint)k, d);
        }
    }

    /// <summary>Parses <paramref name="args"/> (a command's -d values) against the built-in tables, then runs
    /// <paramref name="body"/> with the rules (null when there are none); the command passes them on explicitly
    /// (<see cref="PipelineOptions.DecodeAs"/>, or <see cref="Apply"/> on tables it builds itself). A bad -d prints
    /// tshark's lines and list on <paramref name="stderr"/> and returns 1 without running the body.</summary>
    public static int Run(IReadOnlyList<string>? args, TextWriter stderr, Func<DecodeAs?, int> body)
    {
        DecodeAs? rules;
        try
        {
            rules = Parse(args, Dissect.Dissectors.BuiltIn.CreateTables(), stderr);
        }
        catch (DecodeAsException e)
        {
            e.WriteTo(stderr);
            stderr.Flush();
            return e.ExitCode;
        }
        return body(rules);
    }

    /// <summary>`-d …,data`: the payload is plain data; the Protocol column stays the parent's (as tshark).</summary>
    sealed class DataDissector : IDissector
    {
        public ProtocolDef Protocol => FrameFields.Data;
        public void Register(DissectorTables tables) { }

        public Handoff Dissect(in Tvb tvb, DissectContext ctx)
        {
            var stack = ctx.ProtocolStack;
            if (ctx.WantColumns && stack.Length >= 2 && stack[^2] is { } parent) ctx.Columns.Protocol = parent.ShortName;
            ctx.Fields.AddBytes(FrameFields.DataData, tvb.Offset, tvb.Captured);
            ctx.Fields.AddUInt(FrameFields.DataLen, tvb.Offset, tvb.Captured, (ulong)tvb.Reported);
            return Handoff.Done;
        }
    }
}
