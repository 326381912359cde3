using System.Diagnostics;
using PruningGame.Configuration;
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
/// Several workers are child processes, one per share of the cores, each running runs one after another (<see cref="Work"/>)
/// so that a process, TorchSharp and the dataset start once per worker, not once per run. The workers share one queue:
/// each walks the pending runs in order and takes the next one that no other worker has claimed and no process holds
/// (the run folder's lock), so a worker that finishes early takes more, and each run is tried once per sweep. A run's output goes to its own log under results/sweeps/&lt;experiment&gt;/logs/;
/// workers end themselves when this process dies (<see cref="ParentWatch"/>).
/// </summary>
public static class SweepRunner
{
    /// <summary>Exit code of `workbench run` when another process holds its run folder, and of `workbench sweep` when it left runs to another process (EX_TEMPFAIL).</summary>
    public const int BusyExitCode = 75;

    /// <summary>Runs in this process what is not finished yet and returns every run's summary (notebooks, tests).</summary>
    public static IReadOnlyList<RunSummary> Run(IReadOnlyList<SweepRun> runs, string resultsRoot, Func<SweepRun, ITrainingObserver>? observer = null)
    {
        var outcome = Execute(runs, resultsRoot, new SweepOptions { Observer = observer });
        if (outcome.Busy.Count > 0)
            throw new InvalidOperationException($"{outcome.Busy.Count} runs are held by another process ({string.Join("; ", outcome.Busy.Select(b => $"{b.Run.RunId}: {b.Holder}"))}); rerun when it has finished.");
        return runs.Select(r => SummaryJson.Read(Path.Combine(RunFolder.PathFor(resultsRoot, r.Config, r.RunId), RunFiles.Summary))).ToList();
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
                                                $"See {Path.Combine(SweepPlan.FolderOf(resultsRoot, runs[0].Config.Experiment), "logs")}/; rerun the same command to retry only these.");
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
        if (pending.Count == 0) return;
        var threads = Math.Max(1, Environment.ProcessorCount / options.Workers);
        var queue = pending.Select(run => run with { Config = run.Config with { Training = run.Config.Training with { Threads = threads } } }).ToList();
        var queueFile = WriteQueue(queue, resultsRoot);
        var outcomes = new string?[queue.Count];
        Parallel.For(0, Math.Min(options.Workers, queue.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, worker =>
        {
            var workerLog = Path.Combine(SweepPlan.FolderOf(resultsRoot, queue[0].Config.Experiment), "logs", $"worker-{worker + 1}.log");
            var exit = RunWorker(command, ["sweep-worker", queueFile, "--results", resultsRoot], queue, resultsRoot, workerLog, (index, outcome) =>
            {
                lock (outcomes)
                {
                    outcomes[index] = outcome;
                    if (outcome == Finished) options.Report?.Invoke($"finished {queue[index].RunId}");
                    else if (outcome != Skipped) options.Report?.Invoke($"{queue[index].RunId}: {outcome}, log {LogOf(queue[index], resultsRoot)}");
                }
            });
            if (exit != 0) options.Report?.Invoke($"worker {worker + 1} exited with {exit}; its log: {workerLog}");
        });
        File.Delete(queueFile);
        var claims = ClaimsOf(queueFile);
        if (Directory.Exists(claims)) Directory.Delete(claims, recursive: true);
        for (var i = 0; i < queue.Count; i++)
        {
            if (RunFolder.IsCompleted(resultsRoot, queue[i].Config, queue[i].RunId)) continue;
            if (RunLock.IsHeldElsewhere(RunFolder.PathFor(resultsRoot, queue[i].Config, queue[i].RunId), out var holder))
                busy.Add((pending[i], holder ?? "another process"));
            else
                failed.Add((pending[i], outcomes[i] is { } outcome && outcome != Skipped ? outcome : "not finished by any worker"));
        }
    }

    /// <summary>
    /// What a worker says of a queued run: "@@run i" before its output and "@@end i outcome" after it, the outcome being
    /// "finished" (by this worker), "skipped" (another process holds it or finished it) or "failed: why".
    /// </summary>
    private const string RunMarker = "@@run ", EndMarker = "@@end ", Finished = "finished", Skipped = "skipped";

