using System.Text.Json.Nodes;

namespace PruningGame.Configuration;

/// <summary>
/// The part of a <see cref="RunConfig"/> that decides a run's numbers: everything except where it runs
/// (<c>training.threads</c>) and the record of an epoch extension. Resuming must not change it, and two finished runs
/// with the same identity are the same measurement, not two seeds.
/// </summary>
public static class ResultDecidingFields
{
    private static readonly string[][] Ignored = [["training", "threads"], ["training", "extendedFromEpochs"]];

    public static JsonObject Identity(RunConfig config)
    {
        var json = JsonNode.Parse(config.ToJson())!.AsObject();
        foreach (var path in Ignored)
            (json[path[0]] as JsonObject)?.Remove(path[1]);
        return json;
    }

    /// <summary>A stable string key for <see cref="Identity"/> (property order is the record's, so equal configs give equal keys).</summary>
    public static string Key(RunConfig config) => Identity(config).ToJsonString();

    /// <summary>Every field whose value differs, as (dotted path, old, new), in document order.</summary>
    public static IReadOnlyList<(string Field, string Old, string New)> Differences(RunConfig old, RunConfig @new)
    {
        var found = new List<(string, string, string)>();
        Walk(Identity(old), Identity(@new), "", found);
        return found;
    }

    /// <summary>
    /// The first <paramref name="shown"/> of <paramref name="differences"/>, each as <paramref name="describe"/> words it,
    /// then the names of the rest: "a; b; c (and 2 more: d, e)".
    /// </summary>
    public static string Describe(IReadOnlyList<(string Field, string Old, string New)> differences,
                                  Func<(string Field, string Old, string New), string> describe, int shown = 3)
    {
        var named = string.Join("; ", differences.Take(shown).Select(describe));
        return differences.Count > shown ? $"{named} (and {differences.Count - shown} more: {string.Join(", ", differences.Skip(shown).Select(d => d.Field))})" : named;
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<(string, string, string)> found)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Concat(ob.Select(p => p.Key)).Distinct())
                Walk(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", found);
            return;
        }
        if (!JsonNode.DeepEquals(a, b))
            found.Add((path, Show(a), Show(b)));
    }

    private static string Show(JsonNode? node) => node is null ? "(absent)" : node.ToJsonString();
}
