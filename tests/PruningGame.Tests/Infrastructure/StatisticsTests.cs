using PruningGame.Infrastructure;

namespace PruningGame.Tests.Infrastructure;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 7.0 }, 7.0)]
    [InlineData(new[] { -1.0, 1e300, 5.0, 5.0 }, 5.0)]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values(double[] values, double median) =>
        Assert.Equal(median, Statistics.Median(values));

    [Fact]
    public void The_median_of_nothing_is_NaN() => Assert.True(double.IsNaN(Statistics.Median([])));
}
