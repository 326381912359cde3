using Deedle;
using Microsoft.Data.Analysis;
using PruningGame.RunRecords;

namespace PruningGame.Reporting;

/// <summary>
/// Run folders as typed data frames, in both libraries notebook users know: Microsoft.Data.Analysis
/// <see cref="DataFrame"/> and Deedle <see cref="Frame{TRowKey, TColumnKey}"/>.
/// </summary>
public static class RunFrames
{
    /// <summary>
    /// metrics.csv of every run, one row per (run, epoch): run_id, label, method, seed, epoch, then every other column of
    /// <see cref="MetricsCsv.Columns"/> as double (NaN for an empty cell; missing where a run has no such column).
    /// </summary>
    public static DataFrame Metrics(IEnumerable<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.Select(r => (Run: r, Columns: MetricsCsv.ColumnsOf(r.Epochs).Where(c => c.Name != MetricsCsv.Epoch).ToList())).ToList();
        var runId = new StringDataFrameColumn("run_id");
        var label = new StringDataFrameColumn("label");
        var method = new StringDataFrameColumn("method");
        var seed = new Int64DataFrameColumn("seed");
        var epoch = new Int32DataFrameColumn(MetricsCsv.Epoch);
        var values = list.SelectMany(r => r.Columns).Select(c => c.Name).Distinct().ToDictionary(c => c, c => new DoubleDataFrameColumn(c));
        foreach (var (run, columns) in list)
            foreach (var record in run.Epochs)
            {
                runId.Append(run.Summary.RunId);
                label.Append(run.Label);
                method.Append(run.Summary.Method);
                seed.Append(run.Summary.Seed);
                epoch.Append(record.Epoch);
                var row = columns.ToDictionary(c => c.Name, c => c.Value(record) ?? double.NaN);
                foreach (var (name, column) in values)
                    column.Append(row.TryGetValue(name, out var value) ? value : null);
            }
        return new DataFrame([runId, label, method, seed, epoch, .. values.Values]);
    }

    /// <summary>participation.csv of every run, one row per (run, player); pruned and inert are missing for a run read under another rule (<see cref="RunData.PlayerFates"/>).</summary>
    public static DataFrame Participation(IEnumerable<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var runId = new StringDataFrameColumn("run_id");
        var label = new StringDataFrameColumn("label");
        var seed = new Int64DataFrameColumn("seed");
        var layer = new StringDataFrameColumn(ParticipationCsv.Layer);
        var player = new Int32DataFrameColumn(ParticipationCsv.Player);
        var doubles = new (string Name, Func<PlayerRecord, double> Value)[]
        {
            (ParticipationCsv.Participation, p => p.Participation), (ParticipationCsv.ThetaNorm, p => p.ThetaNorm),
            (ParticipationCsv.GatedThetaNorm, p => p.GatedThetaNorm), (ParticipationCsv.OutgoingNorm, p => p.OutgoingNorm),
        }.Select(c => (Column: new DoubleDataFrameColumn(c.Name), c.Value)).ToArray();
        var pruned = new BooleanDataFrameColumn(ParticipationCsv.Pruned);
        var inert = new BooleanDataFrameColumn(ParticipationCsv.Inert);
        foreach (var run in runs)
            foreach (var p in run.Players)
            {
                runId.Append(run.Summary.RunId);
                label.Append(run.Label);
                seed.Append(run.Summary.Seed);
                layer.Append(p.Layer);
                player.Append(p.Player);
                foreach (var (column, value) in doubles) column.Append(value(p));
                pruned.Append(run.PlayerFates is null ? null : p.Pruned);   // fates only under the run's own rule
                inert.Append(run.PlayerFates is null ? null : p.Inert);
            }
        return new DataFrame([runId, label, seed, layer, player, .. doubles.Select(d => d.Column), pruned, inert]);
    }

    /// <summary>
    /// summary.json of every run, one row per run; a measure metrics.csv also has keeps its name there
    /// (<see cref="MetricsCsv.TestAccuracyPruned"/>, …), so a query reads the same against either frame.
    /// </summary>
    public static DataFrame Summaries(IEnumerable<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        DataFrameColumn Text(string name, Func<RunData, string> f) => new StringDataFrameColumn(name, list.Select(f));
        DataFrameColumn Number(string name, Func<RunData, double> f) => new DoubleDataFrameColumn(name, list.Select(f));
        DataFrameColumn Count(string name, Func<RunData, long> f) => new Int64DataFrameColumn(name, list.Select(f));
        return new DataFrame(
            Text("run_id", r => r.Summary.RunId), Text("label", r => r.Label), Text("method", r => r.Summary.Method),
            Text("dataset", r => r.Summary.Dataset), Text("model", r => r.Summary.Model), Count("seed", r => r.Summary.Seed),
            Number(MetricsCsv.TestAccuracyPruned, r => r.Summary.TestAccuracyPruned), Number(MetricsCsv.TestAccuracyGated, r => r.Summary.TestAccuracyGated),
            Number(MetricsCsv.NeuronSparsity, r => r.Summary.NeuronSparsity), Number(MetricsCsv.WeightSparsity, r => r.Summary.WeightSparsity),
            Count("neurons_kept", r => r.Summary.NeuronsKept), Count("compact_parameters", r => r.Summary.CompactParameters),
            Count("compact_multiply_adds", r => r.Summary.CompactMultiplyAdds), Number("compact_latency_ms", r => r.Summary.CompactLatencyMs),
            Number("bimodality", r => r.Summary.BimodalityCoefficient), Count("pruned_not_inert", r => r.Summary.PrunedNotInert));
    }

    /// <summary>
    /// The same data as a Deedle frame (rows keyed 0..n−1, columns by name): doubles (and floats) as double series with
    /// NaN for a missing value, whole numbers and booleans as nullable series with null for one, strings as strings.
    /// </summary>
    public static Frame<int, string> ToDeedle(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var builder = new FrameBuilder.Columns<int, string>();
        var keys = Enumerable.Range(0, (int)frame.Rows.Count).ToArray();
        foreach (var column in frame.Columns)
        {
            ISeries<int> series = column switch
            {
                // Any primitive column (a GroupBy(…).Mean(…) gives PrimitiveDataFrameColumn<double>, not DoubleDataFrameColumn);
                // a missing value stays missing in Deedle, never a made-up 0 or false.
                PrimitiveDataFrameColumn<double> d => new Series<int, double>(keys, d.Select(v => v ?? double.NaN)),
                PrimitiveDataFrameColumn<float> f => new Series<int, double>(keys, f.Select(v => v is { } x ? (double)x : double.NaN)),
                PrimitiveDataFrameColumn<long> l => new Series<int, long?>(keys, l),
                PrimitiveDataFrameColumn<int> i => new Series<int, int?>(keys, i),
                PrimitiveDataFrameColumn<bool> b => new Series<int, bool?>(keys, b),
                StringDataFrameColumn s => new Series<int, string?>(keys, s),
                _ => throw new NotSupportedException($"Column '{column.Name}' has type {column.DataType.Name}, which the Deedle conversion does not handle."),
            };
            builder.Add(column.Name, series);
        }
        return builder.Frame;
    }
}
