using System.CommandLine;
using PruningGame.Infrastructure;
using PruningGame.Notebooks;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench notebook run|check`.</summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("notebook") { Description = "The .ipynb to execute." };
        var parameters = new Option<string[]>("--param") { Description = "name=value, injected after the cell tagged 'parameters' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--out")
        {
            Description = "Executed notebook path (default: results/scratch/notebooks/<name>.ipynb; with --param quick=false, the reference copy results/notebooks/<name>.ipynb, replaced only when every cell ran).",
        };
        var run = new Command("run", "Execute a notebook's C# cells in the .NET Interactive C# kernel (in process) and write the executed notebook.") { path, parameters, output };
        run.SetAction(async (parse, _) =>
        {
            var notebook = parse.GetValue(path)!;
            var values = new Dictionary<string, string>();
            foreach (var p in parse.GetValue(parameters) ?? [])
            {
                var split = p.IndexOf('=');
                if (split <= 0) throw new ArgumentException($"--param '{p}' is not name=value.");
                if (!values.TryAdd(p[..split], p[(split + 1)..]))
                    throw new ArgumentException($"--param {p[..split]} is given twice ('{values[p[..split]]}' and '{p[(split + 1)..]}'): give it once.");
            }
            var destination = NotebookOutput.Choose(notebook, WorkbenchPaths.ResultsRoot(), values, parse.GetValue(output));
            var target = destination.RunTo;
            var result = await NotebookRunner.RunAsync(notebook, values, target,
                (cell, total) => AnsiConsole.MarkupLine($"[grey]code cell {cell}/{total}[/]"));
            if (result.Failure is { } failure)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(notebook)} failed[/] at {Markup.Escape(failure.ToString())}");
                AnsiConsole.MarkupLine($"Executed notebook up to the failure written to {Markup.Escape(result.OutputPath)}");
                return 1;
            }
            if (destination.PromoteTo is { } reference)
            {
                AtomicFile.WriteAllText(reference, File.ReadAllText(target));
                target = reference;
            }
            AnsiConsole.MarkupLine($"[green]{result.CellsRun} code cells ran[/]; executed notebook: {Markup.Escape(target)}");
            return 0;
        });

        var paths = new Argument<string[]>("notebooks") { Description = "Notebooks to check.", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "Check notebooks' structure (kernel metadata, parameters cell, no committed outputs) without running them.") { paths };
        check.SetAction(parse =>
        {
            var problems = parse.GetValue(paths)!.SelectMany(p => NotebookCheck.Problems(p)).ToList();
            foreach (var p in problems) AnsiConsole.MarkupLine($"[red]✗[/] {Markup.Escape(p)}");
            if (problems.Count == 0) AnsiConsole.MarkupLine("[green]all notebooks well formed[/]");
            return problems.Count == 0 ? 0 : 1;   // a check that found problems, as verify and doctor say theirs
        });
        return new Command("notebook", "Notebooks: run headlessly, check.") { run, check };
    }
}
