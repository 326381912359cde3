using PruningGame.Experiments;
using PruningGame.RunRecords;

namespace PruningGame.Tests.Experiments;

public class FrontierTableTests
{
    private static RunSummary Run(string label, string method, long seed, double pruned, double neuronSparsity, double weightSparsity = 0, long parameters = 1000) =>
        new()
        {
            Label = label, Method = method, Seed = seed, TestAccuracyPruned = pruned, TestAccuracyGated = pruned + 0.01,
            NeuronSparsity = neuronSparsity, WeightSparsity = weightSparsity, CompactParameters = parameters, CompactMultiplyAdds = parameters,
            CompactLatencyMs = 0.5, NeuronsKept = (int)Math.Round(768 * (1 - neuronSparsity)) + (int)seed,
        };

    [Fact]
    public void Groups_seeds_of_a_label_into_one_point_with_mean_and_sample_std()
    {
        var table = FrontierTable.From([
            Run("magnitude-oneshot@0.5", "magnitude-oneshot", 1, 0.80, 0.5),
            Run("magnitude-oneshot@0.5", "magnitude-oneshot", 2, 0.90, 0.5),
            Run("magnitude-oneshot@0.9", "magnitude-oneshot", 1, 0.70, 0.9),
        ]);
        Assert.Equal(2, table.Points.Count);
        var half = table.Points[0];
        Assert.Equal(("magnitude-oneshot", "0.5", 2), (half.Series, half.Setting, half.Seeds));
        Assert.Equal(0.85, half.AccuracyPruned.Mean, 12);
        Assert.Equal(Math.Sqrt(0.005), half.AccuracyPruned.Std, 12);
        Assert.Equal(0.9, table.Points[1].Sparsity.Mean, 12);
        Assert.Equal(384 + 1.5, half.NeuronsKept.Mean, 12);           // 385 and 386 kept
        Assert.Contains("| 385.5 ± 0.7 |", table.ToMarkdown());
    }

    [Fact]
    public void Weight_level_methods_report_weight_sparsity_and_say_so()
    {
        var table = FrontierTable.From([Run("gmp-weight@0.9", "gmp-weight", 1, 0.85, neuronSparsity: 0, weightSparsity: 0.9)]);
        var point = Assert.Single(table.Points);
        Assert.True(point.WeightLevel);
        Assert.Equal(0.9, point.Sparsity.Mean, 12);
        Assert.Contains("| weights |", table.ToMarkdown());
        Assert.Contains(",weight,", table.ToCsv());
    }

    [Fact]
    public void Unlabelled_runs_form_their_methods_series()
    {
        var point = Assert.Single(FrontierTable.From([Run("very-high-beta", "game", 1, 0.8, 0.7)]).Points);
        Assert.Equal(("game", "very-high-beta"), (point.Series, point.Setting));
    }

    [Fact]
    public void A_label_shared_by_two_methods_is_refused_by_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => FrontierTable.From([Run("x@1", "random", 1, 0.8, 0.5), Run("x@1", "l0", 2, 0.8, 0.5)]));
        Assert.Contains("x@1", e.Message);
    }

    [Fact]
    public void Csv_has_one_row_per_point_and_every_column()
    {
        var csv = FrontierTable.From([Run("random@0.5", "random", 1, 0.8, 0.5), Run("dense@none", "dense", 1, 0.9, 0)]).ToCsv().TrimEnd().Split('\n');
        Assert.Equal(3, csv.Length);
        var columns = csv[0].Split(',').Length;
        Assert.All(csv, line => Assert.Equal(columns, line.Split(',').Length));
    }
}
