using System.Diagnostics;
using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli;

/// <summary>
/// Runs the pending runs of a sweep: in this process when one worker, else as child `workbench run` processes
/// (each with its share of the CPU threads and its own log under results/sweeps/&lt;experiment&gt;/logs/).
/// </summary>
internal static class SweepExecution
{
    public static void Execute(IReadOnlyList<SweepRun> runs, string resultsRoot, int workers)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), $"--workers must be >= 1, not {workers}.");
        var pending = SweepPlan.Pending(runs, resultsRoot);
        AnsiConsole.MarkupLine($"{runs.Count} runs, {runs.Count - pending.Count} already finished, {pending.Count} to do.");
        if (pending.Count == 0) return;
        if (workers == 1)
        {
            foreach (var run in pending)
                Runs.RunOne(run.Config, resultsRoot, resume: true, run.RunId);
            return;
        }

        var threads = Math.Max(1, Environment.ProcessorCount / workers);
        var failures = new List<string>();
        AnsiConsole.Progress().AutoClear(false).Start(ctx =>
        {
            var overall = ctx.AddTask($"{pending.Count} runs on {workers} workers", maxValue: pending.Count);
            Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = workers }, run =>
            {
                var config = run.Config with { Training = run.Config.Training with { Threads = threads } };
                var configPath = SweepPlan.WriteConfig(run with { Config = config }, resultsRoot);
                var exit = RunChild(configPath, run.RunId, resultsRoot, config.Experiment);
                lock (failures)
                {
                    if (exit != 0) failures.Add($"{run.RunId} (exit {exit})");
                    overall.Increment(1);
                }
            });
        });
        if (failures.Count > 0)
            throw new InvalidOperationException($"{failures.Count} runs failed: {string.Join(", ", failures)}. See results/sweeps/<experiment>/logs/; rerun the same command to retry only these.");
    }

    private static int RunChild(string configPath, string runId, string resultsRoot, string experiment)
    {
        var log = Path.Combine(resultsRoot, "sweeps", experiment, "logs", runId + ".log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var host = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(SweepExecution).Assembly.Location);
        start.FileName = host;
        foreach (var a in new[] { "run", configPath, "--run-id", runId, "--results", resultsRoot, "--resume" })
            start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        using var writer = new StreamWriter(log);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
