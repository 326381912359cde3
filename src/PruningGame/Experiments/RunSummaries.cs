using PruningGame.Configuration;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>
/// Finds and reads (<see cref="SummaryJson"/>) the summary.json of every finished run under a folder; two runs of the same
/// config and seed are one measurement, not two seeds.
/// </summary>
public static class RunSummaries
{
    /// <summary>Every finished run's summary under <paramref name="root"/>, plus the derived series its series.json declares.</summary>
    public static IReadOnlyList<RunSummary> Load(string root)
    {
        var runs = FinishedRuns(root).Select(path => (Folder: Path.GetDirectoryName(path)!, Summary: SummaryJson.Read(path))).ToList();
        RefuseDuplicates(runs.Select(r =>
        {
            var configPath = Path.Combine(r.Folder, RunFiles.Config);
            var config = File.Exists(configPath) ? RunConfig.Load(configPath) : null;
            if (config is not null) r.Summary.RequireRecordedConfig(config, configPath);
            return (r.Folder, config, r.Summary);
        }));
        return DerivedSeries.Apply(root, runs.Select(r => r.Summary).ToList(), r => r.Label, (r, series) => series.Read(r));
    }

    /// <summary>
    /// The summary.json of every finished run under <paramref name="root"/> (itself included), in ordinal order of their
    /// paths: what every reader of a results folder starts from.
    /// </summary>
    public static IReadOnlyList<string> FinishedRuns(string root)
    {
        if (File.Exists(root))
            throw new InvalidDataException($"'{root}' is a file: give the folder that holds the runs (a run folder, or a folder of them).");
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Results folder '{root}' does not exist.");
        return Directory.EnumerateFiles(root, RunFiles.Summary, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The run folders under <paramref name="root"/> that were started and have no summary.json (running, killed, or with
    /// their summary lost): what a summary of the finished runs leaves out, and says it leaves out.
    /// </summary>
    public static IReadOnlyList<string> UnfinishedRuns(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, RunFiles.Config, SearchOption.AllDirectories).Select(p => Path.GetDirectoryName(p)!)
                       .Where(folder => !File.Exists(Path.Combine(folder, RunFiles.Summary))).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// The runs a summary may average, or refuses naming both folders: two runs whose config.json agree in every field that
    /// decides results, seed included, whatever experiment and label they were filed under (one measurement, not two
    /// seeds); two runs of one label with the same seed (which also catches a hand-made folder without config.json); and
    /// two runs of one label that are not the same configuration (a row averages seeds of one configuration: another β,
    /// architecture or method under the same label, as when one folder holds two experiments, would be averaged into it).
    /// </summary>
    public static void RefuseDuplicates(IEnumerable<(string Folder, RunConfig? Config, RunSummary Summary)> runs)
    {
        var measurements = new Dictionary<string, string>(StringComparer.Ordinal);
        var rowSeeds = new Dictionary<(string Label, long Seed), string>();
        var rows = new Dictionary<string, (string Folder, RunConfig? Config, RunSummary Summary)>(StringComparer.Ordinal);
        foreach (var (folder, config, summary) in runs)
        {
            if (rows.TryGetValue(summary.Label, out var row) && RowDifference(row.Config, row.Summary, config, summary) is { } difference)
                throw new InvalidDataException($"Runs '{row.Folder}' and '{folder}' are both label '{summary.Label}' but not one configuration ({difference}): " +
                                               "a row averages seeds of one configuration. Summarise one experiment's folder, or give one of them another label.");
            rows.TryAdd(summary.Label, (folder, config, summary));
            if (config is not null)
            {
                var measurement = ResultDecidingFields.Key(config with { Experiment = "", Label = "" });
                if (measurements.TryGetValue(measurement, out var same))
                    throw new InvalidDataException($"Runs '{same}' and '{folder}' have the same config and seed: they are one measurement, not two seeds. " +
                                                   "Move one of them out of the folder being summarised.");
                measurements[measurement] = folder;
            }
            if (rowSeeds.TryGetValue((summary.Label, summary.Seed), out var first))
                throw new InvalidDataException($"Runs '{first}' and '{folder}' are both label '{summary.Label}', seed {summary.Seed}: a row averages one run " +
                                               "per seed of one configuration. Summarise one experiment's folder, or move one of them out of the folder being summarised.");
            rowSeeds[(summary.Label, summary.Seed)] = folder;
        }
    }

    /// <summary>
    /// Where two runs of one label differ other than in seed, experiment and label, or null: from their config.json
    /// (<see cref="ResultDecidingFields"/>) when both have one, else from what summary.json records of the configuration.
    /// </summary>
    private static string? RowDifference(RunConfig? firstConfig, RunSummary first, RunConfig? config, RunSummary summary)
    {
        if (firstConfig is not null && config is not null)
        {
            static RunConfig Setting(RunConfig c) => c with { Experiment = "", Label = "", Training = c.Training with { Seed = 0 } };
            var differences = ResultDecidingFields.Differences(Setting(firstConfig), Setting(config));
            return differences.Count == 0 ? null : ResultDecidingFields.Describe(differences, d => $"'{d.Field}' {d.Old} against {d.New}");
        }
        (string Field, string A, string B)[] recorded =
            [("method", first.Method, summary.Method), ("dataset", first.Dataset, summary.Dataset), ("model", first.Model, summary.Model),
             ("epochs", $"{first.Epochs}", $"{summary.Epochs}")];
        return recorded.Where(r => r.A != r.B).Select(r => $"'{r.Field}' {r.A} against {r.B}").FirstOrDefault();
    }
}
