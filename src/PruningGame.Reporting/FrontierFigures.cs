using Plotly.NET;

namespace PruningGame.Reporting;

/// <summary>What the frontier's x axis measures.</summary>
public enum FrontierAxis { Sparsity, Parameters, Flops, Latency }

/// <summary>One frontier point: a method at one setting, over seeds.</summary>
/// <remarks>Runs labelled "&lt;series&gt;@&lt;setting&gt;" (as sweeps/frontier.json does) form the series before the "@"; others their method.</remarks>
public sealed record FrontierPoint(string Method, string Label, bool WeightLevel, double X, double XStd, double Accuracy, double AccuracyStd,
                                   double AccuracyGated, int Seeds);

/// <summary>Sparsity–accuracy frontiers of every method, with the pruned accuracy (after removal) on the y axis.</summary>
public static class FrontierFigures
{
    /// <summary>Methods that zero individual weights; their x is weight sparsity, never mixed silently with neuron sparsity.</summary>
    public static bool IsWeightLevel(string method) => method == "gmp-weight";

    public static IReadOnlyList<FrontierPoint> Points(IEnumerable<RunData> runs, FrontierAxis axis = FrontierAxis.Sparsity) =>
        runs.GroupBy(r => (Method: Series(r), r.Label))
            .Select(g =>
            {
                var weightLevel = IsWeightLevel(g.First().Summary.Method);
                double X(RunData r) => axis switch
                {
                    FrontierAxis.Sparsity => 100 * (weightLevel ? r.Summary.WeightSparsity : r.Summary.NeuronSparsity),
                    FrontierAxis.Parameters => r.Summary.CompactParameters,
                    FrontierAxis.Flops => r.Summary.CompactFlops,
                    _ => r.Summary.CompactLatencyMs,
                };
                var x = g.Select(X).ToArray();
                var accuracy = g.Select(r => 100 * r.Summary.TestAccuracyPruned).ToArray();
                return new FrontierPoint(g.Key.Method, g.Key.Label, weightLevel, x.Average(), Std(x), accuracy.Average(), Std(accuracy),
                                         g.Average(r => 100 * r.Summary.TestAccuracyGated), g.Count());
            })
            .OrderBy(p => p.Method, StringComparer.Ordinal).ThenBy(p => p.X)
            .ToList();

    public static string Series(RunData run) => run.Label.Contains('@') ? run.Label[..run.Label.IndexOf('@')] : run.Summary.Method;

    private static double Std(double[] v)
    {
        if (v.Length < 2) return 0;
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    public static GenericChart Frontier(IEnumerable<RunData> runs, FrontierAxis axis = FrontierAxis.Sparsity, FigureStyle? style = null)
    {
        var points = Points(runs, axis);
        var figure = new PlotlyFigure();
        var methods = points.Select(p => p.Method).Distinct().ToList();
        for (var m = 0; m < methods.Count; m++)
        {
            var series = points.Where(p => p.Method == methods[m]).OrderBy(p => p.X).ToList();
            var weightLevel = series[0].WeightLevel && axis == FrontierAxis.Sparsity;
            figure.Add("scatter",
                ("x", series.Select(p => p.X).ToArray()), ("y", series.Select(p => p.Accuracy).ToArray()),
                ("mode", "lines+markers"), ("name", weightLevel ? $"{methods[m]} (weight sparsity)" : methods[m]),
                ("line", new { color = Palette.Color(m), width = 1.5, dash = weightLevel ? "dot" : "solid" }),
                ("marker", new { color = Palette.Color(m), size = 7, symbol = weightLevel ? "diamond-open" : "circle" }),
                ("error_y", new { type = "data", array = series.Select(p => p.AccuracyStd).ToArray(), visible = true, thickness = 1 }),
                ("error_x", axis == FrontierAxis.Sparsity ? new { type = "data", array = series.Select(p => p.XStd).ToArray(), visible = true, thickness = 1 } : null),
                ("text", series.Select(p => $"{p.Label} · {p.Seeds} seeds · gated {p.AccuracyGated:F2}%").ToArray()),
                ("hovertemplate", "%{text}<br>x %{x:.3g}<br>pruned accuracy %{y:.2f}%<extra></extra>"));
        }
        var (title, log) = axis switch
        {
            FrontierAxis.Sparsity => ("Sparsity (%): neurons removed; dotted: weights zeroed", false),
            FrontierAxis.Parameters => ("Parameters of the compacted model", true),
            FrontierAxis.Flops => ("Multiply-adds per sample, compacted model", true),
            _ => ("Measured latency, batch 128 (ms)", true),
        };
        figure.Layout("xaxis", PlotlyFigure.Axis(title, log: log));
        figure.Layout("yaxis", PlotlyFigure.Axis("Test accuracy after removal (%)"));
        figure.Layout("legend", new { orientation = "h", y = -0.18 });
        return figure.ToChart(style ?? FigureStyle.Screen, axis == FrontierAxis.Sparsity ? "Sparsity–accuracy frontier" : "Size–accuracy frontier");
    }
}
