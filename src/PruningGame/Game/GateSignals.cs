using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>What every participating layer does with its gate, whatever computes its pre-activation.</summary>
internal static class GateSignals
{
    /// <summary>The gate a forward pass multiplies by: <see cref="IParticipatingLayer.GateOverride"/> or s, times the evaluation mask if set.</summary>
    public static Tensor Gate(IParticipatingLayer layer)
    {
        var baseGate = layer.GateOverride ?? layer.Participation;
        return layer.EvaluationMask is null ? baseGate : baseGate * layer.EvaluationMask;
    }
}

/// <summary>
/// A layer's last training output kept, with its gradient, past the model's dispose scopes until the next forward
/// (<see cref="IParticipatingLayer.RetainsGatedOutput"/>): per-sample benefits read it after backward.
/// </summary>
internal sealed class RetainedOutput
{
    public Tensor? Value { get; private set; }

    public Tensor Keep(Tensor output, bool enabled)
    {
        Value?.Dispose();
        Value = null;
        if (!enabled || !is_grad_enabled() || !output.requires_grad) return output;
        output.retain_grad();
        Value = output.DetachFromDisposeScope();
        return output;
    }
}
