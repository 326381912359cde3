using PruningGame.Game;
using PruningGame.Models;
using static TorchSharp.torch;

namespace PruningGame.Methods;

/// <summary>Which players a threshold rule removes (Algorithm 1, step 3, and the scale-free alternative).</summary>
public static class PruneRule
{
    public static IReadOnlyList<bool[]> KeepMasks(ParticipatingNetwork model, double epsilon, PruneCriterion criterion)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return model.PlayerGroups.Select(group =>
        {
            var s = group.Layer.Participation.detach();
            var keep = criterion switch
            {
                PruneCriterion.Participation => s >= epsilon,
                PruneCriterion.EffectiveNorm => EffectiveContribution(group, s) is var c && c.max().item<float>() > 0
                    ? c / c.max() >= epsilon
                    : zeros_like(s, dtype: @bool),
                _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "Unknown prune criterion."),
            };
            return keep.cpu().data<bool>().ToArray();
        }).ToArray();
    }

    /// <summary>s_i·‖θ_i^in‖·‖θ_i^out‖: how much player i can change the next layer's input, up to the input's scale.</summary>
    public static Tensor EffectiveContribution(PlayerGroup group, Tensor participation) =>
        participation.abs() * group.IncomingNorms() * group.OutgoingNorms();
}
