using PruningGame.Infrastructure;
using System.Text.Json;
using PruningGame.Configuration;

namespace PruningGame.RunRecords;

/// <summary>
/// One run's folder, <c>results/runs/&lt;experiment&gt;/&lt;run-id&gt;/</c> (docs/run-folder.md). Every file is written
/// atomically; a folder with summary.json is finished and is never written again. An open RunFolder holds the folder's
/// exclusive lock (<see cref="RunLock"/>) until disposed.
/// </summary>
public sealed class RunFolder : IDisposable
{
    private readonly RunLock runLock;

    private RunFolder(string path, string runId, RunLock runLock)
    {
        Path = path;
        RunId = runId;
        this.runLock = runLock;
    }

    public string Path { get; }
    public string RunId { get; }
    public bool IsFinished => File.Exists(PathOf(RunFiles.Summary));
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The config to train: the requested one, with <see cref="TrainingOptions.ExtendedFromEpochs"/> set when a resume extends the run.</summary>
    public RunConfig Config { get; private set; } = null!;

    /// <summary>The holder a killed process left in the lock (its lock was stale and taken over), or null.</summary>
    public string? StaleOwner => runLock.StaleOwner;

    /// <summary>The canonical run id for a config: label and seed, e.g. "extreme-beta-seed1".</summary>
    public static string DefaultRunId(RunConfig config) => $"{config.Label}-seed{config.Training.Seed}";

    /// <summary>The folder of every run of <paramref name="experiment"/> under a results root: <c>&lt;results&gt;/runs/&lt;experiment&gt;</c>.</summary>
    public static string ExperimentFolder(string resultsRoot, string experiment) => System.IO.Path.Combine(resultsRoot, "runs", experiment);

    public static string PathFor(string resultsRoot, RunConfig config, string runId) =>
        System.IO.Path.Combine(ExperimentFolder(resultsRoot, config.Experiment), runId);

    /// <summary>
    /// Claims the folder for <paramref name="runId"/> (default <see cref="DefaultRunId"/>) for this process, or refuses:
    /// <list type="bullet">
    /// <item>a finished folder: <see cref="RunFinishedException"/> (nothing to do), unless <paramref name="another"/> asks
    /// for a new run, which takes the next free id (-2, -3, ...);</item>
    /// <item>a folder another process holds: <see cref="RunFolderBusyException"/>, naming the holder;</item>
    /// <item>an unfinished run without <paramref name="resume"/>: an error saying to resume it or pick another id;</item>
    /// <item>a resume whose config changes what decides the results: an error naming the field, old and new value
    /// (more epochs are allowed, and recorded in config.json).</item>
    /// </list>
    /// Orphaned checkpoint files and temporaries of a killed writer are removed.
    /// </summary>
    public static RunFolder Claim(string resultsRoot, RunConfig config, string? runId = null, bool resume = false, bool another = false)
    {
        var baseId = runId ?? DefaultRunId(config);
        var id = baseId;
        if (another)
            for (var attempt = 2; Directory.Exists(PathFor(resultsRoot, config, id)); attempt++)
                id = $"{baseId}-{attempt}";
        var path = PathFor(resultsRoot, config, id);
        var created = !Directory.Exists(path);
        Directory.CreateDirectory(path);
        var claimed = RunLock.TryAcquire(path, out var holder);
        if (claimed is null) throw new RunFolderBusyException(path, holder!);
        var folder = new RunFolder(path, id, claimed);
        try
        {
            folder.Config = folder.Admit(config, resume);
            return folder;
        }
        catch
        {
            folder.Dispose();
            if (created) RemoveIfEmpty(path);
            throw;
        }
    }

    private RunConfig Admit(RunConfig config, bool resume)
    {
        if (IsFinished)
        {
            RequireFinishedAs(Path, config);
            throw new RunFinishedException(Path);
        }
        var configPath = PathOf(RunFiles.Config);
        if (OnlyLockFiles(Path)) return config;   // a new folder, or one a killed run left empty
        if (!resume)
            throw new InvalidOperationException(
                $"Run folder '{Path}' holds an unfinished run. Add --resume to continue it from its last checkpoint, " +
                "or start a separate run with --new or another --run-id.");
        Checkpoint.CleanOrphans(Path);
        if (!File.Exists(configPath)) return config;
        var started = RunConfig.Load(configPath);
        var differences = ResultDecidingFields.Differences(started, config with { Training = config.Training with { Epochs = started.Training.Epochs } });
        if (differences.Count > 0)
            throw new InvalidDataException(
                $"Cannot resume '{Path}': {ResultDecidingFields.Describe(differences, d => $"'{d.Field}' was {d.Old} when the run started and is {d.New} now", shown: 1)}. " +
                "Resume with the run's own config.json, or start a separate run with --new or another --run-id.");
        if (config.Training.Epochs < started.Training.Epochs)
            throw new InvalidDataException(
                $"Cannot resume '{Path}': 'training.epochs' was {started.Training.Epochs} when the run started and is {config.Training.Epochs} now; " +
                "a resume may add epochs, never remove them. Start a separate run with --new or another --run-id.");
        if (config.Training.Epochs == started.Training.Epochs)
            return config with { Training = config.Training with { ExtendedFromEpochs = started.Training.ExtendedFromEpochs } };
        var extended = config with
        {
            Training = config.Training with { ExtendedFromEpochs = started.Training.ExtendedFromEpochs ?? started.Training.Epochs },
        };
        WriteConfig(extended);
        return extended;
    }

