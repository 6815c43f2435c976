namespace Dissect.Cli.Tests;

/// <summary>Golden output of the summary (first 20 frames) and the detail tree (first 12 frames) of each sample
/// capture. UPDATE_GOLDEN=1 rewrites them; review the diff.</summary>
public class GoldenTests
{
    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void Summary(string sample)
    {
        var r = Run.Dissect(["read", Repo.Sample(sample), "-c", "20"]);
        Assert.Equal(0, r.Code);
        Golden.Assert(sample + ".summary.txt", r.Out);
    }

    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void Detail(string sample)
    {
        var r = Run.Dissect(["read", Repo.Sample(sample), "-V", "-c", "12"]);
        Assert.Equal(0, r.Code);
        Golden.Assert(sample + ".detail.txt", r.Out);
    }
}
