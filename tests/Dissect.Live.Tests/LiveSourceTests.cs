using System.Net;
using System.Net.Sockets;
using System.Text;
using Dissect.Capture.Live;
using Dissect.Core;
using Xunit.Abstractions;

namespace Dissect.Live.Tests;

public sealed class LiveSourceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    /// <summary>Reads frames until <paramref name="done"/> says so or the time limit passes.</summary>
    internal static List<(Frame Frame, byte[] Bytes)> Collect(LiveSource src, Func<List<(Frame, byte[])>, bool> done, TimeSpan limit)
    {
        var got = new List<(Frame, byte[])>();
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until && !done(got))
        {
            if (src.TryRead(out var f, TimeSpan.FromMilliseconds(200)))
                got.Add((f, f.Data.ToArray()));
        }
        return got;
    }

    [Fact]
    public void Loopback_SeesEveryUdpDatagramAndTcpSegment()
    {
        if (!TestEnv.CanCapture(output)) return;
        using var udpRx = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int udpPort = ((IPEndPoint)udpRx.Client.LocalEndPoint!).Port;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int tcpPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            using var src = LiveSource.Open("lo", new LiveSourceOptions { Filter = $"udp port {udpPort} or tcp port {tcpPort}" });
            Assert.Equal(1, src.LinkType);
            string tag = Guid.NewGuid().ToString("N")[..8];
            using (var tx = new UdpClient())
                for (int i = 0; i < 20; i++)
                    tx.Send(Encoding.ASCII.GetBytes($"UDP-{tag}-{i:D3}"), new IPEndPoint(IPAddress.Loopback, udpPort));
            using (var client = new TcpClient())
            {
                client.Connect(IPAddress.Loopback, tcpPort);
                using var server = listener.AcceptTcpClient();
                var s = client.GetStream();
                for (int i = 0; i < 5; i++) { s.Write(Encoding.ASCII.GetBytes($"TCP-{tag}-{i:D3}")); s.Flush(); Thread.Sleep(5); }
            }

            var got = Collect(src, g =>
            {
                var text = string.Join("|", g.Select(x => Seen.Parse(x.Item2, 1)?.Payload is { } p ? Encoding.ASCII.GetString(p) : ""));
                return Enumerable.Range(0, 20).All(i => text.Contains($"UDP-{tag}-{i:D3}")) && text.Contains($"TCP-{tag}-004");
            }, Limit);
            var seen = got.Select(x => Seen.Parse(x.Bytes, 1)).Where(x => x is not null).Select(x => x!.Value).ToList();
            foreach (var x in seen) output.WriteLine($"{x.IpProto} {x.SrcPort}->{x.DstPort} {Encoding.ASCII.GetString(x.Payload)}");
            output.WriteLine(src.Statistics().ToString());
            for (int i = 0; i < 20; i++)
            {
                string m = $"UDP-{tag}-{i:D3}";
                Assert.Contains(seen, x => x.IpProto == 17 && x.DstPort == udpPort && Encoding.ASCII.GetString(x.Payload) == m);
            }
            var tcpText = string.Concat(seen.Where(x => x.IpProto == 6 && x.DstPort == tcpPort).Select(x => Encoding.ASCII.GetString(x.Payload)));
            for (int i = 0; i < 5; i++) Assert.Contains($"TCP-{tag}-{i:D3}", tcpText);
            Assert.Contains(seen, x => x.IpProto == 6 && x.SrcPort == tcpPort);   // the server's SYN-ACK / ACKs
            // Frames are numbered, timestamped (nanoseconds), in order, and carry the link type.
            for (int i = 0; i < got.Count; i++)
            {
                Assert.Equal(i + 1, got[i].Frame.Number);
                Assert.Equal(1, got[i].Frame.LinkType);
                Assert.Equal(-1, got[i].Frame.FileOffset);
                Assert.True(got[i].Frame.Time.Seconds > 1_600_000_000);
                if (i > 0) Assert.True(got[i].Frame.Time.CompareTo(got[i - 1].Frame.Time) >= 0);
            }
            src.Stop();
            int drained = 0;
            while (src.TryRead(out _, TimeSpan.FromSeconds(5))) drained++;
            var st = src.Statistics();
            Assert.Equal(got.Count + drained, st.Captured);
            Assert.Equal(0, st.DroppedByRing);
            output.WriteLine(st.SummaryText);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void BpfFilter_UdpPort_ExcludesTcp()
    {
        if (!TestEnv.CanCapture(output)) return;
        using var udpRx = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int udpPort = ((IPEndPoint)udpRx.Client.LocalEndPoint!).Port;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int tcpPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            using var src = LiveSource.Open("lo", new LiveSourceOptions { Filter = $"udp port {udpPort}" });
            using (var client = new TcpClient())
            {
                client.Connect(IPAddress.Loopback, tcpPort);
                using var server = listener.AcceptTcpClient();
                client.GetStream().Write("TCP-excluded"u8);
            }
            using (var tx = new UdpClient())
                for (int i = 0; i < 10; i++) tx.Send(Encoding.ASCII.GetBytes($"keep-{i}"), new IPEndPoint(IPAddress.Loopback, udpPort));
            var got = Collect(src, g => g.Count >= 10, Limit);
            // Give stray packets a moment to show up, then stop.
            Thread.Sleep(200);
            src.Stop();
            while (src.TryRead(out var f, TimeSpan.FromSeconds(5))) got.Add((f, f.Data.ToArray()));
            Assert.Equal(10, got.Count);
            Assert.All(got, x =>
            {
                var s = Seen.Parse(x.Bytes, 1)!.Value;
                Assert.Equal(17, s.IpProto);
                Assert.Equal(udpPort, s.DstPort);
            });
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void InvalidBpf_GivesLibpcapMessage()
    {
        if (!TestEnv.CanCapture(output)) return;
        var ex = Assert.Throws<LiveCaptureException>(() => LiveSource.Open("lo", new LiveSourceOptions { Filter = "udp port banana" }));
        output.WriteLine(ex.Message);
        Assert.StartsWith("invalid capture filter \"udp port banana\" for lo: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.True(ex.Message.Length > "invalid capture filter \"udp port banana\" for lo: ".Length + 3);
    }

    [Fact]
    public void UnknownInterface_ListsAvailableOnes()
    {
        if (!TestEnv.CanCapture(output)) return;
        var ex = Assert.Throws<LiveCaptureException>(() => LiveSource.Open("nosuch0"));
        output.WriteLine(ex.Message);
        Assert.StartsWith("no such interface: nosuch0 (available: ", ex.Message);
        Assert.Contains("lo", ex.Message);
    }

    [Fact]
    public void PermissionDenied_MessageNamesTheFix()
    {
        // Always runs: the message itself, independent of privileges.
        string m = LiveSource.ActivationMessage(-8, "eth0", "socket: Operation not permitted");
        Assert.Equal("no permission to capture on eth0: run as root, or give the binary the capabilities: setcap cap_net_raw,cap_net_admin=eip $(readlink -f dissect)", m);
        Assert.Contains("promiscuous", LiveSource.ActivationMessage(-11, "eth0", ""));
        Assert.Contains("down", LiveSource.ActivationMessage(-9, "eth0", ""));
        Assert.Contains("does not support promiscuous mode", LiveSource.ActivationMessage(2, "eth0", ""));
        for (int code = -12; code <= 3; code++)
            if (code != 0) Assert.DoesNotContain('\n', LiveSource.ActivationMessage(code, "x", "detail"));
    }

    [Fact]
    public void InterfacesList_HasLoopbackWithAddressAndFlags()
    {
        if (!TestEnv.CanCapture(output)) return;
        var list = Interfaces.List();
        foreach (var i in list) output.WriteLine($"{i} [{i.FlagsText}] {string.Join(" ", i.Addresses)}");
        var lo = Assert.Single(list, i => i.Name == "lo");
        Assert.True(lo.IsLoopback);
        Assert.True(lo.IsUp);
        Assert.Contains(lo.Addresses, a => a.Address.Equals(IPAddress.Loopback) && a.PrefixLength == 8);
        Assert.Equal(Enumerable.Range(1, list.Count), list.Select(i => i.Index));
        Assert.StartsWith("libpcap version", Interfaces.LibraryVersion());
    }
}
