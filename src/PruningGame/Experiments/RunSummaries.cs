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
            return (r.Folder, Identity(File.Exists(configPath) ? RunConfig.Load(configPath) : null, r.Summary));
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
    /// What makes a finished run one measurement: its config.json's fields that decide results (seed included), or for a
    /// folder without config.json (hand-made) its summary's experiment, label, method, dataset, model, epochs and seed.
    /// </summary>
    public static string Identity(RunConfig? config, RunSummary summary) => config is not null
        ? ResultDecidingFields.Key(config)
        : $"summary:{summary.Experiment}|{summary.Label}|{summary.Method}|{summary.Dataset}|{summary.Model}|{summary.Epochs}|{summary.Seed}";

    /// <summary>Two finished runs of the same <see cref="Identity"/> are refused, naming both folders.</summary>
    public static void RefuseDuplicates(IEnumerable<(string Folder, string Identity)> runs)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, identity) in runs)
        {
            if (seen.TryGetValue(identity, out var first))
                throw new InvalidDataException($"Runs '{first}' and '{folder}' have the same config and seed: they are one measurement, not two seeds. " +
                                               "Move one of them out of the folder being summarised.");
            seen[identity] = folder;
        }
    }
}
