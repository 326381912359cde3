using System.Globalization;
using System.Text;
using PruningGame.Infrastructure;
using PruningGame.Methods;

namespace PruningGame.RunRecords;

/// <summary>
/// metrics.csv, written and read in one place: one <see cref="EpochRecord"/> per row (docs/run-folder.md). The columns
/// are <see cref="Columns"/>; the writer, the reader and the data frames of Reporting all go through that list.
/// </summary>
public static class MetricsCsv
{
    public const string Epoch = "epoch", TrainLoss = "train_loss", TestAccuracyGated = "test_accuracy_gated",
        TestAccuracyPruned = "test_accuracy_pruned", AccuracyGap = "accuracy_gap", NeuronSparsity = "neuron_sparsity",
        MeanParticipation = "mean_participation", ActiveNeurons = "active_neurons", PredictedCollapse = "predicted_collapse",
        ActualCollapse = "actual_collapse", CollapsePrecision = "collapse_precision", CollapseRecall = "collapse_recall",
        WeightSparsity = "weight_sparsity", WallSeconds = "wall_seconds";

    public static string Active(string layer) => $"active_{layer}";
    public static string Sparsity(string layer) => $"sparsity_{layer}";
    public static string MeanParticipationOf(string layer) => $"{MeanParticipation}_{layer}";

    /// <summary>The name of <paramref name="column"/> measured under <paramref name="criterion"/>, e.g. "test_accuracy_pruned[EffectiveNorm]".</summary>
    public static string UnderCriterion(string column, string criterion) => $"{column}[{criterion}]";

    /// <summary>One column: its name, its value in a record (null: an empty cell) and the number format it is written in.</summary>
    public sealed record Column(string Name, Func<EpochRecord, double?> Value, string Format = "R");

    /// <summary>
    /// Every column, in the file's order, for a network with <paramref name="layers"/> measured under
    /// <paramref name="criteria"/> (the records' <see cref="EpochRecord.Layers"/> and <see cref="EpochRecord.Criteria"/>, in order).
    /// </summary>
    public static IReadOnlyList<Column> Columns(IReadOnlyList<string> layers, IReadOnlyList<string> criteria)
    {
        var columns = new List<Column>
        {
            new(Epoch, r => r.Epoch), new(TrainLoss, r => r.TrainLoss), new(TestAccuracyGated, r => r.TestAccuracyGated),
            new(TestAccuracyPruned, r => r.TestAccuracyPruned), new(AccuracyGap, r => r.AccuracyGap), new(NeuronSparsity, r => r.NeuronSparsity),
            new(MeanParticipation, r => r.MeanParticipation), new(ActiveNeurons, r => r.ActiveNeurons),
        };
        for (var k = 0; k < layers.Count; k++)
        {
            var layer = k;
            columns.Add(new(Active(layers[k]), r => r.Layers[layer].Active));
            columns.Add(new(Sparsity(layers[k]), r => r.Layers[layer].Sparsity));
            columns.Add(new(MeanParticipationOf(layers[k]), r => r.Layers[layer].MeanParticipation));
        }
        columns.Add(new(PredictedCollapse, r => r.Collapse?.Predicted));
        columns.Add(new(ActualCollapse, r => r.Collapse?.Actual));
        columns.Add(new(CollapsePrecision, r => r.Collapse?.Precision));
        columns.Add(new(CollapseRecall, r => r.Collapse?.Recall));
        columns.Add(new(WeightSparsity, r => r.WeightSparsity));
        for (var j = 0; j < criteria.Count; j++)
        {
            var c = j;
            string Name(string column) => UnderCriterion(column, criteria[c]);
            columns.Add(new(Name(TestAccuracyPruned), r => r.Criteria[c].TestAccuracyPruned));
            columns.Add(new(Name(AccuracyGap), r => r.TestAccuracyGated - r.Criteria[c].TestAccuracyPruned));
            columns.Add(new(Name(NeuronSparsity), r => r.Criteria[c].NeuronSparsity));
            columns.Add(new(Name(ActiveNeurons), r => r.Criteria[c].ActiveNeurons));
            for (var k = 0; k < layers.Count; k++)
            {
                var layer = k;
                columns.Add(new(Name(Active(layers[k])), r => r.Criteria[c].Layers[layer].Active));
                columns.Add(new(Name(Sparsity(layers[k])), r => r.Criteria[c].Layers[layer].Sparsity));
            }
        }
        columns.Add(new(WallSeconds, r => r.WallSeconds, "F3"));
        return columns;
    }

    /// <summary>The columns of <paramref name="records"/> (those of the first: every record of a run has the same layers and criteria).</summary>
    public static IReadOnlyList<Column> ColumnsOf(IReadOnlyList<EpochRecord> records) => records.Count == 0
        ? Columns([], [])
        : Columns(records[0].Layers.Select(l => l.Name).ToList(), records[0].Criteria.Select(c => c.Criterion).ToList());

