using System.Text;
using Dissect.Core;

namespace Dissect.Cli.Output;

/// <summary>The -E options of -T fields, parsed as tshark parses them.</summary>
public sealed class FieldsFormat
{
    public bool Header { get; set; }
    public string Separator { get; set; } = "\t";
    /// <summary>'"', '\'' or '\0' (none).</summary>
    public char Quote { get; set; }
    /// <summary>0 = all (a), 1 = first (f), -1 = last (l).</summary>
    public int Occurrence { get; set; }
    public string Aggregator { get; set; } = ",";

    /// <summary>Applies one "-E name=value"; throws <see cref="CliException"/> (exit 1) when it is not valid.</summary>
    public void Apply(string option)
    {
        int eq = option.IndexOf('=');
        string name = eq < 0 ? option : option.Substring(0, eq);
        string value = eq < 0 ? "" : option.Substring(eq + 1);
        bool ok = name switch
        {
            "header" => YesNo(value, v => Header = v),
            "separator" => NonEmpty(value, v => Separator = Unescape(v)),
            "aggregator" => NonEmpty(value, v => Aggregator = Unescape(v)),
            "quote" => value switch
            {
                "d" => Set(() => Quote = '"'),
                "s" => Set(() => Quote = '\''),
                "n" => Set(() => Quote = '\0'),
                _ => false,
            },
            "occurrence" => value switch
            {
                "a" => Set(() => Occurrence = 0),
                "f" => Set(() => Occurrence = 1),
                "l" => Set(() => Occurrence = -1),
                _ => false,
            },
            "bom" => YesNo(value, _ => { }),
            _ => false,
        };
        if (!ok) throw new CliException($"\"{name}\" is not a valid field output option=value pair.", ExitCodes.BadOption);
    }

    static bool Set(Action a) { a(); return true; }

    static bool YesNo(string v, Action<bool> set)
    {
        switch (v)
        {
            case "y": case "Y": set(true); return true;
            case "n": case "N": set(false); return true;
            default: return false;
        }
    }

    static bool NonEmpty(string v, Action<string> set)
    {
        if (v.Length == 0) return false;
        set(v);
        return true;
    }

    /// <summary>tshark's /t (tab) and /s (space).</summary>
    static string Unescape(string v) => v switch { "/t" => "\t", "/s" => " ", _ => v };
}

/// <summary>
/// -T fields: one line per packet with the values of the -e fields. The fast path: only the selected fields were
/// recorded, values are formatted straight into the output buffer (no string per value).
/// </summary>
public sealed class FieldsPrinter(Utf8Output o, FieldsFormat format) : IPacketPrinter
{
    readonly byte[] _sep = Encoding.UTF8.GetBytes(format.Separator);
    readonly byte[] _agg = Encoding.UTF8.GetBytes(format.Aggregator);
    readonly byte _quote = (byte)format.Quote;

    public void Begin(Pipeline p)
    {
        if (!format.Header) return;
        var specs = p.Selected;
        for (int i = 0; i < specs.Count; i++)
        {
            if (i > 0) o.Write(_sep);
            o.Write(specs[i].Name);
        }
        o.WriteLine();
    }

    public void End(Pipeline p) { }

    public void Print(Pipeline p)
    {
        var specs = p.Selected;
        var pf = p.Fields;
        var entries = pf.Entries;
        for (int i = 0; i < specs.Count; i++)
        {
            if (i > 0) o.Write(_sep);
            var spec = specs[i];
            if (spec.Column != ColumnId.None)
            {
                if (_quote != 0) o.WriteByte(_quote);
                ColumnText.Write(o, spec.Column, p, resolveNames: true);
                if (_quote != 0) o.WriteByte(_quote);
                continue;
            }
            var def = spec.Def!;
            int occurrence = format.Occurrence;
            int pick = -1;
            if (occurrence != 0)
            {
                for (int k = 0; k < entries.Length; k++)
                {
                    if (!ReferenceEquals(entries[k].Field, def)) continue;
                    pick = k;
                    if (occurrence > 0) break;
                }
                if (pick < 0) continue;
                if (_quote != 0) o.WriteByte(_quote);
                ValueText.WriteField(o, pf, entries[pick]);
                if (_quote != 0) o.WriteByte(_quote);
                continue;
            }
            bool any = false;
            for (int k = 0; k < entries.Length; k++)
            {
                if (!ReferenceEquals(entries[k].Field, def)) continue;
                if (any) o.Write(_agg);
                else if (_quote != 0) o.WriteByte(_quote);
                any = true;
                ValueText.WriteField(o, pf, entries[k]);
            }
            if (any && _quote != 0) o.WriteByte(_quote);
        }
        o.WriteLine();
    }
}
