using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>Which runs of a sweep are still to do: finished run folders (with summary.json) are skipped.</summary>
public static class SweepPlan
{
    /// <summary>
    /// The runs without a finished folder. Every run's config is checked first, so a config no run could train (an
    /// unknown dataset from a notebook's parameter, say) is refused as such, not as "a finished run of another config".
    /// </summary>
    public static IReadOnlyList<SweepRun> Pending(IReadOnlyList<SweepRun> runs, string resultsRoot)
    {
        foreach (var run in runs)
        {
            var source = $"of run '{run.Config.Experiment}/{run.RunId}'";
            run.Config.Validate(source);
            run.Config.RequireKnownDataset(source);
        }
        return runs.Where(r => !RunFolder.IsCompleted(resultsRoot, r.Config, r.RunId)).ToList();
    }

    /// <summary>Indices as a Slurm <c>--array</c> list: consecutive ones as ranges ("0-3,7,9-10"); empty for none.</summary>
    public static string ArrayList(IEnumerable<int> indices)
    {
        var parts = new List<string>();
        int? first = null, last = null;
        foreach (var i in indices.Order())
        {
            if (last == i - 1) { last = i; continue; }
            if (first is not null) parts.Add(first == last ? $"{first}" : $"{first}-{last}");
            first = last = i;
        }
        if (first is not null) parts.Add(first == last ? $"{first}" : $"{first}-{last}");
        return string.Join(",", parts);
    }

    /// <summary>
    /// A run as one cluster task: its torch threads are the CPUs the scheduler gave the task (SLURM_CPUS_PER_TASK), so it
    /// neither oversubscribes the node nor differs from a local run with the same share of cores.
    /// </summary>
    public static SweepRun ForClusterTask(SweepRun run) =>
        int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), out var cpus) && cpus > 0
            ? run with { Config = run.Config with { Training = run.Config.Training with { Threads = cpus } } }
            : run;

    /// <summary>A sweep's own folder, <c>results/sweeps/&lt;experiment&gt;</c>: its configs, queue and logs.</summary>
    public static string FolderOf(string resultsRoot, string experiment) => Path.Combine(resultsRoot, "sweeps", experiment);

    /// <summary>Writes each run's config to <c>results/sweeps/&lt;experiment&gt;/configs/&lt;run-id&gt;.json</c> (for child processes and Slurm tasks).</summary>
    public static string WriteConfig(SweepRun run, string resultsRoot)
    {
        var path = Path.Combine(FolderOf(resultsRoot, run.Config.Experiment), "configs", run.RunId + ".json");
        AtomicFile.WriteAllText(path, run.Config.ToJson());
        return path;
    }
}
