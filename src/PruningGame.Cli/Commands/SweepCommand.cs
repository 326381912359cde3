using System.CommandLine;
using PruningGame.Experiments;
using PruningGame.RunRecords;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench sweep &lt;sweep.json&gt;`: a grid of independent runs; finished runs are skipped, so it resumes.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("sweep.json") { Description = "The sweep file (see sweeps/README.md)." };
        var workers = CommonOptions.Count("--workers", "Parallel runs (child processes).", 1);
        var dataset = new Option<string?>("--dataset") { Description = "Override every run's dataset." };
        var epochs = CommonOptions.OptionalInt("--epochs", "Override every run's epochs.");
        var task = CommonOptions.OptionalInt("--task", "Run only the run with this 0-based index (one Slurm array task: --task $SLURM_ARRAY_TASK_ID).");
        var quick = new Option<bool>("--quick") { Description = $"Smoke-test every run: {QuickProtocol.TrainSamples} training samples, {QuickProtocol.Epochs} epochs (more if fine-tuning needs it), into <experiment>-quick." };
        var list = new Option<bool>("--list") { Description = "List the runs (index, run id, done or not) and exit." };
        var pendingTasks = new Option<bool>("--pending-tasks") { Description = "Print the indices of the unfinished runs as a Slurm --array list (e.g. 0-3,7), or nothing, and exit." };
        var results = CommonOptions.Results();
        var command = new Command("sweep", "Run a grid of configurations as independent runs (parallel, resumable).")
        {
            file, workers, dataset, epochs, quick, task, list, pendingTasks, results,
        };
        command.SetAction(parse =>
        {
            var modes = new[] { ("--list", parse.GetValue(list)), ("--pending-tasks", parse.GetValue(pendingTasks)), ("--task", parse.GetValue(task) is not null) }
                .Where(m => m.Item2).Select(m => m.Item1).ToList();
            if (modes.Count > 1) throw new ArgumentException($"{string.Join(" and ", modes)} ask for different things: give one of them.");
            var path = parse.GetValue(file)!;
            var root = parse.GetValue(results)!;
            var spec = SweepSpec.Load(path);
            _ = spec.DerivedSeries(path);   // a derived series naming no trained variant is refused before anything runs
            var runs = spec.Expand(path, parse.GetValue(dataset), parse.GetValue(epochs));
            if (parse.GetValue(quick)) runs = runs.Select(QuickProtocol.Apply).ToList();
            if (parse.GetValue(list))
            {
                var pending = SweepPlan.Pending(runs, root).Select(r => r.RunId).ToHashSet();
                var table = new Table().AddColumns("#", "run id", "experiment", "status");
                for (var i = 0; i < runs.Count; i++)
                    table.AddRow($"{i}", Markup.Escape(runs[i].RunId), Markup.Escape(runs[i].Config.Experiment), pending.Contains(runs[i].RunId) ? "pending" : "[green]done[/]");
                AnsiConsole.Write(table);
                return 0;
            }
            if (parse.GetValue(pendingTasks))
            {
                var pending = SweepPlan.Pending(runs, root).ToHashSet();
                Console.WriteLine(SweepPlan.ArrayList(Enumerable.Range(0, runs.Count).Where(i => pending.Contains(runs[i]))));
                return 0;
            }
            if (parse.GetValue(task) is { } index)
            {
                if (index < 0 || index >= runs.Count)
                    throw new ArgumentException($"--task {index} is out of range: the sweep has {runs.Count} runs (0..{runs.Count - 1}).");
                runs = [SweepPlan.ForClusterTask(runs[index])];
            }
            // Series that only read other series' runs under another prune criterion: declared beside the runs for every reader.
            var folder = spec.WriteDerivedSeries(path, root, parse.GetValue(quick));
            var outcome = SweepRunner.Execute(runs, root, Runs.Sweep(parse.GetValue(workers)));
            if (outcome.Busy.Count > 0)
            {
                AnsiConsole.MarkupLine($"[yellow]{outcome.Finished.Count} of {runs.Count} runs finished under {Markup.Escape(folder)}; {outcome.Busy.Count} " +
                                       "held by another process were left to it: rerun the same command when it has finished.[/]");
                return SweepRunner.BusyExitCode;
            }
            AnsiConsole.MarkupLine($"Sweep finished: {runs.Count} runs under {Markup.Escape(folder)}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// `workbench sweep-worker &lt;queue&gt;` (hidden): one of a sweep's worker processes, started by `sweep --workers N`
    /// and `reproduce paper --workers N`; trains the queue's runs that no other process holds and no other worker of the
    /// sweep has taken (the queue's claims folder), one after another.
    /// </summary>
    public static Command Worker()
    {
        var queue = new Argument<string>("queue") { Description = "The queue file the sweep wrote (run id and config path per line)." };
        var results = CommonOptions.Results();
        var command = new Command("sweep-worker", "One worker process of a parallel sweep (started by sweep and reproduce).") { queue, results };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var root = parse.GetValue(results)!;
            var queueFile = parse.GetValue(queue)!;
            var runs = SweepRunner.ReadQueue(queueFile);
            var failures = SweepRunner.Work(runs, root, run =>
            {
                var result = Runs.RunOne(run.Config, root, new LaunchOptions(Resume: true, RunId: run.RunId), $"run {run.RunId} of the sweep queue");
                Runs.PrintSummary(result.Summary, result.Folder);
            }, Console.Out, SweepRunner.ClaimsOf(queueFile));
            return failures == 0 ? 0 : 1;
        });
        return command;
    }
}
