using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using PruningGame.Infrastructure;

namespace PruningGame.Notebooks;

/// <summary>
/// Reads and writes .ipynb files with Microsoft.DotNet.Interactive.Documents, the kernel's own notebook format library:
/// cell ids, cell and notebook metadata (tags, kernelspec) and outputs survive a round trip. It has no raw cells and
/// drops attachments, so notebooks with either are refused rather than silently changed.
/// </summary>
public static class NotebookFile
{
    public static InteractiveDocument Load(string path)
    {
        if (!File.Exists(path))
            throw new NotebookException(Directory.Exists(path) ? $"'{path}' is a folder: give a notebook file (notebooks/*.ipynb)." : $"Notebook '{path}' does not exist.");
        var json = File.ReadAllText(path);
        try
        {
            using var raw = JsonDocument.Parse(json);
            if (raw.RootElement.ValueKind != JsonValueKind.Object) throw new NotebookException($"Notebook '{path}' is not a JSON object.");
            if (!raw.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw new NotebookException($"Notebook '{path}' has no 'cells' array.");
            if (!raw.RootElement.TryGetProperty("nbformat", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() < 4)
                throw new NotebookException($"Notebook '{path}' is not nbformat 4 or later (nbformat = {(raw.RootElement.TryGetProperty("nbformat", out var f) ? f.GetRawText() : "missing")}).");
            var index = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                index++;
                if (cell.ValueKind != JsonValueKind.Object || !cell.TryGetProperty("cell_type", out var type) || type.GetString() is not ("code" or "markdown"))
                    throw new NotebookException($"Notebook '{path}', cell {index}: not a code or markdown cell (the kernel's document format has no other kind).");
                if (cell.TryGetProperty("attachments", out _))
                    throw new NotebookException($"Notebook '{path}', cell {index}: has attachments, which the kernel's document format would drop.");
            }
        }
        catch (JsonException e)
        {
            throw new NotebookException($"Notebook '{path}' is not valid JSON: {e.Message}", e);
        }
        var document = Notebook.Parse(json);
        var language = Metadata(document.Metadata, "kernelspec", "language");
        if (language is not null && language != "C#")
            throw new NotebookException($"Notebook '{path}' is a {language} notebook; the runner executes C# (.NET Interactive, kernelspec '.net-csharp').");
        for (var i = 0; i < document.Elements.Count; i++)
        {
            var kernel = document.Elements[i].KernelName;
            if (kernel is not null and not "markdown" and not "csharp")
                throw new NotebookException($"Notebook '{path}', cell {i + 1}: kernel '{kernel}' is not supported (only csharp).");
        }
        return document;
    }

    public static void Save(InteractiveDocument document, string path) => AtomicFile.WriteAllText(path, document.ToJupyterJson() + "\n");

    public static bool IsCode(InteractiveDocumentElement cell) => cell.KernelName != "markdown";

    public static IReadOnlyList<string> Tags(InteractiveDocumentElement cell) =>
        cell.Metadata?.TryGetValue("tags", out var tags) == true && tags is IEnumerable<object> list ? list.OfType<string>().ToList() : [];

    /// <summary>Index of the first cell tagged "parameters" (papermill's convention), or -1 when none is.</summary>
    public static int ParametersCellIndex(InteractiveDocument document)
    {
        for (var i = 0; i < document.Elements.Count; i++)
            if (Tags(document.Elements[i]).Contains("parameters")) return i;
        return -1;
    }

    /// <summary>A nested metadata string, e.g. ("kernelspec", "name"); null when absent.</summary>
    public static string? Metadata(IDictionary<string, object>? metadata, params string[] path)
    {
        object? node = metadata;
        foreach (var key in path)
            node = node is IDictionary<string, object> d && d.TryGetValue(key, out var next) ? next : null;
        return node as string;
    }
}
