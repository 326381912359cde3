using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>
/// <see cref="ScaleControl.FixedNorm"/>: after every weight step, each player's incoming weights and its outgoing slice
/// are brought back to their initial norms, so s_i is the player's only gain. A hidden
/// layer's weight matrix is at once the incoming rows of its own players and the outgoing slices of the previous
/// layer's, so rescaling one set moves the other: the projection alternates the two (Sinkhorn-style matrix scaling) until
/// a sweep finds every norm within <see cref="RelativeTolerance"/> of its target before rescaling it. That sweep's later
/// rescalings can move a norm it already set by as much again, so the norms it leaves are within about twice the tolerance
/// (the tests hold them to 1e-4). The row targets exclude the bias on purpose: then the squared
/// row and column targets of a shared matrix have the same sum (its initial squared norm), which a scaling can meet; a
/// bias inside the row target adds a constraint no scaling of rows and columns satisfies in general.
/// <para>The bias is not rescaled with its row either (it is the optimizer's alone), so s_i is the only gain on the
/// player's weighted input. It was rescaled until this was measured: a row's factors multiply its bias step after step
/// with nothing to undo them. After 20 epochs of the open-choice runs fc2's biases reached 10⁴ to 10¹⁸ (fc1's stayed
/// below 0.1); a player with a small s_i paid the β cost on b_i² and fell to 0, after which no gradient reached its bias
/// and it compounded until b_i² overflowed to infinity (one run, epoch 20).</para>
/// </summary>
public sealed class FixedNormProjection
{
    /// <summary>Largest relative deviation of any norm from its target accepted after a projection.</summary>
    public const double RelativeTolerance = 1e-5;
    public const int MaxSweeps = 200;

    private readonly IReadOnlyList<PlayerGroup> groups;
    private readonly Tensor[] incomingTargets, outgoingTargets;

    /// <summary>Records the current norms of <paramref name="groups"/> as the targets.</summary>
    public FixedNormProjection(IReadOnlyList<PlayerGroup> groups)
    {
        this.groups = groups;
        using var _ = no_grad();
        incomingTargets = groups.Select(g => g.IncomingNorms(PlayerSlice.IncomingRow).DetachFromDisposeScope()).ToArray();
        outgoingTargets = groups.Select(g => g.OutgoingNorms().DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Projects the weights back to the target norms in place; returns the number of sweeps it took.</summary>
    public int Apply()
    {
        using var _ = no_grad();
        for (var sweep = 1; sweep <= MaxSweeps; sweep++)
        {
            var worst = 0.0;
            for (var k = 0; k < groups.Count; k++)
            {
                using var scope = NewDisposeScope();
                worst = Math.Max(worst, Rescale(groups[k].IncomingNorms(PlayerSlice.IncomingRow), incomingTargets[k], groups[k].ScaleIncoming));
                worst = Math.Max(worst, Rescale(groups[k].OutgoingNorms(), outgoingTargets[k], groups[k].ScaleOutgoing));
            }
            if (worst <= RelativeTolerance) return sweep;
        }
        throw new InvalidOperationException($"Fixed-norm projection did not reach relative tolerance {RelativeTolerance} in {MaxSweeps} sweeps.");
    }

    /// <summary>Scales by target/current (players at norm 0 stay at 0); returns the largest relative deviation found before.</summary>
    private static double Rescale(Tensor current, Tensor target, Action<Tensor> scale)
    {
        var relative = (current / target.clamp_min(1e-12) - 1).abs();
        var deviation = where(current > 0, relative, zeros_like(relative)).max().item<float>();
        scale(target / current.clamp_min(1e-12));
        return deviation;
    }
}
