using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PruningGame.Configuration;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>
/// Finds and reads the summary.json of every finished run under a folder. A field missing from a summary is an error
/// (not a silent 0 in a mean), and two runs of the same config and seed are one measurement, not two seeds.
/// </summary>
public static class RunSummaries
{
    // Every field is required but `criteria`: methods with one prune rule have none, and runs made before the per-criterion
    // evaluation lack it (RunSummary.UnderCriterion names such a run when a reading needs it); where it is present, each of its
    // entries must have every field.
    // (Named by reflection and the naming policy rather than JsonSerializerOptions.GetTypeInfo, which throws in hosts such
    // as the .NET Interactive kernel that resolve the options differently.)
    private static readonly string[] Fields = JsonNames(typeof(RunSummary)).Where(name => name != "criteria").ToArray();

    // Every field of each entry of `criteria`, when the summary has it.
    private static readonly string[] CriterionFields = JsonNames(typeof(CriterionSummary)).ToArray();

    /// <summary>Every finished run's summary under <paramref name="root"/>, plus the derived series its series.json declares.</summary>
    public static IReadOnlyList<RunSummary> Load(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Results folder '{root}' does not exist.");
        var paths = Directory.EnumerateFiles(root, RunFolder.SummaryFile, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        RefuseDuplicates(paths);
        return DerivedSeries.Apply(root, paths.Select(Read).ToList(), r => r.Label, (r, series) => series.Read(r));
    }

    public static RunSummary Read(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            using (var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"Run summary '{path}' is not a JSON object.");
                var missing = Fields.Where(f => !document.RootElement.TryGetProperty(f, out _)).ToList();
                if (document.RootElement.TryGetProperty("criteria", out var criteria) && criteria.ValueKind == JsonValueKind.Object)
                    foreach (var criterion in criteria.EnumerateObject())
                        missing.AddRange(CriterionFields
                            .Where(f => criterion.Value.ValueKind != JsonValueKind.Object || !criterion.Value.TryGetProperty(f, out _))
                            .Select(f => $"criteria.{criterion.Name}.{f}"));
                if (missing.Count > 0)
                    throw new InvalidDataException($"Run summary '{path}' lacks the field{(missing.Count > 1 ? "s" : "")} '{string.Join("', '", missing)}'. " +
                                                   (RenamedFields.Hint(document.RootElement.EnumerateObject().Select(p => p.Name)) ??
                                                    "It was cut short or edited: rerun that run (delete its folder first), or move it out of the folder being summarised."));
            }
            return JsonSerializer.Deserialize<RunSummary>(text, RunConfig.Json)
                   ?? throw new InvalidDataException($"Run summary '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Run summary '{path}' is not valid: {e.Message} {RenamedFields.HintForJson(text)}".TrimEnd(), e);
        }
    }

    private static IEnumerable<string> JsonNames(Type record) =>
        record.GetProperties().Where(p => p.CanWrite).Select(p => RunConfig.Json.PropertyNamingPolicy!.ConvertName(p.Name));

    /// <summary>
    /// Two finished runs whose config.json agree on every field that decides results (seed included) are refused, naming
    /// both. A folder without config.json (hand-made) is compared by its summary's experiment, label, method, dataset,
    /// model, epochs and seed.
    /// </summary>
    private static void RefuseDuplicates(IEnumerable<string> summaryPaths)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var summary in summaryPaths)
        {
            var folder = Path.GetDirectoryName(summary)!;
            var configPath = Path.Combine(folder, RunFolder.ConfigFile);
            var key = File.Exists(configPath)
                ? ResultDecidingFields.Key(RunConfig.Load(configPath))
                : Read(summary) is var s ? $"summary:{s.Experiment}|{s.Label}|{s.Method}|{s.Dataset}|{s.Model}|{s.Epochs}|{s.Seed}" : "";
            if (seen.TryGetValue(key, out var first))
                throw new InvalidDataException($"Runs '{first}' and '{folder}' have the same config and seed: they are one measurement, not two seeds. " +
                                               "Move one of them out of the folder being summarised.");
            seen[key] = folder;
        }
    }
}
