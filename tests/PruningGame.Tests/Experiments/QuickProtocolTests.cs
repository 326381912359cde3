using PruningGame.Configuration;
using PruningGame.Experiments;

namespace PruningGame.Tests.Experiments;

public class QuickProtocolTests
{
    [Fact]
    public void Shrinks_data_and_epochs_and_moves_the_run_to_a_quick_experiment_once()
    {
        var full = Presets.ToRunConfig(Presets.Get("extreme-beta"), "fashion-mnist", "paper-fashion-mnist");
        var quick = QuickProtocol.Apply(full);
        Assert.Equal(("paper-fashion-mnist-quick", QuickProtocol.TrainSamples, QuickProtocol.TestSamples, QuickProtocol.Epochs),
                     (quick.Experiment, quick.Dataset.TrainSamples, quick.Dataset.TestSamples, quick.Training.Epochs));
        Assert.Equal(quick, QuickProtocol.Apply(quick));
        Assert.Equal(full.Method, quick.Method);
    }

    [Fact]
    public void An_experiment_that_is_no_folder_name_is_not_turned_into_one()
    {
        var config = Presets.ToRunConfig(Presets.Get("extreme-beta"), "fashion-mnist", "x") with { Experiment = "" };
        Assert.Contains("is not a plain folder name", Assert.Throws<ArgumentException>(() => QuickProtocol.Apply(config)).Message);
    }

    [Fact]
    public void A_dataset_smaller_than_the_quick_subset_is_used_whole()
    {
        Assert.Equal((60_000L, 10_000L), PruningGame.Data.Datasets.SampleCounts("fashion-mnist"));
        Assert.Null(PruningGame.Data.Datasets.SampleCounts("cifar"));
        var quick = QuickProtocol.Apply(Presets.ToRunConfig(Presets.Get("extreme-beta"), "synthetic", "paper-synthetic"));
        Assert.Equal((QuickProtocol.TrainSamples, PruningGame.Data.SyntheticTeacher.TestCount), (quick.Dataset.TrainSamples, quick.Dataset.TestSamples));
        using var data = PruningGame.Data.Datasets.Load("synthetic");
        Assert.Equal(PruningGame.Data.SyntheticTeacher.TestCount, data.TestLabels.shape[0]);
    }

    [Fact]
    public void Leaves_a_training_epoch_before_a_baselines_fine_tuning()
    {
        var config = Presets.ToRunConfig(Presets.Get("extreme-beta"), "fashion-mnist", "frontier") with
        {
            Method = MethodSpec.ForBaseline("magnitude-oneshot", new BaselineOptions { TargetSparsity = 0.5, FineTuneEpochs = 2 }),
        };
        var quick = QuickProtocol.Apply(config);
        Assert.Equal(3, quick.Training.Epochs);
        quick.Validate();
    }

    [Fact]
    public void A_notebooks_smaller_sizes_keep_the_quick_experiment_and_the_fine_tuning_epoch()
    {
        var config = Presets.ToRunConfig(Presets.Get("extreme-beta"), "fashion-mnist", "frontier") with
        {
            Method = MethodSpec.ForBaseline("magnitude-oneshot", new BaselineOptions { TargetSparsity = 0.5, FineTuneEpochs = 2 }),
        };
        var quick = QuickProtocol.Apply(config, trainSamples: 2000, testSamples: 1000, epochs: 1);
        Assert.Equal(("frontier-quick", 2000, 1000, 3), (quick.Experiment, quick.Dataset.TrainSamples, quick.Dataset.TestSamples, quick.Training.Epochs));
        Assert.Equal(5, QuickProtocol.Apply(config, 2000, 1000, epochs: 5).Training.Epochs);
        Assert.Equal(("frontier", "frontier-quick", "frontier-quick"),
                     (QuickProtocol.ExperimentName("frontier", quick: false), QuickProtocol.ExperimentName("frontier", quick: true), QuickProtocol.ExperimentName("frontier-quick", quick: true)));
    }
}
