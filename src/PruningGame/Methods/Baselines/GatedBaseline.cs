using PruningGame.Configuration;
using PruningGame.Methods;

namespace PruningGame.Methods.Baselines;

/// <summary>
/// Common ground of the structured baselines: gates (s) are fixed at 1 and not trained; pruning sets some to 0.
/// The pruning happens at <see cref="PruneEpoch"/> (the end of the training phase); the remaining
/// <see cref="BaselineOptions.FineTuneEpochs"/> epochs fine-tune the survivors, so every method spends the same
/// epoch budget.
/// </summary>
public abstract class GatedBaseline(BaselineOptions options) : PruningMethod
{
    protected BaselineOptions Options { get; } = options;

    /// <summary>0-based epoch after which pruning is complete.</summary>
    protected int PruneEpoch(TrainingContext context)
    {
        var epoch = context.Config.Training.Epochs - Options.FineTuneEpochs - 1;
        if (epoch < 0)
            throw new InvalidDataException($"Method '{Name}': fineTuneEpochs = {Options.FineTuneEpochs} leaves no training epoch out of {context.Config.Training.Epochs}.");
        return epoch;
    }

    public override void Attach(TrainingContext context)
    {
        foreach (var group in context.Model.PlayerGroups)
            group.Layer.Participation.requires_grad_(false);
    }

    public override IReadOnlyList<bool[]> KeepMasks(TrainingContext context) => StructuredPruning.NonZeroGates(context.Model);
}
