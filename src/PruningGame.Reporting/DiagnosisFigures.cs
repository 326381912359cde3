using PruningGame.RunRecords;
using Plotly.NET;

namespace PruningGame.Reporting;

/// <summary>Issue 18's diagnosis figures: final s against the β decay alone, and s against ‖θ‖, kept and removed apart.</summary>
public static class DiagnosisFigures
{
    /// <summary>
    /// Per configuration (its first seed), every player's final s against the costs' decay alone: on the diagonal, no benefit acted. Kept players in colour, removed in grey.
    /// </summary>
    public static GenericChart CostDecay(IEnumerable<RunData> runs, FigureStyle? style = null) =>
        Panels(runs, "s left by the costs alone", "Final participation s", log: true, diagonal: true,
               (run, player) => CollapseDiagnosis.CostDecay(run.Config.Method.Game!.Beta, run.Config.Method.Game.Gamma, run.Config.Method.Game.ParticipationLearningRate,
                                                       player.ThetaNorm, CollapseDiagnosis.Steps(run)),
               style, "Final s against the costs alone, (1+c)·exp(−2η_sβ‖θ_i‖²T) − c, c = γ/(2β‖θ_i‖²); diagonal: no benefit");

    /// <summary>Per configuration (its first seed), final s against ‖θ_i‖, kept and removed players apart.</summary>
    public static GenericChart ParticipationAgainstNorm(IEnumerable<RunData> runs, FigureStyle? style = null) =>
        Panels(runs, "‖θ_i‖ (incoming row and bias, final)", "Final participation s", log: true, diagonal: false,
               (_, player) => player.ThetaNorm, style, "Final participation against the player's weight norm");

    private static GenericChart Panels(IEnumerable<RunData> runs, string xTitle, string yTitle, bool log, bool diagonal,
                                       Func<RunData, PlayerRecord, double> x, FigureStyle? style, string title)
    {
        var groups = PaperFigures.ByLabel(runs.Where(CollapseDiagnosis.Applies))
            .Select(g => (g.Label, Run: g.Runs.OrderBy(r => r.Config.Training.Seed).First())).ToList();
        var grid = new PanelGrid(groups.Count);
        style ??= FigureStyle.Screen.WithHeight(300 * grid.Rows + 120);
        var figure = new PlotlyFigure();
        var annotations = new List<object>();
        var shapes = new List<object>();
        for (var g = 0; g < groups.Count; g++)
        {
            var (label, run) = groups[g];
            var (suffix, xDomain, yDomain, bottom, firstColumn) = grid.Panel(g, gap: 0.07);
            foreach (var pruned in new[] { false, true })
            {
                var players = run.PlayerFates!.Where(p => p.Pruned == pruned).ToList();
                const double floor = 1e-12;   // 0 has no place on a log axis: drawn at the floor
                figure.Add("scattergl", ("x", players.Select(p => diagonal ? Math.Max(floor, x(run, p)) : x(run, p)).ToArray()), ("y", players.Select(p => Math.Max(floor, p.Participation)).ToArray()),
                           ("mode", "markers"), ("name", pruned ? "removed (s < ε)" : "kept"), ("legendgroup", pruned ? "removed" : "kept"), ("showlegend", g == 0),
                           ("marker", new { color = pruned ? "#9a9a9a" : Palette.Color(0), size = 4, opacity = 0.6 }), ("xaxis", $"x{suffix}"), ("yaxis", $"y{suffix}"));
            }
            if (diagonal)
                shapes.Add(new { type = "line", xref = $"x{suffix}", yref = $"y{suffix}", x0 = 1e-12, y0 = 1e-12, x1 = 1, y1 = 1, line = new { color = "#444", dash = "dash", width = 1 } });
            double[] decades = [3e-13, 2];   // from the floor to just above s = 1
            figure.Layout($"xaxis{suffix}", PlotlyFigure.Axis(bottom ? xTitle : "", log: log, range: diagonal ? decades : null, anchor: $"y{suffix}", domain: xDomain));
            figure.Layout($"yaxis{suffix}", PlotlyFigure.Axis(firstColumn ? yTitle : "", log: true, range: decades, anchor: $"x{suffix}", domain: yDomain));
            annotations.Add(new { text = $"<b>{label}</b> (seed {run.Config.Training.Seed})", xref = $"x{suffix} domain", yref = $"y{suffix} domain", x = 0.5, y = 1.12, showarrow = false });
        }
        figure.Layout("annotations", annotations);
        figure.Layout("shapes", shapes);
        figure.Layout("legend", new { orientation = "h", y = -0.12 });
        return figure.ToChart(style, title);
    }
}
