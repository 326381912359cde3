namespace PruningGame.RunRecords;

/// <summary>
/// The files of a run folder (docs/run-folder.md), by name. Each typed file has one writer and one reader beside its
/// record: <see cref="MetricsCsv"/>, <see cref="ParticipationCsv"/>, <see cref="TrajectoriesCsv"/>,
/// <see cref="PlayerEpochsCsv"/>, <see cref="SummaryJson"/>; config.json is <see cref="Configuration.RunConfig"/>'s.
/// </summary>
public static class RunFiles
{
    public const string Config = "config.json";
    public const string Environment = "environment.json";
    public const string Metrics = "metrics.csv";
    public const string Participation = "participation.csv";
    public const string Trajectories = "trajectories.csv";
    public const string PlayerEpochs = "player-epochs.csv";
    public const string MethodReport = "method-report.json";
    public const string Compact = "compact.bin";
    /// <summary>Names the last complete checkpoint (<see cref="Checkpoint"/>); written after its files.</summary>
    public const string CheckpointIndex = "checkpoint.json";
    /// <summary>Written last: a folder that has it is finished and never written again.</summary>
    public const string Summary = "summary.json";
}
