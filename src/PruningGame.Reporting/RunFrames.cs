using Deedle;
using Microsoft.Data.Analysis;

namespace PruningGame.Reporting;

/// <summary>
/// Run folders as typed data frames, in both libraries notebook users know: Microsoft.Data.Analysis
/// <see cref="DataFrame"/> and Deedle <see cref="Frame{TRowKey, TColumnKey}"/>.
/// </summary>
public static class RunFrames
{
    /// <summary>metrics.csv of every run, one row per (run, epoch): run_id, label, method, seed, then every metric as double.</summary>
    public static DataFrame Metrics(IEnumerable<RunData> runs)
    {
        var list = runs.ToList();
        var metricColumns = list.SelectMany(r => r.Metrics.Header).Distinct().Where(c => c != "epoch").ToList();
        var runId = new StringDataFrameColumn("run_id");
        var label = new StringDataFrameColumn("label");
        var method = new StringDataFrameColumn("method");
        var seed = new Int64DataFrameColumn("seed");
        var epoch = new Int32DataFrameColumn("epoch");
        var values = metricColumns.ToDictionary(c => c, c => new DoubleDataFrameColumn(c));
        foreach (var run in list)
            for (var row = 0; row < run.Metrics.Rows.Count; row++)
            {
                runId.Append(run.Summary.RunId);
                label.Append(run.Label);
                method.Append(run.Summary.Method);
                seed.Append(run.Summary.Seed);
                epoch.Append((int)run.Metrics.Number(row, "epoch"));
                foreach (var (name, column) in values)
                    column.Append(run.Metrics.Has(name) ? run.Metrics.Number(row, name) : null);
            }
        return new DataFrame([runId, label, method, seed, epoch, .. values.Values]);
    }

    /// <summary>participation.csv of every run, one row per (run, player).</summary>
    public static DataFrame Participation(IEnumerable<RunData> runs)
    {
        var runId = new StringDataFrameColumn("run_id");
        var label = new StringDataFrameColumn("label");
        var seed = new Int64DataFrameColumn("seed");
        var layer = new StringDataFrameColumn("layer");
        var player = new Int32DataFrameColumn("player");
        var doubles = new[] { "participation", "theta_norm", "gated_theta_norm", "outgoing_norm" }.Select(n => new DoubleDataFrameColumn(n)).ToArray();
        var pruned = new BooleanDataFrameColumn("pruned");
        var inert = new BooleanDataFrameColumn("inert");
        foreach (var run in runs)
        {
            if (run.Participation is not { } table) continue;
            for (var row = 0; row < table.Rows.Count; row++)
            {
                runId.Append(run.Summary.RunId);
                label.Append(run.Label);
                seed.Append(run.Summary.Seed);
                layer.Append(table.Text(row, "layer"));
                player.Append((int)table.Number(row, "player"));
                foreach (var column in doubles) column.Append(table.Number(row, column.Name));
                pruned.Append(table.Flag(row, "pruned"));
                inert.Append(table.Flag(row, "inert"));
            }
        }
        return new DataFrame([runId, label, seed, layer, player, .. doubles, pruned, inert]);
    }

    /// <summary>summary.json of every run, one row per run.</summary>
    public static DataFrame Summaries(IEnumerable<RunData> runs)
    {
        var list = runs.ToList();
        DataFrameColumn Text(string name, Func<RunData, string> f) => new StringDataFrameColumn(name, list.Select(f));
        DataFrameColumn Number(string name, Func<RunData, double> f) => new DoubleDataFrameColumn(name, list.Select(f));
        DataFrameColumn Count(string name, Func<RunData, long> f) => new Int64DataFrameColumn(name, list.Select(f));
        return new DataFrame(
            Text("run_id", r => r.Summary.RunId), Text("label", r => r.Label), Text("method", r => r.Summary.Method),
            Text("dataset", r => r.Summary.Dataset), Text("model", r => r.Summary.Model), Count("seed", r => r.Summary.Seed),
            Number("accuracy_pruned", r => r.Summary.TestAccuracyPruned), Number("accuracy_gated", r => r.Summary.TestAccuracyGated),
            Number("neuron_sparsity", r => r.Summary.NeuronSparsity), Number("weight_sparsity", r => r.Summary.WeightSparsity),
            Count("neurons_kept", r => r.Summary.NeuronsKept), Count("compact_parameters", r => r.Summary.CompactParameters),
            Count("compact_multiply_adds", r => r.Summary.CompactMultiplyAdds), Number("compact_latency_ms", r => r.Summary.CompactLatencyMs),
            Number("bimodality", r => r.Summary.BimodalityCoefficient), Count("pruned_not_inert", r => r.Summary.PrunedNotInert));
    }

    /// <summary>The same data as a Deedle frame (rows keyed 0..n−1, columns by name, values typed as in the DataFrame).</summary>
    public static Frame<int, string> ToDeedle(DataFrame frame)
    {
        var builder = new FrameBuilder.Columns<int, string>();
        var keys = Enumerable.Range(0, (int)frame.Rows.Count).ToArray();
        foreach (var column in frame.Columns)
        {
            ISeries<int> series = column switch
            {
                DoubleDataFrameColumn d => new Series<int, double>(keys, d.Select(v => v ?? double.NaN)),
                Int64DataFrameColumn l => new Series<int, long>(keys, l.Select(v => v ?? 0)),
                Int32DataFrameColumn i => new Series<int, int>(keys, i.Select(v => v ?? 0)),
                BooleanDataFrameColumn b => new Series<int, bool>(keys, b.Select(v => v ?? false)),
                StringDataFrameColumn s => new Series<int, string>(keys, s.Select(v => v ?? "")),
                _ => throw new NotSupportedException($"Column '{column.Name}' has type {column.DataType.Name}, which the Deedle conversion does not handle."),
            };
            builder.Add(column.Name, series);
        }
        return builder.Frame;
    }
}
