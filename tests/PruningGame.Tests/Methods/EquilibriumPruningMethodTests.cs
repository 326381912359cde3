using PruningGame.Game;
using PruningGame.Models;
using PruningGame.Configuration;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Tests.Methods;

/// <summary>Post-training equilibrium pruning: the players it removes are those Eq. 14's equilibrium sets below ε.</summary>
public sealed class EquilibriumPruningMethodTests
{
    private static (ParticipatingMlp Model, TrainingContext Context, Tensor X, Tensor Y) Trained(GameOptions options)
    {
        random.manual_seed(9);
        var model = new ParticipatingMlp([6, 9, 7, 3]);
        var x = randn(64, 6);
        var y = randint(0, 3, 64);
        var config = new RunConfig { Method = new MethodSpec { Name = "equilibrium", Game = options }, Training = new TrainingOptions { Epochs = 1 } };
        var context = new TrainingContext(model, config, CPU) { Epoch = 0, CalibrationBatch = () => (x, y) };
        return (model, context, x, y);
    }

    [Fact]
    public void Without_competition_it_removes_exactly_the_players_whose_best_response_is_below_epsilon()
    {
        var options = new GameOptions { Alpha = 1, Beta = 0.05, Gamma = 0.002, Benefit = BenefitForm.TaylorPerSample };
        var (model, context, x, y) = Trained(options);
        var method = new EquilibriumPruningMethod(options);
        method.Attach(context);

        // Eq. 14 at η = 0, by hand: b_i = mean_n |s_i ∂ℓ_n/∂s_i| from per-sample backward passes, s = 1.
        var groups = model.PlayerGroups;
        foreach (var g in groups) g.Layer.Participation.requires_grad_(true);
        var benefit = groups.Select(g => new double[g.PlayerCount]).ToArray();
        for (var n = 0; n < 64; n++)
        {
            model.zero_grad();
            nn.functional.cross_entropy(model.forward(x[n..(n + 1)]), y[n..(n + 1)]).backward();
            for (var k = 0; k < groups.Count; k++)
            {
                var g = groups[k].Layer.Participation.grad!.to_type(float64).data<double>().ToArray();
                for (var i = 0; i < g.Length; i++) benefit[k][i] += Math.Abs(g[i]) / 64;
            }
        }
        foreach (var g in groups) { g.Layer.Participation.grad!.zero_(); g.Layer.Participation.requires_grad_(false); }
        var weightsBefore = groups[0].Layer.Weight.detach().clone();
        var expected = groups.Select((g, k) =>
        {
            var norms = g.SquaredNorms(PlayerSlice.IncomingRowAndBias).to_type(float64).data<double>().ToArray();
            return benefit[k].Select((b, i) => Math.Clamp((b - 0.002) / (2 * 0.05 * norms[i]), 0, 1) >= 0.01).ToArray();
        }).ToArray();

        method.OnEpochEnd(context);

        var keep = method.KeepMasks(context);
        for (var k = 0; k < groups.Count; k++) Assert.Equal(expected[k], keep[k]);
        Assert.Contains(expected, layer => layer.Contains(false));          // the case removes someone…
        Assert.Contains(expected, layer => layer.Contains(true));           // …and keeps someone
        var s = groups[0].Layer.Participation.detach();
        Assert.True(s.eq(0).logical_or(s.eq(1)).all().item<bool>());         // survivors keep s = 1, nothing retrained
        Assert.True(groups[0].Layer.Weight.detach().eq(weightsBefore).all().item<bool>());
        Assert.All(method.Equilibria, e => Assert.True(e.Converged));
    }

    [Fact]
    public void With_competition_the_reported_equilibrium_has_no_profitable_deviation()
    {
        var options = new GameOptions { Alpha = 1, Beta = 0.05, Gamma = 0.001, Eta = 0.01, Benefit = BenefitForm.TaylorPerSample };
        var (_, context, _, _) = Trained(options);
        var method = new EquilibriumPruningMethod(options);
        method.Attach(context);
        method.OnEpochEnd(context);
        Assert.Equal(2, method.Equilibria.Count);
        Assert.All(method.Equilibria, e =>
        {
            Assert.True(e.Converged);
            Assert.True(e.NashGap < 1e-9, $"{e.Layer}: Nash gap {e.NashGap}");
        });
        Assert.Equal(method.Equilibria.Sum(e => e.Removed), method.KeepMasks(context).Sum(m => m.Count(kept => !kept)));
    }
}
