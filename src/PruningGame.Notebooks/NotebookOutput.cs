namespace PruningGame.Notebooks;

/// <summary>
/// Where `notebook run` writes. The executed copies under results/notebooks/ are committed references: only an explicit
/// full run (<c>quick=false</c>) that succeeded replaces one. Every run first writes to <see cref="RunTo"/>, so a failed
/// run leaves its partial copy there and the reference untouched.
/// </summary>
public sealed record NotebookOutput(string RunTo, string? PromoteTo)
{
    /// <summary>
    /// Where to write; an explicit <paramref name="explicitOut"/> that is empty, the notebook itself (the versioned,
    /// output-free copy) or a folder is refused before any cell runs, and its folder must be writable then.
    /// </summary>
    public static NotebookOutput Choose(string notebook, string resultsRoot, IReadOnlyDictionary<string, string> parameters, string? explicitOut)
    {
        if (explicitOut is not null)
        {
            if (string.IsNullOrWhiteSpace(explicitOut)) throw new NotebookException("--out is empty: give the path of the executed notebook to write.");
            if (Path.GetFullPath(explicitOut) == Path.GetFullPath(notebook))
                throw new NotebookException($"--out '{explicitOut}' is the notebook being run: the versioned notebook stays without outputs; give another path.");
            if (Directory.Exists(explicitOut)) throw new NotebookException($"--out '{explicitOut}' is a folder: give the path of the executed notebook (…/name.ipynb).");
            Infrastructure.AtomicFile.RequireWritableFolder(Path.GetDirectoryName(Path.GetFullPath(explicitOut))!);
            return new NotebookOutput(explicitOut, null);
        }
        var name = Path.GetFileName(notebook);
        var scratch = Path.Combine(resultsRoot, "scratch", "notebooks", name);
        var full = parameters.TryGetValue("quick", out var quick) && quick == "false";
        return new NotebookOutput(scratch, full ? Path.Combine(resultsRoot, "notebooks", name) : null);
    }
}
