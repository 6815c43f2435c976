using Dissect.Capture.Live;

// Usage: Dissect.Live.Harness capture -i IFACE [-i IFACE] [-f BPF] [-s N] [-p] [-B MiB] [-c N] [-a SPEC]
//                                     [-w FILE] [-b SPEC] [-q] [-Z USER]
// Runs LiveCapture.Run the way the CLI will, stops on SIGINT/SIGTERM, prints the closing line to stderr and
// "uid=N gid=N" (after any -Z) to stdout. Exit 0 on success, 2 on a LiveCaptureException.
if (args.Length == 0 || args[0] != "capture")
{
    Console.Error.WriteLine("usage: Dissect.Live.Harness capture -i IFACE [options]");
    return 64;
}
var o = new LiveCaptureOptions();
var ifaces = new List<string>();
try
{
    for (int i = 1; i < args.Length; i++)
    {
        string a = args[i];
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
        switch (a)
        {
            case "-i": ifaces.Add(Next()); break;
            case "-f": o = o with { CaptureFilter = Next() }; break;
            case "-s": o = o with { SnapLength = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) }; break;
            case "-p": o = o with { NoPromiscuous = true }; break;
            case "-B": o = o with { BufferMiB = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) }; break;
            case "-c": o = o with { PacketCount = long.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) }; break;
            case "-a": o = o.WithAutostop(Next()); break;
            case "-w": o = o with { WriteFile = Next() }; break;
            case "-b": o = o.WithRingBuffer(Next()); break;
            case "-q": o = o with { Quiet = true }; break;
            case "-Z": o = o with { User = Next() }; break;
            default: throw new ArgumentException($"unknown option {a}");
        }
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 64;
}
o = o with { Interfaces = ifaces };
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
long frames = 0;
try
{
    var summary = LiveCapture.Run(o, o.Quiet ? null : _ => frames++, cts.Token,
        line => Console.Error.WriteLine(line));
    Console.Out.WriteLine($"uid={Privileges.EffectiveUserId} gid={Privileges.EffectiveGroupId}");
    Console.Out.WriteLine($"stop={summary.StopReason} files={string.Join(",", summary.Files)}");
    foreach (var e in summary.Errors) Console.Error.WriteLine(e);
    Console.Error.WriteLine(summary.Text);
    return 0;
}
catch (LiveCaptureException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
