using System.CommandLine;
using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench reproduce paper`: every paper configuration × seeds, then the Table-2 summary beside the paper's numbers.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var dataset = new Option<string?>("--dataset") { Description = "mnist or fashion-mnist (default: MNIST if present, else Fashion-MNIST)." };
        var seeds = CommonOptions.Count("--seeds", "Seeds per configuration (mean ± std over them).", 3);
        var quick = new Option<bool>("--quick") { Description = $"{QuickProtocol.TrainSamples} training samples, {QuickProtocol.Epochs} epochs: a smoke test that finishes in about a minute." };
        var variant = new Option<string>("--variant")
        {
            Description = "Comma-separated settings of the paper's open choices, one table each: " + string.Join("; ", GameVariant.All.Select(v => $"{v.Name}: {v.Description}")),
            DefaultValueFactory = _ => string.Join(",", GameVariant.ReportDefaults),
        };
        var workers = CommonOptions.Count("--workers", "Parallel runs (child processes).", 1);
        var timing = new Option<bool>("--timing") { Description = "Time the job against the machine's limit (training FLOPs at the measured sgemm peak) into results/bench/<machine>/main-job.{json,md}." };
        var results = CommonOptions.Results();
        var paper = new Command("paper", "Run the paper's four configurations and the mild-β one, and write the Table-2 summary (CSV and Markdown).")
        {
            dataset, seeds, quick, variant, workers, timing, results,
        };
        paper.SetAction(parse =>
        {
            var name = parse.GetValue(dataset) ?? WorkbenchData.DefaultPaperDataset();
            PruningGame.Data.Datasets.RequireKnown(name, "given with --dataset");
            var root = parse.GetValue(results)!;
            var chosen = parse.GetValue(variant)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Select(GameVariant.Get).ToList();
            if (chosen.Count == 0)
                throw new ArgumentException($"--variant names no reading: give one or more of {string.Join(", ", GameVariant.All.Select(v => v.Name))}.");
            var isQuick = parse.GetValue(quick);
            // Readings that differ only in their prune criterion share runs: train each distinct run once, in one pool.
            var distinct = chosen.SelectMany(v => PaperReproduction.Runs(name, parse.GetValue(seeds), isQuick, v))
                                 .DistinctBy(r => (r.Config.Experiment, r.RunId)).ToList();
            foreach (var v in chosen)
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(v.Name)}[/]: {Markup.Escape(v.Description)}");
            var code = parse.GetValue(timing) ? PruningGame.Infrastructure.EnvironmentSnapshot.CurrentGitCommit() : null;   // before the job writes results
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var pending = SweepPlan.Pending(distinct, root);
            SweepRunner.Execute(distinct, root, Runs.Sweep(parse.GetValue(workers)));
            var wall = clock.Elapsed.TotalSeconds;
            foreach (var v in chosen)
            {
                var table = PaperReproduction.WriteTable(root, name, isQuick, v);
                TablePrinter.PrintPaperTable(table, v.Name);
                var folder = PaperReproduction.TableFolder(root, PaperReproduction.ExperimentName(name, isQuick, v.Name));
                AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(folder)}[/]/table2.md and table2.csv");
            }
            if (parse.GetValue(timing))
            {
                var command = $"workbench reproduce paper --dataset {name} --seeds {parse.GetValue(seeds)}{(isQuick ? " --quick" : "")} --variant {parse.GetValue(variant)} --workers {parse.GetValue(workers)} --timing";
                var report = PruningGame.Benchmarks.MainJobTiming.Report(command, pending, distinct.Count - pending.Count, wall, code);
                var benchFolder = PruningGame.Benchmarks.MainJobTiming.Write(report, root);
                AnsiConsole.MarkupLine($"{report.RunsTrained} runs trained in {report.WallSeconds:F0} s; bound {report.BoundSeconds:F0} s ({report.TrainingGflop:N0} GFLOP at {report.SgemmPeakGflops:F1} GFLOP/s): [bold]{report.RatioToBound:F2}×[/]. Wrote {Markup.Escape(benchFolder)}/main-job.md");
            }
            return 0;
        });
        return new Command("reproduce", "Reproduce the paper's experiments.") { paper };
    }
}
