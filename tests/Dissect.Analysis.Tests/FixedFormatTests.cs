using System.Globalization;
using Dissect.Analysis.Statistics;
using Xunit;

namespace Dissect.Analysis.Tests;

public class FixedFormatTests
{
    static string Expected(double v, int d) => v.ToString("F" + d, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.0, 3)] [InlineData(-0.0001, 3)] [InlineData(0.0005, 3)] [InlineData(0.0015, 3)]
    [InlineData(2.5, 0)] [InlineData(3.5, 0)] [InlineData(-2.5, 0)] [InlineData(1e15, 2)] [InlineData(1e300, 1)]
    [InlineData(double.NaN, 3)] [InlineData(double.PositiveInfinity, 0)] [InlineData(123456.789012345, 6)]
    [InlineData(0.1234565, 6)] [InlineData(999.9995, 3)] [InlineData(9.5, 0)]
    public void Fixed_PrintsAsFFormat_OnEdgeValues(double v, int d) => Assert.Equal(Expected(v, d), new Fixed(v, d).ToString());

    /// <summary>The whole part is written two digits at a time: every digit count from 1 to 15 and the values next
    /// to each power of ten.</summary>
    [Fact]
    public void Fixed_WholeNumbersOfEveryLength_AsFFormat()
    {
        for (long p = 1; p <= 100_000_000_000_000; p *= 10)
            foreach (long v in new[] { p - 1, p, p + 1, 2 * p - 1, 5 * p + 3 })
                foreach (int d in new[] { 0, 3 })
                {
                    Assert.Equal(Expected(v, d), new Fixed(v, d).ToString());
                    Assert.Equal(Expected(-v - 0.25, d), new Fixed(-v - 0.25, d).ToString());
                }
    }

    [Fact]
    public void Fixed_NegativeZero_AsFFormat() => Assert.Equal(Expected(-0.0, 3), new Fixed(-0.0, 3).ToString());

    [Fact]
    public void Fixed_PrintsAsFFormat_OnRandomValues()
    {
        var rng = new Random(12345);
        for (int i = 0; i < 200_000; i++)
        {
            int d = rng.Next(0, 10);
            double v = rng.Next(4) switch
            {
                0 => rng.NextDouble() * 1000,
                1 => Math.Round(rng.NextDouble() * 1e6) / 1e3 + 0.0005,        // near ties at 3 decimals
                2 => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 14)),
                _ => rng.NextInt64(0, 10_000_000_000) / 1e6,                   // ns counts as ms/s, as the report makes them
            };
            Assert.Equal(Expected(v, d), new Fixed(v, d).ToString());
        }
    }
}
