using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.Tests.Training;

namespace PruningGame.Tests.Experiments;

/// <summary>A sweep file's mistakes are named by where the author wrote them, not by .NET types or generated JSON.</summary>
public sealed class SweepSpecErrorTests
{
    [Fact]
    public void A_field_of_the_wrong_kind_in_the_sweep_file_is_named_with_its_line()
    {
        var path = Path.Combine(TinyProblem.TempRoot(), "sweep.json");
        File.WriteAllText(path, "{\n  \"experiment\": \"x\",\n  \"grid\": 5\n}\n");
        var error = Assert.Throws<InvalidDataException>(() => SweepSpec.Load(path));
        Assert.Contains($"Sweep file '{path}' is not a valid sweep: 'grid' (line 3) must be a JSON object.", error.Message);
    }

    [Fact]
    public void A_wrong_value_set_by_a_variant_names_the_variant_not_a_line_of_generated_json()
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<SweepSpec>(
            """{ "experiment": "x", "variants": [ { "name": "v", "set": { "training.epochs": "many" } } ] }""", RunConfig.Json)!;
        var error = Assert.Throws<InvalidDataException>(() => spec.Expand("s.json"));
        Assert.Contains("s.json (variant 'v', seed 1)", error.Message);
        Assert.Contains("'training.epochs' must be an integer", error.Message);
        Assert.DoesNotContain("(line", error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Fact]
    public void A_sweep_naming_an_unknown_dataset_is_refused_when_expanded()
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<SweepSpec>(
            """{ "experiment": "x", "seeds": [1, 2], "base": { "dataset": { "name": "cifar" } } }""", RunConfig.Json)!;
        var error = Assert.Throws<InvalidDataException>(() => spec.Expand("s.json"));
        Assert.StartsWith("Run config s.json (variant 'base', seed 1): 'dataset.name' = cifar is invalid", error.Message);
    }

    [Fact]
    public void An_unknown_dataset_given_as_the_override_is_named_as_the_override_not_the_file()
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<SweepSpec>("""{ "experiment": "x", "seeds": [1, 2] }""", RunConfig.Json)!;
        var error = Assert.Throws<ArgumentException>(() => spec.Expand("s.json", datasetOverride: "cifar"));
        Assert.StartsWith("The dataset 'cifar' given for sweep s.json (--dataset", error.Message);
    }

    [Theory]
    [InlineData("""{ "experiment": "x", "seeds": null }""", "'seeds' must be a non-empty list")]
    [InlineData("""{ "experiment": "x", "variants": [ { "name": "a", "set": {} }, { "name": "a", "set": { "training.epochs": 3 } } ] }""", "2 runs would have the id 'a-seed1'")]
    [InlineData("""{ "experiment": "x", "seeds": [1, 1] }""", "2 runs would have the id")]
    [InlineData("""{ "experiment": "x", "grid": { "method.game.beta": [] } }""", "grid 'method.game.beta' has no values")]
    [InlineData("""{ "experiment": "x", "preset": "nope", "presets": ["extreme-beta"] }""", "give 'preset' or 'presets', not both")]
    [InlineData("""{ "experiment": "x", "variants": [ { "set": {} } ] }""", "every variant needs a 'name'")]
    [InlineData("""{ "experiment": "x", "base": { "training": [] } }""", "cannot set 'training.seed': 'training' is [], not a JSON object")]
    [InlineData("""{ "experiment": "x", "variants": [ { "name": "a", "set": { "training.epochs.x": 3 } } ] }""", "'training.epochs' is 20, not a JSON object")]
    public void A_sweep_that_would_crash_or_silently_lose_runs_is_refused(string json, string expected)
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<SweepSpec>(json, RunConfig.Json)!;
        var error = Assert.Throws<InvalidDataException>(() => spec.Expand("s.json"));
        Assert.Contains("Sweep s.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""[{ "label": 5, "runsOf": "a", "criterion": "EffectiveNorm" }]""", "'[0].label' must be a string.")]
    [InlineData("""[{ "label": "x", "runsOf": "a", "criterion": 1 }]""", "'[0].criterion' must be a string.")]
    public void A_series_field_of_the_wrong_kind_is_named_with_its_own_kind(string json, string expected)
    {
        var folder = TinyProblem.TempRoot();
        File.WriteAllText(Path.Combine(folder, DerivedSeries.FileName), json);
        var error = Assert.Throws<InvalidDataException>(() => DerivedSeries.Read(folder));
        Assert.Contains(expected, error.Message);
    }
}
