using System.Globalization;
using PruningGame.Configuration;
using PruningGame.Methods.Baselines;
using PruningGame.Tests.Training;
using PruningGame.Training;
using static TorchSharp.torch;

namespace PruningGame.Tests.Methods.Baselines;

public sealed class BaselineTests
{
    private static readonly PruningGame.Infrastructure.EnvironmentSnapshot Environment = TinyProblem.Environment;

    private static RunConfig Config(string method, double sparsity, int epochs = 4, int fineTune = 1, double strength = 0) =>
        TinyProblem.Config("baselines-" + method, epochs) with
        {
            Label = $"{method}-{sparsity}",
            Method = MethodSpec.ForBaseline(method, new BaselineOptions { TargetSparsity = sparsity, FineTuneEpochs = fineTune, Strength = strength }),
        };

    [Theory]
    [InlineData("random")]
    [InlineData("magnitude-oneshot")]
    [InlineData("magnitude-iterative")]
    [InlineData("gmp-neuron")]
    [InlineData("slimming")]
    public void Neuron_baselines_reach_the_requested_sparsity_exactly(string method)
    {
        using var data = TinyProblem.Data();
        var result = new Trainer().Run(Config(method, 0.75, strength: 1e-3), data, TinyProblem.TempRoot(), Environment);
        // 16 and 8 neurons at 75% sparsity keep round(4) and round(2).
        Assert.Equal(4, result.Summary.KeptPerLayer["fc1"]);
        Assert.Equal(2, result.Summary.KeptPerLayer["fc2"]);
        Assert.Equal(0.75, result.Summary.NeuronSparsity, 12);
        Assert.Equal(result.Summary.TestAccuracyPruned, result.Summary.CompactTestAccuracy);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("magnitude-oneshot")]
    [InlineData("slimming")]
    public void Fine_tuning_never_revives_pruned_neurons(string method)
    {
        using var data = TinyProblem.Data();
        var result = new Trainer().Run(Config(method, 0.5, epochs: 5, fineTune: 3, strength: 1e-3), data, TinyProblem.TempRoot(), Environment);
        var afterPruning = result.Epochs.Skip(1).Select(e => e.ActiveNeurons).ToList();   // epoch 2 is the prune epoch
        Assert.All(afterPruning, active => Assert.Equal(12, active));
        var pruned = File.ReadAllLines(Path.Combine(result.Folder, "participation.csv")).Skip(1)
            .Select(line => line.Split(',')).Where(cells => cells[6] == "true").ToList();
        Assert.Equal(12, pruned.Count);
        Assert.All(pruned, cells => Assert.Equal(0.0, double.Parse(cells[2], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Weight_level_gradual_pruning_reports_weight_sparsity_and_removes_no_neuron()
    {
        using var data = TinyProblem.Data();
        var result = new Trainer().Run(Config("gmp-weight", 0.8), data, TinyProblem.TempRoot(), Environment);
        Assert.InRange(result.Summary.WeightSparsity, 0.79, 0.81);   // per-layer rounding of 0.8·(20·16), 0.8·(16·8), 0.8·(8·3)
        Assert.Equal(0.0, result.Summary.NeuronSparsity);
    }

    [Fact]
    public void Cubic_schedule_starts_at_zero_ends_at_the_target_and_front_loads_pruning()
    {
        var schedule = new CubicSchedule(0.9, 100, 1100);
        Assert.Equal(0, schedule.SparsityAt(50));
        Assert.Equal(0.9, schedule.SparsityAt(1100), 12);
        Assert.Equal(0.9 * (1 - Math.Pow(0.5, 3)), schedule.SparsityAt(600), 12);
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void L0_expected_penalty_matches_the_sampled_probability_of_a_nonzero_gate(double logAlpha)
    {
        var alpha = full(200_000, logAlpha, dtype: float64);
        var sampled = (HardConcrete.Sample(alpha, new Generator(3)) > 0).to_type(float64).mean().item<double>();
        var closedForm = HardConcrete.ProbabilityNonZero(full(1, logAlpha, dtype: float64)).item<double>();
        Assert.Equal(closedForm, sampled, 2);
        Assert.Equal(1 / (1 + Math.Exp(-(logAlpha - 2.0 / 3.0 * Math.Log(0.1 / 1.1)))), closedForm, 12);
    }

    [Fact]
    public void L0_with_a_strong_penalty_removes_neurons_and_compacts_exactly()
    {
        using var data = TinyProblem.Data();
        var config = Config("l0", 0, epochs: 8, fineTune: 0, strength: 5.0) with
        {
            Training = TinyProblem.Config("l0").Training with { Epochs = 8, LearningRate = 0.05 },
        };
        var result = new Trainer().Run(config, data, TinyProblem.TempRoot(), Environment);
        Assert.True(result.Summary.NeuronsKept < result.Summary.NeuronsTotal, $"kept {result.Summary.NeuronsKept}");
        Assert.True(result.Summary.CompactionMaxAbsDifference < 1e-5);
    }
}
