using Dissect.Analysis;
using Dissect.Capture;
using Dissect.Core;
using Dissect.Dissectors;

namespace Dissect.Cli;

/// <summary>What a <see cref="Pipeline"/> records per packet.</summary>
public sealed class PipelineOptions
{
    /// <summary>Fields (-e names, _ws.col.* allowed) to record; null records everything (tree, JSON).
    /// With a list, only those fields are recorded (the fast path).</summary>
    public IReadOnlyList<string>? Fields { get; init; }
    /// <summary>Whether dissectors build the summary columns. Null: yes without <see cref="Fields"/>, otherwise
    /// only when a _ws.col.* field is asked for.</summary>
    public bool? WantColumns { get; init; }
    /// <summary>Stop after this many frames (-c); negative = all.</summary>
    public long MaxFrames { get; init; } = -1;
    /// <summary>"Decode as" rules (-d) applied to this pipeline's tables; null: none.</summary>
    public DecodeAs? DecodeAs { get; init; }
}

/// <summary>
/// The wiring every consumer shares: capture file → engine (built-in dissectors + flow analysis) → one dissected
/// frame at a time. After <see cref="MoveNext"/> returns true, <see cref="Fields"/> holds the frame's field list
/// and <see cref="Columns"/> its summary columns until the next call.
/// </summary>
/// <example>
/// <code>
/// using var p = Pipeline.Open("x.pcap", new PipelineOptions { Fields = ["frame.number", "ip.src"] });
/// while (p.MoveNext()) Console.WriteLine(p.Value(0) + "\t" + p.Value(1));
/// </code>
/// </example>
public sealed class Pipeline : IDisposable
{
    readonly long _max;
    Frame _frame;

    public Pipeline(IPacketSource source, string path, PipelineOptions? options = null)
    {
        options ??= new PipelineOptions();
        Source = source;
        Path = path;
        _max = options.MaxFrames;
        Tables = BuiltIn.CreateTables();
        options.DecodeAs?.Apply(Tables);
        Analysis = new FlowAnalysis(Tables.Registry);
        Engine = new Engine(Tables);
        Context = Engine.CreateContext();
        Analysis.Attach(Context);

        if (options.Fields is { } names)
        {
            Selected = FieldSpec.Resolve(Tables.Registry, names);
            var defs = new List<FieldDef>();
            foreach (var s in Selected)
                if (s.Def is not null) defs.Add(s.Def);
            Context.Fields.Select(defs);
            Context.WantColumns = options.WantColumns ?? Selected.Any(s => s.Column != ColumnId.None);
        }
        else
        {
            Selected = [];
            Context.Fields.Select(null);
            Context.WantColumns = options.WantColumns ?? true;
        }
    }

    /// <summary>Opens a capture file ("-": standard input); throws <see cref="CaptureFileException"/> when it is missing, unreadable or
    /// not a capture, and <see cref="UnknownFieldsException"/> for unknown field names.</summary>
    public static Pipeline Open(string path, PipelineOptions? options = null)
    {
        var source = path == "-" ? OpenStandardInput() : CaptureFile.Open(path);
        try
        {
            return new Pipeline(source, path, options);
        }
        catch
        {
            (source as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>"-" reads the whole of standard input into memory (tshark -r -).</summary>
    static IPacketSource OpenStandardInput()
    {
        var buffer = new MemoryStream();
        using (var stdin = Console.OpenStandardInput()) stdin.CopyTo(buffer);
        return CaptureFile.Open(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "standard input");
    }

    public string Path { get; }
    public IPacketSource Source { get; }
    public DissectorTables Tables { get; }
    public FieldRegistry Registry => Tables.Registry;
    public FlowAnalysis Analysis { get; }
    public Engine Engine { get; }
    public DissectContext Context { get; }
    public PacketFields Fields => Context.Fields;
    public Columns Columns => Context.Columns;
    /// <summary>The resolved <see cref="PipelineOptions.Fields"/>, in order (empty when recording everything).</summary>
    public IReadOnlyList<FieldSpec> Selected { get; }

    /// <summary>The frame last read.</summary>
    public ref readonly Frame Frame => ref _frame;
    /// <summary>Frames read so far.</summary>
    public long Count { get; private set; }
    /// <summary>Why reading stopped early (truncated or damaged file), once <see cref="MoveNext"/> returned false.</summary>
    public string? Warning => Source.Warning;

    /// <summary>Reads and dissects the next frame; false at the end, at the -c limit, or at a fault (see <see cref="Warning"/>).</summary>
    public bool MoveNext()
    {
        if (_max >= 0 && Count >= _max) return false;
        if (!Source.TryRead(out _frame)) return false;
        Count++;
        Engine.Dissect(_frame, Context);
        return true;
    }

    /// <summary>Nanoseconds since the first frame (frame.time_relative, the Time column).</summary>
    public long RelativeNanoseconds => Engine.FirstTime is { } first ? _frame.Time.NanosecondsSince(first) : 0;

    /// <summary>Decimal digits of the current frame's timestamp resolution (6 for µs pcap, 9 for ns), as tshark
    /// prints the Time column.</summary>
    public int TimeDecimals
    {
        get
        {
            var ifs = Source.Interfaces;
            int id = _frame.InterfaceId;
            if ((uint)id >= (uint)ifs.Count) return 6;
            return DecimalsFor((ulong)ifs[id].TicksPerSecond);
        }
    }

    internal static int DecimalsFor(ulong ticksPerSecond)
    {
        int d = 0;
        ulong t = 1;
        while (t < ticksPerSecond && d < 9) { t *= 10; d++; }
        return d;
    }

    /// <summary>The text of selected field <paramref name="index"/> for the current frame: every occurrence joined
    /// with <paramref name="aggregator"/> (tshark -T fields -E occurrence=a), a column's text, or "".</summary>
    public string Value(int index, string aggregator = ",")
    {
        var spec = Selected[index];
        if (spec.Column != ColumnId.None)
            return Output.ValueText.ToText(o => Output.ColumnText.Write(o, spec.Column, this, resolveNames: true));
        return Format.Values(Fields, spec.Def!, aggregator);
    }

    /// <summary>Convenience for tests: the selected fields' values (<see cref="Value"/>) of every frame.</summary>
    public static IEnumerable<string[]> ReadValues(string path, IReadOnlyList<string> fields, long maxFrames = -1)
    {
        using var p = Open(path, new PipelineOptions { Fields = fields, MaxFrames = maxFrames });
        while (p.MoveNext())
        {
            var row = new string[p.Selected.Count];
            for (int i = 0; i < row.Length; i++) row[i] = p.Value(i);
            yield return row;
        }
    }

    public void Dispose() => (Source as IDisposable)?.Dispose();
}
