using PruningGame.Experiments;
using Plotly.NET;

namespace PruningGame.Reporting;

/// <summary>What the frontier's x axis measures.</summary>
public enum FrontierAxis { Sparsity, Parameters, MultiplyAdds, Latency }

/// <summary>Sparsity–accuracy frontiers of every method, with the pruned accuracy (after removal) on the y axis.</summary>
/// <remarks>Points are <see cref="FrontierTable"/>'s: the figure and the table aggregate the same way.</remarks>
public static class FrontierFigures
{
    public static FrontierTable Table(IEnumerable<RunData> runs) => FrontierTable.From(runs.Select(r => r.Summary));

    /// <summary>The point's x on <paramref name="axis"/> and its spread over seeds (0 where not drawn).</summary>
    public static (double X, double XStd) X(FrontierPoint p, FrontierAxis axis) => axis switch
    {
        FrontierAxis.Sparsity => (100 * p.Sparsity.Mean, 100 * p.Sparsity.Std),
        FrontierAxis.Parameters => (p.Parameters.Mean, 0),
        FrontierAxis.MultiplyAdds => (p.MultiplyAdds.Mean, 0),
        _ => (p.LatencyMs.Mean, p.LatencyMs.Std),
    };

    public static GenericChart Frontier(IEnumerable<RunData> runs, FrontierAxis axis = FrontierAxis.Sparsity, FigureStyle? style = null)
    {
        var points = Table(runs).Points;
        var figure = new PlotlyFigure();
        var methods = points.Select(p => p.Series).Distinct().ToList();
        for (var m = 0; m < methods.Count; m++)
        {
            var series = points.Where(p => p.Series == methods[m]).OrderBy(p => X(p, axis).X).ToList();
            var weightLevel = series[0].WeightLevel && axis == FrontierAxis.Sparsity;
            figure.Add("scatter",
                ("x", series.Select(p => X(p, axis).X).ToArray()), ("y", series.Select(p => 100 * p.AccuracyPruned.Mean).ToArray()),
                ("mode", "lines+markers"), ("name", weightLevel ? $"{methods[m]} (weight sparsity)" : methods[m]),
                ("line", new { color = Palette.Color(m), width = 1.5, dash = weightLevel ? "dot" : Palette.Dash(m) }),
                ("marker", new { color = Palette.Color(m), size = 7, symbol = weightLevel ? "diamond-open" : Palette.Symbol(m) }),
                ("error_y", new { type = "data", array = series.Select(p => 100 * p.AccuracyPruned.Std).ToArray(), visible = true, thickness = 1 }),
                ("error_x", axis == FrontierAxis.Sparsity ? new { type = "data", array = series.Select(p => X(p, axis).XStd).ToArray(), visible = true, thickness = 1 } : null),
                ("text", series.Select(p => $"{p.Series}@{p.Setting} · {p.Seeds} seeds · gated {100 * p.AccuracyGated.Mean:F2}%").ToArray()),
                ("hovertemplate", "%{text}<br>x %{x:.3g}<br>pruned accuracy %{y:.2f}%<extra></extra>"));
        }
        var (title, log) = axis switch
        {
            FrontierAxis.Sparsity => ("Sparsity (%): neurons removed; dotted: weights zeroed", false),
            FrontierAxis.Parameters => ("Parameters of the compacted model", true),
            FrontierAxis.MultiplyAdds => ("Multiply-adds per sample, compacted model", true),
            _ => ("Measured latency, batch 128 (ms)", true),
        };
        figure.Layout("xaxis", PlotlyFigure.Axis(title, log: log));
        figure.Layout("yaxis", PlotlyFigure.Axis("Test accuracy after removal (%)"));
        figure.Layout("legend", new { orientation = "h", y = -0.18 });
        return figure.ToChart(style ?? FigureStyle.Screen, axis == FrontierAxis.Sparsity ? "Sparsity–accuracy frontier" : "Size–accuracy frontier");
    }
}
