using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.RunRecords;

namespace PruningGame.Reporting;

/// <summary>One finished run folder, read: its config, summary and tables (docs/run-folder.md).</summary>
public sealed record RunData(string Folder, RunConfig Config, RunSummary Summary, CsvTable Metrics, CsvTable? Participation, CsvTable? Trajectories)
{
    /// <summary>The grouping label: configurations with the same label are seeds of one setting.</summary>
    public string Label => string.IsNullOrEmpty(Summary.Label) ? Summary.Method : Summary.Label;

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

    /// <summary>
    /// This run read under another prune criterion: its summary's removal numbers (<see cref="RunSummary.UnderCriterion"/>)
    /// and its metrics' criterion columns (<see cref="RunFolder.CriterionColumn"/>) are that criterion's.
    /// </summary>
    public RunData UnderCriterion(string criterion)
    {
        var summary = Summary.UnderCriterion(criterion);
        if (!Metrics.Has(RunFolder.CriterionColumn("test_accuracy_pruned", criterion)))
            throw new InvalidDataException($"'{Metrics.Path}' has no columns for prune criterion '{criterion}': rerun '{Folder}'.");
        var perCriterion = RunFolder.CriterionColumns(Layers).ToHashSet();
        var metrics = Metrics.WithColumnsReadFrom(c => perCriterion.Contains(c) ? RunFolder.CriterionColumn(c, criterion) : c);
        return this with { Summary = summary, Metrics = metrics };
    }

    /// <summary>The runs of one reading of the paper reproduction, read under that reading's prune criterion.</summary>
    public static IReadOnlyList<RunData> LoadReading(string resultsRoot, string dataset, bool quick, GameVariant reading) =>
        LoadAll(Path.Combine(resultsRoot, "runs", PaperReproduction.RunsExperimentName(dataset, quick, reading)), reading.ReadUnder?.ToString());

    /// <summary>Every finished run under <paramref name="root"/>, read under <paramref name="criterion"/> when given.</summary>
    public static IReadOnlyList<RunData> LoadAll(string root, string? criterion) =>
        criterion is null ? LoadAll(root) : LoadAll(root).Select(r => r.UnderCriterion(criterion)).ToList();

    /// <summary>Every finished run folder under <paramref name="root"/> (itself included), in a stable order.</summary>
    public static IReadOnlyList<RunData> LoadAll(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Results folder '{root}' does not exist.");
        var runs = Directory.EnumerateFiles(root, RunFolder.SummaryFile, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .Order(StringComparer.Ordinal)
            .Select(f => Load(f!))
            .ToList();
        // The sweep's derived series (series.json): the runs of another series read under a prune criterion.
        return DerivedSeries.Apply(root, runs, r => r.Summary.Label,
            (r, series) => r.UnderCriterion(series.Criterion) is var d ? d with { Summary = d.Summary with { Label = series.Label } } : r);
    }
}
