namespace Dissect.Filter.Tests;

/// <summary>Allocation guard (not a timing test): evaluating a compiled filter allocates nothing per packet.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData("tcp.port == 443 && tcp.len > 0")]
    [InlineData("tcp.port in {80, 443, 8000..8100} and ip.addr == 10.0.0.0/8 and not tcp.analysis.retransmission")]
    [InlineData("http.host matches \"ex.*com\" or http.host contains \"zzz\"")]
    [InlineData("lower(http.host) == \"example.com\" and upper(http.host) != \"X\"")]
    [InlineData("frame[-4:] != 00:00:00:00 and frame[0-1,12:2] == 00:11:08:00 and eth.src[0:3] == aa:bb:cc")]
    [InlineData("string(ip.dst) == \"192.168.1.9\" and string(tcp.srcport) matches \"^5\" and count(tcp.port) == 2")]
    [InlineData("len(http.host) == 11 xor tcp contains \"GET\" || frame.time_relative > 1.5")]
    [InlineData("tcp.srcport > tcp.dstport and all tcp.port > 10 and ip.addr ~= 1.2.3.4")]
    public void Matches_DoesNotAllocate(string expr)
    {
        var f = TestFields.Compile(expr);
        var pf = TestFields.HttpGet();
        bool first = f.Matches(pf); // warm up (regex runners, lazy scratch growth)
        for (int i = 0; i < 100; i++) f.Matches(pf);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool last = false;
        for (int i = 0; i < 10_000; i++) last = f.Matches(pf);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(first, last);
        Assert.Equal(0, after - before);
    }
}
