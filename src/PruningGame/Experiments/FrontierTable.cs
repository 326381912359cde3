using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>One frontier point: a method (series) at one setting, measured over seeds.</summary>
/// <remarks>
/// <see cref="Sparsity"/> is neuron sparsity for structured methods and weight sparsity for <see cref="WeightLevel"/>
/// ones (never mixed silently: the table names the kind on every row).
/// </remarks>
public sealed record FrontierPoint(
    string Series, string Setting, string Method, bool WeightLevel, int Seeds,
    Aggregate AccuracyPruned, Aggregate AccuracyGated, Aggregate Sparsity, Aggregate NeuronSparsity, Aggregate NeuronsKept,
    Aggregate Parameters, Aggregate MultiplyAdds, Aggregate LatencyMs)
{
    public string SparsityKind => WeightLevel ? "weight" : "neuron";
}

/// <summary>
/// The frontier table of a sweep: runs labelled "&lt;series&gt;@&lt;setting&gt;" (sweeps/frontier.json) are grouped
/// into points; an unlabelled run forms its method's series with its label as the setting.
/// </summary>
public sealed class FrontierTable(IReadOnlyList<FrontierPoint> points)
{
    public IReadOnlyList<FrontierPoint> Points { get; } = points;

    /// <summary>Methods that zero individual weights rather than remove neurons.</summary>
    public static bool IsWeightLevel(string method) => method == "gmp-weight";

    public static (string Series, string Setting) SeriesAndSetting(RunSummary s)
    {
        var label = string.IsNullOrEmpty(s.Label) ? s.Method : s.Label;
        var at = label.IndexOf('@');
        return at >= 0 ? (label[..at], label[(at + 1)..]) : (s.Method, label);
    }

    public static FrontierTable From(IEnumerable<RunSummary> summaries)
    {
        var points = summaries
            .GroupBy(SeriesAndSetting)
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
                    Aggregate.Of(runs.Select(r => (double)r.NeuronsKept)),
                    Aggregate.Of(runs.Select(r => (double)r.CompactParameters)),
                    Aggregate.Of(runs.Select(r => (double)r.CompactMultiplyAdds)),
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
            throw new InvalidDataException($"'{runsFolder}' holds no finished run (no {RunFiles.Summary} below it).");
        var table = From(summaries);
        AtomicFile.WriteAllText(Path.Combine(outFolder, "frontier.md"), table.ToMarkdown());
        AtomicFile.WriteAllText(Path.Combine(outFolder, "frontier.csv"), table.ToCsv());
        return table;
    }

    /// <summary>The table's columns: Markdown, CSV, the console and notebook HTML all render from it.</summary>
    public static TableSpec<FrontierPoint> Columns { get; } = new([
        ColumnSpec.Text<FrontierPoint>("method", p => p.Series, "series"),
        ColumnSpec.Text<FrontierPoint>("setting", p => p.Setting, "setting"),
        ColumnSpec.CsvOnly<FrontierPoint>("method", p => p.Method),
        ColumnSpec.Count<FrontierPoint>("seeds", p => p.Seeds, "seeds"),
        ColumnSpec.CsvOnly<FrontierPoint>("sparsity_kind", p => p.SparsityKind),
        ColumnSpec.Measured<FrontierPoint>("accuracy pruned %", p => p.AccuracyPruned, "accuracy_pruned", scale: 100) with { Headline = true },
        ColumnSpec.Measured<FrontierPoint>("accuracy gated %", p => p.AccuracyGated, "accuracy_gated", scale: 100),
        ColumnSpec.Measured<FrontierPoint>("sparsity %", p => p.Sparsity, "sparsity", scale: 100),
        ColumnSpec.Text<FrontierPoint>("sparsity of", p => p.SparsityKind + "s"),
        ColumnSpec.CsvOnly<FrontierPoint>("neuron_sparsity_mean", p => ColumnSpec.Number(p.NeuronSparsity.Mean)),
        ColumnSpec.Measured<FrontierPoint>("neurons kept", p => p.NeuronsKept, "neurons_kept", format: "F1"),
        ColumnSpec.Mean<FrontierPoint>("parameters", p => p.Parameters, "parameters", "N0"),
        ColumnSpec.Mean<FrontierPoint>("multiply-adds", p => p.MultiplyAdds, "multiply_adds", "N0"),
        ColumnSpec.Measured<FrontierPoint>("latency ms", p => p.LatencyMs, "latency_ms", format: "F3"),
    ]);

    public string ToMarkdown() =>
        "Accuracy after removing every pruned unit (\"pruned\", the headline) and of the network as trained (\"gated\"), " +
        "mean ± std over seeds. Sparsity is of neurons unless the row says weights; parameters, multiply-adds and latency " +
        "(batch 128, this machine) are of the compacted model.\n\n" +
        Columns.Markdown(Points);

    public string ToCsv() => Columns.Csv(Points);
}
