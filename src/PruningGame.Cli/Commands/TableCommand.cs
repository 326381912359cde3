using System.CommandLine;
using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench table &lt;runs-folder&gt;`: the Table-2-style summary (one row per label) of any set of runs.</summary>
internal static class TableCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("runs-folder") { Description = "Any folder of run folders, e.g. results/runs/open-choices-fashion-mnist." };
        var output = new Option<string?>("--out") { Description = "Output folder for table.md and table.csv (default: the runs folder)." };
        var command = new Command("table", "Summarise runs by label: accuracy after removal and as trained, sparsity, kept per layer, participation bins, bimodality, pruned-not-inert.")
        {
            folder, output,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(folder)!;
            var target = parse.GetValue(output) ?? root;
            var table = PaperTable.Write(root, target);
            TablePrinter.PrintPaperTable(table, Path.GetFileName(Path.TrimEndingDirectorySeparator(root)));
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(target, "table.md"))}[/] and table.csv ({table.Rows.Count} rows)");
            return 0;
        });
        return command;
    }
}
