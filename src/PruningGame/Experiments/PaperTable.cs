using System.Globalization;
using System.Text;
using PruningGame.Infrastructure;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>One row of the Table-2-style summary: a configuration measured over seeds, beside the paper's numbers.</summary>
public sealed record PaperTableRow(
    string Preset, string Title, int Seeds,
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
        var order = Presets.All.Select(p => p.Name).ToList();
        var rows = summaries
            .GroupBy(s => s.Preset)
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
            throw new InvalidDataException($"'{runsFolder}' holds no finished run (no summary.json below it).");
        var datasets = summaries.Select(s => s.Dataset).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = From(summaries, string.Join(", ", datasets));
        AtomicFile.WriteAllText(Path.Combine(outFolder, name + ".md"), table.ToMarkdown());
        AtomicFile.WriteAllText(Path.Combine(outFolder, name + ".csv"), table.ToCsv());
        return table;
    }

    private static string P(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var layers = Rows.SelectMany(r => r.KeptPerLayer.Keys).Distinct().ToList();
        var md = new StringBuilder();
        md.AppendLine($"Dataset: **{Dataset}** (the paper's numbers are MNIST). Accuracy after removing every pruned neuron " +
                      "(\"pruned\", the headline) and of the network as trained (\"gated\"); mean ± std over seeds.");
        md.AppendLine();
        md.Append("| configuration | seeds | accuracy pruned % | accuracy gated % | sparsity % | neurons kept |");
        foreach (var l in layers) md.Append($" kept {l} |");
        md.AppendLine(" s<ε / [ε,0.1) / [0.1,0.9) / ≥0.9 | bimodality | pruned not inert | paper: accuracy % | paper: sparsity % | paper: kept |");
        md.Append("|---|---|---|---|---|---|");
        foreach (var _ in layers) md.Append("---|");
        md.AppendLine("---|---|---|---|---|---|");
        foreach (var r in Rows)
        {
            md.Append($"| {r.Title} | {r.Seeds} | {r.AccuracyPruned.Format(100)} | {r.AccuracyGated.Format(100)} | {r.Sparsity.Format(100)} | {r.NeuronsKept.Format(1, "F1")} |");
            foreach (var l in layers) md.Append($" {(r.KeptPerLayer.TryGetValue(l, out var a) ? a.Format(1, "F1") : "–")} |");
            var bins = string.Join(" / ", r.Bins.Values.Select(b => P(b.Mean * 100)));
            md.Append($" {bins} | {r.Bimodality.Format(1, "F3")} | {r.PrunedNotInert.Format(1, "F1")} |");
            md.AppendLine(r.Paper is { } p ? $" {P(p.AccuracyPercent)} | {P(p.SparsityPercent)} | {p.NeuronsKept} |" : " – | – | – |");
        }
        return md.ToString();
    }

    public string ToCsv()
    {
        var layers = Rows.SelectMany(r => r.KeptPerLayer.Keys).Distinct().ToList();
        var bins = Rows.SelectMany(r => r.Bins.Keys).Distinct().ToList();
        var csv = new StringBuilder("preset,title,seeds,accuracy_pruned_mean,accuracy_pruned_std,accuracy_gated_mean,accuracy_gated_std,sparsity_mean,sparsity_std,neurons_kept_mean,neurons_kept_std");
        foreach (var l in layers) csv.Append($",{CsvText.Field($"kept_{l}_mean")},{CsvText.Field($"kept_{l}_std")}");
        foreach (var b in bins) csv.Append(',').Append(CsvText.Field($"bin_{b}"));
        csv.AppendLine(",bimodality_mean,pruned_not_inert_mean,paper_accuracy,paper_sparsity,paper_kept");
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        foreach (var r in Rows)
        {
            csv.Append($"{CsvText.Field(r.Preset)},{CsvText.Field(r.Title)},{r.Seeds},{F(r.AccuracyPruned.Mean)},{F(r.AccuracyPruned.Std)},{F(r.AccuracyGated.Mean)},{F(r.AccuracyGated.Std)},{F(r.Sparsity.Mean)},{F(r.Sparsity.Std)},{F(r.NeuronsKept.Mean)},{F(r.NeuronsKept.Std)}");
            foreach (var l in layers) csv.Append(r.KeptPerLayer.TryGetValue(l, out var a) ? $",{F(a.Mean)},{F(a.Std)}" : ",,");
            foreach (var b in bins) csv.Append(r.Bins.TryGetValue(b, out var a) ? $",{F(a.Mean)}" : ",");
            csv.Append($",{F(r.Bimodality.Mean)},{F(r.PrunedNotInert.Mean)}");
            csv.AppendLine(r.Paper is { } p ? $",{F(p.AccuracyPercent / 100)},{F(p.SparsityPercent / 100)},{p.NeuronsKept}" : ",,,");
        }
        return csv.ToString();
    }
}
