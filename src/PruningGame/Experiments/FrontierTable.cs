using System.Globalization;
using System.Text;
using PruningGame.Infrastructure;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>One frontier point: a method (series) at one setting, measured over seeds.</summary>
/// <remarks>
/// <see cref="Sparsity"/> is neuron sparsity for structured methods and weight sparsity for <see cref="WeightLevel"/>
/// ones (never mixed silently: the table names the kind on every row).
/// </remarks>
public sealed record FrontierPoint(
    string Series, string Setting, string Method, bool WeightLevel, int Seeds,
    Aggregate AccuracyPruned, Aggregate AccuracyGated, Aggregate Sparsity, Aggregate NeuronSparsity,
    Aggregate Parameters, Aggregate Flops, Aggregate LatencyMs)
{
    public string SparsityKind => WeightLevel ? "weight" : "neuron";
}

/// <summary>
/// The frontier table of a sweep: runs labelled "&lt;series&gt;@&lt;setting&gt;" (sweeps/frontier.json) are grouped
/// into points; an unlabelled run forms its method's series with its preset as the setting.
/// </summary>
public sealed class FrontierTable(IReadOnlyList<FrontierPoint> points)
{
    public IReadOnlyList<FrontierPoint> Points { get; } = points;

    /// <summary>Methods that zero individual weights rather than remove neurons.</summary>
    public static bool IsWeightLevel(string method) => method == "gmp-weight";

    public static (string Series, string Setting) Label(RunSummary s)
    {
        var label = string.IsNullOrEmpty(s.Preset) ? s.Method : s.Preset;
        var at = label.IndexOf('@');
        return at >= 0 ? (label[..at], label[(at + 1)..]) : (s.Method, label);
    }

    public static FrontierTable From(IEnumerable<RunSummary> summaries)
    {
        var points = summaries
            .GroupBy(Label)
            .Select(g =>
            {
                var runs = g.ToList();
                var methods = runs.Select(r => r.Method).Distinct().ToList();
                if (methods.Count > 1)
                    throw new InvalidDataException($"Frontier point '{g.Key.Series}@{g.Key.Setting}' mixes methods {string.Join(", ", methods)}; give each a distinct label.");
                var weightLevel = IsWeightLevel(methods[0]);
                return new FrontierPoint(
                    g.Key.Series, g.Key.Setting, methods[0], weightLevel, runs.Count,
                    Aggregate.Of(runs.Select(r => r.TestAccuracyPruned)),
                    Aggregate.Of(runs.Select(r => r.TestAccuracyGated)),
                    Aggregate.Of(runs.Select(r => weightLevel ? r.WeightSparsity : r.NeuronSparsity)),
                    Aggregate.Of(runs.Select(r => r.NeuronSparsity)),
                    Aggregate.Of(runs.Select(r => (double)r.CompactParameters)),
                    Aggregate.Of(runs.Select(r => (double)r.CompactFlops)),
                    Aggregate.Of(runs.Select(r => r.CompactLatencyMs)));
            })
            .OrderBy(p => p.Series, StringComparer.Ordinal).ThenBy(p => p.Sparsity.Mean).ThenBy(p => p.Setting, StringComparer.Ordinal)
            .ToList();
        return new FrontierTable(points);
    }

    /// <summary>Reads every finished run under <paramref name="runsFolder"/> and writes frontier.md and frontier.csv into <paramref name="outFolder"/>.</summary>
    public static FrontierTable Write(string runsFolder, string outFolder)
    {
        var summaries = RunSummaries.Load(runsFolder);
        if (summaries.Count == 0)
            throw new InvalidDataException($"'{runsFolder}' holds no finished run (no summary.json below it).");
        var table = From(summaries);
        AtomicFile.WriteAllText(Path.Combine(outFolder, "frontier.md"), table.ToMarkdown());
        AtomicFile.WriteAllText(Path.Combine(outFolder, "frontier.csv"), table.ToCsv());
        return table;
    }

    private static string I(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("Accuracy after removing every pruned unit (\"pruned\", the headline) and of the network as trained (\"gated\"), " +
                      "mean ± std over seeds. Sparsity is of neurons unless the row says weights; parameters, multiply-adds and latency " +
                      "(batch 128, this machine) are of the compacted model.");
        md.AppendLine();
        md.AppendLine("| method | setting | seeds | accuracy pruned % | accuracy gated % | sparsity % | sparsity of | parameters | multiply-adds | latency ms |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in Points)
            md.AppendLine($"| {p.Series} | {p.Setting} | {p.Seeds} | {p.AccuracyPruned.Format(100)} | {p.AccuracyGated.Format(100)} | " +
                          $"{p.Sparsity.Format(100)} | {p.SparsityKind}s | {I(p.Parameters.Mean, "N0")} | {I(p.Flops.Mean, "N0")} | {p.LatencyMs.Format(1, "F3")} |");
        return md.ToString();
    }

    public string ToCsv()
    {
        var csv = new StringBuilder("series,setting,method,seeds,sparsity_kind,accuracy_pruned_mean,accuracy_pruned_std,accuracy_gated_mean,accuracy_gated_std," +
                                    "sparsity_mean,sparsity_std,neuron_sparsity_mean,parameters_mean,flops_mean,latency_ms_mean,latency_ms_std\n");
        foreach (var p in Points)
            csv.Append(string.Join(",", CsvText.Field(p.Series), CsvText.Field(p.Setting), CsvText.Field(p.Method), p.Seeds, p.SparsityKind,
                I(p.AccuracyPruned.Mean, "R"), I(p.AccuracyPruned.Std, "R"), I(p.AccuracyGated.Mean, "R"), I(p.AccuracyGated.Std, "R"),
                I(p.Sparsity.Mean, "R"), I(p.Sparsity.Std, "R"), I(p.NeuronSparsity.Mean, "R"),
                I(p.Parameters.Mean, "R"), I(p.Flops.Mean, "R"), I(p.LatencyMs.Mean, "R"), I(p.LatencyMs.Std, "R"))).Append('\n');
        return csv.ToString();
    }
}