    public static string Text(IReadOnlyList<EpochRecord> records)
    {
        var columns = ColumnsOf(records);
        var csv = new StringBuilder(CsvText.Row(columns.Select(c => c.Name))).Append('\n');
        foreach (var record in records)
            csv.Append(string.Join(",", columns.Select(c => c.Value(record) is { } v ? v.ToString(c.Format, CultureInfo.InvariantCulture) : ""))).Append('\n');
        return csv.ToString();
    }

    /// <summary>
    /// The records of the metrics.csv at <paramref name="path"/> of a run whose summary.json gives its layers' sizes
    /// (<see cref="RunSummary.TotalPerLayer"/>) and the prune criteria it was measured under (<see cref="RunSummary.Criteria"/>).
    /// A missing column, a layer or criterion the file and the summary do not agree on, or an unreadable cell is an error
    /// naming the file.
    /// </summary>
    public static IReadOnlyList<EpochRecord> Read(string path, RunSummary summary)
    {
        var table = CsvTable.Read(path);
        var totalPerLayer = summary.TotalPerLayer;
        var layers = table.Header.Where(c => c.StartsWith(MeanParticipation + "_", StringComparison.Ordinal))
            .Select(c => c[(MeanParticipation.Length + 1)..]).ToList();
        var prefix = TestAccuracyPruned + "[";
        var criteria = table.Header.Where(c => c.StartsWith(prefix, StringComparison.Ordinal) && c.EndsWith(']'))
            .Select(c => c[prefix.Length..^1]).ToList();
        Agree("layer", layers, totalPerLayer.Keys, "totalPerLayer");
        Agree("prune criterion", criteria, summary.Criteria?.Keys ?? [], "criteria");
        table.Require(Columns(layers, criteria).Select(c => c.Name));

        void Agree(string what, IReadOnlyList<string> inFile, IEnumerable<string> inSummary, string field)
        {
            var summarised = inSummary.ToList();
            foreach (var name in inFile.Where(n => !summarised.Contains(n)))
                throw new InvalidDataException($"'{path}' has columns for the {what} '{name}', which the run's summary.json ('{field}') does not have.");
            foreach (var name in summarised.Where(n => !inFile.Contains(n)))
                throw new InvalidDataException($"'{path}' has no columns for the {what} '{name}' of the run's summary.json ('{field}').");
        }

        IReadOnlyList<LayerRecord> Layers(int row, Func<string, string> name, Func<string, double> meanParticipation) =>
            layers.Select(l => new LayerRecord(l, table.Integer(row, name(Active(l))), totalPerLayer[l], meanParticipation(l))).ToList();

        var records = Enumerable.Range(0, table.Rows.Count).Select(row =>
        {
            double Number(string column) => table.Number(row, column);
            // Accuracies and sparsities are fractions, a loss a finite number: NaN or 5 (500 %) would be plotted and averaged as it is.
            double Fraction(string column) => table.Fraction(row, column);
            double MeanOf(string layer) => Number(MeanParticipationOf(layer));
            var collapse = table.Text(row, PredictedCollapse).Length == 0
                ? null
                : new CollapseCheck(table.Integer(row, PredictedCollapse), table.Integer(row, ActualCollapse), Number(CollapsePrecision), Number(CollapseRecall));
            return new EpochRecord
            {
                Epoch = table.Integer(row, Epoch),
                TrainLoss = table.FiniteNumber(row, TrainLoss),
                TestAccuracyGated = Fraction(TestAccuracyGated),
                TestAccuracyPruned = Fraction(TestAccuracyPruned),
                NeuronSparsity = Fraction(NeuronSparsity),
                MeanParticipation = Number(MeanParticipation),
                ActiveNeurons = table.Integer(row, ActiveNeurons),
                Layers = Layers(row, c => c, MeanOf),
                Collapse = collapse,
                WeightSparsity = Fraction(WeightSparsity),
                WallSeconds = Number(WallSeconds),
                Criteria = criteria.Select(criterion => new CriterionRecord(criterion,
                    Fraction(UnderCriterion(TestAccuracyPruned, criterion)), Fraction(UnderCriterion(NeuronSparsity, criterion)),
                    table.Integer(row, UnderCriterion(ActiveNeurons, criterion)), Layers(row, c => UnderCriterion(c, criterion), MeanOf))).ToList(),
            };
        }).ToList();
        // One row per epoch, 1 to the run's epochs, in order: a missing, repeated or extra row is damage, not data.
        if (!records.Select(r => r.Epoch).SequenceEqual(Enumerable.Range(1, summary.Epochs)))
            throw new InvalidDataException($"'{path}' has the epochs [{string.Join(", ", records.Select(r => r.Epoch))}]; the run's summary.json says " +
                                           $"it trained {summary.Epochs}, so they should be 1 to {summary.Epochs}, one row each.");
        return records;
    }
}
