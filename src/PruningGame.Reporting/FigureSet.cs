using Plotly.NET;

namespace PruningGame.Reporting;

/// <summary>Every figure a results folder supports, by file name.</summary>
public static class FigureSet
{
    public static IReadOnlyList<(string Name, GenericChart Chart)> For(IReadOnlyList<RunData> runs, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var figures = new List<(string, GenericChart)>();
        if (runs.Count == 0) return figures;
        var gameRuns = runs.Where(IsGame).ToList();
        var trainingRuns = TrainingRuns(runs);
        figures.Add(("figure1-training", PaperFigures.Figure1(trainingRuns, style)));
        figures.Add(("figure2-participation", PaperFigures.Figure2(trainingRuns, style: style)));
        figures.Add(("kept-per-layer", PaperFigures.KeptPerLayer(runs, style)));
        figures.Add(("trajectories", PaperFigures.Trajectories(trainingRuns, style)));
        if (gameRuns.Any(r => r.HasCollapseCheck))
            figures.Add(("theory-check", PaperFigures.TheoryCheck(gameRuns, style)));
        if (gameRuns.Any(CollapseDiagnosis.Applies))
        {
            figures.Add(("collapse-cost-decay", DiagnosisFigures.CostDecay(gameRuns, style)));
            figures.Add(("participation-against-norm", DiagnosisFigures.ParticipationAgainstNorm(gameRuns, style)));
        }
        if (runs.Select(r => r.Summary.Method).Distinct().Count() > 1)   // a frontier compares methods; settings of one method are rows of a table
        {
            figures.Add(("frontier-sparsity", FrontierFigures.Frontier(runs, FrontierAxis.Sparsity, style)));
            figures.Add(("frontier-neurons-kept", FrontierFigures.Frontier(runs, FrontierAxis.NeuronsKept, style)));
            figures.Add(("frontier-parameters", FrontierFigures.Frontier(runs, FrontierAxis.Parameters, style)));
            figures.Add(("frontier-multiply-adds", FrontierFigures.Frontier(runs, FrontierAxis.MultiplyAdds, style)));
            figures.Add(("frontier-latency", FrontierFigures.Frontier(runs, FrontierAxis.Latency, style)));
        }
        return figures;
    }

    /// <summary>
    /// The runs Figures 1 and 2 and the trajectories draw: the game's, when the folder holds any (the paper's figures are of
    /// the game; a baseline has no participations that move), else every run.
    /// </summary>
    public static IReadOnlyList<RunData> TrainingRuns(IReadOnlyList<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var gameRuns = runs.Where(IsGame).ToList();
        return gameRuns.Count > 0 ? gameRuns : runs;
    }

    /// <summary>
    /// A sentence saying which runs the training figures leave out, for a folder that mixes the game with other methods;
    /// null when they draw every run.
    /// </summary>
    public static string? LeftOutOfTrainingFigures(IReadOnlyList<RunData> runs)
    {
        var drawn = TrainingRuns(runs).Count;
        if (drawn == runs.Count) return null;
        var others = runs.Where(r => !IsGame(r)).Select(r => r.Summary.Method).Distinct().Order(StringComparer.Ordinal);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Figures 1 and 2 and the trajectories draw the {drawn} game runs only; the other {runs.Count - drawn} ({string.Join(", ", others)}) are in kept-per-layer and the frontier figures.");
    }

    private static bool IsGame(RunData run) => run.Summary.Method == "game";

    /// <summary>Writes every supported figure in every format into <paramref name="outputFolder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<RunData> runs, string outputFolder, IReadOnlyCollection<string> formats, FigureStyle? style = null,
                                              Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(formats);
        if (runs.Count == 0) throw new ArgumentException("No runs to draw: give the finished runs of a folder (RunData.LoadAll found none there).");
        formats = formats.Distinct().ToList();   // "html,html" writes each file once
        if (formats.Count == 0) throw new ArgumentException("No figure format given: give one or more of html, svg, png, pdf.", nameof(formats));
        var unknown = formats.Except(["html", "svg", "png", "pdf"]).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown figure format(s): {string.Join(", ", unknown)} (html, svg, png, pdf).", nameof(formats));
        Directory.CreateDirectory(outputFolder);
        var figures = For(runs, style);
        var written = new List<string>();
        if (CollapseDiagnosis.Of(runs) is { Count: > 0 } diagnosis)   // the numbers behind the two diagnosis figures
        {
            var csv = Path.Combine(outputFolder, "collapse-diagnosis.csv");
            Infrastructure.AtomicFile.WriteAllText(csv, CollapseDiagnosis.Csv(diagnosis));
            written.Add(csv);
        }
        var mode = figures.Count > 1 ? PlotlyJsMode.SharedFile : PlotlyJsMode.Inline;   // one plotly.min.js for many HTML files
        foreach (var (name, chart) in figures)
            foreach (var format in formats)
            {
                var path = Path.Combine(outputFolder, $"{name}.{format}");
                progress?.Invoke(path);
                switch (format)
                {
                    case "html": FigureExport.Html(chart, path, mode); break;
                    case "svg": FigureExport.Svg(chart, path); break;
                    case "png": FigureExport.Png(chart, path, (style ?? FigureStyle.Screen).Dpi); break;
                    case "pdf": FigureExport.Pdf(chart, path); break;
                }
                written.Add(path);
            }
        return written;
    }
}
