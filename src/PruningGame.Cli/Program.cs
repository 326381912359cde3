using System.CommandLine;
using PruningGame.Cli.Commands;
using Spectre.Console;

// The `workbench` command: thin over the PruningGame library. Each sub-command lives in
// Commands/<Name>Command.cs and is registered here.
// Redirected output (logs, CI) has no terminal width; Spectre would assume 80 columns and fold every table.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;

var root = new RootCommand("PruningGame Workbench: rerun and extend 'Pruning as a Game' (Shah & Khan, 2025).");
foreach (var command in new[]
         {
             DoctorCommand.Create(),
             DataCommand.Create(),
             RunCommand.Create(),
             ReproduceCommand.Create(),
             SweepCommand.Create(),
             TheoryCommand.Create(),
             FiguresCommand.Create(),
             FrontierCommand.Create(),
             TableCommand.Create(),
             NotebookCommand.Create(),
             BenchCommand.Create(),
         })
{
    root.Subcommands.Add(command);
}

var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
try
{
    return await root.Parse(args).InvokeAsync(configuration);
}
catch (Exception e) when (e is PruningGame.Data.DatasetException or PruningGame.Notebooks.NotebookException or InvalidDataException or ArgumentException
                              or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException
                              or PruningGame.Training.TrainingDivergedException)
{
    // Expected failures get their message, not a stack trace.
    AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
    return 2;
}
