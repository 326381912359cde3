using System.Globalization;
using PruningGame.Training;

namespace PruningGame.Tests.Training;

public sealed class ParticipationStatisticsTests
{
    [Fact]
    public void Bins_split_at_epsilon_and_sum_to_one()
    {
        var stats = ParticipationStatistics.From([0.0, 0.005, 0.01, 0.05, 0.5, 0.95, 1.0, 0.2], epsilon: 0.01);
        Assert.Equal(2.0 / 8, stats.BelowEpsilon);
        Assert.Equal(2.0 / 8, stats.EpsilonToTenth);
        Assert.Equal(2.0 / 8, stats.Middle);
        Assert.Equal(2.0 / 8, stats.AboveNineTenths);
    }

    [Fact]
    public void Bin_keys_write_epsilon_with_a_decimal_point_on_a_comma_decimal_machine()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);   // the case this guards
            var keys = ParticipationStatistics.From([0.5], 0.01).Bins(0.01).Keys;
            Assert.Equal(["[0,0.01)", "[0.01,0.1)", "[0.1,0.9)", "[0.9,1]"], keys);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
