using PruningGame.Game;

namespace PruningGame.Theory;

/// <summary>A small documented game with named players.</summary>
public sealed record ToyGame(string Name, string Description, string[] PlayerNames, PlayerGame Game);

/// <summary>Hand-built games whose outcomes can be derived on paper (used by `workbench theory toy`, the tests and notebook 01).</summary>
public static class ToyGames
{
    /// <summary>
    /// Five unit-norm players (‖θ_i‖² = 1, so 2β‖θ_i‖² = 1 at β = 0.5), γ = 0.1, η = 0.5:
    /// "lead" and "echo" are the same direction (overlap 1) with benefits 0.6 and 0.5 — the competition term makes
    /// them share the work; "solo" (benefit 0.5) and "partner" (benefit 0.4) overlap only each other, by 0.3: alone,
    /// solo would settle at (0.5 − 0.1)/1 = 0.4; together s_solo = 0.355/0.9775 ≈ 0.363 and s_partner ≈ 0.245;
    /// "weak" has benefit 0.05 &lt; γ, so participating is dominated and it collapses from any start.
    /// </summary>
    public static ToyGame RedundantTeam(double beta = 0.5, double gamma = 0.1, double eta = 0.5) => new(
        "redundant-team",
        "Two duplicate players (lead, echo), a dominated one (weak), and two that overlap only each other (solo, partner).",
        ["lead", "echo", "solo", "weak", "partner"],
        new PlayerGame(
            [0.6, 0.5, 0.5, 0.05, 0.4],
            new double[,]
            {
                { 1.0, 1.0, 0.0, 0.0, 0.0 },
                { 1.0, 1.0, 0.0, 0.0, 0.0 },
                { 0.0, 0.0, 1.0, 0.0, 0.3 },
                { 0.0, 0.0, 0.0, 1.0, 0.0 },
                { 0.0, 0.0, 0.3, 0.0, 1.0 },
            },
            new GameOptions { Alpha = 1, Beta = beta, Gamma = gamma, Eta = eta }));

    /// <summary>
    /// Two duplicate unit-norm players with benefits 0.6 and 0.4, β = 0.5, γ = 0. The interior equilibrium is
    /// s_0 = (0.6 − 0.4η)/(1 − η²), s_1 = (0.4 − 0.6η)/(1 − η²); the weaker player collapses exactly when η ≥ 2/3.
    /// </summary>
    public static ToyGame DuplicatePair(double eta) => new(
        "duplicate-pair",
        "Two players with the same direction; competition η decides whether the weaker one survives (collapse at η ≥ 2/3).",
        ["strong", "weak"],
        new PlayerGame([0.6, 0.4], new double[,] { { 1, 1 }, { 1, 1 } }, new GameOptions { Alpha = 1, Beta = 0.5, Gamma = 0, Eta = eta }));
}
