using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Dissect.Capture;
using Dissect.Capture.Live;
using Dissect.Core;
using Xunit.Abstractions;

namespace Dissect.Live.Tests;

public sealed class LiveCaptureTests(ITestOutputHelper output)
{
    private static (UdpClient Rx, int Port) UdpSink()
    {
        var rx = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return (rx, ((IPEndPoint)rx.Client.LocalEndPoint!).Port);
    }

    private static void SendUdp(int port, string tag, int count, int padTo = 0)
    {
        using var tx = new UdpClient();
        for (int i = 0; i < count; i++)
        {
            string m = $"{tag}-{i:D4}";
            if (m.Length < padTo) m = m.PadRight(padTo, '.');
            tx.Send(Encoding.ASCII.GetBytes(m), new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    private static List<(Frame Frame, byte[] Bytes)> ReadAll(string path, out IPacketSource info)
    {
        var list = new List<(Frame, byte[])>();
        var src = CaptureFile.Open(path);
        info = src;
        while (src.TryRead(out var f)) list.Add((f, f.Data.ToArray()));
        Assert.Null(src.Warning);
        return list;
    }

    private int TsharkCount(string path)
    {
        if (TestEnv.Which("tshark") is not { } tshark) { output.WriteLine("tshark not installed: tshark check not run"); return -1; }
        int rc = TestEnv.Run(tshark, $"-r \"{path}\" -T fields -e frame.number", out string text);
        Assert.True(rc == 0, "tshark -r failed: " + text);
        return text.Split('\n').Count(l => Regex.IsMatch(l, @"^\d+$"));
    }

    [Fact]
    public void WritePcapng_ReadBackWithCaptureFileAndTshark_SamePackets()
    {
        if (!TestEnv.CanCapture(output)) return;
        var dir = TestEnv.TempDir();
        var (rx, port) = UdpSink();
        try
        {
            string file = Path.Combine(dir, "out.pcapng");
            string tag = "W" + Guid.NewGuid().ToString("N")[..6];
            using var run = new RunningCapture(new LiveCaptureOptions { Interfaces = ["lo"], CaptureFilter = $"udp port {port}", PacketCount = 40, WriteFile = file, Quiet = true }, output);
            SendUdp(port, tag, 40);
            var summary = run.Wait(TimeSpan.FromSeconds(15));
            output.WriteLine(summary.Text);
            Assert.Equal(LiveStopReason.PacketCount, summary.StopReason);
            Assert.Equal(40, summary.Total.Captured);
            Assert.StartsWith("40 packets captured, ", summary.Text);
            Assert.Matches(@"^40 packets captured, \d+ dropped by kernel, \d+ dropped by interface$", summary.Text);
            Assert.Equal([file], summary.Files);

            var frames = ReadAll(file, out var src);
            Assert.Equal(CaptureFormat.PcapNg, src.Format);
            Assert.Equal("lo", Assert.Single(src.Interfaces).Name);
            Assert.Equal(40, frames.Count);
            for (int i = 0; i < 40; i++)
                Assert.Equal($"{tag}-{i:D4}", Encoding.ASCII.GetString(Seen.Parse(frames[i].Bytes, 1)!.Value.Payload));
            src.Dispose();
            int t = TsharkCount(file);
            if (t >= 0) Assert.Equal(40, t);
        }
        finally
        {
            rx.Dispose();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void WritePcapExtension_WritesPcap()
    {
        if (!TestEnv.CanCapture(output)) return;
        var dir = TestEnv.TempDir();
        var (rx, port) = UdpSink();
        try
        {
            string file = Path.Combine(dir, "out.pcap");
            using var run = new RunningCapture(new LiveCaptureOptions { Interfaces = ["lo"], CaptureFilter = $"udp port {port}", PacketCount = 5, WriteFile = file }, output);
            SendUdp(port, "P", 5);
            var summary = run.Wait(TimeSpan.FromSeconds(15));
            Assert.Equal(5, run.Frames);
            var frames = ReadAll(file, out var src);
            Assert.Equal(CaptureFormat.Pcap, src.Format);
            Assert.Equal(5, frames.Count);
            src.Dispose();
            int t = TsharkCount(file);
            if (t >= 0) Assert.Equal(5, t);
        }
        finally
        {
            rx.Dispose();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void RingBuffer_RotatesAndKeepsThreeFiles()
    {
        if (!TestEnv.CanCapture(output)) return;
        var dir = TestEnv.TempDir();
        var (rx, port) = UdpSink();
        try
        {
            string file = Path.Combine(dir, "ring.pcapng");
            // 120 frames of ~300 bytes in 2 kB files: about 20 files are made, the newest 3 kept.
            var o = new LiveCaptureOptions { Interfaces = ["lo"], CaptureFilter = $"udp port {port}", PacketCount = 120, WriteFile = file, Quiet = true }
                .WithRingBuffer("filesize:2,files:3");
            using var run = new RunningCapture(o, output);
            SendUdp(port, "R", 120, padTo: 250);
            var summary = run.Wait(TimeSpan.FromSeconds(15));
            var onDisk = Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToList();
            foreach (var f in onDisk) output.WriteLine(f);
            Assert.Equal(3, onDisk.Count);
            Assert.All(onDisk, f => Assert.Matches(@"^ring_\d{5}_\d{14}\.pcapng$", f));
            Assert.Equal(onDisk, summary.Files.Select(f => Path.GetFileName(f)).ToList());
            var seq = onDisk.Select(f => int.Parse(f.Substring(5, 5), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(seq[0] > 1, "older files were deleted");
            Assert.Equal([seq[0], seq[0] + 1, seq[0] + 2], seq);
            int total = 0;
            foreach (var f in summary.Files)
            {
                var frames = ReadAll(f, out var src);
                src.Dispose();
                Assert.NotEmpty(frames);
                Assert.True(new FileInfo(f).Length <= 2000 + 400, $"{f} is {new FileInfo(f).Length} bytes");
                total += frames.Count;
            }
            // The last file ends with frame 120.
            var last = ReadAll(summary.Files[^1], out var lastSrc);
            lastSrc.Dispose();
            Assert.StartsWith("R-0119", Encoding.ASCII.GetString(Seen.Parse(last[^1].Bytes, 1)!.Value.Payload));
            Assert.True(total < 120);
        }
        finally
        {
            rx.Dispose();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Cancellation_MidCapture_LeavesValidFileWithEveryPacket()
    {
        if (!TestEnv.CanCapture(output)) return;
        var dir = TestEnv.TempDir();
        var (rx, port) = UdpSink();
        try
        {
            string file = Path.Combine(dir, "cancel.pcapng");
            using var run = new RunningCapture(new LiveCaptureOptions { Interfaces = ["lo"], CaptureFilter = $"udp port {port}", WriteFile = file }, output);
            SendUdp(port, "C", 30);
            var until = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref run.Frames) < 30 && DateTime.UtcNow < until) Thread.Sleep(20);
            run.Cts.Cancel();
            var summary = run.Wait(TimeSpan.FromSeconds(10));
            output.WriteLine(summary.Text);
            Assert.Equal(LiveStopReason.Cancelled, summary.StopReason);
            Assert.Equal(30, summary.Total.Captured);
            var frames = ReadAll(file, out var src);
            src.Dispose();
            Assert.Equal(30, frames.Count);
            int t = TsharkCount(file);
            if (t >= 0) Assert.Equal(30, t);
        }
        finally
        {
            rx.Dispose();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AutostopDuration_StopsOnTime()
    {
        if (!TestEnv.CanCapture(output)) return;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var run = new RunningCapture(new LiveCaptureOptions { Interfaces = ["lo"], CaptureFilter = "udp port 9" }.WithAutostop("duration:1"), output);
        var summary = run.Wait(TimeSpan.FromSeconds(10));
        Assert.Equal(LiveStopReason.Duration, summary.StopReason);
        Assert.InRange(sw.Elapsed.TotalSeconds, 0.9, 5);
    }

    [Fact]
    public void Options_ParseAutostopAndRing()
    {
        var o = new LiveCaptureOptions().WithAutostop("duration:2.5").WithAutostop("packets:7").WithAutostop("filesize:100").WithRingBuffer("filesize:10,files:4");
        Assert.Equal(2.5, o.AutostopDurationSeconds);
        Assert.Equal(7, o.AutostopPackets);
        Assert.Equal(100, o.AutostopFileSizeKB);
        Assert.Equal(10, o.RingFileSizeKB);
        Assert.Equal(4, o.RingFiles);
        Assert.Throws<ArgumentException>(() => o.WithAutostop("bogus:1"));
        Assert.Throws<ArgumentException>(() => o.WithRingBuffer("files:x"));
        Assert.Equal("1 packet captured, 2 dropped by kernel, 3 dropped by interface", new LiveStatistics(1, 9, 2, 3, 0).SummaryText);
        Assert.Equal("5 packets captured, 0 dropped by kernel, 0 dropped by interface, 4 dropped by Dissect (reader too slow)", new LiveStatistics(5, 9, 0, 0, 4).SummaryText);
    }
}
