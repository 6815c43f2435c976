using System.Runtime.InteropServices;
using Dissect.Capture.Live;
using Dissect.Cli.Output;
using Dissect.Core;

namespace Dissect.Cli;

/// <summary>`dissect interfaces` (tshark -D) and `dissect capture -i IFACE …` (live capture through libpcap).</summary>
public static class CaptureCommand
{
    /// <summary>Exit code when the capture could not start or failed (tshark uses 2 as well).</summary>
    public const int LiveCaptureFailed = 2;

    public static int Interfaces(OutputTarget target)
    {
        try
        {
            foreach (var i in Dissect.Capture.Live.Interfaces.List())
            {
                target.Text.Write(i.ToString());
                var extra = new List<string>();
                if (!string.IsNullOrEmpty(i.FlagsText)) extra.Add(i.FlagsText);
                foreach (var a in i.Addresses) extra.Add(a.ToString() ?? "");
                if (extra.Count > 0) target.Text.Write(" (" + string.Join(", ", extra) + ")");
                target.Text.Write('\n');
            }
            target.Text.Flush();
            return ExitCodes.Ok;
        }
        catch (LiveCaptureException e)
        {
            throw new CliException(e.Message, LiveCaptureFailed);
        }
    }

    public static int Run(LiveCaptureOptions options, string? filterText, OutputTarget target, TextWriter stderr, DecodeAs? decodeAs = null)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
        try
        {
            // Live frames go through the same dissectors as files: one engine with flow analysis.
            var tables = Dissect.Dissectors.BuiltIn.CreateTables();
            decodeAs?.Apply(tables);             // -d, as for files
            var analysis = new Dissect.Analysis.FlowAnalysis(tables.Registry);
            var engine = new Engine(tables);
            var ctx = engine.CreateContext();
            analysis.Attach(ctx);
            var filter = FilterSupport.Compile(filterText, tables.Registry);
            ctx.Fields.Select(filter?.Fields ?? []);
            ctx.WantColumns = !options.Quiet;
            var text = target.Text;
            Action<Frame>? onFrame = options.Quiet && filter is null ? null : frame =>
            {
                engine.Dissect(frame, ctx);
                if (filter is not null && !filter.Matches(ctx.Fields)) return;
                if (options.Quiet) return;
                long rel = engine.FirstTime is { } first ? frame.Time.NanosecondsSince(first) : 0;
                var c = ctx.Columns;
                text.Write($"{frame.Number,5} {rel / 1e9,10:F6} {c.Source} → {c.Destination} {c.Protocol} {frame.OriginalLength} {c.Info}\n");
                text.Flush();
            };
            var summary = LiveCapture.Run(options, onFrame, cts.Token, line => stderr.WriteLine(line));
            foreach (var e in summary.Errors) stderr.WriteLine(Cli.Prefixed(e));
            stderr.WriteLine(summary.Text);
            stderr.Flush();
            return summary.Errors.Count == 0 ? ExitCodes.Ok : LiveCaptureFailed;
        }
        catch (LiveCaptureException e)
        {
            throw new CliException(e.Message, LiveCaptureFailed);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, ExitCodes.BadOption);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
