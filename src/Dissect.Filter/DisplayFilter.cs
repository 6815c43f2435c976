using Dissect.Core;

namespace Dissect.Filter;

/// <summary>
/// A compiled display filter (Wireshark's language, wireshark-filter(4)). Compile once with <see cref="TryCompile"/>,
/// then call <see cref="Matches"/> per packet: evaluation walks a tree of nodes built at compile time and allocates
/// nothing. A compiled filter keeps scratch buffers, so it is not thread-safe: compile one per thread.
/// </summary>
public sealed class DisplayFilter
{
    readonly Node _root;
    readonly EvalState _state;

    DisplayFilter(Node root, EvalState state, string normalized, IReadOnlyCollection<FieldDef> fields)
    {
        _root = root; _state = state; Normalized = normalized; Fields = fields;
    }

    /// <summary>Canonical text: keywords spelled out (and, or, xor, not), C-like comparison operators, literals in
    /// canonical form, explicit parentheses where operators of different precedence nest.</summary>
    public string Normalized { get; }

    /// <summary>Every field (and protocol) the filter reads: select these (plus the output fields) on the sink.</summary>
    public IReadOnlyCollection<FieldDef> Fields { get; }

    /// <summary>True once a `matches` regex hit its time limit (that test was taken as false).</summary>
    public bool RegexTimedOut => _state.RegexTimedOut;

    /// <summary>A one-line warning for the caller to print once, or null.</summary>
    public string? Warning => _state.RegexTimedOut
        ? $"a regular expression took longer than {(int)Literals.MatchTimeout.TotalMilliseconds} ms on some packets; those packets were taken as not matching"
        : null;

    public static bool TryCompile(string text, FieldRegistry registry, out DisplayFilter? filter, out FilterError? error)
    {
        filter = null;
        error = null;
        try
        {
            text ??= "";
            if (text.Length > 65536) { error = new FilterError("filter longer than 65536 characters", 0, 1, text[..80]); return false; }
            var syn = Parser.Parse(text, out error);
            if (syn is null) { error ??= new FilterError("invalid filter", 0, 1, text); return false; }
            var c = new Compiler(registry, text);
            var (node, normalized) = c.Compile(syn);
            if (node is null) { error = c.Error ?? new FilterError("invalid filter", 0, 1, text); return false; }
            var fields = new List<FieldDef>(c.Fields);
            fields.Sort((a, b) => a.Id.CompareTo(b.Id));
            filter = new DisplayFilter(node, c.State, normalized, fields.AsReadOnly());
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defensive: a bug must not take the caller down. Reported as a filter error at the start.
            error = new FilterError($"internal error compiling filter: {e.GetType().Name}", 0, 1, text ?? "");
            filter = null;
            return false;
        }
    }

    /// <summary>True when the packet's recorded fields satisfy the filter. Never throws.</summary>
    public bool Matches(PacketFields fields)
    {
        try
        {
            return _root.Eval(fields);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _state.RegexTimedOut |= e is System.Text.RegularExpressions.RegexMatchTimeoutException;
            return false;
        }
    }
}
