using PruningGame.Experiments;
using Plotly.NET;

namespace PruningGame.Reporting;

/// <summary>What the frontier's x axis measures.</summary>
/// <summary>What the frontier's x axis measures. <see cref="NeuronsKept"/> is on a log scale, so that the 90–99 % region,
/// where the methods part ways, spreads out, and its y axis shows 75–90 % only.</summary>
public enum FrontierAxis { Sparsity, Parameters, MultiplyAdds, Latency, NeuronsKept }

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
        FrontierAxis.NeuronsKept => (p.NeuronsKept.Mean, p.NeuronsKept.Std),
        _ => (p.LatencyMs.Mean, p.LatencyMs.Std),
    };

    public static GenericChart Frontier(IEnumerable<RunData> runs, FrontierAxis axis = FrontierAxis.Sparsity, FigureStyle? style = null)
    {
        var logX = axis != FrontierAxis.Sparsity;
        // A log axis cannot place x ≤ 0 (a run that removed every neuron); plotly would draw its line to the axis edge.
        var points = Table(runs).Points.Where(p => !logX || X(p, axis).X > 0).ToList();
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
                ("error_x", axis is FrontierAxis.Sparsity or FrontierAxis.NeuronsKept ? new { type = "data", array = series.Select(p => X(p, axis).XStd).ToArray(), visible = true, thickness = 1 } : null),
                ("text", series.Select(p => $"{p.Series}@{p.Setting} · {p.Seeds} seeds · gated {100 * p.AccuracyGated.Mean:F2}%").ToArray()),
                ("hovertemplate", "%{text}<br>x %{x:.3g}<br>pruned accuracy %{y:.2f}%<extra></extra>"));
        }
        var title = axis switch
        {
            FrontierAxis.Sparsity => "Sparsity (%): neurons removed; dotted: weights zeroed",
            FrontierAxis.Parameters => "Parameters of the compacted model",
            FrontierAxis.MultiplyAdds => "Multiply-adds per sample, compacted model",
            FrontierAxis.NeuronsKept => "Neurons kept (log scale); points below 75 % are off the chart, see the sparsity frontier",
            _ => "Measured latency, batch 128 (ms)",
        };
        figure.Layout("xaxis", PlotlyFigure.Axis(title, log: logX));
        figure.Layout("yaxis", PlotlyFigure.Axis("Test accuracy after removal (%)", range: axis == FrontierAxis.NeuronsKept ? [75, 90] : null));
        figure.Layout("legend", new { orientation = "h", y = -0.18 });
        var chartTitle = axis switch
        {
            FrontierAxis.Sparsity => "Sparsity–accuracy frontier",
            FrontierAxis.NeuronsKept => "Neurons kept against accuracy, the high-sparsity region",
            _ => "Size–accuracy frontier",
        };
        return figure.ToChart(style ?? FigureStyle.Screen, chartTitle);
    }
}
