using PruningGame.Game;
using static TorchSharp.torch;

namespace PruningGame.Theory;

/// <summary>
/// A <see cref="PlayerGame"/> as the tensors <see cref="PlayerUtility"/> reads, built once per analysis rather than once
/// per evaluation: best-response dynamics evaluate the drive thousands of times, and rebuilding the N×N overlaps each
/// time allocated a large managed array per evaluation (for a 300-unit layer, 720 kB), which kept the garbage collector
/// running and exposed TorchSharp's Scalar race (<see cref="Infrastructure.Scalars"/>).
/// </summary>
internal sealed class TensorGame : IDisposable
{
    private readonly Tensor benefit, overlaps, squaredNorms;

    public TensorGame(PlayerGame game)
    {
        Options = game.Validate().Options;
        int n = game.PlayerCount;
        var flat = new double[n * n];
        Buffer.BlockCopy(game.Overlaps, 0, flat, 0, flat.Length * sizeof(double));
        using var scope = NewDisposeScope();
        benefit = tensor(game.Benefit, dtype: float64).DetachFromDisposeScope();
        overlaps = tensor(flat, [n, n], dtype: float64).DetachFromDisposeScope();
        squaredNorms = overlaps.diagonal().clone().DetachFromDisposeScope();
    }

    public GameOptions Options { get; }

    /// <summary>The utility terms at profile <paramref name="s"/> (float64, [N]): the competition is the only part that depends on it.</summary>
    public UtilityTerms Terms(Tensor s) => new(benefit, squaredNorms, PlayerUtility.CompetitionFromOverlaps(overlaps, s));

    /// <summary>Eq. 14's numerator for every player at the profile.</summary>
    public double[] Drive(double[] profile)
    {
        using var scope = NewDisposeScope();
        return PlayerUtility.Drive(Terms(tensor(profile, dtype: float64)), Options).data<double>().ToArray();
    }

    /// <summary>Eq. 14's best response for every player at the profile.</summary>
    public double[] BestResponses(double[] profile)
    {
        using var scope = NewDisposeScope();
        return PlayerUtility.BestResponse(Terms(tensor(profile, dtype: float64)), Options).data<double>().ToArray();
    }

    /// <summary>Eq. 15 for every player at the profile.</summary>
    public bool[] Collapses(double[] profile)
    {
        using var scope = NewDisposeScope();
        return PlayerUtility.Collapses(Terms(tensor(profile, dtype: float64)), Options).data<bool>().ToArray();
    }

    /// <summary>
    /// U_i(x_i, s_−i) for every player i, with s_−i taken from <paramref name="profile"/>: at x = profile, the utilities of
    /// the profile; at x = the best responses, what each player would get by deviating alone (U_i depends on the others only
    /// through its competition Σ_{j≠i} s_j G_ij, which its own choice leaves unchanged).
    /// </summary>
    public double[] Utilities(double[] own, double[] profile)
    {
        using var scope = NewDisposeScope();
        var terms = Terms(tensor(profile, dtype: float64));
        return PlayerUtility.Value(tensor(own, dtype: float64), terms, Options).data<double>().ToArray();
    }

    public void Dispose()
    {
        benefit.Dispose();
        overlaps.Dispose();
        squaredNorms.Dispose();
    }
}
