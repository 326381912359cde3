using System.CommandLine;
using PruningGame.Infrastructure;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench doctor`: checks this machine against environment.json.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check this machine against environment.json (SDK, TorchSharp and its backend, threads, CUDA, datasets, Chromium).");
        command.SetAction(_ =>
        {
            var results = EnvironmentCheck.Run(WorkbenchPaths.RepositoryRoot());
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]workbench doctor[/]").AddColumns("check", "status", "detail");
            foreach (var r in results)
            {
                var status = r.Status switch
                {
                    CheckStatus.Ok => "[green]ok[/]",
                    CheckStatus.Warning => "[yellow]warning[/]",
                    _ => r.Required ? "[red]MISSING[/]" : "[yellow]missing[/]",
                };
                table.AddRow(Markup.Escape(r.Name) + (r.Required ? " *" : ""), status, Markup.Escape(r.Detail));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]* required[/]");
            return EnvironmentCheck.AllRequiredPresent(results) ? 0 : 1;
        });
        return command;
    }
}
