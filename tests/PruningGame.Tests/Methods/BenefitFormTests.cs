using PruningGame.Game;
using PruningGame.Models;
using PruningGame.Configuration;
using PruningGame.Training;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Tests.Methods;

/// <summary>
/// The benefits that do not vanish at stationarity, the shared-loss (potential-game) benefit and the cost on the effective
/// parameters (issue 18), each checked through the step training takes against per-sample backward passes done here.
/// </summary>
public sealed class BenefitFormTests
{
    private const int Batch = 12;

    private static (ParticipatingMlp Model, Tensor X, Tensor Y) Network()
    {
        random.manual_seed(5);
        var model = new ParticipatingMlp([6, 7, 5, 3]);
        using (no_grad())
            foreach (var group in model.PlayerGroups)
                group.Layer.Participation.copy_(rand(group.PlayerCount) * 0.6 + 0.3);
        return (model, randn(Batch, 6), randint(0, 3, Batch));
    }

    /// <summary>s_i·∂ℓ_n/∂s_i for every sample by its own backward pass: [layer][n][i].</summary>
    private static double[][][] PerSampleByBackward(ParticipatingMlp model, Tensor x, Tensor y)
    {
        var groups = model.PlayerGroups;
        foreach (var g in groups) g.Layer.Participation.requires_grad_(true);
        var result = groups.Select(g => new double[Batch][]).ToArray();
        for (var n = 0; n < Batch; n++)
        {
            foreach (var p in model.parameters()) p.grad?.zero_();
            nn.functional.cross_entropy(model.forward(x[n..(n + 1)]), y[n..(n + 1)]).backward();
            for (var k = 0; k < groups.Count; k++)
            {
                var s = groups[k].Layer.Participation;
                result[k][n] = (s.detach() * s.grad!).to_type(float64).data<double>().ToArray();
            }
        }
        foreach (var p in model.parameters()) p.grad?.zero_();
        return result;
    }

    /// <summary>Runs one <see cref="Trainer.Step"/> with the weights frozen (lr 0) and returns s after it, per layer.</summary>
    private static double[][] StepParticipations(ParticipatingMlp model, GameOptions options, Tensor x, Tensor y)
    {
        using (var step = new FrozenWeightsGameStep(model, options, Batch))
            step.Take(x, y);
        return model.PlayerGroups.Select(g => g.Layer.Participation.detach().to_type(float64).data<double>().ToArray()).ToArray();
    }

    [Theory]
    [InlineData(BenefitForm.TaylorPerSample, BenefitReduction.BatchMean, BenefitScale.Absolute)]
    [InlineData(BenefitForm.FisherPerSample, BenefitReduction.BatchMean, BenefitScale.Absolute)]
    [InlineData(BenefitForm.TaylorPerSample, BenefitReduction.BatchSum, BenefitScale.Absolute)]
    [InlineData(BenefitForm.TaylorPerSample, BenefitReduction.BatchMean, BenefitScale.LayerMean)]
    [InlineData(BenefitForm.FisherPerSample, BenefitReduction.BatchSum, BenefitScale.LayerMean)]
    public void Per_sample_benefits_in_the_training_step_equal_their_per_sample_backward_passes(BenefitForm form, BenefitReduction reduction, BenefitScale scale)
    {
        var (model, x, y) = Network();
        var perSample = PerSampleByBackward(model, x, y);
        var before = model.PlayerGroups.Select(g => g.Layer.Participation.detach().to_type(float64).data<double>().ToArray()).ToArray();
        var norms = model.PlayerGroups.Select(g => g.SquaredNorms(PlayerSlice.IncomingRowAndBias).to_type(float64).data<double>().ToArray()).ToArray();
        var options = new GameOptions { Alpha = 2.0, Beta = 0.3, Benefit = form, BenefitReduction = reduction, BenefitScale = scale, ParticipationLearningRate = 0.05 };

        var after = StepParticipations(model, options, x, y);

        for (var k = 0; k < after.Length; k++)
        {
            var benefits = Enumerable.Range(0, after[k].Length).Select(i =>
            {
                var terms = perSample[k].Select(row => form == BenefitForm.TaylorPerSample ? Math.Abs(row[i]) : row[i] * row[i]).ToArray();
                return reduction == BenefitReduction.BatchSum ? terms.Sum() : terms.Average();
            }).ToArray();
            var layerMean = benefits.Average();
            for (var i = 0; i < after[k].Length; i++)
            {
                var benefit = scale == BenefitScale.LayerMean ? benefits[i] / layerMean : benefits[i];
                var gradient = options.Alpha * benefit - 2 * options.Beta * norms[k][i] * before[k][i];
                var expected = Math.Clamp(before[k][i] + options.ParticipationLearningRate * gradient, 0, 1);
                Assert.Equal(expected, after[k][i], 1e-5);
            }
        }
    }

