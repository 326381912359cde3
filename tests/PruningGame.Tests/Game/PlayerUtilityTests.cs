using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PruningGame.Game;
using static TorchSharp.torch;

namespace PruningGame.Tests.Game;

public sealed class PlayerUtilityTests
{
    [Fact]
    public void The_best_response_is_eq14_with_its_edges_zero_drive_and_zero_curvature()
    {
        // drive = α̃b − γ (η = 0): 0.5 − 0.1, 0.05 − 0.1, 3 − 0.1, 0.1 − 0.1; curvature 2β‖θ‖² = 1·‖θ‖².
        var terms = new UtilityTerms(tensor(new[] { 0.5, 0.05, 3.0, 0.1 }), tensor(new[] { 1.0, 1.0, 1.0, 1.0 }), null);
        var options = new GameOptions { Beta = 0.5, Gamma = 0.1 };
        var responses = PlayerUtility.BestResponse(terms, options).data<double>().ToArray();
        foreach (var (expected, actual) in new[] { 0.4, 0.0, 1.0, 0.0 }.Zip(responses)) Assert.Equal(expected, actual, 12);

        // β‖θ‖² = 0: the utility is linear in s, so a positive drive answers 1 and a negative one 0.
        var linear = new UtilityTerms(tensor(new[] { 0.5, 0.05 }), tensor(new[] { 0.0, 0.0 }), null);
        Assert.Equal(new[] { 1.0, 0.0 }, PlayerUtility.BestResponse(linear, options).data<double>().ToArray());
    }

    [Fact]
    public void Competition_in_O_N_d_equals_the_naive_double_loop()
    {
        var generator = new Generator(3);
        var theta = randn(40, 17, dtype: float64, generator: generator);
        var s = rand(40, dtype: float64, generator: generator);
        var fast = PlayerUtility.Competition(theta, s).data<double>().ToArray();
        var t = theta.data<double>().ToArray();
        var sv = s.data<double>().ToArray();
        for (var i = 0; i < 40; i++)
        {
            double naive = 0;
            for (var j = 0; j < 40; j++)
            {
                if (j == i) continue;
                double dot = 0;
                for (var k = 0; k < 17; k++) dot += t[i * 17 + k] * t[j * 17 + k];
                naive += sv[j] * dot;
            }
            Assert.Equal(naive, fast[i], 9);
        }
    }

    [Theory]
    [InlineData(BenefitSign.Paper)]
    [InlineData(BenefitSign.DescentAligned)]
    public void Analytic_gradient_equals_autograd_of_the_utility_with_the_benefit_held_constant(BenefitSign sign)
    {
        var generator = new Generator(5);
        var options = new GameOptions { Alpha = 1.3, Beta = 0.7, Gamma = 0.2, Eta = 0.4, BenefitSign = sign };
        var theta = randn(12, 6, dtype: float64, generator: generator);
        var benefit = randn(12, dtype: float64, generator: generator);
        var s = (rand(12, dtype: float64, generator: generator) * 0.8 + 0.1).requires_grad_();   // away from the |s| kink
        var squaredNorms = theta.pow(2).sum(1);
        // U_i depends on s_i directly and (through the competition) on s_−i; ∂U_i/∂s_i is the diagonal of the Jacobian.
        var expected = new double[12];
        for (var i = 0; i < 12; i++)
        {
            var terms = new UtilityTerms(benefit, squaredNorms, PlayerUtility.Competition(theta, s));
            var u = PlayerUtility.Value(s, terms, options)[i];
            var grad = autograd.grad([u], [s])[0];
            expected[i] = grad[i].item<double>();
        }
        var analytic = PlayerUtility.Gradient(s.detach(), new UtilityTerms(benefit, squaredNorms, PlayerUtility.Competition(theta, s.detach())), options);
        Assert.All(Enumerable.Range(0, 12), i => Assert.Equal(expected[i], analytic[i].item<double>(), 9));
    }

    [Property(MaxTest = 200)]
    public Property The_projected_ascent_step_never_leaves_the_unit_interval(int seed, NormalFloat scale)
    {
        var generator = new Generator((ulong)(uint)seed);
        var magnitude = Math.Min(Math.Abs(scale.Get), 1e6) + 1e-3;
        var s = rand(9, dtype: float64, generator: generator);
        var terms = new UtilityTerms(randn(9, dtype: float64, generator: generator) * magnitude,
                                     rand(9, dtype: float64, generator: generator) * magnitude,
                                     randn(9, dtype: float64, generator: generator) * magnitude);
        var options = new GameOptions { Beta = 0.3, Gamma = 0.1, Eta = 0.2, ParticipationLearningRate = 0.5 };
        var next = PlayerUtility.AscentStep(s, terms, options);
        return (next.min().item<double>() >= 0 && next.max().item<double>() <= 1).Label($"range [{next.min().item<double>()}, {next.max().item<double>()}]");
    }

    [Fact]
    public void Sign_at_zero_decides_whether_a_collapsed_player_can_return()
    {
        var terms = new UtilityTerms(tensor(new[] { 0.05 }), tensor(new[] { 1.0 }), tensor(new[] { 0.0 }));
        var zero = tensor(new[] { 0.0 });
        var subgradient = PlayerUtility.Gradient(zero, terms, new GameOptions { Gamma = 0.1, SignAtZero = SignAtZero.One });
        var vanishing = PlayerUtility.Gradient(zero, terms, new GameOptions { Gamma = 0.1, SignAtZero = SignAtZero.Zero });
        Assert.Equal(-0.05, subgradient.item<double>(), 12);   // benefit 0.05 < γ: stays at 0
        Assert.Equal(0.05, vanishing.item<double>(), 12);      // L1 term vanishes at 0: the player revives
    }
}
