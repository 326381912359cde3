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
             VerifyCommand.Create(),
             ReproduceCommand.Create(),
             SweepCommand.Create(),
             SweepCommand.Worker(),
             TheoryCommand.Create(),
             FiguresCommand.Create(),
             TableCommands.Frontier(),
             TableCommands.Table(),
             NotebookCommand.Create(),
             BenchCommand.Create(),
         })
{
    root.Subcommands.Add(command);
}

// A sweep's worker ends itself when the sweep that started it is gone (even killed with SIGKILL): the kernel then
// releases its run folder's lock, and its last checkpoint stays for the next sweep to resume.
PruningGame.Infrastructure.ParentWatch.StartFromEnvironment(() =>
{
    Console.Error.WriteLine("error: the sweep that started this run has ended; stopping (the last checkpoint is kept for --resume).");
    Environment.Exit(143);
});

var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
try
{
    var parsed = root.Parse(args);
    var code = await parsed.InvokeAsync(configuration);
    // A command line that does not parse is a usage error (2), never a command's own outcome: verify's 1 means "differs".
    return parsed.Errors.Count > 0 && code != 0 ? 2 : code;
}
catch (PruningGame.RunRecords.RunFinishedException e)
{
    AnsiConsole.MarkupLine(Markup.Escape(e.Message));   // nothing to do is not a failure
    return 0;
}
catch (PruningGame.RunRecords.RunFolderBusyException e)
{
    Fail(e.Message);
    return PruningGame.Experiments.SweepRunner.BusyExitCode;
}
catch (Exception e) when (e is PruningGame.Data.DatasetException or PruningGame.Notebooks.NotebookException or InvalidDataException or ArgumentException
                              or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException
                              or PruningGame.Training.TrainingDivergedException or PruningGame.RunRecords.CheckpointDamagedException)
{
    // Expected failures get their message, not a stack trace.
    Fail(PruningGame.Infrastructure.ExpectedErrors.Message(e));
    return 2;
}
catch (System.Runtime.InteropServices.ExternalException e)
{
    // libtorch refused (most often an allocation: a layer or batch too large for this machine's memory).
    Fail($"libtorch failed: {e.Message.Split('\n')[0].Trim()} " +
         "If it could not allocate memory, the config's layer sizes or batch are too large for this machine.");
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A full disk, a read-only or foreign folder: .NET's message names the path; say what to do.
    Fail(PruningGame.Cli.IoErrors.Explain(e));
    return PruningGame.Infrastructure.ExpectedErrors.IsPathThroughFile(e) ? 2 : 3;   // a wrong path is refused input, as a missing folder is
}

// The error line goes to standard error, so a script that reads a command's output ($(workbench sweep … --pending-tasks))
// still shows it; unwrapped when redirected, so a log holds it on one line for grep.
static void Fail(string message)
{
    if (Console.IsErrorRedirected) Console.Error.WriteLine($"error: {message}");
    else AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
}
