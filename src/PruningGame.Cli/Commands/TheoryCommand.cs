using System.CommandLine;
using PruningGame.Theory;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench theory toy`: a small game solved in closed form.</summary>
internal static class TheoryCommand
{
    public static Command Create()
    {
        var beta = CommonOptions.Double("--beta", "L2 cost β.", 0.5);
        var gamma = CommonOptions.Double("--gamma", "L1 cost γ.", 0.1);
        var eta = CommonOptions.Double("--eta", "Competition weight η.", 0.5);
        var toy = new Command("toy", "Solve the documented five-player toy game: equilibrium, collapsed and dominated players, contraction factor, Nash gap.")
        {
            beta, gamma, eta,
        };
        toy.SetAction(parse =>
        {
            var toyGame = ToyGames.RedundantTeam(parse.GetValue(beta), parse.GetValue(gamma), parse.GetValue(eta));
            var game = toyGame.Game;
            var result = GameTheory.Equilibrium(game);
            var dominated = GameTheory.Dominated(game);
            var predicted = GameTheory.PredictedToCollapse(game, result.Profile);
            var (gap, who) = GameTheory.NashGap(game, result.Profile);
            var utilities = GameTheory.Utilities(game, result.Profile);
            var o = game.Options;
            // The equilibrium is finite (Equilibrium refuses otherwise), but costs that large can still overflow a utility.
            if (utilities.Append(gap).Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"β = {o.Beta}, γ = {o.Gamma}, η = {o.Eta} make the utilities overflow (a utility is not a finite number): choose smaller costs.");
            AnsiConsole.MarkupLine($"[bold]{toyGame.Name}[/]: {Markup.Escape(toyGame.Description)}");
            AnsiConsole.MarkupLine($"α = {o.Alpha}, β = {o.Beta}, γ = {o.Gamma}, η = {o.Eta}; best-response dynamics from s = 1");
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("player", "b=⟨∇L,θ⟩", "‖θ‖²", "overlaps", "s*", "U(s*)", "s*<ε", "dominated", "Eq.15");
            for (var i = 0; i < game.PlayerCount; i++)
            {
                var overlaps = string.Join(", ", Enumerable.Range(0, game.PlayerCount)
                    .Where(j => j != i && game.Overlaps[i, j] != 0).Select(j => $"{toyGame.PlayerNames[j]} {game.Overlaps[i, j]:G3}"));
                table.AddRow(toyGame.PlayerNames[i], $"{game.Benefit[i]:G4}", $"{game.SquaredNorm(i):G4}", overlaps.Length == 0 ? "–" : overlaps,
                             $"{result.Profile[i]:F4}", $"{utilities[i]:F4}", o.IsCollapsed(result.Profile[i]) ? "[red]yes[/]" : "no",
                             dominated[i] ? "[red]yes[/]" : "no", predicted[i] ? "collapse" : "–");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"converged: {result.Converged} after {result.Iterations} iterations");
            AnsiConsole.MarkupLine($"contraction factor (∞-norm bound of the best-response map): {result.ContractionFactor:F4}" +
                                   (result.ContractionFactor < 1 ? " < 1: unique equilibrium" : ""));
            if (result.Warning is not null) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(result.Warning)}");
            AnsiConsole.MarkupLine($"Nash gap (largest gain from a unilateral deviation): {gap:E2}{(who >= 0 ? $" (player {toyGame.PlayerNames[who]})" : "")}");
            if (result.Converged) return 0;
            AnsiConsole.MarkupLine($"[yellow]Best-response dynamics did not converge in {result.Iterations} iterations: the profile above is not an equilibrium.[/]");
            return 1;
        });
        return new Command("theory", "Closed-form checks of the game: best responses, equilibria, dominance, the collapse condition.") { toy };
    }
}
