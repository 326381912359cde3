using System.Diagnostics;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>How a sweep runs: in this process (one worker) or as child processes, and who hears about it.</summary>
public sealed record SweepOptions
{
    public int Workers { get; init; } = 1;
    /// <summary>The command that starts the workbench CLI (e.g. [dotnet, workbench.dll]); needed when <see cref="Workers"/> &gt; 1.</summary>
    public IReadOnlyList<string>? ChildCommand { get; init; }
    /// <summary>Progress of in-process runs.</summary>
    public Func<SweepRun, ITrainingObserver>? Observer { get; init; }
    /// <summary>One line per event (run finished, skipped, failed).</summary>
    public Action<string>? Report { get; init; }
}

/// <summary>What a sweep did: runs finished (before or now), runs another process holds, runs that failed.</summary>
public sealed record SweepOutcome(IReadOnlyList<SweepRun> Finished, IReadOnlyList<(SweepRun Run, string Holder)> Busy,
                                  IReadOnlyList<(SweepRun Run, string Reason)> Failed);

/// <summary>
/// The one sweep executor (CLI `sweep` and `reproduce`, Slurm tasks, notebooks). Finished runs are skipped, unfinished
/// ones resume, and a run another process holds (a second sweep on the same results folder) is skipped, not doubled.
/// Several workers run as child `workbench run` processes, each with its share of the cores and its own log under
/// results/sweeps/&lt;experiment&gt;/logs/; children end themselves when this process dies (<see cref="ParentWatch"/>).
/// </summary>
public static class SweepRunner
{
    /// <summary>Exit code of a child `workbench run` whose folder another process holds.</summary>
    public const int BusyExitCode = 75;

    /// <summary>Runs in this process what is not finished yet and returns every run's summary (notebooks, tests).</summary>
    public static IReadOnlyList<RunSummary> Run(IReadOnlyList<SweepRun> runs, string resultsRoot, Func<SweepRun, ITrainingObserver>? observer = null)
    {
        var outcome = Execute(runs, resultsRoot, new SweepOptions { Observer = observer });
        if (outcome.Busy.Count > 0)
            throw new InvalidOperationException($"{outcome.Busy.Count} runs are held by another process ({string.Join("; ", outcome.Busy.Select(b => $"{b.Run.RunId}: {b.Holder}"))}); rerun when it has finished.");
        return runs.Select(r => RunSummaries.Read(Path.Combine(RunFolder.PathFor(resultsRoot, r.Config, r.RunId), RunFolder.SummaryFile))).ToList();
    }

    public static SweepOutcome Execute(IReadOnlyList<SweepRun> runs, string resultsRoot, SweepOptions options)
    {
        if (options.Workers < 1) throw new ArgumentOutOfRangeException(nameof(options), $"--workers must be >= 1, not {options.Workers}.");
        var pending = SweepPlan.Pending(runs, resultsRoot);
        options.Report?.Invoke($"{runs.Count} runs, {runs.Count - pending.Count} already finished, {pending.Count} to do.");
        var busy = new List<(SweepRun, string)>();
        var failed = new List<(SweepRun, string)>();
        if (options.Workers == 1) InProcess(pending, resultsRoot, options, busy);
        else Children(pending, resultsRoot, options, busy, failed);
        foreach (var (run, holder) in busy) options.Report?.Invoke($"skipped {run.RunId}: in use by {holder}");
        var finished = runs.Where(r => RunFolder.IsCompleted(resultsRoot, r.Config, r.RunId)).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException($"{failed.Count} runs failed: {string.Join(", ", failed.Select(f => $"{f.Item1.RunId} ({f.Item2})"))}. " +
                                                $"See {Path.Combine(resultsRoot, "sweeps", runs[0].Config.Experiment, "logs")}/; rerun the same command to retry only these.");
        return new SweepOutcome(finished, busy, failed);
    }

    private static void InProcess(IReadOnlyList<SweepRun> pending, string resultsRoot, SweepOptions options, List<(SweepRun, string)> busy)
    {
        using var pool = new DatasetPool();
        foreach (var run in pending)
        {
            try
            {
                RunLauncher.Launch(run.Config, resultsRoot, new LaunchOptions(Resume: true, RunId: run.RunId), options.Observer?.Invoke(run), pool);
            }
            catch (RunFolderBusyException e) { busy.Add((run, e.Holder)); }
            catch (RunFinishedException) { }   // another process finished it meanwhile
        }
    }

    private static void Children(IReadOnlyList<SweepRun> pending, string resultsRoot, SweepOptions options,
                                 List<(SweepRun, string)> busy, List<(SweepRun, string)> failed)
    {
        var command = options.ChildCommand ?? throw new ArgumentException("Several workers need SweepOptions.ChildCommand (how to start the workbench CLI).", nameof(options));
        var threads = Math.Max(1, Environment.ProcessorCount / options.Workers);
        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, run =>
        {
            var config = run.Config with { Training = run.Config.Training with { Threads = threads } };
            var configPath = SweepPlan.WriteConfig(run with { Config = config }, resultsRoot);
            var log = Path.Combine(resultsRoot, "sweeps", config.Experiment, "logs", run.RunId + ".log");
            var exit = RunChild(command, ["run", configPath, "--run-id", run.RunId, "--results", resultsRoot, "--resume"], log);
            lock (failed)
            {
                if (exit == BusyExitCode)
                    busy.Add((run, RunLock.IsHeldElsewhere(RunFolder.PathFor(resultsRoot, config, run.RunId), out var holder) && holder is not null
                        ? holder : $"another process (see {log})"));
                else if (exit != 0) failed.Add((run, $"exit {exit}"));
                options.Report?.Invoke(exit == 0 ? $"finished {run.RunId}" : $"{run.RunId}: exit {exit}, log {log}");
            }
        });
    }

    private static int RunChild(IReadOnlyList<string> command, IEnumerable<string> arguments, string log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo { FileName = command[0], RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1).Concat(arguments)) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in ParentWatch.ForChild()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        using var writer = new StreamWriter(log, append: true);   // a second sweep's attempt adds to the log, never erases the first's
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }
}
