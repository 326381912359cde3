using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PruningGame.Notebooks;

/// <summary>Structural checks of a versioned notebook: the .NET Interactive kernel metadata, and no committed outputs.</summary>
public static class NotebookCheck
{
    public static IReadOnlyList<string> Problems(string path, bool requireClean = true)
    {
        var problems = new List<string>();
        NotebookDocument notebook;
        try { notebook = NotebookDocument.Load(path); }
        catch (NotebookException e) { return [e.Message]; }
        var metadata = notebook.Root["metadata"];
        if (metadata?["kernelspec"]?["name"]?.GetValue<string>() != ".net-csharp")
            problems.Add($"{path}: metadata.kernelspec.name must be '.net-csharp' (the .NET Interactive C# kernel).");
        if (metadata?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() != "csharp")
            problems.Add($"{path}: metadata.polyglot_notebook.kernelInfo.defaultKernelName must be 'csharp'.");
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i]!.AsObject();
            if (cell["cell_type"]!.GetValue<string>() != "code") continue;
            if (requireClean && cell["outputs"] is JsonArray { Count: > 0 })
                problems.Add($"{path}, cell {i}: has outputs; versioned notebooks are committed without outputs (executed copies go to results/notebooks/).");
            if (cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>() != "csharp")
                problems.Add($"{path}, cell {i}: metadata.polyglot_notebook.kernelName must be 'csharp'.");
        }
        var parameters = notebook.ParametersCellIndex();
        if (parameters < 0)
            problems.Add($"{path}: no cell is tagged 'parameters'.");
        else
            problems.AddRange(DerivedParameters(NotebookDocument.Source(notebook.Cells[parameters]!.AsObject()))
                .Select(d => $"{path}, cell {parameters}: the parameters cell computes '{d.Name}' from the parameter '{d.From}'; " +
                             $"`--param` values are injected after this cell, so '{d.Name}' would keep the default's value. Move it to a later cell."));
        return problems;
    }

    private static readonly Regex Declaration = new(@"^\s*(?:var|[A-Za-z_][\w<>?,\[\] ]*?)\s+([A-Za-z_]\w*)\s*=\s*(.+?);", RegexOptions.Multiline);

    /// <summary>Declarations in a parameters cell whose initialiser reads an earlier parameter (papermill's pitfall).</summary>
    public static IEnumerable<(string Name, string From)> DerivedParameters(string source)
    {
        var declared = new List<string>();
        foreach (Match m in Declaration.Matches(source))
        {
            var initializer = Regex.Replace(m.Groups[2].Value, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");   // ignore names inside strings
            var from = declared.FirstOrDefault(d => Regex.IsMatch(initializer, $@"\b{d}\b"));
            if (from is not null) yield return (m.Groups[1].Value, from);
            declared.Add(m.Groups[1].Value);
        }
    }
}
