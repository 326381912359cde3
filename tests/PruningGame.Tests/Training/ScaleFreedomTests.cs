using PruningGame.Game;
using PruningGame.Models;
using PruningGame.Training;
using static TorchSharp.torch;

namespace PruningGame.Tests.Training;

/// <summary>Issue 11: in a ReLU network s_i·θ_i can be rescaled freely, so s_i &lt; ε alone does not make a player inert.</summary>
public sealed class ScaleFreedomTests
{
    private static ParticipatingMlp TrainedTinyNetwork(PruningGame.Data.Dataset data)
    {
        random.manual_seed(11);
        var model = new ParticipatingMlp([20, 16, 8, 3]);
        using var optimizer = optim.Adam(model.WeightParameters(), 1e-2);
        for (var step = 0; step < 200; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(data.TrainImages), data.TrainLabels).backward();
            optimizer.step();
        }
        return model;
    }

    [Fact]
    public void Rescaling_s_down_and_theta_up_keeps_gated_accuracy_but_pruning_then_removes_live_players()
    {
        using var data = TinyProblem.Data();
        var model = TrainedTinyNetwork(data);
        const double epsilon = 0.01;
        var keepBefore = PruneRule.KeepMasks(model, epsilon, PruneCriterion.Participation);
        var gatedBefore = Evaluation.Accuracy(model, data.TestImages, data.TestLabels);
        Assert.True(gatedBefore > 0.8, $"the tiny network should learn (accuracy {gatedBefore})");
        Assert.Equal(gatedBefore, Evaluation.PrunedAccuracy(model, keepBefore, data.TestImages, data.TestLabels));

        using (no_grad())
            foreach (var group in model.PlayerGroups)
            {
                group.Layer.Participation.div_(1000);
                group.Layer.Weight.mul_(1000);
                group.Layer.Bias!.mul_(1000);
            }

        var keepAfter = PruneRule.KeepMasks(model, epsilon, PruneCriterion.Participation);
        Assert.All(keepAfter, layer => Assert.DoesNotContain(true, layer));   // every s is now below ε
        var gatedAfter = Evaluation.Accuracy(model, data.TestImages, data.TestLabels);
        var prunedAfter = Evaluation.PrunedAccuracy(model, keepAfter, data.TestImages, data.TestLabels);
        Assert.Equal(gatedBefore, gatedAfter, 3);
        Assert.True(prunedAfter < gatedAfter - 0.3, $"pruned {prunedAfter} should collapse from gated {gatedAfter}");

        var players = PlayerReport.Build(model, keepAfter, PlayerSlice.IncomingRowAndBias);
        var notInert = players.Count(p => p.Pruned && !p.Inert);
        Assert.True(notInert > players.Count / 2, $"{notInert} of {players.Count} pruned players should be flagged as not inert");

        // The scale-free criterion sees through the rescaling: it keeps the same players as before.
        var effective = PruneRule.KeepMasks(model, epsilon, PruneCriterion.EffectiveNorm);
        Assert.True(effective.Sum(l => l.Count(k => k)) > players.Count / 2);
    }
}
