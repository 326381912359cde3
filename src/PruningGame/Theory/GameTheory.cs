using PruningGame.Game;
using static TorchSharp.torch;

namespace PruningGame.Theory;

/// <summary>The outcome of best-response dynamics.</summary>
public sealed record EquilibriumResult(double[] Profile, int Iterations, bool Converged, double ContractionFactor, string? Warning);

/// <summary>
/// Closed-form analysis of a <see cref="PlayerGame"/>: best responses (Eq. 14), best-response dynamics and their
/// contraction factor (Sec. 5.3), the Nash gap (Eq. 11), dominance (Eq. 12) and the collapse condition (Eq. 15).
/// Utilities, drives, best responses and the collapse test come from <see cref="PlayerUtility"/>, the one home of those
/// formulas; this class iterates and compares them.
/// </summary>
public static class GameTheory
{
    /// <summary>
    /// Numerator of Eq. 14 for every player: α̃ b_i − γ − η Σ_{j≠i} s_j G_ij (α̃ carries the benefit sign).
    /// </summary>
    public static double[] Drive(PlayerGame game, double[] profile)
    {
        using var tensors = new TensorGame(game);
        return tensors.Drive(profile);
    }

    /// <summary>Eq. 14 for one player (<see cref="PlayerUtility.BestResponse"/>).</summary>
    public static double BestResponse(PlayerGame game, double[] profile, int player)
    {
        if (player < 0 || player >= game.PlayerCount)
            throw new ArgumentOutOfRangeException(nameof(player), player, $"Player {player} is not in the game: its players are 0..{game.PlayerCount - 1}.");
        using var tensors = new TensorGame(game);
        return tensors.BestResponses(profile)[player];
    }

    /// <summary>Eq. 14 for every player (<see cref="PlayerUtility.BestResponse"/>).</summary>
    public static double[] BestResponses(PlayerGame game, double[] profile)
    {
        using var tensors = new TensorGame(game);
        return tensors.BestResponses(profile);
    }

    /// <summary>
    /// An upper bound on the Lipschitz constant (∞-norm) of the clipped best-response map:
    /// max_i Σ_{j≠i} η|G_ij| / (2β‖θ_i‖²). Below 1 the map is a contraction: a unique equilibrium, reached from any
    /// start. Infinite when some player has β‖θ_i‖² = 0 and overlaps (its best response can jump).
    /// </summary>
    public static double ContractionFactor(PlayerGame game)
    {
        var worst = 0.0;
        for (var i = 0; i < game.PlayerCount; i++)
        {
            double coupling = 0;
            for (var j = 0; j < game.PlayerCount; j++)
                if (j != i) coupling += Math.Abs(game.Overlaps[i, j]);
            coupling *= game.Options.Eta;
            if (coupling == 0) continue;
            var curvature = 2 * game.Options.Beta * game.SquaredNorm(i);
            worst = Math.Max(worst, curvature > 0 ? coupling / curvature : double.PositiveInfinity);
        }
        return worst;
    }

    /// <summary>Best-response dynamics from <paramref name="start"/> (default s = 1): Jacobi (simultaneous) or Gauss–Seidel (sequential).</summary>
    public static EquilibriumResult Equilibrium(PlayerGame game, double[]? start = null, bool sequential = false,
                                                int maxIterations = 10_000, double tolerance = 1e-12)
    {
        using var tensors = new TensorGame(game);
        var s = start?.ToArray() ?? Enumerable.Repeat(1.0, game.PlayerCount).ToArray();
        var factor = ContractionFactor(game);
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            double change = 0;
            if (sequential)
                for (var i = 0; i < s.Length; i++)
                {
                    var next = Responses(s, iteration)[i];
                    change = Math.Max(change, Math.Abs(next - s[i]));
                    s[i] = next;
                }
            else
            {
                var next = Responses(s, iteration);
                change = next.Zip(s, (a, b) => Math.Abs(a - b)).Max();
                s = next;
            }
            if (change <= tolerance)
                return new EquilibriumResult(s, iteration, true, factor, Warn(factor));
        }
        return new EquilibriumResult(s, maxIterations, false, factor, Warn(factor) ?? "Best-response dynamics did not converge.");

        // Costs too large for double precision give NaN best responses, which would run on to an all-NaN "equilibrium".
        double[] Responses(double[] profile, int iteration)
        {
            var responses = tensors.BestResponses(profile);
            if (responses.All(double.IsFinite)) return responses;
            throw new ArgumentException($"The best responses are not finite numbers at iteration {iteration}: the game's costs " +
                                        $"(β = {game.Options.Beta}, γ = {game.Options.Gamma}, η = {game.Options.Eta}) overflow double precision. Choose smaller costs.");
        }
    }

    private static string? Warn(double factor) => factor >= 1
        ? $"Contraction factor {factor:G4} ≥ 1: the best-response map need not contract, so the equilibrium may not be unique " +
          "and dynamics may cycle (Sec. 5.3 asserts stability only for η 'not too large')."
        : null;

    /// <summary>U_i(s) for every player (Eq. 8–10).</summary>
    public static double[] Utilities(PlayerGame game, double[] profile)
    {
        using var tensors = new TensorGame(game);
        return tensors.Utilities(profile, profile);
    }

    /// <summary>
    /// Eq. 11 as a number: the largest gain any one player gets by deviating alone over [0, 1]. Exact, because U_i is
    /// concave in s_i (β ≥ 0, ⟨∇L, θ_i⟩ held constant), so its maximum over [0, 1] is the best response. All N deviations
    /// are evaluated at once: a player's deviation leaves its own competition term unchanged.
    /// </summary>
    public static (double Gap, int Player) NashGap(PlayerGame game, double[] profile)
    {
        using var tensors = new TensorGame(game);
        var current = tensors.Utilities(profile, profile);
        var deviated = tensors.Utilities(tensors.BestResponses(profile), profile);
        var gap = 0.0;
        var who = -1;
        for (var i = 0; i < profile.Length; i++)
        {
            var gain = deviated[i] - current[i];
            if (gain > gap) { gap = gain; who = i; }
        }
        return (gap, who);
    }

    /// <summary>
    /// Eq. 12: players for which participating is dominated whatever the others do — their drive is ≤ 0 even at the
    /// most favourable s_−i ∈ [0, 1]^(N−1) (s_j = 1 where G_ij &lt; 0, 0 where G_ij &gt; 0). These are 0 at every equilibrium.
    /// </summary>
    public static bool[] Dominated(PlayerGame game)
    {
        using var tensors = new TensorGame(game);
        var result = new bool[game.PlayerCount];
        for (var i = 0; i < game.PlayerCount; i++)
        {
            var favourable = Enumerable.Range(0, game.PlayerCount).Select(j => j != i && game.Overlaps[i, j] < 0 ? 1.0 : 0.0).ToArray();
            result[i] = tensors.Drive(favourable)[i] <= 0;
        }
        return result;
    }

    /// <summary>Eq. 15 at the profile: α̃⟨∇L, θ_i⟩ &lt; γ + η Σ_{j≠i} s_j⟨θ_i, θ_j⟩.</summary>
    public static bool[] PredictedToCollapse(PlayerGame game, double[] profile)
    {
        using var tensors = new TensorGame(game);
        return tensors.Collapses(profile);
    }
}
