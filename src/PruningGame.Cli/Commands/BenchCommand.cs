using System.CommandLine;
using PruningGame.Benchmarks;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench bench`: what the game costs and what pruning buys, into results/bench/&lt;machine&gt;/.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var repeats = CommonOptions.Count("--repeats", "Timed repeats per figure (the median is reported).", 7);
        var results = CommonOptions.Results();
        var command = new Command("bench", "Measure the game's step cost, the participation update's scaling, GFLOP/s against sgemm, compact vs dense inference and dataset loading.")
        {
            repeats, results,
        };
        command.SetAction(parse =>
        {
            // Checked before minutes of measuring: a folder the report cannot be written to fails now.
            PruningGame.Infrastructure.AtomicFile.RequireWritableFolder(BenchReportWriter.FolderOf(parse.GetValue(results)!, WorkbenchBenchmarks.MachineName()));
            BenchReport? report = null;
            AnsiConsole.Status().Start("benchmarking (keep the machine otherwise idle)…", ctx =>
                report = WorkbenchBenchmarks.Run(parse.GetValue(repeats), m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]")));
            var folder = BenchReportWriter.Write(report!, parse.GetValue(results)!, $"workbench bench --repeats {parse.GetValue(repeats)}");
            foreach (var group in report!.Measurements.GroupBy(m => m.Group))
                AnsiConsole.Write(TablePrinter.Build(Markup.Escape(group.Key), BenchReportWriter.Table, group));
            AnsiConsole.MarkupLine($"Wrote {Markup.Escape(folder)}/bench.json and bench.md");
            return 0;
        });
        return command;
    }
}
