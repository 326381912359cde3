using PruningGame.Configuration;
using PruningGame.Game;
using PruningGame.Tests.Training;

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

    [Fact]
    public void A_game_option_out_of_range_is_named_as_the_config_spells_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => RunConfig.FromJson("{\"method\": {\"name\": \"game\", \"game\": {\"epsilon\": 2}}}", "eps.json"));
        Assert.Equal("Run config eps.json: 'method.game.epsilon' = 2 is invalid: it must be in (0, 1).", error.Message);
    }

    [Theory]
    [InlineData("{\"training\": null}", "'training' = null is invalid")]
    [InlineData("{\"model\": null}", "'model' = null is invalid")]
    [InlineData("{\"method\": null}", "'method' = null is invalid")]
    [InlineData("{\"dataset\": null}", "'dataset' = null is invalid")]
    [InlineData("{\"model\": {\"layerSizes\": null}}", "'model.layerSizes' = null is invalid")]
    [InlineData("{\"training\": {\"device\": null}}", "'training.device' = null is invalid")]
    [InlineData("{\"method\": {\"name\": null}}", "'method.name' = null is invalid")]
    [InlineData("{\n  \"training\": {\n    \"epochs\": \"x\"\n  }\n}", "'training.epochs' (line 3) must be an integer from -2147483648 to 2147483647.")]
    [InlineData("{\"training\": {\"epochs\": 3e9}}", "'training.epochs' must be an integer from")]
    [InlineData("{\"training\": {\"learningRate\": true}}", "'training.learningRate' must be a number.")]
    [InlineData("{\"method\": {\"game\": {\"benefitSign\": \"Sideways\"}}}", "'method.game.benefitSign' must be one of Paper, DescentAligned.")]
    [InlineData("{\"method\": {\"game\": {\"benefitSign\": 5}}}", "'method.game.benefitSign' must be one of Paper, DescentAligned.")]
    [InlineData("{\"model\": {\"layerSizes\": 5}}", "'model.layerSizes' must be a list.")]
    [InlineData("{\"model\": {\"layerSizes\": [784, \"x\", 10]}}", "'model.layerSizes[1]' must be an integer")]
    [InlineData("{\"model\": 5}", "'model' must be a JSON object.")]
    [InlineData("[]", "the JSON must be a JSON object.")]
    [InlineData("{\n\"training\": {\"epoch\": 3}}", "'training.epoch' (line 2) is not a field here (its fields: epochs, batchSize, ")]
    [InlineData("{\"label\": \"../../../escape\"}", "'label' = ../../../escape is invalid")]
    [InlineData("{\"label\": \"a/b\"}", "'label' = a/b is invalid")]
    [InlineData("{\"label\": \"  \"}", "'label' =    is invalid")]
    [InlineData("{\"experiment\": \"..\"}", "'experiment' = .. is invalid")]
    [InlineData("{\"training\": {\"threads\": 100000}}", "'training.threads' = 100000 is invalid")]
    [InlineData("{\"training\": {\"momentum\": -5}}", "'training.momentum' = -5 is invalid")]
    [InlineData("{\"training\": {\"trajectorySamplePerLayer\": -3}}", "'training.trajectorySamplePerLayer' = -3 is invalid")]
    [InlineData("{\"method\": {\"name\": \"game\", \"game\": {\"alpha\": \"Infinity\"}}}", "'method.game.alpha' = Infinity is invalid")]
    [InlineData("{\"training\": {\"epochs\": 1, \"epochs\": 500}}", "'training.epochs' is given twice.")]
    [InlineData("{\"method\": {\"game\": {\"benefit\": \"TaylorPerSample,SharedLoss\"}}}", "'method.game.benefit' must be one of GradientInner,")]
    [InlineData("{\"training\": {\"optimizer\": \"adam\"}}", "'training.optimizer' must be one of Adam, SgdMomentum.")]
    [InlineData("{\"training\": {\"epochs\": 5, \"extendedFromEpochs\": 5}}", "'training.extendedFromEpochs' = 5 is invalid")]
    [InlineData("{\"method\": {\"name\": \"slimming\", \"baseline\": {\"targetSparsity\": 0.5, \"strength\": -1}}}", "'method.baseline.strength' = -1 is invalid")]
    public void A_wrong_escaping_hanging_or_misread_value_is_refused_naming_file_and_field_without_dotnet_type_names(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => RunConfig.FromJson(json, "kind.json"));
        Assert.Contains(expected, error.Message);
        Assert.Contains("kind.json", error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Theory]
    [InlineData("{\n  \"experiment\": \"x\",\n  \"training\": { \"epochs\": 2,, }\n}\n", "Expected a '\"'. (line 3, column 29, in 'training')")]
    [InlineData("{\n\"training\": {\"epochs\": 2\n", "should be closed. (line 3, column 1, in 'training')")]
    [InlineData(" \n ", "the file is empty: it holds no JSON.")]
    [InlineData("/* only a comment */", "holds no JSON value")]
    [InlineData("{\"experiment\": \"\u00e9\", x}", "'x' is an invalid start of a property name. Expected a '\"'. (character 21)")]
    [InlineData("", "the file is empty: it holds no JSON.")]
    public void Broken_syntax_is_placed_by_line_and_column_counted_from_one_as_an_editor_counts(string json, string expected)
    {
        var path = Path.Combine(TinyProblem.TempRoot(), "broken.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<InvalidDataException>(() => RunConfig.Load(path));
        Assert.StartsWith($"Run config {path} is not a valid run config: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
        Assert.DoesNotContain("BytePosition", error.Message);
    }
}
