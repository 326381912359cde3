using System.Text.RegularExpressions;

namespace PruningGame.Notebooks;

/// <summary>Structural checks of a versioned notebook: the .NET Interactive kernel metadata, and no committed outputs.</summary>
public static partial class NotebookCheck
{
    [GeneratedRegex(@"^\s*#r\s+""[^""]*bin/(Debug|Release)/[^""]*""", RegexOptions.Multiline)]
    private static partial Regex ConfigurationFolder();

    public static IReadOnlyList<string> Problems(string path, bool requireClean = true)
    {
        var problems = new List<string>();
        Microsoft.DotNet.Interactive.Documents.InteractiveDocument notebook;
        try { notebook = NotebookFile.Load(path); }
        catch (NotebookException e) { return [e.Message]; }
        if (NotebookFile.Metadata(notebook.Metadata, "kernelspec", "name") != ".net-csharp")
            problems.Add($"{path}: metadata.kernelspec.name must be '.net-csharp' (the .NET Interactive C# kernel).");
        if (NotebookFile.Metadata(notebook.Metadata, "polyglot_notebook", "kernelInfo", "defaultKernelName") != "csharp")
            problems.Add($"{path}: metadata.polyglot_notebook.kernelInfo.defaultKernelName must be 'csharp'.");
        for (var i = 0; i < notebook.Elements.Count; i++)
        {
            var cell = notebook.Elements[i];
            if (!NotebookFile.IsCode(cell)) continue;
            if (requireClean && cell.Outputs.Count > 0)
                problems.Add($"{path}, cell {i + 1}: has outputs; versioned notebooks are committed without outputs (executed copies go to results/notebooks/).");
            if (NotebookFile.Metadata(cell.Metadata, "polyglot_notebook", "kernelName") != "csharp")
                problems.Add($"{path}, cell {i + 1}: metadata.polyglot_notebook.kernelName must be 'csharp'.");
            if (ConfigurationFolder().Match(cell.Contents) is { Success: true } folder)
                problems.Add($"{path}, cell {i + 1}: references one build configuration's output ('{folder.Value}'); " +
                             "#load \"../artifacts/workbench.csx\" instead, which names the configuration built last.");
        }
        var parameters = NotebookFile.ParametersCellIndex(notebook);
        if (parameters < 0)
            problems.Add($"{path}: no cell is tagged 'parameters'.");
        else
            problems.AddRange(DerivedParameters(notebook.Elements[parameters].Contents)
                .Select(d => $"{path}, cell {parameters + 1}: the parameters cell computes '{d.Name}' from the parameter '{d.From}'; " +
                             $"`--param` values are injected after this cell, so '{d.Name}' would keep the default's value. Move it to a later cell."));
        return problems;
    }

    /// <summary>Declarations in a parameters cell whose initialiser reads an earlier parameter (papermill's pitfall).</summary>
    public static IEnumerable<(string Name, string From)> DerivedParameters(string source)
    {
        var declared = new List<string>();
        foreach (var (_, name, initializer) in NotebookParameters.Declarations(source))
        {
            var withoutStrings = Regex.Replace(initializer, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");   // ignore names inside strings
            var from = declared.FirstOrDefault(d => Regex.IsMatch(withoutStrings, $@"\b{d}\b"));
            if (from is not null) yield return (name, from);
            declared.Add(name);
        }
    }
}
