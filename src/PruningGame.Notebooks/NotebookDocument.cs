using System.Text.Json;
using System.Text.Json.Nodes;

namespace PruningGame.Notebooks;

/// <summary>
/// An nbformat 4 notebook held as JSON, so that metadata and fields this class does not know survive a round trip.
/// </summary>
public sealed class NotebookDocument
{
    private NotebookDocument(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }
    public JsonObject Root { get; }
    public JsonArray Cells => Root["cells"]!.AsArray();

    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path)) throw new NotebookException($"Notebook '{path}' does not exist.");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new NotebookException($"Notebook '{path}' is not valid JSON: {e.Message}", e);
        }
        if (node is not JsonObject root) throw new NotebookException($"Notebook '{path}' is not a JSON object.");
        if (root["cells"] is not JsonArray cells) throw new NotebookException($"Notebook '{path}' has no 'cells' array.");
        if (root["nbformat"]?.GetValueKind() != JsonValueKind.Number || root["nbformat"]!.GetValue<int>() < 4)
            throw new NotebookException($"Notebook '{path}' is not nbformat 4 or later (nbformat = {root["nbformat"]?.ToJsonString() ?? "missing"}).");
        var language = root["metadata"]?["kernelspec"]?["language"]?.GetValue<string>();
        if (language is not null && language != "C#")
            throw new NotebookException($"Notebook '{path}' is a {language} notebook; the runner executes C# (.NET Interactive, kernelspec '.net-csharp').");
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValue<string>() is not { } type)
                throw new NotebookException($"Notebook '{path}', cell {i}: not an object with a 'cell_type'.");
            var cellLanguage = cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>();
            if (type == "code" && cellLanguage is not null && cellLanguage != "csharp")
                throw new NotebookException($"Notebook '{path}', cell {i}: kernel '{cellLanguage}' is not supported (only csharp).");
        }
        return new NotebookDocument(path, root);
    }

    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    public static IReadOnlyList<string> Tags(JsonObject cell) =>
        cell["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => t!.GetValue<string>()).ToList() : [];

    /// <summary>Index of the first cell tagged "parameters" (papermill's convention), or -1 when none is.</summary>
    public int ParametersCellIndex()
    {
        for (var i = 0; i < Cells.Count; i++)
            if (Tags(Cells[i]!.AsObject()).Contains("parameters")) return i;
        return -1;
    }

    /// <summary>Splits text into nbformat's list-of-lines form (each line keeps its newline).</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') { array.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }

    public string ToJson() => Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    public void Save(string path) => Infrastructure.AtomicFile.WriteAllText(path, ToJson());
}