    [Fact]
    public void Per_sample_gate_terms_average_to_the_batch_inner_product()
    {
        var (model, x, y) = Network();
        foreach (var g in model.PlayerGroups)
        {
            g.Layer.Participation.requires_grad_(true);
            g.Layer.RetainsGatedOutput = true;
        }
        nn.functional.cross_entropy(model.forward(x), y).backward();
        foreach (var g in model.PlayerGroups)
        {
            var mean = PlayerUtility.PerSampleGateTerms(g.Layer, Batch).mean([0]).to_type(float64).data<double>().ToArray();
            var inner = g.GradientInner(PlayerSlice.IncomingRowAndBias).to_type(float64).data<double>().ToArray();
            for (var i = 0; i < mean.Length; i++) Assert.Equal(inner[i], mean[i], 1e-6);
        }
    }

    [Fact]
    public void Shared_loss_benefit_is_descent_on_the_loss_with_the_utility_costs()
    {
        var (model, x, y) = Network();
        foreach (var g in model.PlayerGroups) g.Layer.Participation.requires_grad_(true);
        nn.functional.cross_entropy(model.forward(x), y).backward();
        var lossGradient = model.PlayerGroups.Select(g => g.Layer.Participation.grad!.to_type(float64).data<double>().ToArray()).ToArray();
        var before = model.PlayerGroups.Select(g => g.Layer.Participation.detach().to_type(float64).data<double>().ToArray()).ToArray();
        foreach (var p in model.parameters()) p.grad?.zero_();
        var options = new GameOptions { Alpha = 1.0, Gamma = 0.01, Benefit = BenefitForm.SharedLoss, ParticipationLearningRate = 0.5 };

        var after = StepParticipations(model, options, x, y);

        for (var k = 0; k < after.Length; k++)
            for (var i = 0; i < after[k].Length; i++)
                Assert.Equal(Math.Clamp(before[k][i] - 0.5 * (lossGradient[k][i] + 0.01), 0, 1), after[k][i], 1e-5);
    }

    [Fact]
    public void A_benefit_form_with_its_own_sign_refuses_the_descent_aligned_option()
    {
        var error = Assert.Throws<InvalidGameOptionException>(() => new GameOptions { Benefit = BenefitForm.TaylorPerSample, BenefitSign = BenefitSign.DescentAligned }.Validate());
        Assert.Contains("benefitSign", error.Message);
    }

    [Fact]
    public void The_layer_relative_benefit_refuses_a_signed_benefit()
    {
        var error = Assert.Throws<InvalidGameOptionException>(() => new GameOptions { BenefitScale = BenefitScale.LayerMean }.Validate());
        Assert.Contains("benefitScale", error.Message);
        Assert.Contains("GradientInner", error.Message);
    }

    [Fact]
    public void Cost_on_the_effective_parameters_reaches_the_weights_and_not_the_participation_gradient()
    {
        var (model, x, y) = Network();
        var options = new GameOptions { Beta = 0.7, CostTarget = CostTarget.EffectiveParameters };
        var method = new GameMethod(options);
        var context = new TrainingContext(model, new RunConfig { Method = MethodSpec.ForGame(options) }, CPU);
        method.Attach(context);

        var penalty = method.Penalty(context)!;
        var expected = model.PlayerGroups.Sum(g =>
        {
            var s = g.Layer.Participation.detach().to_type(float64).data<double>().ToArray();
            var norms = g.SquaredNorms(PlayerSlice.IncomingRowAndBias).to_type(float64).data<double>().ToArray();
            return 0.7 * s.Zip(norms, (si, n) => si * si * n).Sum();
        });
        Assert.Equal(expected, (double)penalty.item<float>(), 1e-5);

        penalty.backward();
        var fc1 = model.PlayerGroups[0];
        var s1 = fc1.Layer.Participation.detach();
        var expectedGradient = fc1.Layer.Weight.detach() * (2 * 0.7 * s1.square()).unsqueeze(1);
        Assert.True(fc1.Layer.Weight.grad!.allclose(expectedGradient, rtol: 1e-5, atol: 1e-7));
        Assert.True(fc1.Layer.Participation.grad is null || fc1.Layer.Participation.grad.abs().max().item<float>() == 0);
        Assert.Null(new GameMethod(new GameOptions { Beta = 0.7 }).Penalty(context));
    }
}
