using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace Dissect.Cli.Tests;

/// <summary>`dissect capture` end to end on loopback (root and libpcap needed; CI is root). Elsewhere the test says
/// it was skipped and why. Traffic goes only to 127.0.0.1.</summary>
public class CaptureCommandTests(ITestOutputHelper output)
{
    static bool CanCapture(out string why)
    {
        why = "";
        if (!OperatingSystem.IsLinux()) { why = "not Linux"; return false; }
        if (Environment.UserName != "root") { why = "not root"; return false; }
        if (!Dissect.Capture.Live.Interfaces.IsLibpcapAvailable) { why = "libpcap not installed"; return false; }
        return true;
    }

    [Fact]
    public async Task Capture_OnLoopback_WritesAndPrintsTheDatagrams()
    {
        if (!CanCapture(out var why)) { output.WriteLine("skipped: needs root and libpcap (" + why + ")"); return; }
        int port = 40000 + Environment.ProcessId % 20000;
        var file = Path.Combine(Path.GetTempPath(), $"dissect-cap-{Environment.ProcessId}.pcapng");
        try
        {
            var capture = Task.Run(() => Run.Dissect(["capture", "-i", "lo", "-f", $"udp port {port}", "-c", "3", "-a", "duration:20", "-w", file]));
            using var udp = new UdpClient();
            for (int i = 0; i < 60 && !capture.IsCompleted; i++)
            {
                udp.Send("dissect-live"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
                await Task.Delay(100);
            }
            var r = await capture;
            Assert.Equal(0, r.Code);
            Assert.Contains("3 packets captured", r.Err);
            Assert.Equal(3, r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains($"→ {port} Len=12")));
            var back = Run.Dissect(["read", file, "-T", "fields", "-e", "udp.dstport", "-e", "data.data"]);
            Assert.Equal(0, back.Code);
            Assert.Equal(3, back.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.All(back.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Equal($"{port}\t{Convert.ToHexString("dissect-live"u8).ToLowerInvariant()}", l));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Capture_UnknownInterface_IsOneLineWithTheAvailableOnes()
    {
        if (!CanCapture(out var why)) { output.WriteLine("skipped: needs root and libpcap (" + why + ")"); return; }
        var r = Run.Dissect(["capture", "-i", "nosuch0", "-c", "1"]);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("dissect: no such interface: nosuch0 (available: ", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
