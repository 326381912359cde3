using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>
/// A layer whose output units (neurons or filters) are players. Each holds a participation s_i in [0, 1],
/// initialised to 1, and computes with the effective parameters s_i·θ_i (Eq. 3–4), i.e. multiplies unit i's
/// pre-activation by s_i.
/// </summary>
public interface IParticipatingLayer
{
    /// <summary>s, shape [N].</summary>
    Parameter Participation { get; }

    /// <summary>Incoming weights; dimension 0 indexes players.</summary>
    Parameter Weight { get; }

    Parameter? Bias { get; }

    int PlayerCount { get; }

    /// <summary>
    /// When set (a 0/1 tensor [N]), the forward pass uses s ⊙ mask: the network with the masked players removed.
    /// Used to measure "pruned" accuracy without rebuilding the model.
    /// </summary>
    Tensor? EvaluationMask { get; set; }

    /// <summary>
    /// When set, the forward pass multiplies by this tensor [N] instead of <see cref="Participation"/> (e.g. the
    /// stochastic hard-concrete gates of L0 regularisation, which must stay in the autograd graph).
    /// </summary>
    Tensor? GateOverride { get; set; }

    /// <summary>
    /// When true, a forward pass with autograd on keeps its gated output y = s ⊙ a in <see cref="GatedOutput"/> with its
    /// gradient retained, so that after backward the per-sample gate terms s_i·∂ℓ_n/∂s_i = B·(∂L/∂y)[n,i]·y[n,i]
    /// (summed over a filter's positions) can be read (<see cref="PlayerUtility.PerSampleGateTerms"/>).
    /// </summary>
    bool RetainsGatedOutput { get; set; }

    /// <summary>The last training forward's gated output (see <see cref="RetainsGatedOutput"/>), owned by that step's dispose scope.</summary>
    Tensor? GatedOutput { get; }
}
