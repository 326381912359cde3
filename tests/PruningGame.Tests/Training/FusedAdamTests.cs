using System.Runtime.InteropServices;
using PruningGame.Configuration;
using PruningGame.Game;
using PruningGame.Methods;
using PruningGame.Models;
using PruningGame.Training;
using TorchSharp.Modules;
using static PruningGame.Infrastructure.CpuTensorMemory;
using static TorchSharp.torch;

namespace PruningGame.Tests.Training;

/// <summary>
/// The fused Adam step must give TorchSharp's Adam numbers bit for bit: the committed runs were trained with TorchSharp's
/// step, and a run resumed or rerun must reproduce their digits.
/// </summary>
public sealed class FusedAdamTests
{
    private static readonly long[][] MlpShapes = [[512, 784], [512], [256, 512], [256], [10, 256], [10]];

    [Fact]
    public void The_kernel_is_verified_and_used_on_an_x64_machine_with_libtorchs_MKL()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) return;   // elsewhere TorchSharp's step is the only path
        Assert.True(AdamKernel.Available, AdamKernel.Status);
    }

    [Fact]
    public unsafe void The_kernel_equals_TorchSharps_Adam_bit_for_bit_over_many_steps_on_the_papers_MLP_shapes()
    {
        if (!AdamKernel.Available) return;
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var reference = MlpShapes.Select(s => new Parameter(randn(s, generator: generator) * 0.05f)).ToArray();
        var fused = reference.Select(p => (P: p.detach().clone(), M: zeros(p.shape), V: zeros(p.shape))).ToArray();
        using var adam = optim.Adam(reference, 3e-3);
        for (var step = 1; step <= 40; step++)
        {
            using var stepScope = NewDisposeScope();
            for (var k = 0; k < MlpShapes.Length; k++)
            {
                // Gradients over six orders of magnitude, some exactly zero, as training produces.
                var gradient = randn(MlpShapes[k], generator: generator) * (float)Math.Pow(10, -(step % 6));
                gradient.mul_(rand(MlpShapes[k], generator: generator).gt(0.1));
                reference[k].grad = gradient.clone();
                AdamKernel.Step(Float32s(fused[k].P), Float32s(gradient), Float32s(fused[k].M), Float32s(fused[k].V),
                                gradient.numel(), step, 3e-3, 0.9, 0.999, 1e-8);
            }
            adam.step();
            for (var k = 0; k < MlpShapes.Length; k++)
            {
                using var differing = reference[k].detach().ne(fused[k].P).sum();
                Assert.True(differing.item<long>() == 0, $"step {step}, parameter {k} [{string.Join("×", MlpShapes[k])}]: {differing.item<long>()} elements differ");
            }
        }
    }

    [Fact]
    public void The_trainers_step_with_FusedAdam_gives_the_digits_of_TorchSharps_Adam_and_the_same_optimizer_state()
    {
        float[] Train(Func<IEnumerable<Parameter>, OptimizerHelper> optimizer, out long[] steps)
        {
            random.manual_seed(11);
            int[] sizes = [20, 16, 8, 3];
            var model = new ParticipatingMlp(sizes);
            var config = new RunConfig { Model = new ModelSpec { LayerSizes = sizes }, Method = MethodSpec.ForGame(new GameOptions { Beta = 0.5, ParticipationTakesLossGradient = true }) };
            var method = Factories.BuildMethod(config.Method);
            var context = new TrainingContext(model, config, CPU) { StepsPerEpoch = 10, BatchSize = 32 };
            method.Attach(context);
            using var adam = optimizer(model.WeightParameters().Concat(method.ExtraParameters(context)));
            method.OnEpochStart(context);
            using var generator = new Generator(3);
            for (var step = 0; step < 25; step++)
            {
                using var scope = NewDisposeScope();
                Trainer.Step(context, method, adam, randn([32, 20], generator: generator), randint(0, 3, [32], generator: generator));
            }
            steps = adam.state_dict().State.Cast<Adam.State>().Select(s => s.step).ToArray();
            return model.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();
        }

        var threads = get_num_threads();
        set_num_threads(1);   // the fused kernel's setting (sweeps and the main job); with more threads TorchSharp's step runs
        try
        {
            var expected = Train(p => optim.Adam(p, 1e-2), out var expectedSteps);
            FusedAdam? fused = null;
            var actual = Train(p => fused = new FusedAdam(p, 1e-2), out var actualSteps);
            Assert.Equal(AdamKernel.Available ? 25 : 0, fused!.FusedSteps);
            Assert.Equal(expectedSteps, actualSteps);
            Assert.Equal(expected, actual);
        }
        finally
        {
            set_num_threads(threads);
        }
    }
}
