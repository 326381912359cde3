using PruningGame.Configuration;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Methods.Baselines;

/// <summary>No pruning: the reference every method is compared with.</summary>
public sealed class DenseMethod() : GatedBaseline(new BaselineOptions())
{
    public override string Name => "dense";
}

/// <summary>Train, remove a random fraction of each layer's neurons at once, fine-tune.</summary>
public sealed class RandomPruningMethod(BaselineOptions options) : GatedBaseline(options)
{
    public override string Name => "random";

    public override void OnEpochEnd(TrainingContext context)
    {
        if (context.Epoch != PruneEpoch(context)) return;
        var generator = new Generator((ulong)(context.Config.Training.Seed * 7919 + 17));
        StructuredPruning.PruneToSparsity(context.Model, Options.TargetSparsity,
            k => rand(context.Model.PlayerGroups[k].PlayerCount, generator: generator));
    }
}

/// <summary>Train, remove each layer's neurons with the smallest incoming L1 norm at once, fine-tune (Li et al. 2017).</summary>
public sealed class OneShotMagnitudeMethod(BaselineOptions options) : GatedBaseline(options)
{
    public override string Name => "magnitude-oneshot";

    public override void OnEpochEnd(TrainingContext context)
    {
        if (context.Epoch != PruneEpoch(context)) return;
        StructuredPruning.PruneToSparsity(context.Model, Options.TargetSparsity,
            k => new PlayerGroupView(context.Model.PlayerGroups[k]).IncomingL1());
    }
}

/// <summary>
/// Iterative magnitude pruning: over the training phase, <see cref="Stages"/> equally spaced prune steps raise each
/// layer's sparsity linearly to the target (each followed by training), then fine-tuning.
/// </summary>
public sealed class IterativeMagnitudeMethod(BaselineOptions options) : GatedBaseline(options)
{
    public const int Stages = 4;
    public override string Name => "magnitude-iterative";

    public override void OnEpochEnd(TrainingContext context)
    {
        var last = PruneEpoch(context);
        for (var stage = 1; stage <= Stages; stage++)
        {
            var epoch = (int)Math.Round((double)stage * (last + 1) / Stages) - 1;
            if (epoch != context.Epoch) continue;
            StructuredPruning.PruneToSparsity(context.Model, Options.TargetSparsity * stage / Stages,
                k => new PlayerGroupView(context.Model.PlayerGroups[k]).IncomingL1());
        }
    }
}
