using System.CommandLine;
using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>
/// `workbench table &lt;runs-folder&gt;` (the Table-2-style summary, one row per label) and `workbench frontier
/// &lt;sweep-results&gt;` (the frontier of a sweep): each reads the finished runs below a folder, writes its table as
/// Markdown and CSV beside them (or into --out) and shows it on the console.
/// </summary>
internal static class TableCommands
{
    public static Command Table() => Create("table", "Summarise runs by label: accuracy after removal and as trained, sparsity, kept per layer, participation bins, bimodality, pruned-not-inert.",
        "runs-folder", "Any folder of run folders, e.g. results/runs/open-choices-fashion-mnist.", "the runs folder", WritePaperTable);

    public static Command Frontier() => Create("frontier", "Write the sparsity–accuracy frontier table (method, setting, accuracy after removal ± std, sparsity, parameters, multiply-adds, latency).",
        "sweep-results", "The runs of a sweep, e.g. results/runs/frontier-fashion-mnist.", "the sweep-results folder", WriteFrontier);

    private static string WritePaperTable(string root, string target)
    {
        var table = PaperTable.Write(root, target);
        TablePrinter.PrintPaperTable(table, Path.GetFileName(Path.TrimEndingDirectorySeparator(root)));
        return $"{table.Rows.Count} rows";
    }

    private static string WriteFrontier(string root, string target)
    {
        var table = FrontierTable.Write(root, target);
        TablePrinter.PrintFrontier(table);
        return $"{table.Points.Count} points";
    }

    /// <param name="write">writes the table from the runs folder into the target folder, shows it, and says how many rows it has</param>
    private static Command Create(string name, string description, string argument, string argumentDescription, string defaultTarget,
                                  Func<string, string, string> write)
    {
        var folder = new Argument<string>(argument) { Description = argumentDescription };
        var output = new Option<string?>("--out") { Description = $"Output folder for {name}.md and {name}.csv (default: {defaultTarget})." };
        var command = new Command(name, description) { folder, output };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(folder)!;
            var target = parse.GetValue(output) ?? root;
            var rows = write(root, target);
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(target, name + ".md"))}[/] and {name}.csv ({rows})");
            Runs.SayUnfinished(root);
            return 0;
        });
        return command;
    }
}