    private static bool OnlyLockFiles(string path) =>
        !Directory.EnumerateFileSystemEntries(path).Any(e => System.IO.Path.GetFileName(e) is not (RunLock.LockFile or RunLock.OwnerFile));

    private static void RemoveIfEmpty(string path)
    {
        try
        {
            if (Directory.Exists(path) && OnlyLockFiles(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException) { }                 // best effort: the error being reported matters more
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Releases the folder; a folder that never got past its lock files (a run that failed at once) is removed.</summary>
    public void Dispose()
    {
        var finished = IsFinished;
        runLock.Dispose();
        RemoveIfEmpty(Path);
        // A finished folder is never written again, so its lock file can go (a claimer that still opens the old file
        // finds summary.json under its lock and stops).
        if (finished) File.Delete(PathOf(RunLock.LockFile));
    }

    /// <summary>
    /// Whether the run <paramref name="runId"/> of <paramref name="config"/> has finished (for sweeps that skip completed
    /// work). A finished run is reused only as the measurement <paramref name="config"/> asks for: one trained from another
    /// config, or whose record cannot be read, is an error (<see cref="RequireFinishedAs"/>), not a run to skip.
    /// </summary>
    public static bool IsCompleted(string resultsRoot, RunConfig config, string runId)
    {
        var path = PathFor(resultsRoot, config, runId);
        if (!System.IO.File.Exists(System.IO.Path.Combine(path, RunFiles.Summary))) return false;
        RequireFinishedAs(path, config);
        return true;
    }

    /// <summary>
    /// Refuses a finished run that is not the one <paramref name="config"/> asks for: its summary.json must be readable,
    /// and its config.json must not differ in any field that decides the results (<see cref="ResultDecidingFields"/>;
    /// epochs included, since a finished run is never extended). The error names the fields, with both values. A run made
    /// before config.json was recorded is taken as it is.
    /// </summary>
    private static void RequireFinishedAs(string path, RunConfig config)
    {
        try { SummaryJson.Read(System.IO.Path.Combine(path, RunFiles.Summary)); }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' holds a finished run whose {RunFiles.Summary} cannot be read ({e.Message}) Delete the folder " +
                                           "to train the run again, or start a separate run with --new or another --run-id.", e);
        }
        var configPath = System.IO.Path.Combine(path, RunFiles.Config);
        if (!System.IO.File.Exists(configPath)) return;
        var differences = ResultDecidingFields.Differences(RunConfig.Load(configPath), config);
        if (differences.Count == 0) return;
        throw new InvalidDataException(
            $"'{path}' holds a finished run of another config: {ResultDecidingFields.Describe(differences, d => $"'{d.Field}' was {d.Old}, is {d.New} now")}. A finished run is never retrained or reused for another config: " +
            "give this one another label (with `workbench run`, --run-id or --new also do), or another results folder.");
    }

    public void WriteConfig(RunConfig config) => AtomicFile.WriteAllText(PathOf(RunFiles.Config), config.ToJson());

    public void WriteJson<T>(string name, T value) =>
        AtomicFile.WriteAllText(PathOf(name), JsonSerializer.Serialize(value, RunConfig.Json));

    /// <summary>Written last: the run is then finished (<see cref="IsFinished"/>).</summary>
    public void WriteSummary(RunSummary summary) => AtomicFile.WriteAllText(PathOf(RunFiles.Summary), SummaryJson.Text(summary));

    public void WriteMetrics(IReadOnlyList<EpochRecord> records) => AtomicFile.WriteAllText(PathOf(RunFiles.Metrics), MetricsCsv.Text(records));

    public void WriteParticipation(IEnumerable<PlayerRecord> players) => AtomicFile.WriteAllText(PathOf(RunFiles.Participation), ParticipationCsv.Text(players));

    public void WriteTrajectories(IEnumerable<TrajectoryPoint> points) => AtomicFile.WriteAllText(PathOf(RunFiles.Trajectories), TrajectoriesCsv.Text(points));

    /// <summary>The per-player, per-epoch log (issue 18); values to 7 significant digits, benefit columns empty for methods without one.</summary>
    public void WritePlayerEpochs(IEnumerable<PlayerEpochRecord> rows) => AtomicFile.WriteAllText(PathOf(RunFiles.PlayerEpochs), PlayerEpochsCsv.Text(rows));

    /// <summary>Removes player-epochs.csv: a resumed run that cannot complete the log records none.</summary>
    public void DeletePlayerEpochs() => File.Delete(PathOf(RunFiles.PlayerEpochs));

    /// <summary>The rows of player-epochs.csv up to <paramref name="epochsDone"/> (a resumed run's), or none when the file is absent.</summary>
    public IReadOnlyList<PlayerEpochRecord> ReadPlayerEpochs(int epochsDone)
    {
        try
        {
            return (PlayerEpochsCsv.ReadIfPresent(Path) ?? []).Where(r => r.Epoch <= epochsDone).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message} Delete it to resume without a per-player log (the run then records none).", e);
        }
    }
}
