using Plotly.NET;
using PruningGame.RunRecords;

namespace PruningGame.Reporting;

/// <summary>The paper's Figures 1 and 2 and the workbench's companions, drawn from run folders.</summary>
public static class PaperFigures
{
    /// <summary>Configurations in a stable order (paper presets first), each with its seeds.</summary>
    public static IReadOnlyList<(string Label, IReadOnlyList<RunData> Runs)> ByLabel(IEnumerable<RunData> runs)
    {
        var order = Configuration.Presets.All.Select(p => p.Name).ToList();
        return runs.GroupBy(r => r.Label)
            .OrderBy(g => order.IndexOf(g.Key) is var i && i >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<RunData>)g.ToList()))
            .ToList();
    }

    private static readonly (Func<EpochRecord, double?> Metric, string Title, double Scale)[] Figure1Panels =
    [
        (e => e.TestAccuracyPruned, "Test accuracy (%)", 100),
        (e => e.NeuronSparsity, "Neuron sparsity (%)", 100),
        (e => e.MeanParticipation, "Mean participation s̄", 1),
        (e => e.ActiveNeurons, "Active neurons", 1),
    ];

    /// <summary>
    /// Figure 1: four panels against epoch — test accuracy (pruned, solid; gated, dashed), sparsity, mean participation,
    /// active neurons — one colour per configuration, the line the mean over seeds and the band its min–max.
    /// </summary>
    public static GenericChart Figure1(IEnumerable<RunData> runs, FigureStyle? style = null)
    {
        style ??= FigureStyle.Screen.WithHeight(720);
        var figure = new PlotlyFigure();
        var groups = ByLabel(runs);
        for (var g = 0; g < groups.Count; g++)
        {
            var (label, members) = groups[g];
            for (var p = 0; p < Figure1Panels.Length; p++)
            {
                var (metric, _, scale) = Figure1Panels[p];
                var axis = p == 0 ? "" : (p + 1).ToString();
                AddBandAndLine(figure, SeedBand.Of(members, metric, scale), label, g, $"x{axis}", $"y{axis}", showLegend: p == 0, dash: "solid");
                if (p == 0)
                    AddLine(figure, SeedBand.Of(members, e => e.TestAccuracyGated, 100), $"{label} (gated)", g, "x", "y", showLegend: false, dash: "dot");
            }
        }
        for (var p = 0; p < Figure1Panels.Length; p++)
        {
            var row = p / 2; var col = p % 2;
            var suffix = p == 0 ? "" : (p + 1).ToString();
            double[] xDomain = col == 0 ? [0, 0.45] : [0.55, 1];
            double[] yDomain = row == 0 ? [0.6, 1] : [0, 0.4];
            figure.Layout($"xaxis{suffix}", PlotlyFigure.Axis(row == 1 ? "Epoch" : "", anchor: $"y{suffix}", domain: xDomain));
            figure.Layout($"yaxis{suffix}", PlotlyFigure.Axis(Figure1Panels[p].Title, anchor: $"x{suffix}", domain: yDomain));
        }
        figure.Layout("legend", new { orientation = "h", y = -0.14 });
        figure.Layout("annotations", new[]
        {
            new { text = "solid: pruned (players with s < ε removed) · dotted: gated (as trained)", xref = "paper", yref = "paper", x = 0.0, y = 1.04, showarrow = false, xanchor = "left", font = new { size = style.FontSize - 2 } },
        });
        return figure.ToChart(style, "Training dynamics (paper Fig. 1)");
    }

    private static void AddBandAndLine(PlotlyFigure figure, SeedBand band, string label, int colour, string xaxis, string yaxis, bool showLegend, string dash)
    {
        if (band.Seeds > 1)
        {
            figure.Add("scatter", ("x", band.Epochs), ("y", band.Max), ("mode", "lines"), ("line", new { width = 0 }), ("xaxis", xaxis), ("yaxis", yaxis),
                       ("showlegend", false), ("hoverinfo", "skip"), ("legendgroup", label));
            figure.Add("scatter", ("x", band.Epochs), ("y", band.Min), ("mode", "lines"), ("line", new { width = 0 }), ("fill", "tonexty"),
                       ("fillcolor", Palette.Translucent(colour)), ("xaxis", xaxis), ("yaxis", yaxis), ("showlegend", false), ("hoverinfo", "skip"), ("legendgroup", label));
        }
        AddLine(figure, band, label, colour, xaxis, yaxis, showLegend, dash);
    }

    private static void AddLine(PlotlyFigure figure, SeedBand band, string name, int colour, string xaxis, string yaxis, bool showLegend, string dash) =>
        figure.Add("scatter", ("x", band.Epochs), ("y", band.Mean), ("mode", "lines"), ("name", name),
                   ("line", new { color = Palette.Color(colour), width = 2, dash }), ("xaxis", xaxis), ("yaxis", yaxis),
                   ("showlegend", showLegend), ("legendgroup", name.Replace(" (gated)", "")));

    /// <summary>
    /// Figure 2: histograms of the final participation of every player, one panel per configuration (all seeds pooled),
    /// log-scaled counts, with the collapse threshold ε as a dashed line: <paramref name="epsilon"/> if given, else the ε each
    /// configuration's runs were pruned with (their config).
    /// </summary>
    public static GenericChart Figure2(IEnumerable<RunData> runs, double? epsilon = null, FigureStyle? style = null)
    {
        if (epsilon is { } given && !(given > 0 && given < 1))
            throw new ArgumentException($"ε = {given} is no collapse threshold: give a participation between 0 and 1 (the runs' own ε when left out).", nameof(epsilon));
        var groups = ByLabel(runs);
        var grid = new PanelGrid(groups.Count);
        style ??= FigureStyle.Screen.WithHeight(260 * grid.Rows + 120);
        var figure = new PlotlyFigure();
        var shapes = new List<object>();
        var annotations = new List<object>();
        var thresholds = new HashSet<double>();
        for (var g = 0; g < groups.Count; g++)
        {
            var (label, members) = groups[g];
            var threshold = epsilon ?? members[0].Config.Method.Epsilon;
            thresholds.Add(threshold);
            var values = members.SelectMany(r => r.Players).Select(p => p.Participation).ToArray();
            var (suffix, xDomain, yDomain, bottom, _) = grid.Panel(g);
            figure.Add("histogram", ("x", values), ("xbins", new { start = 0.0, end = 1.0001, size = 0.02 }), ("name", label),
                       ("marker", new { color = Palette.Color(g) }), ("xaxis", $"x{suffix}"), ("yaxis", $"y{suffix}"), ("showlegend", false));
            figure.Layout($"xaxis{suffix}", PlotlyFigure.Axis(bottom ? "Final participation s" : "", range: [0, 1], anchor: $"y{suffix}", domain: xDomain));
            figure.Layout($"yaxis{suffix}", PlotlyFigure.Axis("Players", log: true, anchor: $"x{suffix}", domain: yDomain));
            shapes.Add(new { type = "line", xref = $"x{suffix}", yref = $"y{suffix} domain", x0 = threshold, x1 = threshold, y0 = 0, y1 = 1, line = new { color = "#444", dash = "dash", width = 1.5 } });
            var below = values.Count(v => v < threshold) / (double)Math.Max(1, values.Length);
            annotations.Add(new { text = $"<b>{label}</b> · {below:P1} below ε", xref = $"x{suffix} domain", yref = $"y{suffix} domain", x = 0.5, y = 1.12, showarrow = false });
        }
        figure.Layout("shapes", shapes);
        figure.Layout("annotations", annotations);
        figure.Layout("bargap", 0.05);
        var shown = thresholds.Count == 1 ? FormattableString.Invariant($"ε = {thresholds.Single()}") : "each configuration's ε";
        return figure.ToChart(style, $"Final participation per configuration (paper Fig. 2); dashed: {shown}");
    }

    /// <summary>Neurons kept per layer, per configuration: mean over seeds with min–max error bars.</summary>
    public static GenericChart KeptPerLayer(IEnumerable<RunData> runs, FigureStyle? style = null)
    {
        var groups = ByLabel(runs);
        var layers = groups.SelectMany(g => g.Runs.SelectMany(r => r.Layers)).Distinct().ToList();
        var figure = new PlotlyFigure();
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var kept = groups.Select(g => g.Runs.Select(r => (double)r.Summary.KeptPerLayer.GetValueOrDefault(layer)).ToArray()).ToList();
            figure.Add("bar", ("x", groups.Select(g => g.Label).ToArray()), ("y", kept.Select(k => k.Average()).ToArray()), ("name", layer),
                       ("marker", new { color = Palette.Color(l) }),
                       ("error_y", new { type = "data", symmetric = false, array = kept.Select(k => k.Max() - k.Average()).ToArray(), arrayminus = kept.Select(k => k.Average() - k.Min()).ToArray() }));
        }
        figure.Layout("barmode", "group");
        figure.Layout("xaxis", PlotlyFigure.Axis("Configuration"));
        figure.Layout("yaxis", PlotlyFigure.Axis("Neurons kept"));
        return figure.ToChart(style ?? FigureStyle.Screen, "Neurons kept per layer");
    }

    /// <summary>Participation of sampled players over training, coloured by final fate, one panel per configuration (first seed).</summary>
    public static GenericChart Trajectories(IEnumerable<RunData> runs, FigureStyle? style = null)
    {
        var groups = ByLabel(runs).Where(g => g.Runs[0].PlayerFates is not null).ToList();
        style ??= FigureStyle.Screen.WithHeight(220 * groups.Count + 100);
        var figure = new PlotlyFigure();
        var labels = new List<object>();
        for (var g = 0; g < groups.Count; g++)
        {
            var run = groups[g].Runs[0];
            var pruned = run.PlayerFates!.ToDictionary(p => (p.Layer, p.Player), p => p.Pruned);
            var suffix = g == 0 ? "" : (g + 1).ToString();
            var players = run.Trajectories.GroupBy(p => (p.Layer, p.Player));
            foreach (var player in players)
            {
                var fate = pruned.GetValueOrDefault(player.Key);
                figure.Add("scatter", ("x", player.Select(p => (double)p.Epoch).ToArray()), ("y", player.Select(p => p.Participation).ToArray()),
                           ("mode", "lines"), ("line", new { color = fate ? "#D55E00" : "#0072B2", width = 1 }), ("opacity", 0.6),
                           ("name", fate ? "pruned" : "kept"), ("legendgroup", fate ? "pruned" : "kept"), ("showlegend", false),
                           ("xaxis", $"x{suffix}"), ("yaxis", $"y{suffix}"));
            }
            double[] domain = [1 - (g + 1) / (double)groups.Count + 0.08, 1 - g / (double)groups.Count - 0.05];
            figure.Layout($"xaxis{suffix}", PlotlyFigure.Axis(g == groups.Count - 1 ? "Epoch" : "", anchor: $"y{suffix}"));
            figure.Layout($"yaxis{suffix}", PlotlyFigure.Axis("s", range: [0, 1.02], anchor: $"x{suffix}", domain: domain));
            labels.Add(new { text = $"<b>{groups[g].Label}</b>", xref = $"x{suffix} domain", yref = $"y{suffix} domain", x = 1.0, y = 1.08, xanchor = "right", showarrow = false });
        }
        figure.Layout("annotations", labels);
        figure.Add("scatter", ("x", new double[] { 0 }), ("y", new double[] { double.NaN }), ("mode", "lines"), ("name", "kept at the end"), ("line", new { color = "#0072B2" }));
        figure.Add("scatter", ("x", new double[] { 0 }), ("y", new double[] { double.NaN }), ("mode", "lines"), ("name", "pruned at the end"), ("line", new { color = "#D55E00" }));
        figure.Layout("legend", new { orientation = "h", y = 1.06 });
        return figure.ToChart(style, "Participation trajectories of sampled players");
    }

    /// <summary>
    /// The theory check: per epoch, how many players Eq. 15 predicts to collapse against how many are at s &lt; ε,
    /// with the prediction's precision and recall.
    /// </summary>
    public static GenericChart TheoryCheck(IEnumerable<RunData> runs, FigureStyle? style = null)
    {
        var groups = ByLabel(runs).Where(g => g.Runs[0].HasCollapseCheck).ToList();
        var figure = new PlotlyFigure();
        for (var g = 0; g < groups.Count; g++)
        {
            var (label, members) = groups[g];
            AddLine(figure, SeedBand.Of(members, e => e.Collapse?.Predicted), $"{label}: predicted (Eq. 15)", g, "x", "y", true, "dash");
            AddLine(figure, SeedBand.Of(members, e => e.Collapse?.Actual), $"{label}: collapsed (s < ε)", g, "x", "y", true, "solid");
            AddLine(figure, SeedBand.Of(members, e => e.Collapse?.Precision), $"{label}: precision", g, "x2", "y2", false, "dash");
            AddLine(figure, SeedBand.Of(members, e => e.Collapse?.Recall), $"{label}: recall", g, "x2", "y2", false, "dot");
        }
        figure.Layout("xaxis", PlotlyFigure.Axis("Epoch", anchor: "y", domain: [0, 0.45]));
        figure.Layout("yaxis", PlotlyFigure.Axis("Players", anchor: "x"));
        figure.Layout("xaxis2", PlotlyFigure.Axis("Epoch", anchor: "y2", domain: [0.55, 1]));
        figure.Layout("yaxis2", PlotlyFigure.Axis("Precision (dashed) / recall (dotted)", range: [0, 1.02], anchor: "x2"));
        figure.Layout("legend", new { orientation = "h", y = -0.2 });
        return figure.ToChart(style ?? FigureStyle.Screen.WithHeight(560), "Collapse condition (Eq. 15) vs. what collapsed");
    }
}
