using System.Runtime.InteropServices;
using PruningGame.Game;
using PruningGame.Models;
using static TorchSharp.torch;

namespace PruningGame.Tests.Game;

/// <summary>
/// The game's training step runs Eq. 13 and 17–18 through <see cref="UtilityKernel"/> on CPU float32 layers. Its numbers
/// must be <see cref="PlayerUtility"/>'s tensor formulas bit for bit: the committed runs were trained with those.
/// </summary>
public sealed class UtilityKernelTests
{
    [Fact]
    public void The_kernel_is_verified_and_used_on_an_x64_machine()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) return;   // elsewhere the tensor formulas are the only path
        Assert.True(UtilityKernel.Available, UtilityKernel.Status);
    }

    public static TheoryData<GameOptions> Cases => new()
    {
        new GameOptions { Beta = 0.5 },
        new GameOptions { Alpha = 2.5, Beta = 0.2, Gamma = 0.03, BenefitReduction = BenefitReduction.BatchSum },
        new GameOptions { Beta = 0.4, Gamma = 0.01, SignAtZero = SignAtZero.Zero, BenefitSign = BenefitSign.DescentAligned, PlayerSlice = PlayerSlice.IncomingRow },
        new GameOptions { Gamma = 0.02, Eta = 0.3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_steps_gradient_epoch_sums_and_ascent_equal_the_tensor_formulas_bit_for_bit_after_a_real_backward(GameOptions options)
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) return;   // the kernel matches x64 libtorch's roundings
        random.manual_seed(8);
        var model = new ParticipatingMlp([20, 33, 17, 4]);
        using (no_grad())
            foreach (var group in model.PlayerGroups)
            {
                group.Layer.Participation.copy_(rand(group.PlayerCount));
                group.Layer.Participation[0].fill_(0f);
                group.Layer.Participation.requires_grad_(true);
            }
        nn.functional.cross_entropy(model.forward(randn(24, 20)), randint(0, 4, 24)).backward();

        using var _ = no_grad();
        foreach (var group in model.PlayerGroups)
        {
            var terms = PlayerUtility.Measure(group, options, 24);
            using var tensorSums = new EpochTermSums(group.PlayerCount, options.Eta != 0, CPU);
            tensorSums.Add(terms);
            var expected = PlayerUtility.Gradient(group.Layer.Participation, terms, options);
            var stepSize = options.ParticipationLearningRate * 400;
            var stepped = group.Layer.Participation.detach().clone().add_(expected, stepSize).clamp_(0.0, 1.0);
            Assert.Contains(stepped.data<float>().ToArray(), v => v is 0f or 1f);   // the projection is exercised

            // The kernel itself, called directly: one that disagrees fails here, not only by switching itself off.
            using var kernelSums = new EpochTermSums(group.PlayerCount, options.Eta != 0, CPU);
            using var direct = UtilityKernel.Gradient(group, options, 24, terms.SquaredNorms, options.Eta != 0 ? terms.Competition : null, kernelSums);
            AssertBitEqual(expected, direct);
            using var squared = UtilityKernel.SquaredNorms(group, options.PlayerSlice);
            AssertBitEqual(terms.SquaredNorms, squared);
            AssertBitEqual(tensorSums.Benefit, kernelSums.Benefit);
            AssertBitEqual(tensorSums.BenefitMagnitude, kernelSums.BenefitMagnitude);
            if (options.Eta != 0) AssertBitEqual(tensorSums.Competition!, kernelSums.Competition!);
            using var ascended = group.Layer.Participation.detach().clone();
            UtilityKernel.Ascent(ascended, expected, stepSize);
            AssertBitEqual(stepped, ascended);

            // The step's entry, which runs the kernel where it is verified.
            Assert.True(UtilityKernel.Covers(group, options), UtilityKernel.Status);
            using var stepSums = new EpochTermSums(group.PlayerCount, options.Eta != 0, CPU);
            Assert.True(UtilityKernel.CoversNorms(group, options.PlayerSlice), UtilityKernel.Status);
            using var squaredNorms = PlayerUtility.StepSquaredNorms(group, options);
            AssertBitEqual(terms.SquaredNorms, squaredNorms);
            var gradient = PlayerUtility.StepGradient(group, options, 24, squaredNorms, stepSums);
            AssertBitEqual(expected, gradient);
            AssertBitEqual(tensorSums.Benefit, stepSums.Benefit);
            PlayerUtility.ApplyAscentStep(group.Layer.Participation, expected, options with { ParticipationLearningRate = stepSize });
            AssertBitEqual(stepped, group.Layer.Participation.detach());
        }
    }

    [Fact]
    public void The_probe_leaves_torchs_global_generator_where_it_was()
    {
        random.manual_seed(3);
        var expected = rand(5);
        random.manual_seed(3);
        UtilityKernel.Probe();
        Assert.Equal(expected.data<float>().ToArray(), rand(5).data<float>().ToArray());
    }

    private static void AssertBitEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.dtype, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        if (expected.dtype == float64)
            Assert.Equal(expected.data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits), actual.data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits));
        else
            Assert.Equal(expected.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits), actual.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
    }
}
