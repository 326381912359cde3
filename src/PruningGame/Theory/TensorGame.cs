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
    private readonly int players;

    public TensorGame(PlayerGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        Options = game.Validate().Options;
        int n = game.PlayerCount;
        players = n;
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
        return PlayerUtility.Drive(Terms(Profile(profile)), Options).data<double>().ToArray();
    }

    /// <summary>Eq. 14's best response for every player at the profile.</summary>
    public double[] BestResponses(double[] profile)
    {
        using var scope = NewDisposeScope();
        return PlayerUtility.BestResponse(Terms(Profile(profile)), Options).data<double>().ToArray();
    }

    /// <summary>Eq. 15 for every player at the profile.</summary>
    public bool[] Collapses(double[] profile)
    {
        using var scope = NewDisposeScope();
        return PlayerUtility.Collapses(Terms(Profile(profile)), Options).data<bool>().ToArray();
    }

    /// <summary>
    /// U_i(x_i, s_−i) for every player i, with s_−i taken from <paramref name="profile"/>: at x = profile, the utilities of
    /// the profile; at x = the best responses, what each player would get by deviating alone (U_i depends on the others only
    /// through its competition Σ_{j≠i} s_j G_ij, which its own choice leaves unchanged).
    /// </summary>
    public double[] Utilities(double[] own, double[] profile)
    {
        using var scope = NewDisposeScope();
        var terms = Terms(Profile(profile));
        return PlayerUtility.Value(Profile(own, "participations"), terms, Options).data<double>().ToArray();
    }

    /// <summary>
    /// A profile as a tensor, or an error naming what is wrong with it: libtorch aborts the whole process (a notebook's
    /// kernel with it) on a length that does not match the game, and a NaN would run the dynamics to an all-NaN answer.
    /// </summary>
    private Tensor Profile(double[] profile, string what = "profile")
    {
        ArgumentNullException.ThrowIfNull(profile, what);
        if (profile.Length != players)
            throw new ArgumentException($"The {what} has {profile.Length} entries; the game has {players} players.");
        for (var i = 0; i < profile.Length; i++)
            if (!double.IsFinite(profile[i]))
                throw new ArgumentException($"The {what} of player {i} is {profile[i]}: it must be a finite number.");
        return tensor(profile, dtype: float64);
    }

    public void Dispose()
    {
        benefit.Dispose();
        overlaps.Dispose();
        squaredNorms.Dispose();
    }
}
