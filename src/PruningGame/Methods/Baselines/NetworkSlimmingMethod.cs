using PruningGame.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Methods.Baselines;

/// <summary>
/// Network slimming (Liu et al. 2017) on the participation gates: during the training phase the gates are trained
/// with the weights under an L1 penalty λΣ|s_i| (λ = <see cref="BaselineOptions.Strength"/>); then each layer's
/// smallest |s| are removed (to <see cref="BaselineOptions.TargetSparsity"/>, or below
/// <see cref="BaselineOptions.Epsilon"/> when no target is set), the gates are frozen, and the survivors fine-tune.
/// The closest non-game relative of the method.
/// </summary>
public sealed class NetworkSlimmingMethod(BaselineOptions options) : GatedBaseline(options)
{
    private bool pruned;

    public override string Name => "slimming";

    public override void Attach(TrainingContext context)
    {
        foreach (var group in context.Model.PlayerGroups)
            group.Layer.Participation.requires_grad_(true);
    }

    public override IEnumerable<Parameter> ExtraParameters(TrainingContext context) => context.Model.PlayerGroups.Select(g => g.Layer.Participation);

    public override Tensor? Penalty(TrainingContext context) =>
        pruned ? null : Options.Strength * stack(context.Model.PlayerGroups.Select(g => g.Layer.Participation.abs().sum()).ToArray()).sum();

    public override void OnEpochStart(TrainingContext context)
    {
        var after = context.Epoch > PruneEpoch(context);
        if (after && !pruned) Freeze(context);   // resumed after the prune epoch
        pruned = after;
    }

    public override void OnEpochEnd(TrainingContext context)
    {
        if (context.Epoch != PruneEpoch(context)) return;
        if (Options.TargetSparsity > 0)
            StructuredPruning.PruneToSparsity(context.Model, Options.TargetSparsity, k => context.Model.PlayerGroups[k].Layer.Participation.detach().abs());
        else
            using (no_grad())
                foreach (var group in context.Model.PlayerGroups)
                {
                    var s = group.Layer.Participation;
                    s.mul_((s.abs() >= Options.Epsilon).to_type(s.dtype));
                }
        pruned = true;
        Freeze(context);
    }

    // The gates stay in the optimizer, whose momentum would keep moving them: freezing means restoring them
    // after every step to their values at pruning time.
    private Tensor[] frozen = [];

    private void Freeze(TrainingContext context)
    {
        foreach (var t in frozen) t.Dispose();
        frozen = context.Model.PlayerGroups.Select(g => g.Layer.Participation.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    public override void AfterOptimizerStep(TrainingContext context)
    {
        if (!pruned) return;
        using var _ = no_grad();
        for (var k = 0; k < frozen.Length; k++)
            context.Model.PlayerGroups[k].Layer.Participation.copy_(frozen[k]);
    }
}
