namespace Dissect.Cli.Tests;

/// <summary>`dissect stats` against tshark 4.0.17's -q -z output for the same samples (tshark/make-stats.sh).</summary>
public class StatsTests
{
    [Theory]
    [InlineData("http-curl.pcap", "tcp")] [InlineData("http-curl.pcap", "udp")] [InlineData("http-curl.pcap", "ip")] [InlineData("http-curl.pcap", "ipv6")]
    [InlineData("dns-udp-tcp.pcap", "tcp")] [InlineData("dns-udp-tcp.pcap", "udp")] [InlineData("dns-udp-tcp.pcap", "ip")]
    [InlineData("ping-netns.pcapng", "tcp")] [InlineData("ping-netns.pcapng", "udp")] [InlineData("ping-netns.pcapng", "ip")] [InlineData("ping-netns.pcapng", "ipv6")]
    [InlineData("tcp-nano-sll.pcap", "tcp")] [InlineData("tcp-nano-sll.pcap", "ip")]
    public void Conversations_EqualTshark(string sample, string type)
    {
        var expected = File.ReadAllText(Path.Combine(Repo.Root, "tests", "Dissect.Cli.Tests", "tshark", $"{sample}.conv-{type}.txt"));
        var r = Run.Dissect(["stats", "conv," + type, Repo.Sample(sample)]);
        Assert.Equal(0, r.Code);
        Assert.Equal(expected, r.Out);
    }

    [Fact]
    public void ConversationFilter_CountsOnlyMatchingFrames()
    {
        // Only the SYNs: each of the 6 connections has one frame client → server.
        var r = Run.Dissect(["stats", "conv,tcp", Repo.Sample("http-curl.pcap"), "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0"]);
        Assert.Equal(0, r.Code);
        var rows = r.Out.Split('\n').Where(l => l.Contains("<->")).ToArray();
        Assert.Equal(6, rows.Length);
        Assert.All(rows, l => Assert.Contains("      1 74 bytes ", l));
    }

    [Fact]
    public void TcpReport_ShowsHandshakeStateAndDiagnosis()
    {
        var r = Run.Dissect(["stats", "tcp", Repo.Sample("tcp-nano-sll.pcap")]);
        Assert.Equal(0, r.Code);
        Assert.Contains("state SF", r.Out);            // SYN, SYN-ACK, data, FIN both ways
        Assert.Contains("handshake: SYN->SYN-ACK", r.Out);
        Assert.Contains("limited by: ", r.Out);
    }

    [Fact]
    public void Follow_Ascii_ShowsBothDirectionsInOrder()
    {
        var r = Run.Dissect(["follow", "tcp,ascii,0", Repo.Sample("http-curl.pcap")]);
        Assert.Equal(0, r.Code);
        Assert.Contains("Node 0: 127.0.0.1:50232", r.Out);
        Assert.Contains("78\nGET / HTTP/1.1\r\n", r.Out);
        Assert.Contains("\t186\nHTTP/1.1 200 OK\r\n", r.Out);
    }

    [Fact]
    public void Flow_DrawsOneArrowPerShownPacket_BetweenTheRightHosts()
    {
        // ping-netns.pcapng: 2 ARP frames and 7 ICMP frames (3 echo pairs + 1 port unreachable).
        var r = Run.Dissect(["flow", Repo.Sample("ping-netns.pcapng"), "-Y", "arp || icmp"]);
        Assert.Equal(0, r.Code);
        var lines = r.Out.Split('\n').Where(l => l.Contains("->|") || l.Contains("|<-")).ToArray();
        Assert.Equal(9, lines.Length);
        Assert.Contains(lines, l => l.Contains("ARP: Who has 10.99.0.2? Tell 10.99.0.1") && l.Contains("->|"));
        Assert.Equal(3, lines.Count(l => l.Contains("Echo (ping) request") && l.Contains("->|")));
    }

    [Fact]
    public void UnknownStatistics_IsABadOption()
    {
        var r = Run.Dissect(["stats", "conv,sctp", Repo.Sample("http-curl.pcap")]);
        Assert.Equal(1, r.Code);
        Assert.Contains("unknown conversation type", r.Err);
    }
}
