using System.CommandLine;
using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench frontier &lt;sweep-results&gt;`: the frontier table of a sweep as CSV and Markdown.</summary>
internal static class FrontierCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("sweep-results") { Description = "The runs of a sweep, e.g. results/runs/frontier-fashion-mnist." };
        var output = new Option<string?>("--out") { Description = "Output folder for frontier.md and frontier.csv (default: the sweep-results folder)." };
        var command = new Command("frontier", "Write the sparsity–accuracy frontier table (method, setting, accuracy after removal ± std, sparsity, parameters, multiply-adds, latency).")
        {
            folder, output,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(folder)!;
            var target = parse.GetValue(output) ?? root;
            var table = FrontierTable.Write(root, target);
            TablePrinter.PrintFrontier(table);
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(target, "frontier.md"))}[/] and frontier.csv ({table.Points.Count} points)");
            return 0;
        });
        return command;
    }
}
