using Dissect.Capture;
using Dissect.Cli.Output;
using Dissect.Core;

namespace Dissect.Cli;

/// <summary>`dissect read FILE` / `dissect -r FILE`: the tshark -r loop.</summary>
public static class ReadCommand
{
    public static int Run(ReadSettings s, OutputTarget target, TextWriter stderr)
    {
        string format = s.OutputFormat ?? "text";
        if (format is not ("text" or "fields" or "json"))
            throw new CliException($"Invalid -T parameter \"{format}\"; it must be one of: text, fields, json", ExitCodes.BadOption);
        if (s.Fields.Count > 0 && format != "fields")
            throw new CliException("Output fields were specified with \"-e\", but \"-Tfields\" was not specified.", ExitCodes.BadOption);
        if (format == "fields" && s.Fields.Count == 0)
            throw new CliException("\"-Tfields\" was specified, but no fields were specified with \"-e\".", ExitCodes.BadOption);
        var fieldsFormat = new FieldsFormat();
        foreach (var e in s.FieldOptions) fieldsFormat.Apply(e);
        if (s.WriteFile == "-")
            throw new CliException("writing a capture to standard output (-w -) is not supported", ExitCodes.BadOption);

        bool summary = format == "text" && !s.Quiet && (s.PrintSummary || (!s.Verbose && !s.Hex && s.WriteFile is null));
        var options = s.Quiet
            // nothing is printed: record nothing (but still check the -e names)
            ? new PipelineOptions { Fields = format == "fields" ? s.Fields : [], MaxFrames = s.Count, WantColumns = false, DecodeAs = s.DecodeAsRules }
            : format == "fields"
            ? new PipelineOptions { Fields = s.Fields, MaxFrames = s.Count, DecodeAs = s.DecodeAsRules }
            // the summary alone needs the columns, not the field list
            : summary && !s.Verbose && !s.Hex && format == "text"
            ? new PipelineOptions { Fields = [], MaxFrames = s.Count, WantColumns = true, DecodeAs = s.DecodeAsRules }
            : new PipelineOptions { MaxFrames = s.Count, WantColumns = summary, DecodeAs = s.DecodeAsRules };

        using var pipeline = Pipeline.Open(s.File!, options);
        // Reading prints as it goes and reports nothing at the end: closed connections may be forgotten, so memory
        // follows the connections open at once, not the file size.
        pipeline.Analysis.Tcp.RetainAll = false;
        pipeline.Analysis.Udp.RetainAll = false;
        // -Y: compiled against the registry; its fields join the selection (the fast path stays selective).
        var filter = FilterSupport.Compile(s.DisplayFilter, pipeline.Registry);
        if (filter is not null && options.Fields is not null)
        {
            var defs = new List<FieldDef>(filter.Fields);
            foreach (var sel in pipeline.Selected) if (sel.Def is not null) defs.Add(sel.Def);
            pipeline.Fields.Select(defs);
        }
        using var o = target.Open();
        IPacketPrinter? printer = s.Quiet ? null : format switch
        {
            "fields" => new FieldsPrinter(o, fieldsFormat),
            "json" => new JsonPrinter(o),
            _ => TextPrinter(s, o, summary),
        };

        ICaptureWriter? writer = null;
        try
        {
            printer?.Begin(pipeline);
            while (pipeline.MoveNext())
            {
                if (filter is not null && !filter.Matches(pipeline.Fields)) continue;
                if (s.WriteFile is not null)
                {
                    // Created on the first frame so that a pcapng's interfaces are known by then.
                    writer ??= CreateWriter(s.WriteFile, pipeline.Source.Interfaces);
                    Write(writer, s.WriteFile, pipeline.Frame, pipeline.Source.CurrentComment);
                }
                printer?.Print(pipeline);
                if (o.Broken) break;
            }
            printer?.End(pipeline);
            if (s.WriteFile is not null && writer is null)
                writer = CreateWriter(s.WriteFile, pipeline.Source.Interfaces);
            writer?.Flush();
        }
        finally
        {
            o.Flush();
            writer?.Dispose();
        }

        if (pipeline.Warning is { } warning && !o.Broken)
        {
            stderr.WriteLine(Cli.Prefixed(s.File + ": " + warning));
            stderr.Flush();
            return ExitCodes.BadFile;
        }
        return ExitCodes.Ok;
    }

    static ICaptureWriter CreateWriter(string path, IReadOnlyList<CaptureInterface> interfaces)
    {
        try
        {
            return CaptureWriter.Create(path, interfaces);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"{path}: cannot write the capture: {Cli.OneLine(e.Message)}", ExitCodes.BadFile);
        }
    }

    static void Write(ICaptureWriter writer, string path, in Frame frame, string? comment)
    {
        try
        {
            writer.Write(frame, comment);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            throw new CliException($"{path}: cannot write frame {frame.Number}: {Cli.OneLine(e.Message)}", ExitCodes.BadFile);
        }
    }

    static IPacketPrinter? TextPrinter(ReadSettings s, Utf8Output o, bool summary)
    {
        var parts = new List<IPacketPrinter>();
        if (summary) parts.Add(new SummaryPrinter(o, resolveNames: !s.NoResolve, blankLineAfter: s.Hex && !s.Verbose));
        if (s.Verbose) parts.Add(new DetailPrinter(o));
        if (s.Hex) parts.Add(new HexDumpPrinter(o));
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new CompositePrinter(parts.ToArray()),
        };
    }
}
