namespace PruningGame.Cli;

/// <summary>Where the repository and its results folder are (found from the current directory upwards).</summary>
internal static class WorkbenchPaths
{
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PruningGame.Workbench.sln")))
                    return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    public static string ResultsRoot() => Path.Combine(RepositoryRoot(), "results");
}
