using System.Globalization;
using PruningGame.Experiments;
using PruningGame.RunRecords;

namespace PruningGame.Tests.Experiments;

public sealed class RunSummaryRowsTests
{
    private static readonly RunSummary Summary = new()
    {
        RunId = "extreme-beta-seed1", Label = "extreme-beta", Method = "game", Dataset = "fashion-mnist", Seed = 1,
        TestAccuracyPruned = 0.1, TestAccuracyGated = 0.8205, NeuronsKept = 37, NeuronsTotal = 768, NeuronSparsity = 731 / 768.0,
        KeptPerLayer = new Dictionary<string, int> { ["fc1"] = 30, ["fc2"] = 7 },
        TotalPerLayer = new Dictionary<string, int> { ["fc1"] = 512, ["fc2"] = 256 },
        DenseParameters = 535818, CompactParameters = 20067,
    };

    [Fact]
    public void The_rows_name_the_run_and_give_the_headline_after_removal_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var rows = RunSummaryRows.Of(Summary).ToDictionary(r => r.Measure, r => r.Value);
            Assert.Equal("extreme-beta-seed1", rows["run"]);
            Assert.Equal("10.00 %", rows["test accuracy, pruned (headline)"]);
            Assert.Equal("82.05 %", rows["test accuracy, gated (as trained)"]);
            Assert.Equal("37 / 768 (4.82 %)", rows["neurons kept"]);
            Assert.Equal("fc1 30/512, fc2 7/256", rows["kept per layer"]);
            Assert.Equal("535,818 → 20,067", rows["parameters dense → compact"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
