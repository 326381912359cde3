using PruningGame.Configuration;
using PruningGame.Game;
using PruningGame.RunRecords;
using PruningGame.Training;

namespace PruningGame.Tests.Training;

/// <summary>Issue 19: prune criteria are evaluated, not trained.</summary>
public sealed class CriterionEvaluationTests
{
    private static readonly PruningGame.Infrastructure.EnvironmentSnapshot Environment = TinyProblem.Environment;

    private static RunConfig Under(PruneCriterion criterion)
    {
        var config = TinyProblem.Config("criteria-" + criterion, epochs: 6, beta: 1.0);
        return config with { Method = config.Method with { Game = config.Method.Game! with { PruneCriterion = criterion } } };
    }

    [Fact]
    public void A_run_read_under_another_criterion_gives_the_numbers_of_a_run_trained_with_it()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var byParticipation = new Trainer().Run(Under(PruneCriterion.Participation), data, root, Environment);
        var byEffectiveNorm = new Trainer().Run(Under(PruneCriterion.EffectiveNorm), data, root, Environment);

        var read = byParticipation.Summary.UnderCriterion(nameof(PruneCriterion.EffectiveNorm));
        var trained = byEffectiveNorm.Summary;
        Assert.Equal(trained.TestAccuracyGated, read.TestAccuracyGated);
        Assert.Equal(trained.TestAccuracyPruned, read.TestAccuracyPruned);
        Assert.Equal(trained.CompactTestAccuracy, read.CompactTestAccuracy);
        Assert.Equal(trained.NeuronsKept, read.NeuronsKept);
        Assert.Equal(trained.KeptPerLayer, read.KeptPerLayer);
        Assert.Equal(trained.PrunedNotInert, read.PrunedNotInert);
        Assert.Equal(trained.CompactParameters, read.CompactParameters);
        Assert.Equal(trained.ParticipationBins, read.ParticipationBins);
        // The two rules disagree on this run, so reading it under the other one is not a no-op.
        Assert.NotEqual(byParticipation.Summary.NeuronsKept, read.NeuronsKept);

        // Every epoch too: metrics.csv's per-criterion columns equal the headline columns of the run trained with that rule.
        string[] Column(string folder, string name)
        {
            var lines = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
            var index = Array.IndexOf(lines[0].Split(','), name);
            Assert.True(index >= 0, $"{folder}/metrics.csv has no column {name}");
            return lines.Skip(1).Select(l => l.Split(',')[index]).ToArray();
        }
        foreach (var column in new[] { "test_accuracy_pruned", "active_neurons", "active_fc1", "sparsity_fc2" })
            Assert.Equal(Column(byEffectiveNorm.Folder, column), Column(byParticipation.Folder, MetricsCsv.UnderCriterion(column, "EffectiveNorm")));
        Assert.Equal(Column(byParticipation.Folder, "test_accuracy_pruned"), Column(byParticipation.Folder, MetricsCsv.UnderCriterion("test_accuracy_pruned", "Participation")));
    }

    [Fact]
    public void A_run_without_numbers_under_a_criterion_says_so_and_names_the_run()
    {
        var summary = new RunSummary { Experiment = "old", RunId = "extreme-beta-seed1" };
        var error = Assert.Throws<InvalidDataException>(() => summary.UnderCriterion("EffectiveNorm"));
        Assert.Contains("old/extreme-beta-seed1", error.Message);
        Assert.Contains("EffectiveNorm", error.Message);
    }
}
