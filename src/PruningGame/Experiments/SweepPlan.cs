using PruningGame.Infrastructure;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>Which runs of a sweep are still to do: finished run folders (with summary.json) are skipped.</summary>
public static class SweepPlan
{
    public static IReadOnlyList<SweepRun> Pending(IReadOnlyList<SweepRun> runs, string resultsRoot) =>
        runs.Where(r => !RunFolder.IsCompleted(resultsRoot, r.Config, r.RunId)).ToList();

    /// <summary>Writes each run's config to <c>results/sweeps/&lt;experiment&gt;/configs/&lt;run-id&gt;.json</c> (for child processes and Slurm tasks).</summary>
    public static string WriteConfig(SweepRun run, string resultsRoot)
    {
        var path = Path.Combine(resultsRoot, "sweeps", run.Config.Experiment, "configs", run.RunId + ".json");
        AtomicFile.WriteAllText(path, run.Config.ToJson());
        return path;
    }
}
