using System.CommandLine;
using PruningGame.Reporting;
using PruningGame.RunRecords;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench figures &lt;results-folder&gt;`: every figure the folder's runs support, into &lt;folder&gt;/figures/.</summary>
internal static class FiguresCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("results-folder") { Description = "A run folder or any folder of run folders (e.g. results/runs/<experiment>)." };
        var formats = new Option<string>("--format") { Description = "Comma-separated: html, svg, png, pdf.", DefaultValueFactory = _ => "html,svg" };
        var style = new Option<string>("--style") { Description = "screen, paper (two-column, 7.2 in) or paper-column (3.5 in).", DefaultValueFactory = _ => "screen" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: <results-folder>/figures)." };
        var command = new Command("figures", "Write the paper's figures, frontiers and theory checks for a results folder.") { folder, formats, style, output };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(folder)!;
            var runs = RunData.LoadAll(root);
            if (runs.Count == 0) throw new InvalidDataException($"No finished run folder (with {RunFiles.Summary}) under '{root}'.");
            var target = parse.GetValue(output) ?? Path.Combine(root, "figures");
            var chosen = parse.GetValue(formats)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var written = FigureSet.Write(runs, target, chosen, FigureStyle.Named(parse.GetValue(style)!),
                                          path => AnsiConsole.MarkupLine($"[grey]writing[/] {Markup.Escape(path)}"));
            AnsiConsole.MarkupLine($"[green]{written.Count} files[/] from {runs.Count} runs in {Markup.Escape(target)}");
            if (FigureSet.LeftOutOfTrainingFigures(runs) is { } leftOut) AnsiConsole.MarkupLine(Markup.Escape(leftOut));
            Runs.SayUnfinished(root);
            return 0;
        });
        return command;
    }
}
