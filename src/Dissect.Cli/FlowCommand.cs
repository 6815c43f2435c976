using Dissect.Analysis.Statistics;

namespace Dissect.Cli;

/// <summary>`dissect flow FILE [-Y FILTER]`: a ladder diagram of the packets shown (one column per host).</summary>
public static class FlowCommand
{
    public static int Run(string file, string? filterText, OutputTarget target, TextWriter stderr, DecodeAs? decodeAs = null)
    {
        using var pipeline = Pipeline.Open(file, new PipelineOptions { Fields = [], WantColumns = true, DecodeAs = decodeAs });
        var filter = FilterSupport.Compile(filterText, pipeline.Registry);
        pipeline.Fields.Select(filter?.Fields ?? []);
        var graph = new FlowGraph();
        Dissect.Core.Timestamp? start = null;
        while (pipeline.MoveNext())
        {
            start ??= pipeline.Frame.Time;
            if (filter is not null && !filter.Matches(pipeline.Fields)) continue;
            graph.Observe(pipeline.Context, start.Value);
        }
        if (pipeline.Warning is { } w) stderr.WriteLine(Cli.Prefixed(w));
        target.Text.Write(graph.Render());
        target.Text.Flush();
        return pipeline.Warning is null ? ExitCodes.Ok : ExitCodes.BadFile;
    }
}
