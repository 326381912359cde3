using PruningGame.Game;
using PruningGame.Models;
using PruningGame.Configuration;
using PruningGame.Training;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Tests.Methods;

/// <summary>
/// Algorithm 1's step as training takes it (<see cref="Trainer.Step"/> with <see cref="GameMethod"/>), against Eq. 13 and
/// Eq. 17–18 computed here by hand from the network's own gradients: every term, sign, factor and projection.
/// </summary>
public sealed class GameMethodTests
{
    private const int Batch = 16;

    /// <summary>θ_i of every player of every group, spelled out by index (independent of PlayerGroup's layouts).</summary>
    private static List<double[][]> PlayerRows(ParticipatingMlp model, PlayerSlice slice, Func<Tensor, Tensor> read)
    {
        var groups = model.PlayerGroups;
        var result = new List<double[][]>();
        for (var k = 0; k < groups.Count; k++)
        {
            var weight = read(groups[k].Layer.Weight).to_type(float64);
            var bias = read(groups[k].Layer.Bias!).to_type(float64);
            var next = read(groups[k].OutgoingWeight).to_type(float64);   // [out, N]: player i's outgoing slice is column i
            result.Add(Enumerable.Range(0, groups[k].PlayerCount).Select(i =>
            {
                var row = weight[i].data<double>().ToList();
                if (slice != PlayerSlice.IncomingRow) row.Add(bias[i].item<double>());
                if (slice == PlayerSlice.IncomingAndOutgoing) row.AddRange(next[.., i].contiguous().data<double>().ToArray());
                return row.ToArray();
            }).ToArray());
        }
        return result;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    public static TheoryData<PlayerSlice, BenefitSign, BenefitReduction, double, double> Cases => new()
    {
        { PlayerSlice.IncomingRowAndBias, BenefitSign.Paper, BenefitReduction.BatchMean, 0.0, 0.0 },
        { PlayerSlice.IncomingRowAndBias, BenefitSign.DescentAligned, BenefitReduction.BatchSum, 0.05, 0.0 },
        { PlayerSlice.IncomingRow, BenefitSign.Paper, BenefitReduction.BatchSum, 0.0, 0.3 },
        { PlayerSlice.IncomingAndOutgoing, BenefitSign.DescentAligned, BenefitReduction.BatchMean, 0.02, 0.2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_training_step_moves_every_participation_by_the_projected_utility_gradient(
        PlayerSlice slice, BenefitSign sign, BenefitReduction reduction, double gamma, double eta)
    {
        random.manual_seed(21);
        var model = new ParticipatingMlp([6, 7, 5, 3]);
        using (no_grad())
            foreach (var group in model.PlayerGroups)
                group.Layer.Participation.copy_(rand(group.PlayerCount) * 0.6 + 0.3);
        var x = randn(Batch, 6);
        var y = randint(0, 3, Batch);
        var options = new GameOptions
        {
            Alpha = 1.5, Beta = 0.4, Gamma = gamma, Eta = eta, BenefitSign = sign, BenefitReduction = reduction,
            PlayerSlice = slice, ParticipationLearningRate = 3.0,   // large, so some players leave [0, 1] and are projected
        };

        var expected = ExpectedStep(model, options, x, y);

        using (var step = new FrozenWeightsGameStep(model, options, Batch))
            step.Take(x, y);

        AssertParticipations(model, expected, exerciseProjection: true);
    }

    /// <summary>
    /// The participations one game step must leave, from Eq. 13 and 17–18 on the network as it stands: ⟨∇_{θ_i}L, θ_i⟩
    /// from the weights' own gradients, row by row, and ‖θ_i‖² and the overlaps from the current weights.
    /// </summary>
    private static (double[][] Expected, double[][] Unprojected) ExpectedStep(ParticipatingMlp model, GameOptions options, Tensor x, Tensor y)
    {
        var slice = options.PlayerSlice;
        var sBefore = model.PlayerGroups.Select(g => g.Layer.Participation.detach().to_type(float64).data<double>().ToArray()).ToArray();
        foreach (var p in model.parameters()) p.grad = null;
        nn.functional.cross_entropy(model.forward(x), y).backward();
        var theta = PlayerRows(model, slice, p => p.detach());
        var gradients = PlayerRows(model, slice, p => p.grad!);
        foreach (var p in model.parameters()) p.grad = null;

        var sign01 = options.BenefitSign == BenefitSign.Paper ? 1.0 : -1.0;
        var scale = options.BenefitReduction == BenefitReduction.BatchSum ? (double)x.shape[0] : 1.0;
        var expected = new double[theta.Count][];
        var unprojected = new double[theta.Count][];
        for (var k = 0; k < theta.Count; k++)
        {
            var s = sBefore[k];
            expected[k] = new double[s.Length];
            unprojected[k] = new double[s.Length];
            for (var i = 0; i < s.Length; i++)
            {
                var benefit = Dot(gradients[k][i], theta[k][i]) * scale;
                var competition = Enumerable.Range(0, s.Length).Where(j => j != i).Sum(j => s[j] * Dot(theta[k][i], theta[k][j]));
                var utilityGradient = sign01 * options.Alpha * benefit - 2 * options.Beta * Dot(theta[k][i], theta[k][i]) * s[i]
                                      - options.Gamma - options.Eta * competition;    // Eq. 13 with sign(s_i) = 1 for s_i > 0
                unprojected[k][i] = s[i] + options.ParticipationLearningRate * utilityGradient;
                expected[k][i] = Math.Clamp(unprojected[k][i], 0, 1);
            }
        }
        return (expected, unprojected);
    }

    private static void AssertParticipations(ParticipatingMlp model, (double[][] Expected, double[][] Unprojected) step, bool exerciseProjection)
    {
        int projected = 0, interior = 0;
        for (var k = 0; k < step.Expected.Length; k++)
        {
            var after = model.PlayerGroups[k].Layer.Participation.detach().to_type(float64).data<double>().ToArray();
            for (var i = 0; i < after.Length; i++)
            {
                var (expected, unprojected) = (step.Expected[k][i], step.Unprojected[k][i]);
                if (unprojected is < 0 or > 1) projected++; else interior++;
                Assert.True(Math.Abs(expected - after[i]) <= 2e-5 * (1 + Math.Abs(unprojected)),
                            $"{model.PlayerGroups[k].Name} player {i}: {after[i]:G8}, expected {expected:G8} (unprojected {unprojected:G6})");
            }
        }
        if (exerciseProjection)
            Assert.True(projected > 0 && interior > 0, $"the case must exercise both the projection ({projected}) and the interior ({interior})");
    }

    [Fact]
    public void Each_step_reads_the_squared_norms_of_the_weights_it_starts_from()
    {
        // Adam with a large rate moves every weight between the two steps, and a large β makes ‖θ_i‖² show in s.
        random.manual_seed(25);
        var model = new ParticipatingMlp([6, 7, 5, 3]);
        var options = new GameOptions { Beta = 1.0, ParticipationLearningRate = 0.2 };
        var config = new RunConfig { Method = MethodSpec.ForGame(options), Training = new TrainingOptions { Optimizer = OptimizerKind.Adam, LearningRate = 0.05 } };
        var method = new GameMethod(options);
        var context = new TrainingContext(model, config, CPU) { StepsPerEpoch = 10, BatchSize = Batch };
        method.Attach(context);
        using var optimizer = Trainer.BuildOptimizer(config.Training, model.WeightParameters().Concat(method.ExtraParameters(context)));
        method.OnEpochStart(context);
        for (var step = 0; step < 3; step++)
            Trainer.Step(context, method, optimizer, randn(Batch, 6), randint(0, 3, Batch));

        var x = randn(Batch, 6);
        var y = randint(0, 3, Batch);
        using var normsBefore = model.PlayerGroups[0].SquaredNorms(options.PlayerSlice);
        var expected = ExpectedStep(model, options, x, y);
        Trainer.Step(context, method, optimizer, x, y);

        AssertParticipations(model, expected, exerciseProjection: false);
        using var normsAfter = model.PlayerGroups[0].SquaredNorms(options.PlayerSlice);
        Assert.True((normsAfter - normsBefore).abs().max().item<float>() > 1e-2, "the weights must move enough for stale norms to show");
    }

    [Fact]
    public void With_participation_taking_the_loss_gradient_the_optimizer_also_steps_s()
    {
        random.manual_seed(22);
        var model = new ParticipatingMlp([6, 7, 5, 3]);
        var x = randn(Batch, 6);
        var y = randint(0, 3, Batch);
        var options = new GameOptions { Beta = 0.0, ParticipationTakesLossGradient = true, ParticipationLearningRate = 1e-9 };
        var config = new RunConfig { Method = MethodSpec.ForGame(options), Training = new TrainingOptions { Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0.5, Momentum = 0 } };

        // ∂L/∂s on the pre-step network, by autograd.
        foreach (var g in model.PlayerGroups) g.Layer.Participation.requires_grad_(true);
        nn.functional.cross_entropy(model.forward(x), y).backward();
        var lossGradient = model.PlayerGroups.Select(g => g.Layer.Participation.grad!.to_type(float64).data<double>().ToArray()).ToArray();
        foreach (var p in model.parameters()) p.grad?.zero_();

        var method = new GameMethod(options);
        var context = new TrainingContext(model, config, CPU) { StepsPerEpoch = 1, BatchSize = Batch };
        method.Attach(context);
        using var optimizer = Trainer.BuildOptimizer(config.Training, model.WeightParameters().Concat(method.ExtraParameters(context)));
        method.OnEpochStart(context);
        Trainer.Step(context, method, optimizer, x, y);

        for (var k = 0; k < lossGradient.Length; k++)
        {
            var after = model.PlayerGroups[k].Layer.Participation.detach().to_type(float64).data<double>().ToArray();
            for (var i = 0; i < after.Length; i++)
                Assert.Equal(Math.Clamp(1 - 0.5 * lossGradient[k][i], 0, 1), after[i], 4);   // SGD on s from s = 1, then the (tiny) ascent step
            Assert.Contains(after, v => v < 1 - 1e-4);
        }
    }

    [Fact]
    public void Each_step_reads_the_gradient_of_its_own_batch_even_when_no_optimizer_steps_s()
    {
        // Under the literal reading s is not in the weight optimizer: only the trainer's release of the gradients before
        // each step keeps step 2's ∂L/∂s from being added to step 1's.
        random.manual_seed(25);
        var model = new ParticipatingMlp([6, 7, 5, 3]);
        var options = new GameOptions { Beta = 0.4, ParticipationLearningRate = 0.5 };
        using var step = new FrozenWeightsGameStep(model, options, Batch, stepsPerEpoch: 2);
        var (x1, y1, x2, y2) = (randn(Batch, 6), randint(0, 3, Batch), randn(Batch, 6), randint(0, 3, Batch));
        step.Take(x1, y1);
        var sBeforeSecond = model.PlayerGroups.Select(g => g.Layer.Participation.detach().clone()).ToArray();
        step.Take(x2, y2);
        var read = model.PlayerGroups.Select(g => g.Layer.Participation.grad!.detach().clone()).ToArray();

        // ∂L/∂s of batch 2 alone, at the network step 2 started from (the weights do not move: learning rate 0).
        using (no_grad())
            for (var k = 0; k < read.Length; k++) model.PlayerGroups[k].Layer.Participation.copy_(sBeforeSecond[k]);
        foreach (var p in model.parameters()) p.grad = null;
        nn.functional.cross_entropy(model.forward(x2), y2).backward();
        for (var k = 0; k < read.Length; k++)
            Assert.True(allclose(read[k], model.PlayerGroups[k].Layer.Participation.grad!, rtol: 1e-5, atol: 1e-7),
                        $"{model.PlayerGroups[k].Name}: step 2 read a gradient other than its own batch's");
    }

    [Theory]
    [InlineData(PlayerSlice.IncomingRow)]
    [InlineData(PlayerSlice.IncomingRowAndBias)]
    [InlineData(PlayerSlice.IncomingAndOutgoing)]
    public void The_benefit_of_every_filter_equals_the_directional_derivative_of_the_loss_along_its_own_parameters(PlayerSlice slice)
    {
        // ⟨∇_{θ_i}L, θ_i⟩ = d/dc L(θ with player i's slice scaled by c) at c = 1, by central differences in float64 on a
        // LeNet-5, whose outgoing slices (conv → conv, conv → flattened linear) are spelled out here by index.
        random.manual_seed(23);
        ParticipatingLeNet5 model;
        var defaultType = get_default_dtype();
        set_default_dtype(float64);
        try { model = new ParticipatingLeNet5(); }
        finally { set_default_dtype(defaultType); }
        using (no_grad())
            foreach (var group in model.PlayerGroups)
                group.Layer.Participation.copy_(rand(group.PlayerCount, dtype: float64) * 0.6 + 0.3);
        var x = randn(4, 1, 28, 28, dtype: float64);
        var y = randint(0, 10, 4);
        foreach (var g in model.PlayerGroups) g.Layer.Participation.requires_grad_(true);
        nn.functional.cross_entropy(model.forward(x), y).backward();
        var measured = model.PlayerGroups.Select(g => g.GradientInner(slice).data<double>().ToArray()).ToArray();

        double Loss() { using var _ = no_grad(); return nn.functional.cross_entropy(model.forward(x), y).item<double>(); }
        void Scale(int k, int i, double c)
        {
            using var _ = no_grad();
            var group = model.PlayerGroups[k];
            group.Layer.Weight[i].mul_(c);
            if (slice != PlayerSlice.IncomingRow) group.Layer.Bias![i].mul_(c);
            if (slice != PlayerSlice.IncomingAndOutgoing) return;
            var next = group.OutgoingWeight;
            if (k == 1) next[.., TensorIndex.Slice(i * 25, (i + 1) * 25)].mul_(c);   // conv2's 5×5 map i, flattened channel-major into fc1
            else next[.., i].mul_(c);                                               // conv2's input channel i, or a linear column
        }
        const double h = 1e-5;
        for (var k = 0; k < model.PlayerGroups.Count; k++)
            foreach (var i in new[] { 0, 3, 5 })
            {
                Scale(k, i, 1 + h);
                var up = Loss();
                Scale(k, i, (1 - h) / (1 + h));
                var down = Loss();
                Scale(k, i, 1 / (1 - h));
                var derivative = (up - down) / (2 * h);
                Assert.True(Math.Abs(derivative - measured[k][i]) <= 1e-6 + 1e-5 * Math.Abs(derivative),
                            $"{model.PlayerGroups[k].Name} player {i} ({slice}): measured {measured[k][i]:G8}, directional derivative {derivative:G8}");
            }
    }

    [Fact]
    public void Fixed_norm_holds_every_norm_after_a_generic_perturbation_of_every_weight()
    {
        random.manual_seed(24);
        var model = new ParticipatingMlp([20, 16, 8, 3]);
        var options = new GameOptions { Beta = 0.1, ScaleControl = ScaleControl.FixedNorm };
        var context = new TrainingContext(model, new RunConfig { Method = MethodSpec.ForGame(options) }, CPU) { StepsPerEpoch = 1, BatchSize = 8 };
        var method = new GameMethod(options);
        method.Attach(context);
        method.OnEpochStart(context);
        var incoming = model.PlayerGroups.Select(g => g.IncomingNorms(PlayerSlice.IncomingRow)).ToArray();
        var outgoing = model.PlayerGroups.Select(g => g.OutgoingNorms()).ToArray();

        nn.functional.cross_entropy(model.forward(randn(8, 20)), randint(0, 3, 8)).backward();
        method.AfterBackward(context);
        using (no_grad())
            foreach (var p in model.WeightParameters())     // an arbitrary step: every element scaled by its own factor
                p.mul_(rand_like(p) * 1.5 + 0.5);
        method.AfterOptimizerStep(context);

        for (var k = 0; k < model.PlayerGroups.Count; k++)
        {
            var group = model.PlayerGroups[k];
            Assert.True(allclose(group.IncomingNorms(PlayerSlice.IncomingRow), incoming[k], rtol: 1e-4, atol: 0), $"{group.Name} incoming norms");
            Assert.True(allclose(group.OutgoingNorms(), outgoing[k], rtol: 1e-4, atol: 0), $"{group.Name} outgoing norms");
        }
    }

    [Fact]
    public void Fixed_norm_leaves_the_bias_alone_so_a_collapsed_players_bias_cannot_compound()
    {
        // Each projection used to multiply a row's bias by the row's factor. A player whose row keeps shrinking between
        // steps (here 3 % a step, as the weight step or the column scaling can do) then had its bias grow by 1/0.97 a step
        // with nothing to undo it: ×9,000 over 300 steps, and to float overflow in a real run (FixedNormProjection).
        random.manual_seed(25);
        var model = new ParticipatingMlp([20, 16, 8, 3]);
        var projection = new FixedNormProjection(model.PlayerGroups);
        var biases = model.PlayerGroups.Select(g => g.Layer.Bias!.detach().clone()).ToArray();
        var incoming = model.PlayerGroups.Select(g => g.IncomingNorms(PlayerSlice.IncomingRow)).ToArray();
        using var _ = no_grad();
        for (var step = 0; step < 300; step++)
        {
            foreach (var group in model.PlayerGroups)
                group.Layer.Weight.mul_(0.97);
            projection.Apply();
        }
        for (var k = 0; k < model.PlayerGroups.Count; k++)
        {
            var group = model.PlayerGroups[k];
            Assert.True(allclose(group.IncomingNorms(PlayerSlice.IncomingRow), incoming[k], rtol: 1e-4, atol: 0), $"{group.Name} incoming norms");
            Assert.Equal(biases[k].data<float>().ToArray(), group.Layer.Bias!.data<float>().ToArray());
        }
    }
}
