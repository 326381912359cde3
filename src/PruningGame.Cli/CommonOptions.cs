using System.CommandLine;

namespace PruningGame.Cli;

internal static class CommonOptions
{
    public static Option<string> Results() => new("--results")
    {
        Description = "Results root (default: results/ of the repository).",
        DefaultValueFactory = _ => WorkbenchPaths.ResultsRoot(),
    };
}
