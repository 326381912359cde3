using PruningGame.Infrastructure;
using PruningGame.Game;
using PruningGame.Models;
using static TorchSharp.torch;
using PruningGame.Methods;
using PruningGame.RunRecords;

namespace PruningGame.Training;

/// <summary>
/// participation.csv: per player s_i, ‖θ_i‖, the gated norm s_i‖θ_i‖, the outgoing norm, and whether a pruned player is inert.
/// </summary>
public static class PlayerReport
{
    /// <summary>
    /// A pruned player is <em>not</em> inert when its effective contribution s_i·‖θ_i^in‖·‖θ_i^out‖ is at least this
    /// fraction of the median contribution of its layer's kept players (of all its players if none is kept):
    /// removing it then changes the function noticeably, however small s_i is.
    /// </summary>
    public const double InertFraction = 0.05;

    public static IReadOnlyList<PlayerRecord> Build(ParticipatingNetwork model, IReadOnlyList<bool[]> keep, PlayerSlice slice)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var rows = new List<PlayerRecord>();
        for (var k = 0; k < model.PlayerGroups.Count; k++)
        {
            var group = model.PlayerGroups[k];
            var s = group.Layer.Participation.detach();
            var theta = ToArray(group.Parameters(slice).norm(1));
            var outgoing = ToArray(group.OutgoingNorms());
            var contribution = ToArray(PruneRule.EffectiveContribution(group, s));
            var participation = ToArray(s);
            var keptContributions = contribution.Where((_, i) => keep[k][i]).ToArray();
            var reference = Statistics.Median(keptContributions.Length > 0 ? keptContributions : contribution);
            for (var i = 0; i < group.PlayerCount; i++)
            {
                var pruned = !keep[k][i];
                var inert = pruned && (reference == 0 || contribution[i] < InertFraction * reference);
                rows.Add(new PlayerRecord(group.Name, i, participation[i], theta[i], participation[i] * theta[i], outgoing[i], pruned, inert));
            }
        }
        return rows;
    }

    /// <summary>
    /// player-epochs.csv's rows for one epoch: every player's s_i, ‖θ_i^in‖ (incoming row and bias), ‖θ_i^out‖ and, for
    /// methods with a benefit (the game), the epoch's mean benefit term and mean |benefit term| (issue 18).
    /// </summary>
    public static IReadOnlyList<PlayerEpochRecord> EpochRows(ParticipatingNetwork model, int epoch, IReadOnlyList<BenefitStatistics>? benefits)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var rows = new List<PlayerEpochRecord>();
        for (var k = 0; k < model.PlayerGroups.Count; k++)
        {
            var group = model.PlayerGroups[k];
            var s = ToArray(group.Layer.Participation.detach());
            var incoming = ToArray(group.IncomingNorms());
            var outgoing = ToArray(group.OutgoingNorms());
            for (var i = 0; i < group.PlayerCount; i++)
                rows.Add(new PlayerEpochRecord(epoch, group.Name, i, s[i], benefits?[k].Mean[i], benefits?[k].MeanMagnitude[i], incoming[i], outgoing[i]));
        }
        return rows;
    }

    private static double[] ToArray(Tensor t) => t.to_type(float64).cpu().data<double>().ToArray();
}
