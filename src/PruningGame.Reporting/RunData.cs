using PruningGame.Experiments;
using PruningGame.Training;

namespace PruningGame.Reporting;

/// <summary>One finished run folder, read: its config, summary and tables (docs/run-folder.md).</summary>
public sealed record RunData(string Folder, RunConfig Config, RunSummary Summary, CsvTable Metrics, CsvTable? Participation, CsvTable? Trajectories)
{
    /// <summary>The grouping label: configurations with the same label are seeds of one setting.</summary>
    public string Label => string.IsNullOrEmpty(Summary.Preset) ? Summary.Method : Summary.Preset;

    public IReadOnlyList<string> Layers => Summary.TotalPerLayer.Keys.ToList();

    public static RunData Load(string folder)
    {
        var summaryPath = Path.Combine(folder, RunFolder.SummaryFile);
        if (!File.Exists(summaryPath))
            throw new InvalidDataException($"'{folder}' is not a finished run folder: it has no {RunFolder.SummaryFile}.");
        string Optional(string name) => Path.Combine(folder, name);
        return new RunData(
            folder,
            RunConfig.Load(Path.Combine(folder, RunFolder.ConfigFile)),
            RunSummaries.Read(summaryPath),
            CsvTable.Read(Path.Combine(folder, "metrics.csv")),
            File.Exists(Optional("participation.csv")) ? CsvTable.Read(Optional("participation.csv")) : null,
            File.Exists(Optional("trajectories.csv")) ? CsvTable.Read(Optional("trajectories.csv")) : null);
    }

    /// <summary>Every finished run folder under <paramref name="root"/> (itself included), in a stable order.</summary>
    public static IReadOnlyList<RunData> LoadAll(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Results folder '{root}' does not exist.");
        return Directory.EnumerateFiles(root, RunFolder.SummaryFile, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .Order(StringComparer.Ordinal)
            .Select(f => Load(f!))
            .ToList();
    }
}
