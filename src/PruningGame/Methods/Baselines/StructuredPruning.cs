using PruningGame.Models;
using static TorchSharp.torch;

namespace PruningGame.Methods.Baselines;

/// <summary>
/// Removing players by zeroing their participation (the gate), which then stays 0: s is not trained by these
/// baselines, so a removed neuron outputs 0, receives no gradient and cannot come back during fine-tuning.
/// </summary>
public static class StructuredPruning
{
    /// <summary>
    /// In every layer, zeroes the lowest-scoring players still alive until the layer keeps
    /// round((1 − sparsity)·N) players (at least one, so no layer is cut off). Already removed players stay removed.
    /// </summary>
    public static void PruneToSparsity(ParticipatingNetwork model, double sparsity, Func<int, Tensor> scores)
    {
        if (sparsity is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "Target sparsity must be in [0, 1).");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var k = 0; k < model.PlayerGroups.Count; k++)
        {
            var s = model.PlayerGroups[k].Layer.Participation;
            var n = (int)s.shape[0];
            var keep = Math.Max(1, (int)Math.Round((1 - sparsity) * n));
            var score = scores(k).to_type(float64).cpu();
            var alive = (s.cpu() != 0);
            score = where(alive, score, full_like(score, double.NegativeInfinity));   // removed players sort last
            var order = score.argsort(descending: true);
            var removed = order.narrow(0, keep, n - keep);
            var mask = ones(n, dtype: s.dtype);
            mask.index_fill_(0, removed, 0);
            s.mul_(mask.to(s.device));
        }
    }

    /// <summary>Players whose gate is not exactly 0.</summary>
    public static IReadOnlyList<bool[]> NonZeroGates(ParticipatingNetwork model)
    {
        using var _ = no_grad();
        return model.PlayerGroups.Select(g =>
        {
            using var alive = g.Layer.Participation.detach().ne(0).cpu();
            return alive.data<bool>().ToArray();
        }).ToArray();
    }

    /// <summary>L1 norm of each player's incoming row and bias (Li et al. 2017's filter norm), [N].</summary>
    public static Tensor MagnitudeScores(PlayerGroupView group) => group.IncomingL1();
}

/// <summary>A thin view used for scoring: the incoming L1 norm of a group's players.</summary>
public readonly record struct PlayerGroupView(Game.PlayerGroup Group)
{
    public Tensor IncomingL1() => Group.Parameters(Game.PlayerSlice.IncomingRowAndBias).abs().sum(1);
}