    /// <summary>
    /// A worker's loop (the CLI's `sweep-worker`): every run of <paramref name="queue"/> not finished and not held by
    /// another process, one after another in this process, each through <paramref name="launch"/>. A failing run is
    /// reported and the worker goes on. Returns the number of runs that failed.
    /// <para><paramref name="claims"/>, when given, is a folder the sweep's workers share: a worker takes run i only if it
    /// is the first to create the file "i" there, so each run is tried once per sweep. Without it a run that failed in one
    /// worker was tried again by the next that reached it (its lock free, the run unfinished) and reported failed twice.</para>
    /// </summary>
    public static int Work(IReadOnlyList<SweepRun> queue, string resultsRoot, Action<SweepRun> launch, TextWriter markers, string? claims = null)
    {
        var failures = 0;
        if (claims is not null) Directory.CreateDirectory(claims);
        for (var i = 0; i < queue.Count; i++)
        {
            if (RunFolder.IsCompleted(resultsRoot, queue[i].Config, queue[i].RunId)) continue;
            if (claims is not null && !Claim(claims, i)) continue;    // another worker of this sweep took it
            markers.WriteLine($"{RunMarker}{i}");
            string outcome;
            try
            {
                launch(queue[i]);
                outcome = Finished;
            }
            catch (RunFolderBusyException) { outcome = Skipped; }    // the other worker (or another sweep) has it
            catch (RunFinishedException) { outcome = Skipped; }      // another worker finished it meanwhile
            catch (Exception e)
            {
                failures++;
                var message = ExpectedErrors.Message(e);
                outcome = "failed: " + message.ReplaceLineEndings(" ");
                markers.WriteLine(Foreseeable(e) ? $"error: {message}" : e.ToString());   // the run's log: a trace only for a bug
            }
            markers.WriteLine($"{EndMarker}{i} {outcome}");
            markers.Flush();
        }
        return failures;
    }

    /// <summary>Creates the claim file of run <paramref name="index"/>; false when another worker created it first.</summary>
    private static bool Claim(string claims, int index)
    {
        var path = Path.Combine(claims, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>The claims folder of a queue file (<see cref="Work"/>): beside it, deleted with it.</summary>
    public static string ClaimsOf(string queueFile) => queueFile + ".claims";

    private static bool Foreseeable(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or Data.DatasetException
            or TrainingDivergedException or CheckpointDamagedException;

    /// <summary>The queue a sweep's workers share: one line per run, its run id and the path of its config.</summary>
    private static string WriteQueue(IReadOnlyList<SweepRun> queue, string resultsRoot)
    {
        var lines = queue.Select(run => $"{run.RunId}\t{SweepPlan.WriteConfig(run, resultsRoot)}");
        var path = Path.Combine(SweepPlan.FolderOf(resultsRoot, queue[0].Config.Experiment), $"queue-{Environment.ProcessId}.tsv");
        AtomicFile.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>Reads a queue written by a sweep (the worker's side); a damaged line names the file and the line.</summary>
    public static IReadOnlyList<SweepRun> ReadQueue(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The sweep queue '{path}' does not exist.", path);
        return File.ReadAllLines(path).Where(line => line.Length > 0).Select((line, n) =>
        {
            var fields = line.Split('\t');
            if (fields.Length != 2) throw new InvalidDataException($"'{path}' line {n + 1}: expected '<run id><tab><config path>', got '{line}'.");
            return new SweepRun(fields[0], RunConfig.Load(fields[1]));
        }).ToList();
    }

    private static string LogOf(SweepRun run, string resultsRoot) =>
        Path.Combine(SweepPlan.FolderOf(resultsRoot, run.Config.Experiment), "logs", run.RunId + ".log");

    /// <summary>
    /// Starts one worker and routes its output: a run's lines to that run's log (appended: a second sweep's attempt adds
    /// to the log, never erases the first's), anything else to the worker's log; each "@@end" to <paramref name="ended"/>.
    /// </summary>
    private static int RunWorker(IReadOnlyList<string> command, IEnumerable<string> arguments, IReadOnlyList<SweepRun> queue, string resultsRoot,
                                 string workerLog, Action<int, string> ended)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(workerLog)!);
        var start = new ProcessStartInfo { FileName = command[0], RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1).Concat(arguments)) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in ParentWatch.ForChild()) start.Environment[name] = value;
        var gate = new object();
        var worker = new StreamWriter(workerLog, append: true);
        StreamWriter? current = null;
        void Line(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                if (line.StartsWith(RunMarker, StringComparison.Ordinal) && int.TryParse(line.AsSpan(RunMarker.Length), out var started) && started < queue.Count)
                {
                    current?.Dispose();
                    var log = LogOf(queue[started], resultsRoot);
                    Directory.CreateDirectory(Path.GetDirectoryName(log)!);
                    current = new StreamWriter(log, append: true);
                    return;
                }
                if (line.StartsWith(EndMarker, StringComparison.Ordinal))
                {
                    var rest = line[EndMarker.Length..];
                    var space = rest.IndexOf(' ');
                    if (space > 0 && int.TryParse(rest.AsSpan(0, space), out var index) && index < queue.Count)
                    {
                        current?.Dispose();
                        current = null;
                        ended(index, rest[(space + 1)..]);
                        return;
                    }
                }
                (current ?? worker).WriteLine(line);
            }
        }
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (gate)
        {
            current?.Dispose();
            worker.Dispose();
        }
        return process.ExitCode;
    }
}
