using PruningGame.Data;
using PruningGame.Infrastructure;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>Runs a sweep's pending runs one after another in this process (notebooks, tests, one-worker sweeps).</summary>
public static class SweepRunner
{
    /// <summary>Runs what is not finished yet (resuming unfinished runs) and returns every run's summary, finished before or now.</summary>
    public static IReadOnlyList<RunSummary> Run(IReadOnlyList<SweepRun> runs, string resultsRoot, Func<SweepRun, ITrainingObserver>? observer = null)
    {
        var pending = SweepPlan.Pending(runs, resultsRoot).Select(r => r.RunId).ToHashSet();
        var loaded = new Dictionary<DatasetSpec, Dataset>();
        try
        {
            foreach (var run in runs.Where(r => pending.Contains(r.RunId)))
            {
                if (!loaded.TryGetValue(run.Config.Dataset, out var data))
                {
                    using var full = Datasets.Load(run.Config.Dataset.Name);
                    data = full.Take(run.Config.Dataset.TrainSamples, run.Config.Dataset.TestSamples);
                    loaded[run.Config.Dataset] = data;
                }
                new Trainer(observer?.Invoke(run)).Run(run.Config, data, resultsRoot, EnvironmentSnapshot.Capture(data.Checksums), resume: true, runId: run.RunId);
            }
        }
        finally
        {
            foreach (var data in loaded.Values) data.Dispose();
        }
        return runs.Select(r => RunSummaries.Read(Path.Combine(resultsRoot, "runs", r.Config.Experiment, r.RunId, RunFolder.SummaryFile))).ToList();
    }
}
