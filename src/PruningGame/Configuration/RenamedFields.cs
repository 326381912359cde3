using System.Text.Json;

namespace PruningGame.Configuration;

/// <summary>
/// Names in run folders that changed (issue 16), so that a reader refusing a file written before the change says how to
/// bring it up to date instead of only what is missing. <c>build/migrations/issue16_names.py</c> renames them in place.
/// </summary>
public static class RenamedFields
{
    public const string Migration = "/usr/bin/python3 build/migrations/issue16_names.py <results folder>";

    /// <summary>Old name → new name, JSON fields and CSV columns alike.</summary>
    public static IReadOnlyDictionary<string, string> OldToNew { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["preset"] = "label",
        ["denseFlops"] = "denseMultiplyAdds",
        ["compactFlops"] = "compactMultiplyAdds",
        ["effective_norm"] = "gated_theta_norm",
        ["threshold"] = "epsilon",
    };

    /// <summary>
    /// When <paramref name="names"/> (the fields or columns a file has) hold an old name, the sentence to add to the
    /// reader's error; otherwise null.
    /// </summary>
    public static string? Hint(IEnumerable<string> names)
    {
        var old = names.Where(OldToNew.ContainsKey).Distinct().ToList();
        return old.Count == 0
            ? null
            : $"It uses the name{(old.Count > 1 ? "s" : "")} {string.Join(", ", old.Select(o => $"'{o}' (now '{OldToNew[o]}')"))} " +
              $"from before issue 16 renamed {(old.Count > 1 ? "them" : "it")}: run {Migration} to rename them in place.";
    }

    /// <summary><see cref="Hint"/> for a JSON document's property names at any depth (null when it does not parse).</summary>
    public static string? HintForJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, RunConfig.JsonDocument);
            return Hint(Names(document.RootElement));
        }
        catch (JsonException) { return null; }

        static IEnumerable<string> Names(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(Names),
            _ => [],
        };
    }
}
