using static PruningGame.Infrastructure.CpuTensorMemory;
using static TorchSharp.torch;

namespace PruningGame.Training;

/// <summary>
/// TorchSharp's Adam, whose step runs <see cref="AdamKernel"/>'s single pass per parameter where that gives the same
/// numbers: on the CPU with one torch thread (the sweeps' and the main job's setting), for contiguous float32 parameters
/// and gradients, without weight decay, AMSGrad or maximising, on a machine where the kernel was verified against
/// TorchSharp's step. Everything else (other devices and types, the
/// options it does not cover, a machine where the probe disagreed) takes TorchSharp's own step. State, options and
/// checkpoints are TorchSharp's, so a run can resume on either path.
/// </summary>
public sealed class FusedAdam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
    : TorchSharp.Modules.Adam(parameters, learningRate)
{
    /// <summary>Steps taken by the fused kernel; the others were TorchSharp's.</summary>
    public long FusedSteps { get; private set; }

    public override Tensor step(Func<Tensor>? closure = null)
    {
        // One thread only: with several, TorchSharp's operations each run on all of them, and a .NET-parallel kernel
        // competes with libtorch's spinning OpenMP workers (measured: 3-5× slower on 2 cores).
        if (closure is not null || get_num_threads() != 1 || !AdamKernel.Available || !_parameter_groups.All(CanFuse)) return base.step(closure);
        using var _ = no_grad();
        foreach (var group in _parameter_groups)
        {
            var options = (Options)group.Options;
            foreach (var parameter in group.Parameters)
            {
                using var gradient = parameter.grad;
                if (gradient is null) continue;
                var state = (State)_state[parameter.Handle];
                state.step += 1;
                unsafe
                {
                    AdamKernel.Step(Float32s(parameter), Float32s(gradient), Float32s(state.exp_avg), Float32s(state.exp_avg_sq),
                                    parameter.numel(), state.step, options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value, options.eps!.Value);
                }
            }
        }
        FusedSteps++;
        return null!;
    }

    /// <summary>Whether every parameter of <paramref name="group"/> can take the fused step (checked each step: cheap, and tensors can move).</summary>
    private bool CanFuse(TorchSharp.Modules.ParamGroup group)
    {
        var options = (Options)group.Options;
        if (options.weight_decay != 0 || options.amsgrad == true || options.maximize == true) return false;
        foreach (var parameter in group.Parameters)
        {
            using var gradient = parameter.grad;
            if (gradient is null) continue;
            var state = (State)_state[parameter.Handle];
            if (!Fusable(parameter) || !Fusable(gradient) || !Fusable(state.exp_avg) || !Fusable(state.exp_avg_sq)) return false;
        }
        return true;
    }

    private static bool Fusable(Tensor t) => IsContiguousCpu(t, ScalarType.Float32);
}
