using PruningGame.Game;
using static TorchSharp.torch;

namespace PruningGame.Theory;

/// <summary>
/// A pruning game in closed form (float64), as Sec. 3–5 of the paper analyse it: per player the benefit inner
/// product b_i = ⟨∇L, θ_i⟩ (held constant in s, as Eq. 13 does), and the overlaps G_ij = ⟨θ_i, θ_j⟩ whose diagonal
/// is ‖θ_i‖².
/// </summary>
public sealed record PlayerGame(double[] Benefit, double[,] Overlaps, GameOptions Options)
{
    public int PlayerCount => Benefit.Length;

    public double SquaredNorm(int i) => Overlaps[i, i];

    /// <summary>Builds a game from explicit player parameters Θ (rows θ_i).</summary>
    public static PlayerGame FromParameters(double[] benefitInner, double[,] theta, GameOptions options)
    {
        int n = theta.GetLength(0), d = theta.GetLength(1);
        if (benefitInner.Length != n)
            throw new ArgumentException($"{benefitInner.Length} benefits for {n} players.", nameof(benefitInner));
        var overlaps = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            double sum = 0;
            for (var k = 0; k < d; k++) sum += theta[i, k] * theta[j, k];
            overlaps[i, j] = sum;
        }
        return new PlayerGame(benefitInner, overlaps, options);
    }

    public PlayerGame Validate()
    {
        if (PlayerCount == 0) throw new ArgumentException("The game has no players: give at least one benefit.");
        for (var i = 0; i < PlayerCount; i++)
            if (!double.IsFinite(Benefit[i])) throw new ArgumentException($"Player {i}'s benefit ⟨∇L, θ_{i}⟩ is {Benefit[i]}: it must be a finite number.");
        if (Overlaps.GetLength(0) != PlayerCount || Overlaps.GetLength(1) != PlayerCount)
            throw new ArgumentException($"Overlaps must be {PlayerCount}×{PlayerCount}, got {Overlaps.GetLength(0)}×{Overlaps.GetLength(1)}.", nameof(Overlaps));
        for (var i = 0; i < PlayerCount; i++)
            if (Enumerable.Range(0, PlayerCount).FirstOrDefault(j => !double.IsFinite(Overlaps[i, j]), -1) is var j and >= 0)
                throw new ArgumentException($"The overlap ⟨θ_{i}, θ_{j}⟩ is {Overlaps[i, j]}: it must be a finite number.");
            else if (Overlaps[i, i] < 0)
                throw new ArgumentException($"Player {i} has a negative squared norm ‖θ_{i}‖² = {Overlaps[i, i]}.", nameof(Overlaps));
        Options.Validate();
        return this;
    }
}
