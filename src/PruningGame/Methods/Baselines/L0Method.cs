using PruningGame.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Methods.Baselines;

/// <summary>
/// The hard-concrete gate of Louizos, Welling &amp; Kingma (2018), "Learning Sparse Neural Networks through L0
/// Regularization": u ~ U(0,1), s = σ((log u − log(1−u) + log α)/β), z = min(1, max(0, s(ζ − γ) + γ)), with
/// β = 2/3, γ = −0.1, ζ = 1.1. At test time z = min(1, max(0, σ(log α)(ζ − γ) + γ)).
/// </summary>
public static class HardConcrete
{
    public const double Temperature = 2.0 / 3.0, Lower = -0.1, Upper = 1.1;

    public static Tensor Sample(Tensor logAlpha, Generator? generator = null)
    {
        var u = rand(logAlpha.shape, dtype: logAlpha.dtype, device: logAlpha.device, generator: generator).clamp(1e-6, 1 - 1e-6);
        var s = sigmoid((u.log() - (1 - u).log() + logAlpha) / Temperature);
        return (s * (Upper - Lower) + Lower).clamp(0, 1);
    }

    public static Tensor Deterministic(Tensor logAlpha) => (sigmoid(logAlpha) * (Upper - Lower) + Lower).clamp(0, 1);

    /// <summary>P(z ≠ 0) = σ(log α − β log(−γ/ζ)): the expected L0 norm's closed form (their Eq. 12).</summary>
    public static Tensor ProbabilityNonZero(Tensor logAlpha) => sigmoid(logAlpha - Temperature * Math.Log(-Lower / Upper));
}

/// <summary>
/// L0 regularisation of neurons with hard-concrete gates, trained jointly with the weights under the penalty
/// λ·mean_i P(z_i ≠ 0) (λ = <see cref="BaselineOptions.Strength"/>). Players whose test-time gate is 0 are removed;
/// the kept ones carry their test-time gate, folded into the weights at compaction.
/// </summary>
public sealed class L0Method(BaselineOptions options) : PruningMethod
{
    /// <summary>Initial log α: gates start open (test-time z = 1, P(z ≠ 0) ≈ 0.99).</summary>
    public const double InitialLogAlpha = 3.0;

    /// <summary>
    /// log α = <see cref="LogAlphaScale"/>·a with a the trained parameter: under Adam (steps ≈ lr in a) log α moves
    /// 10× faster than the weights, so a gate can close within a few epochs (from 3 to below −2.4, where z = 0).
    /// </summary>
    public const double LogAlphaScale = 10.0;
    private Parameter[] logAlphaRaw = [];

    private Tensor LogAlpha(int k) => logAlphaRaw[k] * LogAlphaScale;

    public override string Name => "l0";

    public override void Attach(TrainingContext context)
    {
        logAlphaRaw = context.Model.PlayerGroups
            .Select(g => new Parameter(full(g.PlayerCount, InitialLogAlpha / LogAlphaScale, device: context.Device)))
            .ToArray();
        foreach (var group in context.Model.PlayerGroups)
            group.Layer.Participation.requires_grad_(false);
        SetDeterministicGates(context);
    }

    public override IEnumerable<Parameter> ExtraParameters(TrainingContext context) => logAlphaRaw;

    public override void BeforeForward(TrainingContext context)
    {
        for (var k = 0; k < logAlphaRaw.Length; k++)
            context.Model.PlayerGroups[k].Layer.GateOverride = HardConcrete.Sample(LogAlpha(k));
    }

    public override Tensor? Penalty(TrainingContext context)
    {
        var expected = cat(Enumerable.Range(0, logAlphaRaw.Length).Select(k => HardConcrete.ProbabilityNonZero(LogAlpha(k))).ToArray());
        return options.Strength * expected.mean();
    }

    public override void AfterOptimizerStep(TrainingContext context)
    {
        foreach (var group in context.Model.PlayerGroups) group.Layer.GateOverride = null;
        SetDeterministicGates(context);
    }

    private void SetDeterministicGates(TrainingContext context)
    {
        using var _ = no_grad();
        for (var k = 0; k < logAlphaRaw.Length; k++)
            context.Model.PlayerGroups[k].Layer.Participation.copy_(HardConcrete.Deterministic(LogAlpha(k)));
    }

    public override IReadOnlyList<bool[]> KeepMasks(TrainingContext context) => StructuredPruning.NonZeroGates(context.Model);

    public override IReadOnlyDictionary<string, Tensor> State() =>
        logAlphaRaw.Select((a, i) => (i, a)).ToDictionary(p => $"logAlpha{p.i}", p => (Tensor)p.a);

    public override void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        using var _ = no_grad();
        for (var i = 0; i < logAlphaRaw.Length; i++)
            if (state.TryGetValue($"logAlpha{i}", out var saved)) logAlphaRaw[i].copy_(saved);
    }
}
