namespace Dissect.Filter.Tests;

public class FilterCliTests
{
    [Fact]
    public void Check_Valid_PrintsNormalizedAndFields_Exit0()
    {
        var r = FilterCli.Check("tcp.port eq 80 && ip.addr==10.0.0.0/8", TestFields.Registry);
        Assert.Equal(0, r.ExitCode);
        Golden.Check("filter-check-ok.txt", r.Text);
    }

    [Fact]
    public void Check_Invalid_PrintsRenderedError_Exit4()
    {
        var r = FilterCli.Check("tcp.prot == 80", TestFields.Registry);
        Assert.Equal(4, r.ExitCode);
        Assert.Equal("tcp.prot == 80\n^~~~~~~~\nunknown field \"tcp.prot\"; did you mean \"tcp.port\"?\n", r.Text);
    }
}
