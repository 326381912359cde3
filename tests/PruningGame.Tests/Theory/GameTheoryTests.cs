using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PruningGame.Game;
using PruningGame.Theory;

namespace PruningGame.Tests.Theory;

public sealed class GameTheoryTests
{
    private static PlayerGame OnePlayer(double benefit, double beta, double gamma, double squaredNorm = 1.0) =>
        new([benefit], new[,] { { squaredNorm } }, new GameOptions { Beta = beta, Gamma = gamma });

    [Theory]
    [InlineData(0.5, 0.5, 0.1, 1.0, 0.4)]    // (0.5 − 0.1) / (2·0.5·1)
    [InlineData(0.5, 0.25, 0.1, 2.0, 0.4)]   // (0.5 − 0.1) / (2·0.25·2)
    [InlineData(0.05, 0.5, 0.1, 1.0, 0.0)]   // numerator ≤ 0: the zero branch
    [InlineData(3.0, 0.5, 0.1, 1.0, 1.0)]    // (3 − 0.1) / 1 > 1: clipped at 1
    [InlineData(0.2, 0.0, 0.1, 1.0, 1.0)]    // β = 0: linear utility, positive drive → 1
    public void One_player_best_response_matches_the_hand_computed_value(double b, double beta, double gamma, double norm, double expected)
    {
        Assert.Equal(expected, GameTheory.BestResponse(OnePlayer(b, beta, gamma, norm), [0.7], 0), 12);
    }

    [Fact]
    public void Descent_aligned_sign_flips_the_benefit()
    {
        var game = OnePlayer(-0.5, 0.5, 0.1) with { Options = new GameOptions { Beta = 0.5, Gamma = 0.1, BenefitSign = BenefitSign.DescentAligned } };
        Assert.Equal(0.4, GameTheory.BestResponse(game, [1.0], 0), 12);
    }

    [Theory]
    [InlineData(0.5, (0.6 - 0.4 * 0.5) / 0.75, (0.4 - 0.6 * 0.5) / 0.75)]
    [InlineData(0.6, (0.6 - 0.4 * 0.6) / 0.64, (0.4 - 0.6 * 0.6) / 0.64)]
    [InlineData(0.7, 0.6, 0.0)]   // η ≥ 2/3: the weaker duplicate collapses, the stronger plays its solo best response
    [InlineData(0.9, 0.6, 0.0)]
    public void Raising_competition_makes_exactly_the_weaker_duplicate_collapse(double eta, double strong, double weak)
    {
        var result = GameTheory.Equilibrium(ToyGames.DuplicatePair(eta).Game);
        Assert.True(result.Converged);
        Assert.Equal(strong, result.Profile[0], 9);
        Assert.Equal(weak, result.Profile[1], 9);
        Assert.Equal(eta >= 2.0 / 3.0 ? 1 : 0, result.Profile.Count(s => s < 0.01));
    }

    [Fact]
    public void A_dominated_player_collapses_from_every_starting_profile()
    {
        var game = ToyGames.RedundantTeam().Game;
        var dominated = GameTheory.Dominated(game);
        Assert.Equal([false, false, false, true, false], dominated);
        var rng = new Random(1);
        var starts = new List<double[]> { new double[5], Enumerable.Repeat(1.0, 5).ToArray() };
        for (var k = 0; k < 20; k++) starts.Add(Enumerable.Range(0, 5).Select(_ => rng.NextDouble()).ToArray());
        foreach (var start in starts)
        {
            Assert.Equal(0.0, GameTheory.BestResponse(game, start, 3));
            Assert.Equal(0.0, GameTheory.Equilibrium(game, start).Profile[3]);
            Assert.Equal(0.0, GameTheory.Equilibrium(game, start, sequential: true).Profile[3]);
        }
    }

    [Fact]
    public void Nash_gap_at_the_computed_equilibrium_is_below_1e6_and_agrees_with_a_grid_search()
    {
        var game = ToyGames.RedundantTeam().Game;
        var equilibrium = GameTheory.Equilibrium(game).Profile;
        Assert.True(GameTheory.NashGap(game, equilibrium).Gap < 1e-6);

        var profile = new[] { 0.9, 0.1, 0.5, 0.3, 0.8 };   // not an equilibrium
        var (gap, _) = GameTheory.NashGap(game, profile);
        var current = GameTheory.Utilities(game, profile);
        var gridGap = 0.0;
        for (var i = 0; i < profile.Length; i++)
            for (var k = 0; k <= 1000; k++)
            {
                var deviated = profile.ToArray();
                deviated[i] = k / 1000.0;
                gridGap = Math.Max(gridGap, GameTheory.Utilities(game, deviated)[i] - current[i]);
            }
        Assert.True(gap > 0.01);
        Assert.InRange(gap - gridGap, 0, 1e-6);   // the exact gap is at least the grid's, and the grid is within its resolution
    }

