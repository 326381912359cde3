using PruningGame.Configuration;
using PruningGame.Data;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>How to treat an existing run folder: resume an unfinished one, or start another run beside a finished one.</summary>
public sealed record LaunchOptions(bool Resume = false, string? RunId = null, bool Another = false);

/// <summary>
/// The one way a run starts (the CLI's `run`, sweeps, `reproduce paper`, the notebooks): config → checks → dataset →
/// environment snapshot → trainer → run folder. Every check that can fail does so before a folder is made.
/// </summary>
public static class RunLauncher
{
    public static RunResult Launch(RunConfig config, string resultsRoot, LaunchOptions options, ITrainingObserver? observer = null,
                                   DatasetPool? pool = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        // Errors name the file the config came from, or else the run it is (a sweep's, a notebook's).
        source ??= $"of run '{config.Experiment}/{options.RunId ?? RunFolder.DefaultRunId(config)}'";
        config.Validate(source);
        if (options.RunId is { } given && !RunConfig.IsFolderName(given))
            throw new ArgumentException($"--run-id '{given}' is not a plain folder name (no '/', not '.' or '..').");
        config.RequireKnownDataset(source);
        Factories.ResolveDevice(config.Training.Device);
        var runId = options.RunId ?? RunFolder.DefaultRunId(config);
        if (!options.Another && RunFolder.IsCompleted(resultsRoot, config, runId))
            throw new RunFinishedException(RunFolder.PathFor(resultsRoot, config, runId));

        var owned = pool is null ? new DatasetPool() : null;
        try
        {
            var data = (pool ?? owned!).Get(config.Dataset);
            RunPreflight.Check(config, data, source);
            var environment = EnvironmentSnapshot.Capture(data.Checksums, config.Training.Threads > 0 ? config.Training.Threads : null);
            using var folder = RunFolder.Claim(resultsRoot, config, runId, options.Resume, options.Another);
            return new Trainer(observer).Run(folder, data, environment);
        }
        finally
        {
            owned?.Dispose();
        }
    }
}

/// <summary>Datasets loaded once per (name, subset) and shared by the runs of one process.</summary>
public sealed class DatasetPool : IDisposable
{
    private readonly Dictionary<DatasetSpec, Dataset> loaded = [];

    public Dataset Get(DatasetSpec spec)
    {
        if (loaded.TryGetValue(spec, out var data)) return data;
        using var full = Datasets.Load(spec.Name);
        return loaded[spec] = full.Take(spec.TrainSamples, spec.TestSamples);
    }

    public void Dispose()
    {
        foreach (var data in loaded.Values) data.Dispose();
        loaded.Clear();
    }
}
