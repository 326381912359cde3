namespace PruningGame.Data;

/// <summary>Where a dataset's four files were found.</summary>
public sealed record LocatedDataset(CatalogEntry Entry, string Directory, IReadOnlyDictionary<string, string> FilePaths);

/// <summary>
/// Finds a catalogued dataset in, in order: <c>data/&lt;name&gt;/</c> of the repository, <c>$PRUNINGGAME_DATA/&lt;name&gt;/</c>,
/// and <c>/usr/share/datasets/&lt;name&gt;/</c> (Debian's dataset packages). Each file may be gzipped (.gz) or raw.
/// </summary>
public sealed class DatasetLocator(IReadOnlyList<string> searchRoots)
{
    public IReadOnlyList<string> SearchRoots { get; } = searchRoots;

    public static DatasetLocator Default() => new(DefaultRoots());

    public static IReadOnlyList<string> DefaultRoots()
    {
        var roots = new List<string> { Path.Combine(RepositoryRoot.Find(), "data") };
        if (Environment.GetEnvironmentVariable("PRUNINGGAME_DATA") is { Length: > 0 } custom) roots.Add(custom);
        roots.Add("/usr/share/datasets");
        return roots;
    }

    /// <summary>The first search root that holds all four files, or null.</summary>
    public LocatedDataset? TryFind(CatalogEntry entry)
    {
        foreach (var root in SearchRoots)
        {
            var directory = Path.Combine(root, entry.Name);
            if (!Directory.Exists(directory)) continue;
            var paths = new Dictionary<string, string>();
            foreach (var file in entry.Files)
            {
                var found = new[] { file.Name + ".gz", file.Name }.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
                if (found is null) break;
                paths[file.Name] = found;
            }
            if (paths.Count == entry.Files.Count) return new LocatedDataset(entry, directory, paths);
        }
        return null;
    }

    public LocatedDataset Find(CatalogEntry entry) =>
        TryFind(entry) ?? throw new DatasetException(MissingMessage(entry));

    public string MissingMessage(CatalogEntry entry) =>
        $"Dataset '{entry.Name}' was not found. Put its four files ({string.Join(", ", entry.Files.Select(f => f.Name + "[.gz]"))}) in one of: " +
        string.Join(", ", SearchRoots.Select(r => Path.Combine(r, entry.Name) + "/")) +
        $" (set PRUNINGGAME_DATA to use another folder), or run `workbench data fetch {entry.Name}` where the internet is reachable." +
        (entry.Name == "fashion-mnist" ? " On Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist." : "");
}

/// <summary>The repository root: the nearest folder upwards holding PruningGame.Workbench.sln (else the current folder).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PruningGame.Workbench.sln")))
                    return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
