using System.Buffers.Binary;
using System.Diagnostics;
using Dissect.Capture.Live;
using Dissect.Core;
using Xunit.Abstractions;

namespace Dissect.Live.Tests;

/// <summary>Guards for tests that need root and libpcap (CI runs as root). Elsewhere a test writes why it did not
/// run and returns.</summary>
internal static class TestEnv
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint geteuid();

    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    public static bool CanCapture(ITestOutputHelper output)
    {
        if (!OperatingSystem.IsLinux()) { output.WriteLine("skipped: needs root/libpcap/ip netns (Linux only)"); return false; }
        if (!IsRoot) { output.WriteLine("skipped: needs root/libpcap/ip netns (not running as root)"); return false; }
        if (!Interfaces.IsLibpcapAvailable) { output.WriteLine("skipped: needs root/libpcap/ip netns (libpcap not installed)"); return false; }
        return true;
    }

    public static bool CanUseNetns(ITestOutputHelper output)
    {
        if (!CanCapture(output)) return false;
        if (Run("ip", "netns list", out _) != 0) { output.WriteLine("skipped: needs root/libpcap/ip netns (ip netns unavailable)"); return false; }
        return true;
    }

    public static string? Which(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var p = Path.Combine(dir, tool);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>Runs a command with a 30 s limit; returns its exit code (stdout+stderr in <paramref name="text"/>).</summary>
    public static int Run(string file, string args, out string text, int timeoutMs = 30_000)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var so = p.StandardOutput.ReadToEndAsync();
        var se = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs)) { try { p.Kill(true); } catch (InvalidOperationException) { } text = "timeout"; return -1; }
        p.WaitForExit();
        text = so.Result + se.Result;
        return p.ExitCode;
    }

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "dissect-live-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(d);
        return d;
    }
}

    /// <summary>Runs LiveCapture.Run on a worker; returns when "Capturing on" was announced.</summary>
    internal sealed class RunningCapture : IDisposable
    {
        public readonly CancellationTokenSource Cts = new();
        public readonly Task<LiveCaptureSummary> Task;
        public int Frames;
        private readonly ManualResetEventSlim _started = new();

        public RunningCapture(LiveCaptureOptions o, ITestOutputHelper output, Action<Frame>? onFrame = null)
        {
            Task = System.Threading.Tasks.Task.Run(() => LiveCapture.Run(o, f => { Interlocked.Increment(ref Frames); onFrame?.Invoke(f); }, Cts.Token,
                line => { try { output.WriteLine("status: " + line); } catch (InvalidOperationException) { } if (line.StartsWith("Capturing on", StringComparison.Ordinal)) _started.Set(); }));
            // Either started, or the task faulted (Result rethrows).
            while (!_started.Wait(50))
                if (Task.IsCompleted) { _ = Task.Result; break; }
        }

        public LiveCaptureSummary Wait(TimeSpan limit)
        {
            if (!Task.Wait(limit)) { Cts.Cancel(); Assert.True(Task.Wait(TimeSpan.FromSeconds(10)), "capture did not stop after cancel"); }
            return Task.Result;
        }

        public void Dispose() { Cts.Cancel(); try { Task.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { } Cts.Dispose(); }
    }


/// <summary>Just enough decoding to check what a capture saw: Ethernet (lo is Ethernet on Linux) → IPv4 → TCP/UDP.</summary>
internal readonly record struct Seen(int EtherType, int IpProto, int SrcPort, int DstPort, byte[] Payload)
{
    public static Seen? Parse(ReadOnlySpan<byte> b, int linkType)
    {
        int off;
        int etherType;
        if (linkType == 1)
        {
            if (b.Length < 14) return null;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(b[12..]);
            off = 14;
        }
        else if (linkType == 113)
        {
            if (b.Length < 16) return null;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(b[14..]);
            off = 16;
        }
        else return null;
        if (etherType != 0x0800 || b.Length < off + 20) return new Seen(etherType, -1, -1, -1, []);
        int ihl = (b[off] & 0x0f) * 4;
        int proto = b[off + 9];
        int total = BinaryPrimitives.ReadUInt16BigEndian(b[(off + 2)..]);
        int ipEnd = Math.Min(b.Length, off + total);
        int t = off + ihl;
        if (proto == 17 && ipEnd >= t + 8)
            return new Seen(etherType, proto, BinaryPrimitives.ReadUInt16BigEndian(b[t..]), BinaryPrimitives.ReadUInt16BigEndian(b[(t + 2)..]), b[(t + 8)..ipEnd].ToArray());
        if (proto == 6 && ipEnd >= t + 20)
        {
            int doff = (b[t + 12] >> 4) * 4;
            return new Seen(etherType, proto, BinaryPrimitives.ReadUInt16BigEndian(b[t..]), BinaryPrimitives.ReadUInt16BigEndian(b[(t + 2)..]),
                            ipEnd >= t + doff ? b[(t + doff)..ipEnd].ToArray() : []);
        }
        return new Seen(etherType, proto, -1, -1, []);
    }
}
