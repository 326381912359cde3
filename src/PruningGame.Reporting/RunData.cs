using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.RunRecords;

namespace PruningGame.Reporting;

/// <summary>
/// One finished run folder, read through the run folder's typed files (<see cref="RunFiles"/>, docs/run-folder.md): its
/// config, summary, per-epoch records, players and sampled trajectories.
/// </summary>
public sealed record RunData(string Folder, RunConfig Config, RunSummary Summary, IReadOnlyList<EpochRecord> Epochs,
                             IReadOnlyList<PlayerRecord> Players, IReadOnlyList<TrajectoryPoint> Trajectories)
{
    /// <summary>The grouping label: configurations with the same label are seeds of one setting.</summary>
    public string Label => string.IsNullOrEmpty(Summary.Label) ? Summary.Method : Summary.Label;

    public IReadOnlyList<string> Layers => Summary.TotalPerLayer.Keys.ToList();

    /// <summary>
    /// The prune rule this run is read under when it is not the run's own (<see cref="UnderCriterion"/>); null otherwise.
    /// </summary>
    public string? ReadUnder { get; init; }

    /// <summary>
    /// The players with their fates (pruned, inert) under the rule the run is read under: null under a rule other than the
    /// run's own, since participation.csv records the own rule's fates only.
    /// </summary>
    public IReadOnlyList<PlayerRecord>? PlayerFates => ReadUnder is null ? Players : null;

    /// <summary>Whether the run checked the collapse condition (Eq. 15) every epoch: a game run's metrics have it.</summary>
    public bool HasCollapseCheck => Epochs.Any(e => e.Collapse is not null);

    public static RunData Load(string folder)
    {
        var summaryPath = Path.Combine(folder, RunFiles.Summary);
        if (!File.Exists(summaryPath))
            throw new InvalidDataException($"'{folder}' is not a finished run folder: it has no {RunFiles.Summary}.");
        string In(string name) => Path.Combine(folder, name);
        var summary = SummaryJson.Read(summaryPath);
        var config = RunConfig.Load(In(RunFiles.Config));
        summary.RequireRecordedConfig(config, In(RunFiles.Config));
        return new RunData(
            folder,
            config,
            summary,
            MetricsCsv.Read(In(RunFiles.Metrics), summary),
            // Every finished run writes both: one missing is a damaged folder, not a run to leave out of Figure 2 unannounced.
            ParticipationCsv.Read(In(RunFiles.Participation), summary.TotalPerLayer),
            TrajectoriesCsv.Read(In(RunFiles.Trajectories), summary.Epochs, config.Training.TrajectorySamplePerLayer));
    }

    /// <summary>
    /// This run read under another prune criterion: its summary's removal numbers (<see cref="RunSummary.UnderCriterion"/>)
    /// and its epochs' (<see cref="EpochRecord.UnderCriterion"/>) are that criterion's. What only the run's own rule was
    /// recorded under is not passed off as the other rule's: the per-epoch collapse check (Eq. 15 against what the own rule
    /// removed) is dropped, and the players' fates are withheld (<see cref="PlayerFates"/>).
    /// </summary>
    public RunData UnderCriterion(string criterion)
    {
        var summary = Summary.UnderCriterion(criterion);
        var ownRule = Config.Method.Game?.PruneCriterion.ToString() == criterion;
        var epochs = Epochs.Select(e => e.UnderCriterion(criterion) is { } under
            ? ownRule ? under : under with { Collapse = null }
            : throw new InvalidDataException($"'{Path.Combine(Folder, RunFiles.Metrics)}' has no columns for prune criterion '{criterion}' " +
                                             $"(epoch {e.Epoch}): rerun '{Folder}'.")).ToList();
        return this with { Summary = summary, Epochs = epochs, ReadUnder = ownRule ? null : criterion };
    }

    /// <summary>The runs of one reading of the paper reproduction, read under that reading's prune criterion.</summary>
    public static IReadOnlyList<RunData> LoadReading(string resultsRoot, string dataset, bool quick, GameVariant reading) =>
        LoadAll(RunFolder.ExperimentFolder(resultsRoot, PaperReproduction.RunsExperimentName(dataset, quick, reading)), reading.ReadUnder?.ToString());

    /// <summary>Every finished run under <paramref name="root"/>, read under <paramref name="criterion"/> when given (checked even when no run is there).</summary>
    public static IReadOnlyList<RunData> LoadAll(string root, string? criterion)
    {
        if (criterion is not null) PruningGame.Game.PruneCriteria.Require(criterion);
        return criterion is null ? LoadAll(root) : LoadAll(root).Select(r => r.UnderCriterion(criterion)).ToList();
    }

    /// <summary>Every finished run folder under <paramref name="root"/> (itself included), in a stable order; two runs of the same config and seed, or of one label and seed, are refused (<see cref="RunSummaries.RefuseDuplicates"/>).</summary>
    public static IReadOnlyList<RunData> LoadAll(string root)
    {
        var runs = RunSummaries.FinishedRuns(root)
            .Select(Path.GetDirectoryName)
            .Order(StringComparer.Ordinal)
            .Select(f => Load(f!))
            .ToList();
        RunSummaries.RefuseDuplicates(runs.Select(r => (r.Folder, (RunConfig?)r.Config, r.Summary)));
        // The sweep's derived series (series.json): the runs of another series read under a prune criterion.
        return DerivedSeries.Apply(root, runs, r => r.Summary.Label,
            (r, series) => r.UnderCriterion(series.Criterion) is var d ? d with { Summary = d.Summary with { Label = series.Label } } : r);
    }
}
