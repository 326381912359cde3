using System.Text.Json;
using PruningGame.Configuration;
using PruningGame.Infrastructure;

namespace PruningGame.RunRecords;

/// <summary>
/// summary.json, written and read in one place (<see cref="RunSummary"/>). A field missing from a summary, or null, is an
/// error naming the file and the field, not a silent 0 in a mean.
/// </summary>
public static class SummaryJson
{
    // Every field is required but `criteria`: methods with one prune rule have none, and runs made before the per-criterion
    // evaluation lack it (RunSummary.UnderCriterion names such a run when a reading needs it); where it is present, each of its
    // entries must have every field.
    // (Named by reflection and the naming policy rather than JsonSerializerOptions.GetTypeInfo, which throws in hosts such
    // as the .NET Interactive kernel that resolve the options differently.)
    private static readonly string[] Fields = JsonFields.Names(typeof(RunSummary), RunConfig.Json).Where(name => name != "criteria").ToArray();

    // Every field of each entry of `criteria`, when the summary has it.
    private static readonly string[] CriterionFields = JsonFields.Names(typeof(CriterionSummary), RunConfig.Json).ToArray();

    public static string Text(RunSummary summary) => JsonSerializer.Serialize(summary, RunConfig.Json);

    public static RunSummary Read(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            using (var document = JsonDocument.Parse(text, RunConfig.JsonDocument))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"Run summary '{path}' is not a JSON object.");
                var missing = Fields.Where(f => !Present(document.RootElement, f)).ToList();
                if (document.RootElement.TryGetProperty("criteria", out var criteria) && criteria.ValueKind == JsonValueKind.Object)
                    foreach (var criterion in criteria.EnumerateObject())
                        missing.AddRange(CriterionFields
                            .Where(f => criterion.Value.ValueKind != JsonValueKind.Object || !Present(criterion.Value, f))
                            .Select(f => $"criteria.{criterion.Name}.{f}"));
                if (missing.Count > 0)
                    throw new InvalidDataException($"Run summary '{path}' lacks a value for the field{(missing.Count > 1 ? "s" : "")} '{string.Join("', '", missing)}'. " +
                                                   (RenamedFields.Hint(document.RootElement.EnumerateObject().Select(p => p.Name)) ??
                                                    "It was cut short or edited: rerun that run (delete its folder first), or move it out of the folder being summarised."));
            }
            var summary = JsonSerializer.Deserialize<RunSummary>(text, RunConfig.Json)
                          ?? throw new InvalidDataException($"Run summary '{path}' is empty.");
            // A layer missing from a count would read as 0 kept in a mean: every count covers the layers of totalPerLayer.
            SameLayers("keptPerLayer", summary.KeptPerLayer);
            // A fraction outside [0, 1] (an accuracy of 5) would go into a table's mean as it is.
            Fraction("testAccuracyGated", summary.TestAccuracyGated);
            Fraction("testAccuracyPruned", summary.TestAccuracyPruned);
            Fraction("compactTestAccuracy", summary.CompactTestAccuracy);
            Fraction("neuronSparsity", summary.NeuronSparsity);
            Fraction("weightSparsity", summary.WeightSparsity);
            foreach (var (criterion, measured) in summary.Criteria ?? new Dictionary<string, CriterionSummary>())
            {
                SameLayers($"criteria.{criterion}.keptPerLayer", measured.KeptPerLayer);
                Fraction($"criteria.{criterion}.testAccuracyPruned", measured.TestAccuracyPruned);
                Fraction($"criteria.{criterion}.compactTestAccuracy", measured.CompactTestAccuracy);
                Fraction($"criteria.{criterion}.neuronSparsity", measured.NeuronSparsity);
                Kept($"criteria.{criterion}", measured.NeuronsKept, measured.KeptPerLayer);
            }
            // A count past its total, a negative size or an unmeasurable time would go into a table's mean as it is.
            Kept("", summary.NeuronsKept, summary.KeptPerLayer);
            foreach (var (field, value) in new (string, double)[]
                     {
                         ("denseParameters", summary.DenseParameters), ("compactParameters", summary.CompactParameters),
                         ("denseMultiplyAdds", summary.DenseMultiplyAdds), ("compactMultiplyAdds", summary.CompactMultiplyAdds),
                         ("denseLatencyMs", summary.DenseLatencyMs), ("compactLatencyMs", summary.CompactLatencyMs),
                     })
                if (!(value >= 0 && double.IsFinite(value)))
                    throw Damaged(field, value, "is not a size or time (a finite number ≥ 0)");
            return summary;

            void Kept(string prefix, int kept, IReadOnlyDictionary<string, int> perLayer)
            {
                var at = prefix.Length == 0 ? "" : prefix + ".";
                if (kept < 0 || kept > summary.NeuronsTotal) throw Damaged(at + "neuronsKept", kept, $"is not a count of the run's {summary.NeuronsTotal} neurons");
                foreach (var (layer, count) in perLayer)
                    if (count < 0 || count > summary.TotalPerLayer[layer])
                        throw Damaged($"{at}keptPerLayer.{layer}", count, $"is not a count of the layer's {summary.TotalPerLayer[layer]} neurons");
            }

            InvalidDataException Damaged(string field, double value, string what) =>
                new($"Run summary '{path}': '{field}' = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {what}. It was edited or damaged: rerun that run.");

            void Fraction(string field, double value)
            {
                if (value is >= 0 and <= 1) return;
                throw new InvalidDataException($"Run summary '{path}': '{field}' = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
                                               "is not a fraction in [0, 1]. It was edited or damaged: rerun that run.");
            }

            void SameLayers(string field, IReadOnlyDictionary<string, int> counts)
            {
                if (counts.Keys.ToHashSet().SetEquals(summary.TotalPerLayer.Keys)) return;
                throw new InvalidDataException($"Run summary '{path}': '{field}' has the layers [{string.Join(", ", counts.Keys)}] but 'totalPerLayer' " +
                                               $"has [{string.Join(", ", summary.TotalPerLayer.Keys)}]. It was cut short or edited: rerun that run.");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Run summary '{path}' is not valid: {JsonErrors.Describe(e, text, RunConfig.Json)} {RenamedFields.HintForJson(text)}".TrimEnd(), e);
        }
    }

    private static bool Present(JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

}
