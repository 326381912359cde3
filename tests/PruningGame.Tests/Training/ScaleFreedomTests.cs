using PruningGame.Configuration;
using PruningGame.Game;
using PruningGame.Models;
using PruningGame.Training;
using static TorchSharp.torch;
using PruningGame.Methods;

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

    [Theory]
    [InlineData("mlp")]
    [InlineData("lenet5")]
    public void Fixed_norm_projects_incoming_and_outgoing_weights_back_to_their_initial_norms(string kind)
    {
        random.manual_seed(3);
        ParticipatingNetwork model = kind == "mlp" ? new ParticipatingMlp([20, 16, 8, 3]) : new ParticipatingLeNet5();
        var input = kind == "mlp" ? randn(8, 20) : randn(8, 1, 28, 28);
        var labels = randint(0, 3, 8);
        var config = new RunConfig { Method = MethodSpec.ForGame(new GameOptions { Beta = 0.1, ScaleControl = ScaleControl.FixedNorm }) };
        var method = new GameMethod(config.Method.Game!);
        var context = new TrainingContext(model, config, CPU) { StepsPerEpoch = 1, BatchSize = 8 };
        method.Attach(context);
        method.OnEpochStart(context);
        var incoming = model.PlayerGroups.Select(g => g.IncomingNorms(PlayerSlice.IncomingRow)).ToArray();
        var outgoing = model.PlayerGroups.Select(g => g.OutgoingNorms().detach().clone()).ToArray();

        nn.functional.cross_entropy(model.forward(input), labels).backward();
        method.AfterBackward(context);
        using (no_grad())
            foreach (var group in model.PlayerGroups)   // what a weight step could do: grow one player's weights
            {
                group.Layer.Weight.mul_(3);
                group.OutgoingWeight.mul_(group.OutgoingScaleMap(arange(group.PlayerCount, dtype: float32) + 2));
            }
        method.AfterOptimizerStep(context);

        for (var k = 0; k < model.PlayerGroups.Count; k++)
        {
            var group = model.PlayerGroups[k];
            Assert.True(allclose(group.IncomingNorms(PlayerSlice.IncomingRow), incoming[k], rtol: 1e-4, atol: 1e-6), $"{group.Name} incoming norms");
            Assert.True(allclose(group.OutgoingNorms(), outgoing[k], rtol: 1e-4, atol: 1e-6), $"{group.Name} outgoing norms");
        }
    }

    [Fact]
    public void Outgoing_scale_map_scales_exactly_the_slice_each_player_reads()
    {
        random.manual_seed(5);
        var model = new ParticipatingLeNet5();
        foreach (var group in model.PlayerGroups)
        {
            var perPlayer = arange(group.PlayerCount, dtype: float32) + 1;
            var scaled = group.OutgoingRows(group.OutgoingWeight.detach() * group.OutgoingScaleMap(perPlayer));
            var expected = group.OutgoingRows(group.OutgoingWeight.detach()) * perPlayer.unsqueeze(1);
            Assert.True(allclose(scaled, expected), group.Name);
        }
    }
}
