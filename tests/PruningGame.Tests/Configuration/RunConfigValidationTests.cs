using PruningGame.Configuration;
using PruningGame.Game;

namespace PruningGame.Tests.Configuration;

public sealed class RunConfigValidationTests
{
    private static RunConfig WithBaseline(BaselineOptions options) => new()
    {
        Method = MethodSpec.ForBaseline("slimming", options),
        Training = new TrainingOptions { Epochs = 5 },
    };

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.01)]
    public void A_baseline_threshold_outside_zero_one_is_refused_naming_the_field(double epsilon)
    {
        var config = WithBaseline(new BaselineOptions { TargetSparsity = 0.5, Strength = 1e-4, FineTuneEpochs = 1, Epsilon = epsilon });
        var error = Assert.Throws<InvalidDataException>(() => config.Validate("test.json"));
        Assert.Contains("method.baseline.epsilon", error.Message);
        Assert.Contains("test.json", error.Message);
    }

    [Fact]
    public void The_equilibrium_method_refuses_a_prune_criterion_it_would_ignore()
    {
        var config = new RunConfig { Method = new MethodSpec { Name = "equilibrium", Game = new GameOptions { PruneCriterion = PruneCriterion.EffectiveNorm } } };
        var error = Assert.Throws<InvalidDataException>(() => config.Validate("eq.json"));
        Assert.Contains("method.game.pruneCriterion", error.Message);
        new RunConfig { Method = new MethodSpec { Name = "equilibrium", Game = new GameOptions() } }.Validate();
    }

    [Fact]
    public void The_default_baseline_threshold_is_accepted()
    {
        WithBaseline(new BaselineOptions { TargetSparsity = 0.5, Strength = 1e-4, FineTuneEpochs = 1 }).Validate();
    }

    [Theory]
    [InlineData("training", "{\"training\": null}")]
    [InlineData("model", "{\"model\": null}")]
    [InlineData("method", "{\"method\": null}")]
    [InlineData("dataset", "{\"dataset\": null}")]
    [InlineData("model.layerSizes", "{\"model\": {\"layerSizes\": null}}")]
    [InlineData("training.device", "{\"training\": {\"device\": null}}")]
    [InlineData("method.name", "{\"method\": {\"name\": null}}")]
    public void A_section_or_name_given_as_null_is_refused_naming_the_field(string field, string json)
    {
        var error = Assert.Throws<InvalidDataException>(() => RunConfig.FromJson(json, "null.json"));
        Assert.Contains($"'{field}' = null", error.Message);
        Assert.Contains("null.json", error.Message);
    }
}
