using System.CommandLine;
using PruningGame.Cli.Commands;

// The `workbench` command: thin over the PruningGame library. Each sub-command lives in
// Commands/<Name>Command.cs and is registered here.
var root = new RootCommand("PruningGame Workbench: rerun and extend 'Pruning as a Game' (Shah & Khan, 2025).");
foreach (var command in new[]
         {
             DoctorCommand.Create(),
         })
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
