using PruningGame.Configuration;
using PruningGame.RunRecords;
using PruningGame.Training;
using static TorchSharp.torch;

namespace PruningGame.Tests.Training;

public sealed class TrainerTests
{
    private static readonly PruningGame.Infrastructure.EnvironmentSnapshot Environment = TinyProblem.Environment;

    private static string[] MetricsWithoutTime(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Select(line => line[..line.LastIndexOf(',')]).ToArray();

    [Fact]
    public void Same_config_and_seed_give_identical_metrics()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var first = new Trainer().Run(TinyProblem.Config("determinism"), data, root, Environment);
        var second = new Trainer().Run(TinyProblem.Config("determinism"), data, root, Environment, runId: "second");

        Assert.NotEqual(first.Folder, second.Folder);
        Assert.Equal(MetricsWithoutTime(first.Folder), MetricsWithoutTime(second.Folder));
        Assert.Equal(File.ReadAllText(Path.Combine(first.Folder, "participation.csv")),
                     File.ReadAllText(Path.Combine(second.Folder, "participation.csv")));
        var third = new Trainer().Run(TinyProblem.Config("determinism", seed: 2), data, root, Environment);
        Assert.NotEqual(MetricsWithoutTime(first.Folder), MetricsWithoutTime(third.Folder));
    }

    [Theory]
    [InlineData(1, 0, 66103732)]
    [InlineData(1, 1, 1901221138)]
    [InlineData(2, 0, 465536117)]
    [InlineData(3, 19, 308372317)]
    public void The_epoch_shuffle_seed_is_a_fixed_function_of_seed_and_epoch_in_every_process(long seed, int epoch, int expected)
    {
        // Golden values from an independent implementation of the same SplitMix64 mix: a per-process hash
        // (HashCode.Combine) would give other values in almost every test run.
        Assert.Equal(expected, Trainer.ShuffleSeed(seed, epoch));
    }

    private sealed class CrashAfterEpoch(int epoch) : ITrainingObserver
    {
        public void EpochFinished(EpochRecord record)
        {
            if (record.Epoch == epoch) throw new OperationCanceledException("simulated kill");
        }
    }

    [Fact]
    public void A_run_killed_midway_and_resumed_ends_with_the_uninterrupted_metrics()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var config = TinyProblem.Config("resume", epochs: 4);
        var uninterrupted = new Trainer().Run(config, data, root, Environment, runId: "straight");

        Assert.Throws<OperationCanceledException>(() => new Trainer(new CrashAfterEpoch(2)).Run(config, data, root, Environment, runId: "killed"));
        Assert.False(File.Exists(Path.Combine(root, "runs", "resume", "killed", "summary.json")));
        var resumed = new Trainer().Run(config, data, root, Environment, resume: true, runId: "killed");

        Assert.EndsWith("killed", resumed.Folder);
        Assert.Equal(MetricsWithoutTime(uninterrupted.Folder), MetricsWithoutTime(resumed.Folder));
        Assert.Equal(uninterrupted.Summary.TestAccuracyPruned, resumed.Summary.TestAccuracyPruned);
    }

    [Fact]
    public void Resuming_an_unfinished_run_that_left_no_checkpoint_restarts_it_under_its_own_id()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var config = TinyProblem.Config("stale", epochs: 2);
        var stale = Path.Combine(root, "runs", "stale", "killed-early");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "metrics.csv"), "epoch\n1\n");   // a run killed before its first checkpoint

        var refused = Assert.Throws<InvalidOperationException>(() => new Trainer().Run(config, data, root, Environment, runId: "killed-early"));
        Assert.Contains(stale, refused.Message);   // without --resume the unfinished folder is left alone, and said so
        Assert.Contains("--resume", refused.Message);
        var fresh = new Trainer().Run(config, data, root, Environment, runId: "straight");
        var resumed = new Trainer().Run(config, data, root, Environment, resume: true, runId: "killed-early");

        Assert.Equal(stale, resumed.Folder);
        Assert.Equal(MetricsWithoutTime(fresh.Folder), MetricsWithoutTime(resumed.Folder));
    }

    [Fact]
    public void A_nan_loss_stops_the_run_naming_epoch_and_step_and_saying_no_checkpoint_exists_yet()
    {
        var root = TinyProblem.TempRoot();
        using var clean = TinyProblem.Data();
        var poisonedTrain = clean.TrainImages.clone();
        poisonedTrain.index_put_(float.NaN, TensorIndex.Slice(null, null));   // every sample NaN
        var first = new Trainer().Run(TinyProblem.Config("nan", epochs: 1), clean, root, Environment, runId: "r");
        using var poisoned = clean with { TrainImages = poisonedTrain };

        var error = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer().Run(TinyProblem.Config("nan", epochs: 1), poisoned, root, Environment, runId: "bad"));
        Assert.Equal(1, error.Epoch);
        Assert.Equal(0, error.Step);
        Assert.Contains("epoch 1, step 0", error.Message);
        Assert.Contains("before its first checkpoint", error.Message);   // no "last good checkpoint" that does not exist
        Assert.DoesNotContain("last good checkpoint", error.Message);
        Assert.True(File.Exists(Path.Combine(first.Folder, "summary.json")));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void The_pruned_accuracy_equals_the_compacted_models_accuracy(double beta)
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var result = new Trainer().Run(TinyProblem.Config("compact", epochs: 6, beta: beta), data, root, Environment);
        Assert.InRange(result.Summary.NeuronsKept, 1, result.Summary.NeuronsTotal - 1);   // something was pruned, not all
        Assert.Equal(result.Summary.TestAccuracyPruned, result.Summary.CompactTestAccuracy);
        Assert.True(result.Summary.CompactionMaxAbsDifference < 1e-5);
    }

    [Fact]
    public void Every_run_folder_file_is_written()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var result = new Trainer().Run(TinyProblem.Config("files", epochs: 2), data, root, Environment);
        foreach (var file in new[] { "config.json", "environment.json", "metrics.csv", "participation.csv", "trajectories.csv", "summary.json", "compact.bin" })
            Assert.True(File.Exists(Path.Combine(result.Folder, file)), file);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(result.Folder, "metrics.csv")).Length);
        Assert.Equal(16 + 8 + 1, File.ReadAllLines(Path.Combine(result.Folder, "participation.csv")).Length);
        var reread = RunConfig.Load(Path.Combine(result.Folder, "config.json"));
        Assert.Equal(TinyProblem.Config("files", epochs: 2).ToJson(), reread.ToJson());
    }
}
