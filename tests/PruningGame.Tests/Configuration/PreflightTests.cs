using PruningGame.Configuration;
using PruningGame.Tests.Training;
using PruningGame.Training;

namespace PruningGame.Tests.Configuration;

/// <summary>A config that cannot run is refused before any run folder exists.</summary>
public sealed class PreflightTests
{
    private static void RefusedWithoutFolder(RunConfig config, string expected)
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var error = Assert.ThrowsAny<Exception>(() => new Trainer().Run(config, data, root, TinyProblem.Environment));
        Assert.True(error is InvalidDataException or InvalidOperationException, error.GetType().Name + ": " + error.Message);
        Assert.Contains(expected, error.Message);
        Assert.False(Directory.Exists(Path.Combine(root, "runs")), "a run folder was made");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    public void A_learning_rate_that_is_not_finite_and_positive_is_refused(double rate)
    {
        var config = TinyProblem.Config("lr");
        RefusedWithoutFolder(config with { Training = config.Training with { LearningRate = rate } }, "training.learningRate");
    }

    [Theory]
    [InlineData(new[] { 100, 16, 3 }, "starts with 100 inputs")]
    [InlineData(new[] { 20, 16, 10 }, "ends with 10 outputs")]
    [InlineData(new[] { 20, 16, 2 }, "ends with 2 outputs")]
    public void Layer_sizes_that_do_not_fit_the_data_are_refused(int[] sizes, string expected)
    {
        var config = TinyProblem.Config("sizes");
        RefusedWithoutFolder(config with { Model = config.Model with { LayerSizes = sizes } }, expected);
    }

    [Fact]
    public void An_unknown_device_is_refused()
    {
        var config = TinyProblem.Config("device");
        RefusedWithoutFolder(config with { Training = config.Training with { Device = "tpu" } }, "training.device");
    }

    [Fact]
    public void A_cuda_device_without_cuda_is_refused()
    {
        Assert.False(TorchSharp.torch.cuda.is_available(), "this test needs a machine without CUDA");
        var config = TinyProblem.Config("cuda");
        RefusedWithoutFolder(config with { Training = config.Training with { Device = "cuda" } }, "CUDA is not available");
    }

    [Fact]
    public void A_config_naming_an_unknown_dataset_is_refused_by_the_launcher_naming_the_file_and_field()
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("ds") with { Dataset = new DatasetSpec { Name = "cifar" } };
        var error = Assert.Throws<InvalidDataException>(() => PruningGame.Experiments.RunLauncher.Launch(config, root, new PruningGame.Experiments.LaunchOptions(), source: "ds.json"));
        Assert.StartsWith("Run config ds.json: 'dataset.name' = cifar is invalid", error.Message);
        Assert.Contains("fashion-mnist", error.Message);
        Assert.False(Directory.Exists(Path.Combine(root, "runs")), "a run folder was made");
    }

    [Fact]
    public void A_run_id_that_is_a_path_is_refused_before_any_folder_exists()
    {
        var root = TinyProblem.TempRoot();
        var error = Assert.Throws<ArgumentException>(() => PruningGame.Experiments.RunLauncher.Launch(TinyProblem.Config("id"), root,
            new PruningGame.Experiments.LaunchOptions(RunId: "../../x")));
        Assert.Contains("--run-id '../../x'", error.Message);
        Assert.False(Directory.Exists(Path.Combine(root, "runs")), "a run folder was made");
    }
}
