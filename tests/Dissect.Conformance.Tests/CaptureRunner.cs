using Dissect.Analysis;
using Dissect.Capture;
using Dissect.Core;
using Dissect.Dissectors;

namespace Dissect.Conformance.Tests;

/// <summary>Reads a capture through the real pipeline (reader → engine with analysis) and returns, per frame,
/// the -T fields text of each requested field (tshark's formatting; missing fields are empty).</summary>
public static class CaptureRunner
{
    public sealed record Result(List<string[]> Rows, string? Warning, string? Error, string[] UnknownFields);

    public static Result Run(string path, IReadOnlyList<string> fieldNames)
    {
        var tables = BuiltIn.CreateTables();
        var analysis = new FlowAnalysis(tables.Registry);
        var engine = new Engine(tables);
        var ctx = engine.CreateContext();
        analysis.Attach(ctx);
        var defs = new FieldDef?[fieldNames.Count];
        var unknown = new List<string>();
        int protocolColumn = -1;
        for (int i = 0; i < defs.Length; i++)
        {
            if (fieldNames[i] == "_ws.col.Protocol") { protocolColumn = i; continue; }
            defs[i] = tables.Registry.Find(fieldNames[i]);
            if (defs[i] is null) unknown.Add(fieldNames[i]);
        }
        ctx.Fields.Select(defs.Where(d => d is not null)!);
        // Columns are built only when one is compared (they must not depend on the field selection: a CLI test).
        ctx.WantColumns = protocolColumn >= 0;
        var rows = new List<string[]>();
        IPacketSource src;
        try { src = CaptureFile.Open(path); }
        catch (CaptureFileException e) { return new Result(rows, null, e.Message, unknown.ToArray()); }
        using (src)
        {
            while (src.TryRead(out var frame))
            {
                engine.Dissect(frame, ctx);
                var row = new string[defs.Length];
                for (int i = 0; i < defs.Length; i++)
                    row[i] = defs[i] is { } d ? Format.Values(ctx.Fields, d) : i == protocolColumn ? ctx.Columns.Protocol : "";
                rows.Add(row);
            }
            return new Result(rows, src.Warning, null, unknown.ToArray());
        }
    }
}
