using PruningGame.Infrastructure;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PruningGame.Training;

/// <summary>
/// One run's folder, <c>results/runs/&lt;experiment&gt;/&lt;run-id&gt;/</c> (docs/run-folder.md). Every file is written
/// atomically; a folder with summary.json is finished and is never written again.
/// </summary>
public sealed class RunFolder
{
    public const string ConfigFile = "config.json";
    public const string SummaryFile = "summary.json";

    private RunFolder(string path, string runId)
    {
        Path = path;
        RunId = runId;
    }

    public string Path { get; }
    public string RunId { get; }
    public bool IsFinished => File.Exists(PathOf(SummaryFile));
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The canonical run id for a config: preset and seed, e.g. "extreme-beta-seed1".</summary>
    public static string DefaultRunId(RunConfig config) => $"{config.Preset}-seed{config.Training.Seed}";

    /// <summary>
    /// Opens the folder for <paramref name="runId"/>. A finished folder is never reused: the id gets a suffix
    /// (-2, -3, ...). An unfinished folder is reused only when <paramref name="resume"/> is set: from its checkpoint
    /// when it has one, else from scratch (a killed run that left no checkpoint holds nothing finished to protect,
    /// and a sweep must find its run under the id it asked for).
    /// </summary>
    public static RunFolder Open(string resultsRoot, RunConfig config, string? runId = null, bool resume = false)
    {
        var baseId = runId ?? DefaultRunId(config);
        var experimentDir = System.IO.Path.Combine(resultsRoot, "runs", config.Experiment);
        for (var attempt = 1; ; attempt++)
        {
            var id = attempt == 1 ? baseId : $"{baseId}-{attempt}";
            var path = System.IO.Path.Combine(experimentDir, id);
            var folder = new RunFolder(path, id);
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path);
                return folder;
            }
            if (folder.IsFinished) continue;
            if (resume) return folder;
            if (!Directory.EnumerateFileSystemEntries(path).Any()) return folder;
            // An unfinished run we were not asked to resume: leave it for a later --resume.
        }
    }

    /// <summary>Finds a finished run for a config (for sweeps that skip completed work).</summary>
    public static bool IsCompleted(string resultsRoot, RunConfig config, string runId) =>
        System.IO.File.Exists(System.IO.Path.Combine(resultsRoot, "runs", config.Experiment, runId, SummaryFile));

    public void WriteConfig(RunConfig config) => AtomicFile.WriteAllText(PathOf(ConfigFile), config.ToJson());

    public void WriteJson<T>(string name, T value) =>
        AtomicFile.WriteAllText(PathOf(name), JsonSerializer.Serialize(value, RunConfig.Json));

    public void WriteMetrics(IReadOnlyList<EpochRecord> records)
    {
        var layers = records.Count == 0 ? [] : records[0].Layers.Select(l => l.Name).ToArray();
        var csv = new StringBuilder();
        csv.Append("epoch,train_loss,test_accuracy_gated,test_accuracy_pruned,accuracy_gap,neuron_sparsity,mean_participation,active_neurons");
        foreach (var layer in layers) csv.Append($",active_{layer},sparsity_{layer},mean_participation_{layer}");
        csv.Append(",predicted_collapse,actual_collapse,collapse_precision,collapse_recall,weight_sparsity");
        var criteria = records.Count == 0 ? [] : records[0].Criteria.Select(c => c.Criterion).ToArray();
        foreach (var criterion in criteria)
            foreach (var column in CriterionColumns(layers))
                csv.Append(',').Append(CriterionColumn(column, criterion));
        csv.AppendLine(",wall_seconds");
        foreach (var r in records)
        {
            csv.Append(Invariant($"{r.Epoch},{r.TrainLoss:R},{r.TestAccuracyGated:R},{r.TestAccuracyPruned:R},{r.AccuracyGap:R},{r.NeuronSparsity:R},{r.MeanParticipation:R},{r.ActiveNeurons}"));
            foreach (var l in r.Layers) csv.Append(Invariant($",{l.Active},{l.Sparsity:R},{l.MeanParticipation:R}"));
            var c = r.Collapse;
            csv.Append(c is null ? ",,,," : Invariant($",{c.Predicted},{c.Actual},{c.Precision:R},{c.Recall:R}"));
            csv.Append(Invariant($",{r.WeightSparsity:R}"));
            foreach (var criterion in r.Criteria)
            {
                csv.Append(Invariant($",{criterion.TestAccuracyPruned:R},{r.TestAccuracyGated - criterion.TestAccuracyPruned:R},{criterion.NeuronSparsity:R},{criterion.ActiveNeurons}"));
                foreach (var l in criterion.Layers) csv.Append(Invariant($",{l.Active},{l.Sparsity:R}"));
            }
            csv.AppendLine(Invariant($",{r.WallSeconds:F3}"));
        }
        AtomicFile.WriteAllText(PathOf("metrics.csv"), csv.ToString());
    }

    /// <summary>The metrics.csv columns that depend on the prune criterion; each also stands per criterion as <see cref="CriterionColumn"/>.</summary>
    public static IEnumerable<string> CriterionColumns(IEnumerable<string> layers) =>
        new[] { "test_accuracy_pruned", "accuracy_gap", "neuron_sparsity", "active_neurons" }
            .Concat(layers.SelectMany(l => new[] { $"active_{l}", $"sparsity_{l}" }));

    /// <summary>The name of <paramref name="column"/> measured under <paramref name="criterion"/>, e.g. "test_accuracy_pruned[EffectiveNorm]".</summary>
    public static string CriterionColumn(string column, string criterion) => $"{column}[{criterion}]";

    public void WriteParticipation(IEnumerable<PlayerRecord> players)
    {
        var csv = new StringBuilder("layer,player,participation,theta_norm,effective_norm,outgoing_norm,pruned,inert\n");
        foreach (var p in players)
            csv.AppendLine(Invariant($"{p.Layer},{p.Player},{p.Participation:R},{p.ThetaNorm:R},{p.EffectiveNorm:R},{p.OutgoingNorm:R},{Bool(p.Pruned)},{Bool(p.Inert)}"));
        AtomicFile.WriteAllText(PathOf("participation.csv"), csv.ToString());
    }

    public void WriteTrajectories(IEnumerable<(int Epoch, string Layer, int Player, double Participation)> rows)
    {
        var csv = new StringBuilder("epoch,layer,player,participation\n");
        foreach (var r in rows) csv.AppendLine(Invariant($"{r.Epoch},{r.Layer},{r.Player},{r.Participation:R}"));
        AtomicFile.WriteAllText(PathOf("trajectories.csv"), csv.ToString());
    }

    private static string Bool(bool value) => value ? "true" : "false";
    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One row of participation.csv.</summary>
public sealed record PlayerRecord(string Layer, int Player, double Participation, double ThetaNorm, double EffectiveNorm,
                                  double OutgoingNorm, bool Pruned, bool Inert);
