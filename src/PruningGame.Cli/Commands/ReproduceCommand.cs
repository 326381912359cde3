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
        var seeds = CommonOptions.Int("--seeds", "Seeds per configuration (mean ± std over them).", 3);
        var quick = new Option<bool>("--quick") { Description = $"{QuickProtocol.TrainSamples} training samples, {QuickProtocol.Epochs} epochs: a smoke test that finishes in about a minute." };
        var variant = new Option<string>("--variant")
        {
            Description = "Comma-separated settings of the paper's open choices, one table each: " + string.Join("; ", GameVariant.All.Select(v => $"{v.Name}: {v.Description}")),
            DefaultValueFactory = _ => string.Join(",", GameVariant.ReportDefaults),
        };
        var workers = CommonOptions.Int("--workers", "Parallel runs (child processes).", 1);
        var results = CommonOptions.Results();
        var paper = new Command("paper", "Run the paper's four configurations and the mild-β one, and write the Table-2 summary (CSV and Markdown).")
        {
            dataset, seeds, quick, variant, workers, results,
        };
        paper.SetAction(parse =>
        {
            var name = parse.GetValue(dataset) ?? WorkbenchData.DefaultPaperDataset();
            var root = parse.GetValue(results)!;
            var chosen = parse.GetValue(variant)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(GameVariant.Get).ToList();
            foreach (var v in chosen)
            {
                var runs = PaperReproduction.Runs(name, parse.GetValue(seeds), parse.GetValue(quick), v);
                var experiment = runs[0].Config.Experiment;
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(v.Name)}[/]: {Markup.Escape(v.Description)}");
                SweepRunner.Execute(runs, root, Runs.Sweep(parse.GetValue(workers)));
                var table = PaperReproduction.WriteTable(root, experiment);
                TablePrinter.PrintPaperTable(table, v.Name);
                AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(PaperReproduction.TableFolder(root, experiment))}[/]/table2.md and table2.csv");
            }
            return 0;
        });
        return new Command("reproduce", "Reproduce the paper's experiments.") { paper };
    }
}
