using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dissect.Capture;
using Dissect.Capture.Live;
using Dissect.Core;
using Xunit.Abstractions;

namespace Dissect.Live.Tests;

public sealed class NamespaceAndPrivilegeTests(ITestOutputHelper output)
{
    private const string Ns = "dissect-t1";
    private const string RootEnd = "dl-t1a";
    private const string NsEnd = "dl-t1b";

    private void Ip(string args)
    {
        int rc = TestEnv.Run("ip", args, out string text);
        Assert.True(rc == 0, $"ip {args}: {text}");
    }

    private static void Cleanup()
    {
        TestEnv.Run("ip", $"link del {RootEnd}", out _);
        TestEnv.Run("ip", $"netns del {Ns}", out _);
    }

    /// <summary>A veth pair: dl-t1a (10.250.1.1/30) stays here, dl-t1b (10.250.1.2/30) goes into namespace
    /// dissect-t1. We capture on dl-t1a and lo at once while the namespace pings us (ARP first) and we send UDP
    /// to loopback; the pcapng holds one interface block each.</summary>
    [Fact]
    public void Veth_SeesEthernetAndArp_AndMergesTwoInterfaces()
    {
        if (!TestEnv.CanUseNetns(output)) return;
        var dir = TestEnv.TempDir();
        using var rx = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)rx.Client.LocalEndPoint!).Port;
        Cleanup();
        try
        {
            Ip($"netns add {Ns}");
            Ip($"link add {RootEnd} type veth peer name {NsEnd}");
            Ip($"link set {NsEnd} netns {Ns}");
            Ip($"addr add 10.250.1.1/30 dev {RootEnd}");
            Ip($"link set {RootEnd} up");
            Ip($"netns exec {Ns} ip addr add 10.250.1.2/30 dev {NsEnd}");
            Ip($"netns exec {Ns} ip link set {NsEnd} up");
            Ip($"netns exec {Ns} ip link set lo up");

            string file = Path.Combine(dir, "two.pcapng");
            var o = new LiveCaptureOptions
            {
                Interfaces = [RootEnd, "lo"],
                CaptureFilter = $"arp or icmp or udp port {port}",
                WriteFile = file,
            };
            var frames = new List<(int If, int LinkType, byte[] Bytes)>();
            using var run = new RunningCapture(o, output, f => { lock (frames) frames.Add((f.InterfaceId, f.LinkType, f.Data.ToArray())); });

            int rc = TestEnv.Run("ip", $"netns exec {Ns} ping -c 3 -i 0.2 -W 1 10.250.1.1", out string ping);
            output.WriteLine(ping);
            Assert.Equal(0, rc);
            using (var tx = new UdpClient())
                for (int i = 0; i < 5; i++) tx.Send(Encoding.ASCII.GetBytes($"M-{i}"), new IPEndPoint(IPAddress.Loopback, port));
            var until = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < until)
            {
                lock (frames)
                    if (frames.Count(f => f.If == 1) >= 5 && frames.Count(f => f.If == 0 && Seen.Parse(f.Bytes, 1) is { IpProto: 1 }) >= 6) break;
                Thread.Sleep(50);
            }
            run.Cts.Cancel();
            var summary = run.Wait(TimeSpan.FromSeconds(10));
            output.WriteLine(summary.Text);
            List<(int If, int LinkType, byte[] Bytes)> got;
            lock (frames) got = frames.ToList();

            var veth = got.Where(f => f.If == 0).ToList();
            Assert.All(veth, f => Assert.Equal(1, f.LinkType));
            // Real Ethernet: non-zero MACs, ARP (0x0806) and IPv4 ICMP echo request/reply.
            Assert.Contains(veth, f => Seen.Parse(f.Bytes, 1)!.Value.EtherType == 0x0806);
            Assert.Contains(veth, f => f.Bytes.AsSpan(0, 6).IndexOfAnyExcept((byte)0) >= 0 && f.Bytes.AsSpan(6, 6).IndexOfAnyExcept((byte)0) >= 0);
            Assert.True(veth.Count(f => Seen.Parse(f.Bytes, 1) is { IpProto: 1 }) >= 6, "3 echo requests and 3 replies");
            var lo = got.Where(f => f.If == 1).Select(f => Seen.Parse(f.Bytes, 1)!.Value).ToList();
            for (int i = 0; i < 5; i++) Assert.Contains(lo, s => s.DstPort == port && Encoding.ASCII.GetString(s.Payload) == $"M-{i}");

            using var src = CaptureFile.Open(file);
            int n = 0;
            var seenIf = new HashSet<int>();
            while (src.TryRead(out var f)) { n++; seenIf.Add(f.InterfaceId); }
            Assert.Equal([RootEnd, "lo"], src.Interfaces.Select(i => i.Name).ToList());
            Assert.Equal(got.Count, n);
            Assert.Equal([0, 1], seenIf.Order().ToList());
            Assert.Equal(2, summary.PerInterface.Count);
        }
        finally
        {
            Cleanup();
            Directory.Delete(dir, true);
        }
        TestEnv.Run("ip", "netns list", out string after);
        Assert.DoesNotContain(Ns, after);
    }

    /// <summary>-Z nobody, run in a child process (setuid applies to the whole process, so not in the test host):
    /// the capture continues after the drop, the file is created as nobody and holds the packets.</summary>
    [Fact]
    public void DropPrivileges_ToNobody_CapturesAsNobody()
    {
        if (!TestEnv.CanCapture(output)) return;
        string harness = Harness.Path();
        Assert.True(File.Exists(harness), "harness not built: " + harness);
        var dir = TestEnv.TempDir();
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);   // 0777: nobody creates the file
        using var rx = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)rx.Client.LocalEndPoint!).Port;
        try
        {
            string file = Path.Combine(dir, "z.pcapng");
            var (exit, stdout, stderr) = RunHarness(harness, port, file);
            output.WriteLine(stdout);
            output.WriteLine(stderr);
            Assert.Equal(0, exit);
            Assert.Contains("uid=65534", stdout);
            Assert.Contains("5 packets captured", stderr);
            Assert.Equal(65534, GetOwner(file));
            using var src = CaptureFile.Open(file);
            int n = 0;
            while (src.TryRead(out _)) n++;
            Assert.Equal(5, n);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void DropPrivileges_UnknownUser_IsOneLineError()
    {
        if (!TestEnv.CanCapture(output)) return;
        // An unknown user fails before any id changes, so this is safe inside the test host.
        var ex = Assert.Throws<LiveCaptureException>(() => Privileges.DropTo("no-such-user-dissect"));
        Assert.Equal("cannot drop privileges: unknown user \"no-such-user-dissect\"", ex.Message);
        Assert.Equal(0u, Privileges.EffectiveUserId);
    }

    private static (int Exit, string Stdout, string Stderr) RunHarness(string harness, int port, string file)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { harness, "capture", "-i", "lo", "-f", $"udp port {port}", "-c", "5", "-w", file, "-Z", "nobody" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var so = p.StandardOutput.ReadToEndAsync();
        var se = p.StandardError.ReadToEndAsync();
        using (var tx = new UdpClient())
            for (int i = 0; i < 200 && !p.HasExited; i++)
            {
                tx.Send(Encoding.ASCII.GetBytes($"Z-{i}"), new IPEndPoint(IPAddress.Loopback, port));
                Thread.Sleep(50);
            }
        if (!p.WaitForExit(10_000)) { p.Kill(true); Assert.Fail("harness did not stop"); }
        p.WaitForExit();
        return (p.ExitCode, so.Result, se.Result);
    }

    private static int GetOwner(string path)
    {
        TestEnv.Run("stat", $"-c %u \"{path}\"", out string t);
        return int.Parse(t.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

internal static class Harness
{
    /// <summary>tests/Dissect.Live.Tests/Harness/bin/CONFIG/net10.0/Dissect.Live.Harness.dll, found from this
    /// assembly's tests/Dissect.Live.Tests/bin/CONFIG/net10.0/.</summary>
    public static string Path()
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        string tfm = baseDir.Name, config = baseDir.Parent!.Name;
        string project = baseDir.Parent!.Parent!.Parent!.FullName;
        return System.IO.Path.Combine(project, "Harness", "bin", config, tfm, "Dissect.Live.Harness.dll");
    }
}
