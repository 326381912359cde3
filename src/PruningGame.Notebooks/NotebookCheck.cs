using System.Text.Json.Nodes;

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
        if (!notebook.Cells.Any(c => NotebookDocument.Tags(c!.AsObject()).Contains("parameters")))
            problems.Add($"{path}: no cell is tagged 'parameters'.");
        return problems;
    }
}
