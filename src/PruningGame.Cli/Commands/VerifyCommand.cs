using System.CommandLine;
using System.Runtime.InteropServices;
using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench verify &lt;run-folder&gt;`: a finished run trained again from its config and seed, every recorded value compared.</summary>
internal static class VerifyCommand
{
    private const int DifferencesShown = 20;

    public static Command Create()
    {
        var folder = new Argument<string>("run-folder") { Description = "A finished run folder (results/runs/<experiment>/<run-id>)." };
        var keep = new Option<bool>("--keep") { Description = "Keep the rerun's folder (its path is printed) instead of deleting it." };
        var command = new Command("verify",
            "Train a finished run again from its config.json and seed, and compare every value it recorded, digit for digit (times excepted); exit 1 on a difference, 2 on an error.")
        {
            folder, keep,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(folder)!;
            var recorded = RunVerification.Recorded(path);   // a folder that is not a finished run is refused before anything is made
            var scratch = MakeScratch();
            // Interrupted (Ctrl+C, a job's SIGTERM), the process ends without its finally blocks: take the rerun's folder,
            // checkpoints and all, with it. The default handling then ends the process as before.
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Remove(scratch));
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Remove(scratch));
            try
            {
                var result = Runs.WithProgress(recorded.RunId, observer => RunVerification.Rerun(recorded, scratch, observer), folderIsTemporary: !parse.GetValue(keep));
                Print(result);
                return result.Reproduced ? 0 : 1;
            }
            finally
            {
                if (parse.GetValue(keep)) AnsiConsole.MarkupLine($"The rerun is kept in {Markup.Escape(scratch)}.");
                else Remove(scratch);
            }
        });
        return command;
    }

    /// <summary>A new folder for the rerun under the system's temporary folder; failing that, an error that says where and why.</summary>
    private static string MakeScratch()
    {
        try
        {
            return Directory.CreateTempSubdirectory("workbench-verify-").FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Could not make a folder for the rerun under the temporary folder '{Path.GetTempPath()}' " +
                                                $"({e.Message}): set TMPDIR to a folder this user can write.", e);
        }
    }

    /// <summary>Deletes the rerun's folder; a failure to is said, not thrown over the verification's own outcome or error.</summary>
    private static void Remove(string scratch)
    {
        if (!Directory.Exists(scratch)) return;
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[yellow]Could not delete the rerun's folder {Markup.Escape(scratch)}: {Markup.Escape(e.Message)}[/]");
        }
    }

    private static void Print(RunVerification result)
    {
        var files = string.Join(", ", result.FilesCompared);
        if (result.Reproduced)
            AnsiConsole.MarkupLine($"[green]Reproduced[/]: {result.ValuesCompared:N0} values in {Markup.Escape(files)} equal the recorded run's digit for digit (wall seconds and latencies excepted).");
        else
        {
            AnsiConsole.MarkupLine($"[red]Not reproduced[/]: {result.Differences.Count:N0} differences in {Markup.Escape(files)} ({result.ValuesCompared:N0} values compared).");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("file", "row", "column or field", "recorded", "rerun");
            foreach (var d in result.Differences.Take(DifferencesShown))
                table.AddRow(Markup.Escape(d.File), Markup.Escape(d.Row), Markup.Escape(d.Column), Markup.Escape(d.Recorded), Markup.Escape(d.Rerun));
            AnsiConsole.Write(table);
            if (result.Differences.Count > DifferencesShown) AnsiConsole.MarkupLine($"… and {result.Differences.Count - DifferencesShown:N0} more.");
        }
        if (result.OneSided.Count > 0)
        {
            AnsiConsole.MarkupLine($"Written by one of the two only, so not compared ({result.OneSided.Count:N0}; a run made by older code records less):");
            foreach (var item in result.OneSided.Take(DifferencesShown)) AnsiConsole.MarkupLine($"  {Markup.Escape(item)}");
            if (result.OneSided.Count > DifferencesShown) AnsiConsole.MarkupLine($"  … and {result.OneSided.Count - DifferencesShown:N0} more.");
        }
        if (result.MachineChanges.Count > 0)
        {
            AnsiConsole.MarkupLine("Where this machine differs from the run's environment.json, or the run did not record it (the same digits are promised on the same machine only):");
            foreach (var change in result.MachineChanges) AnsiConsole.MarkupLine($"  {Markup.Escape(change)}");
        }
        foreach (var change in result.CodeChanges) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(change)}[/]");
    }
}
