namespace PruningGame.Notebooks;

/// <summary>
/// Where `notebook run` writes. The executed copies under results/notebooks/ are committed references: only an explicit
/// full run (<c>quick=false</c>) that succeeded replaces one. Every run first writes to <see cref="RunTo"/>, so a failed
/// run leaves its partial copy there and the reference untouched.
/// </summary>
public sealed record NotebookOutput(string RunTo, string? PromoteTo)
{
    public static NotebookOutput Choose(string notebook, string resultsRoot, IReadOnlyDictionary<string, string> parameters, string? explicitOut)
    {
        if (explicitOut is not null) return new NotebookOutput(explicitOut, null);
        var name = Path.GetFileName(notebook);
        var scratch = Path.Combine(resultsRoot, "scratch", "notebooks", name);
        var full = parameters.TryGetValue("quick", out var quick) && quick == "false";
        return new NotebookOutput(scratch, full ? Path.Combine(resultsRoot, "notebooks", name) : null);
    }
}
