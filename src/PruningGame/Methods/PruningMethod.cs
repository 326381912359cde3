using PruningGame.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using PruningGame.Configuration;

namespace PruningGame.Methods;

/// <summary>What the trainer knows while a method runs.</summary>
public sealed class TrainingContext(ParticipatingNetwork model, RunConfig config, Device device)
{
    public ParticipatingNetwork Model { get; } = model;
    public RunConfig Config { get; } = config;
    public Device Device { get; } = device;
    /// <summary>0-based epoch being trained.</summary>
    public int Epoch { get; set; }
    /// <summary>0-based step within the epoch.</summary>
    public int Step { get; set; }
    public int StepsPerEpoch { get; set; }
    public int BatchSize { get; set; }
    public long GlobalStep => (long)Epoch * StepsPerEpoch + Step;
    /// <summary>
    /// A fixed batch of training samples (the first <see cref="CalibrationSamples"/>) for methods that measure the
    /// network on data outside the training steps (post-training equilibrium pruning); set by the trainer.
    /// </summary>
    public Func<(Tensor Inputs, Tensor Labels)>? CalibrationBatch { get; set; }
    public const int CalibrationSamples = 2048;
}

/// <summary>Per player of one layer: the epoch's mean benefit term and mean |benefit term| (<see cref="PruningMethod.EpochBenefits"/>).</summary>
public sealed record BenefitStatistics(double[] Mean, double[] MeanMagnitude);

/// <summary>Per-epoch check of the paper's collapse condition (Eq. 15) against what actually collapsed.</summary>
public sealed record CollapseCheck(int Predicted, int Actual, double Precision, double Recall);

/// <summary>
/// A pruning method: the game (Algorithm 1) or a baseline. The trainer calls these hooks in a fixed order each
/// step — every gradient released, <see cref="BeforeForward"/>, <see cref="Penalty"/> (added to the loss), backward,
/// <see cref="AfterBackward"/> (each gradient then holds this batch's alone), the weight optimizer's step,
/// <see cref="AfterOptimizerStep"/> — and <see cref="OnEpochStart"/> / <see cref="OnEpochEnd"/> around each
/// epoch. Every method states which players are pruned through <see cref="KeepMasks"/>; the trainer measures
/// the network with exactly those players removed.
/// </summary>
public abstract class PruningMethod
{
    public abstract string Name { get; }

    /// <summary>Called once, after the model is built and before the optimizer is created.</summary>
    public virtual void Attach(TrainingContext context) { }

    /// <summary>Extra parameters the weight optimizer must train (e.g. gates).</summary>
    public virtual IEnumerable<Parameter> ExtraParameters(TrainingContext context) => [];

    public virtual void OnEpochStart(TrainingContext context) { }

    /// <summary>Before each training forward pass (e.g. to sample stochastic gates, or to read the weights the pass will use).</summary>
    public virtual void BeforeForward(TrainingContext context) { }

    /// <summary>A term added to the loss before backward, or null.</summary>
    public virtual Tensor? Penalty(TrainingContext context) => null;

    /// <summary>After backward, before the weight step: gradients and pre-step weights are available.</summary>
    public virtual void AfterBackward(TrainingContext context) { }

    public virtual void AfterOptimizerStep(TrainingContext context) { }

    public virtual void OnEpochEnd(TrainingContext context) { }

    /// <summary>keep[k][i]: whether player i of group k survives pruning now.</summary>
    public abstract IReadOnlyList<bool[]> KeepMasks(TrainingContext context);

    /// <summary>
    /// keep masks under every prune criterion the method can be read under, by criterion name (the game: every
    /// <see cref="Game.PruneCriterion"/>); empty for methods with one fixed rule. Evaluated, not trained: readings that
    /// differ only in their criterion share one run.
    /// </summary>
    public virtual IReadOnlyDictionary<string, IReadOnlyList<bool[]>> KeepMasksByCriterion(TrainingContext context) =>
        new Dictionary<string, IReadOnlyList<bool[]>>();

    /// <summary>The theory check for this epoch, for methods that have one (the game).</summary>
    public virtual CollapseCheck? CheckCollapse(TrainingContext context) => null;

    /// <summary>Per layer, the players' benefit over the epoch just trained, for methods that have one (the game); else null.</summary>
    public virtual IReadOnlyList<BenefitStatistics>? EpochBenefits(TrainingContext context) => null;

    /// <summary>What the method found beyond its masks, written to the run folder's method-report.json; null for none.</summary>
    public virtual object? Report() => null;

    /// <summary>Fraction of individual weights zeroed, for weight-level (unstructured) methods; 0 otherwise.</summary>
    public virtual double WeightSparsity(TrainingContext context) => 0.0;

    /// <summary>State beyond the model and optimizer needed to resume exactly (masks, schedules), as named tensors.</summary>
    public virtual IReadOnlyDictionary<string, Tensor> State() => new Dictionary<string, Tensor>();

    public virtual void LoadState(IReadOnlyDictionary<string, Tensor> state) { }
}