    [Fact]
    public void Contraction_factor_is_the_largest_row_of_eta_overlaps_over_curvature_and_warns_at_one()
    {
        Assert.Equal(0.5, GameTheory.ContractionFactor(ToyGames.RedundantTeam().Game), 12);
        var strong = ToyGames.RedundantTeam(eta: 2.5);
        var result = GameTheory.Equilibrium(strong.Game);
        Assert.Equal(2.5, result.ContractionFactor, 12);
        Assert.NotNull(result.Warning);
        Assert.Null(GameTheory.Equilibrium(ToyGames.RedundantTeam().Game).Warning);
    }

    [Fact]
    public void Eq15_predicts_collapse_where_the_drive_is_negative()
    {
        var game = ToyGames.RedundantTeam().Game;
        Assert.Equal([false, false, false, true, false], GameTheory.PredictedToCollapse(game, GameTheory.Equilibrium(game).Profile));
    }

    [Fact]
    public void Collapse_agreement_counts_precision_and_recall()
    {
        var agreement = CollapseAgreement.From([true, true, false, false, true], [true, false, false, true, true]);
        Assert.Equal((3, 3, 2), (agreement.PredictedCount, agreement.ActualCount, agreement.Both));
        Assert.Equal(2.0 / 3, agreement.Precision, 12);
        Assert.Equal(2.0 / 3, agreement.Recall, 12);
        var none = CollapseAgreement.From([false, false], [false, false]);
        Assert.Equal((1.0, 1.0), (none.Precision, none.Recall));
    }

    /// <summary>Random games with a contraction factor below 1 converge to a profile no player wants to leave.</summary>
    [Property(MaxTest = 60)]
    public Property Contracting_random_games_converge_to_a_nash_equilibrium(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(2, 7);
        var d = rng.Next(2, 6);
        var theta = new double[n, d];
        for (var i = 0; i < n; i++)
            for (var k = 0; k < d; k++) theta[i, k] = rng.NextDouble() * 2 - 1;
        var benefits = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 0.5).ToArray();
        var options = new GameOptions { Beta = 0.5 + rng.NextDouble(), Gamma = rng.NextDouble() * 0.2, Eta = rng.NextDouble() * 0.5 };
        var game = PlayerGame.FromParameters(benefits, theta, options);
        var factor = GameTheory.ContractionFactor(game);
        var result = GameTheory.Equilibrium(game);
        var gap = GameTheory.NashGap(game, result.Profile).Gap;
        return (factor >= 1 || (result.Converged && gap < 1e-6))
            .Label($"factor {factor}, converged {result.Converged}, gap {gap}");
    }

    [Fact]
    public void A_profile_the_game_cannot_take_is_an_error_naming_it_not_a_libtorch_abort_or_an_all_NaN_answer()
    {
        var game = ToyGames.RedundantTeam().Game;
        // A wrong length made libtorch abort the process (a notebook's kernel with it): no catch could stop it.
        Assert.Contains("has 2 entries; the game has 5 players", Assert.Throws<ArgumentException>(() => GameTheory.Equilibrium(game, [1, 2])).Message);
        Assert.Contains("has 1 entries", Assert.Throws<ArgumentException>(() => GameTheory.NashGap(game, [0.5])).Message);
        Assert.Throws<ArgumentException>(() => GameTheory.PredictedToCollapse(game, [0.5]));
        Assert.Throws<ArgumentException>(() => GameTheory.Utilities(game, [0.5]));
        Assert.Contains("player 0 is NaN", Assert.Throws<ArgumentException>(() => GameTheory.NashGap(game, [double.NaN, 0, 0, 0, 0])).Message);
        Assert.Contains("Player 99 is not in the game", Assert.Throws<ArgumentOutOfRangeException>(() => GameTheory.BestResponse(game, [1, 1, 1, 1, 1], 99)).Message);

        var nanBenefit = game with { Benefit = [double.NaN, .. game.Benefit[1..]] };
        Assert.Contains("Player 0's benefit", Assert.Throws<ArgumentException>(() => GameTheory.Equilibrium(nanBenefit)).Message);
        var empty = game with { Benefit = [], Overlaps = new double[0, 0] };
        Assert.Contains("no players", Assert.Throws<ArgumentException>(() => GameTheory.Equilibrium(empty)).Message);
    }
}
