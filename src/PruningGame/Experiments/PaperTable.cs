using System.Globalization;
using PruningGame.Configuration;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>One row of the Table-2-style summary: a configuration measured over seeds, beside the paper's numbers.</summary>
public sealed record PaperTableRow(
    string Label, string Title, int Seeds,
    Aggregate AccuracyPruned, Aggregate AccuracyGated, Aggregate Sparsity, Aggregate NeuronsKept,
    IReadOnlyDictionary<string, Aggregate> KeptPerLayer, IReadOnlyDictionary<string, Aggregate> Bins,
    Aggregate Bimodality, Aggregate PrunedNotInert, PaperRow? Paper);

/// <summary>The reproduction's Table 2: the pruned accuracy is the headline, the gated one stands beside it.</summary>
public sealed class PaperTable(IReadOnlyList<PaperTableRow> rows, string dataset)
{
    public IReadOnlyList<PaperTableRow> Rows { get; } = rows;
    public string Dataset { get; } = dataset;

    public static PaperTable From(IEnumerable<RunSummary> summaries, string dataset)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var order = Presets.All.Select(p => p.Name).ToList();
        var rows = summaries
            .GroupBy(s => s.Label)
            .OrderBy(g => order.IndexOf(g.Key) is var i && i >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var preset = Presets.All.FirstOrDefault(p => p.Name == g.Key);
                var layers = g.SelectMany(s => s.KeptPerLayer.Keys).Distinct().ToList();
                var bins = g.SelectMany(s => s.ParticipationBins.Keys).Distinct().ToList();
                return new PaperTableRow(
                    g.Key, preset?.Title ?? g.Key, g.Count(),
                    Aggregate.Of(g.Select(s => s.TestAccuracyPruned)),
                    Aggregate.Of(g.Select(s => s.TestAccuracyGated)),
                    Aggregate.Of(g.Select(s => s.NeuronSparsity)),
                    Aggregate.Of(g.Select(s => (double)s.NeuronsKept)),
                    layers.ToDictionary(l => l, l => Aggregate.Of(g.Select(s => (double)s.KeptPerLayer.GetValueOrDefault(l)))),
                    bins.ToDictionary(b => b, b => Aggregate.Of(g.Select(s => s.ParticipationBins.GetValueOrDefault(b)))),
                    Aggregate.Of(g.Select(s => s.BimodalityCoefficient).Where(double.IsFinite)),
                    Aggregate.Of(g.Select(s => (double)s.PrunedNotInert)),
                    preset?.Paper);
            })
            .ToList();
        return new PaperTable(rows, dataset);
    }

    /// <summary>
    /// Reads every finished run under <paramref name="runsFolder"/> (under prune criterion <paramref name="readUnder"/>
    /// when given, else each run's own), one row per label, and writes <paramref name="name"/>.md and .csv into
    /// <paramref name="outFolder"/>.
    /// </summary>
    public static PaperTable Write(string runsFolder, string outFolder, string name = "table", string? readUnder = null)
    {
        var summaries = RunSummaries.Load(runsFolder);
        if (readUnder is not null) summaries = summaries.Select(s => s.UnderCriterion(readUnder)).ToList();
        if (summaries.Count == 0)
            throw new InvalidDataException($"'{runsFolder}' holds no finished run (no {RunFiles.Summary} below it).");
        var datasets = summaries.Select(s => s.Dataset).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = From(summaries, string.Join(", ", datasets));
        AtomicFile.WriteAllText(Path.Combine(outFolder, name + ".md"), table.ToMarkdown());
        AtomicFile.WriteAllText(Path.Combine(outFolder, name + ".csv"), table.ToCsv());
        return table;
    }

    private static string P(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>
    /// The table's columns (one per layer and, in CSV, one per participation bin, as the rows have them): Markdown, CSV,
    /// the console and notebook HTML all render from it.
    /// </summary>
    public TableSpec<PaperTableRow> Columns
    {
        get
        {
            var layers = Rows.SelectMany(r => r.KeptPerLayer.Keys).Distinct().ToList();
            var bins = Rows.SelectMany(r => r.Bins.Keys).Distinct().ToList();
            string Paper(PaperTableRow r, Func<PaperRow, string> value) => r.Paper is { } p ? value(p) : "–";
            string PaperCsv(PaperTableRow r, Func<PaperRow, string> value) => r.Paper is { } p ? value(p) : "";
            return new([
                new("configuration", r => r.Title, [new("label", r => r.Label), new("title", r => r.Title)]) { Alignment = CellAlignment.Left },
                ColumnSpec.Count<PaperTableRow>("seeds", r => r.Seeds, "seeds"),
                ColumnSpec.Measured<PaperTableRow>("accuracy pruned %", r => r.AccuracyPruned, "accuracy_pruned", scale: 100) with { Headline = true },
                ColumnSpec.Measured<PaperTableRow>("accuracy gated %", r => r.AccuracyGated, "accuracy_gated", scale: 100),
                ColumnSpec.Measured<PaperTableRow>("sparsity %", r => r.Sparsity, "sparsity", scale: 100),
                ColumnSpec.Measured<PaperTableRow>("neurons kept", r => r.NeuronsKept, "neurons_kept", format: "F1"),
                .. layers.Select(l => ColumnSpec.Measured<PaperTableRow>($"kept {l}", r => r.KeptPerLayer.GetValueOrDefault(l), $"kept_{l}", format: "F1")),
                new("s<ε / [ε,0.1) / [0.1,0.9) / ≥0.9", r => string.Join(" / ", r.Bins.Values.Select(b => P(b.Mean * 100))),
                    bins.Select(b => new CsvField<PaperTableRow>($"bin_{b}", r => r.Bins.TryGetValue(b, out var a) ? ColumnSpec.Number(a.Mean) : "")).ToList()),
                ColumnSpec.Measured<PaperTableRow>("bimodality", r => r.Bimodality, "bimodality", format: "F3", std: false),
                ColumnSpec.Measured<PaperTableRow>("pruned not inert", r => r.PrunedNotInert, "pruned_not_inert", format: "F1", std: false),
                new("paper: accuracy %", r => Paper(r, p => P(p.AccuracyPercent)),
                    [new("paper_accuracy", r => PaperCsv(r, p => ColumnSpec.Number(p.AccuracyPercent / 100)))]),
                new("paper: sparsity %", r => Paper(r, p => P(p.SparsityPercent)),
                    [new("paper_sparsity", r => PaperCsv(r, p => ColumnSpec.Number(p.SparsityPercent / 100)))]),
                new("paper: kept", r => Paper(r, p => $"{p.NeuronsKept}"), [new("paper_kept", r => PaperCsv(r, p => $"{p.NeuronsKept}"))]),
            ]);
        }
    }

    public string ToMarkdown() =>
        $"Dataset: **{Dataset}** (the paper's numbers are MNIST). Accuracy after removing every pruned neuron " +
        "(\"pruned\", the headline) and of the network as trained (\"gated\"); mean ± std over seeds.\n\n" +
        Columns.Markdown(Rows);

    public string ToCsv() => Columns.Csv(Rows);
}
