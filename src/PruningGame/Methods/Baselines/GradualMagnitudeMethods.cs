using PruningGame.Configuration;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Methods.Baselines;

/// <summary>Where the cubic ramp runs: from the end of the first epoch to the end of the training phase, updated every <see cref="UpdateEvery"/> steps.</summary>
internal static class GradualRamp
{
    public const int UpdateEvery = 50;

    public static CubicSchedule For(TrainingContext context, BaselineOptions options)
    {
        var trainingEpochs = context.Config.Training.Epochs - options.FineTuneEpochs;
        if (trainingEpochs < 1)
            throw new InvalidDataException($"fineTuneEpochs = {options.FineTuneEpochs} leaves no training epoch out of {context.Config.Training.Epochs}.");
        var start = trainingEpochs > 1 ? context.StepsPerEpoch : 0L;
        return new CubicSchedule(options.TargetSparsity, start, (long)trainingEpochs * context.StepsPerEpoch);
    }

    public static bool IsUpdateStep(TrainingContext context, CubicSchedule schedule)
    {
        var step = context.GlobalStep + 1;
        return step >= schedule.StartStep && step <= schedule.EndStep && (step % UpdateEvery == 0 || step == schedule.EndStep);
    }
}

/// <summary>Gradual magnitude pruning of neurons with the cubic schedule of Zhu &amp; Gupta (2017).</summary>
public sealed class GradualNeuronMethod(BaselineOptions options) : GatedBaseline(options)
{
    public override string Name => "gmp-neuron";

    public override void AfterOptimizerStep(TrainingContext context)
    {
        var schedule = GradualRamp.For(context, Options);
        if (!GradualRamp.IsUpdateStep(context, schedule)) return;
        StructuredPruning.PruneToSparsity(context.Model, schedule.SparsityAt(context.GlobalStep + 1),
            k => new PlayerGroupView(context.Model.PlayerGroups[k]).IncomingL1());
    }
}

/// <summary>
/// Gradual magnitude pruning of individual weights (unstructured) with the cubic schedule: every weight matrix of
/// the network reaches the target fraction of zeros, layer by layer. No neuron is removed, so this method reports
/// weight sparsity, not neuron sparsity.
/// </summary>
public sealed class GradualWeightMethod(BaselineOptions options) : GatedBaseline(options)
{
    private readonly List<(TorchSharp.Modules.Parameter Weight, Tensor Mask)> masks = [];

    public override string Name => "gmp-weight";

    public override void Attach(TrainingContext context)
    {
        base.Attach(context);
        foreach (var weight in context.Model.WeightParameters().Where(p => p.dim() >= 2))
            masks.Add((weight, ones_like(weight).DetachFromDisposeScope()));
    }

    public override void AfterOptimizerStep(TrainingContext context)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var schedule = GradualRamp.For(context, Options);
        if (GradualRamp.IsUpdateStep(context, schedule))
        {
            var sparsity = schedule.SparsityAt(context.GlobalStep + 1);
            foreach (var (weight, mask) in masks)
            {
                var prune = (long)Math.Round(sparsity * weight.numel());
                if (prune == 0) continue;
                var magnitude = (weight.abs() * mask).flatten();   // masked weights count as 0 and go first
                var threshold = magnitude.kthvalue(prune, 0, false).values;
                mask.copy_((weight.abs() * mask > threshold).to_type(mask.dtype));
            }
        }
        foreach (var (weight, mask) in masks) weight.mul_(mask);
    }

    public override double WeightSparsity(TrainingContext context)
    {
        using var _ = no_grad();
        long zeros = 0, total = 0;
        foreach (var (_, mask) in masks)
        {
            zeros += mask.numel() - mask.count_nonzero().item<long>();
            total += mask.numel();
        }
        return total == 0 ? 0 : (double)zeros / total;
    }

    public override IReadOnlyDictionary<string, Tensor> State() =>
        masks.Select((m, i) => (i, m.Mask)).ToDictionary(p => $"mask{p.i}", p => p.Mask);

    public override void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        for (var i = 0; i < masks.Count; i++)
            if (state.TryGetValue($"mask{i}", out var saved)) masks[i].Mask.copy_(saved);
    }
}
