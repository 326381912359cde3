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
    public static IReadOnlyList<RunSummary> Load(string root) =>
        DerivedSeries.Apply(root, FinishedRuns(root).Select(SummaryJson.Read).ToList(), r => r.Label, (r, series) => series.Read(r));

    /// <summary>
    /// The summary.json of every finished run under <paramref name="root"/> (itself included), in ordinal order of their
    /// paths, after refusing two runs of the same config and seed: what every reader of a results folder starts from.
    /// </summary>
    public static IReadOnlyList<string> FinishedRuns(string root)
    {
        if (File.Exists(root))
            throw new InvalidDataException($"'{root}' is a file: give the folder that holds the runs (a run folder, or a folder of them).");
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Results folder '{root}' does not exist.");
        var paths = Directory.EnumerateFiles(root, RunFiles.Summary, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        RefuseDuplicates(paths);
        return paths;
    }

    /// <summary>
    /// Two finished runs whose config.json agree on every field that decides results (seed included) are refused, naming
    /// both. A folder without config.json (hand-made) is compared by its summary's experiment, label, method, dataset,
    /// model, epochs and seed.
    /// </summary>
    private static void RefuseDuplicates(IEnumerable<string> summaryPaths)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var summary in summaryPaths)
        {
            var folder = Path.GetDirectoryName(summary)!;
            var configPath = Path.Combine(folder, RunFiles.Config);
            var key = File.Exists(configPath)
                ? ResultDecidingFields.Key(RunConfig.Load(configPath))
                : SummaryJson.Read(summary) is var s ? $"summary:{s.Experiment}|{s.Label}|{s.Method}|{s.Dataset}|{s.Model}|{s.Epochs}|{s.Seed}" : "";
            if (seen.TryGetValue(key, out var first))
                throw new InvalidDataException($"Runs '{first}' and '{folder}' have the same config and seed: they are one measurement, not two seeds. " +
                                               "Move one of them out of the folder being summarised.");
            seen[key] = folder;
        }
    }
}
