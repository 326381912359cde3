using PruningGame.Experiments;
using PruningGame.Tests.Training;
using PruningGame.Configuration;
using PruningGame.Training;

namespace PruningGame.Tests.Experiments;

/// <summary>A sweep series that differs from another only in its prune criterion reads that one's runs (issue 19).</summary>
public sealed class DerivedSeriesTests
{
    private static SweepSpec Spec(string json) => System.Text.Json.JsonSerializer.Deserialize<SweepSpec>(json, RunConfig.Json)!;

    private const string Sweep = """
        { "experiment": "x", "presets": ["extreme-beta", "very-high-beta"], "seeds": [1, 2],
          "variants": [ { "name": "loss-gradient", "set": { "method.game.participationTakesLossGradient": true } },
                        { "name": "loss-gradient-effective-norm", "readsRunsOf": "loss-gradient", "criterion": "EffectiveNorm" } ] }
        """;

    [Fact]
    public void A_derived_variant_trains_nothing_and_names_its_source_per_preset()
    {
        var spec = Spec(Sweep);
        var runs = spec.Expand("test.json");
        Assert.Equal(4, runs.Count);
        Assert.DoesNotContain(runs, r => r.RunId.Contains("effective-norm"));
        Assert.Equal(
            [new DerivedSeries("extreme-beta_loss-gradient-effective-norm", "extreme-beta_loss-gradient", "EffectiveNorm"),
             new DerivedSeries("very-high-beta_loss-gradient-effective-norm", "very-high-beta_loss-gradient", "EffectiveNorm")],
            spec.DerivedSeries("test.json"));
    }

    [Theory]
    [InlineData(false, "x")]
    [InlineData(true, "x-quick")]
    public void A_sweep_declares_its_derived_series_in_the_folder_its_runs_go_to(bool quick, string experimentFolder)
    {
        var root = TinyProblem.TempRoot();
        var spec = Spec(Sweep);

        var folder = spec.WriteDerivedSeries("test.json", root, quick);

        Assert.Equal(Path.Combine(root, "runs", experimentFolder), folder);
        Assert.Equal(spec.Expand("test.json").Select(r => quick ? QuickProtocol.Apply(r) : r).Select(r => r.Config.Experiment).Distinct(),
                     [experimentFolder]);
        Assert.Equal(spec.DerivedSeries("test.json"), DerivedSeries.Read(folder));
    }

    [Theory]
    [InlineData("""{ "name": "d", "readsRunsOf": "nowhere", "criterion": "EffectiveNorm" }""", "names no trained variant")]
    [InlineData("""{ "name": "d", "readsRunsOf": "a", "criterion": "Loudness" }""", "'Loudness' is not one of")]
    [InlineData("""{ "name": "d", "readsRunsOf": "a", "criterion": "Participation,EffectiveNorm" }""", "'Participation,EffectiveNorm' is not one of")]
    [InlineData("""{ "name": "d", "readsRunsOf": "a", "criterion": "1" }""", "'1' is not one of")]
    [InlineData("""{ "name": "d", "readsRunsOf": "a", "criterion": "EffectiveNorm", "set": { "method.game.beta": 1 } }""", "cannot 'set' fields")]
    [InlineData("""{ "name": "d", "criterion": "EffectiveNorm" }""", "'criterion' needs 'readsRunsOf'")]
    public void A_derived_variant_that_cannot_be_read_is_refused_naming_it(string variant, string message)
    {
        var spec = Spec($$"""{ "experiment": "x", "variants": [ { "name": "a", "set": {} }, {{variant}} ] }""");
        var error = Assert.Throws<InvalidDataException>(() => spec.DerivedSeries("bad.json"));
        Assert.Contains("variant 'd'", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Readers_of_a_runs_folder_add_each_derived_series_as_its_source_read_under_the_criterion()
    {
        var root = TinyProblem.TempRoot();
        var data = TinyProblem.Data();
        var config = TinyProblem.Config("derived", epochs: 2) with { Label = "game" };
        new Trainer().Run(config, data, root, TinyProblem.Environment);
        var folder = Path.Combine(root, "runs", "derived");
        DerivedSeries.Write(folder, [new DerivedSeries("game-effective-norm", "game", "EffectiveNorm")]);

        var summaries = RunSummaries.Load(folder);

        Assert.Equal(2, summaries.Count);
        var source = summaries.Single(s => s.Label == "game");
        var derived = summaries.Single(s => s.Label == "game-effective-norm");
        Assert.Equal(source.UnderCriterion("EffectiveNorm") with { Label = "game-effective-norm" }, derived);
        Assert.Equal(source.Criteria!["EffectiveNorm"].TestAccuracyPruned, derived.TestAccuracyPruned);
        DerivedSeries.Write(folder, [new DerivedSeries("game", "game", "EffectiveNorm")]);
        Assert.Contains("also holds trained runs labelled 'game'", Assert.Throws<InvalidDataException>(() => RunSummaries.Load(folder)).Message);
        DerivedSeries.Write(folder, [new DerivedSeries("game-by-norm", "game", "Norm")]);
        var unknown = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(folder)).Message;
        Assert.Contains(Path.Combine(folder, DerivedSeries.FileName), unknown);
        Assert.Contains("'criterion' = 'Norm', which is not one of Participation, EffectiveNorm", unknown);
        DerivedSeries.Write(folder, []);
        Assert.Single(RunSummaries.Load(folder));
    }
}
