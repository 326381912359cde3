using PruningGame.Configuration;
using PruningGame.RunRecords;
using PruningGame.Tests.Training;
using PruningGame.Training;

namespace PruningGame.Tests.RunRecords;

/// <summary>The run folder as a record you can trust: no silent duplicate, no changed config on resume, one writer.</summary>
public sealed class RunFolderTests
{
    private static readonly PruningGame.Infrastructure.EnvironmentSnapshot Environment = TinyProblem.Environment;

    private sealed class CrashAfterEpoch(int epoch) : ITrainingObserver
    {
        public void EpochFinished(EpochRecord record)
        {
            if (record.Epoch == epoch) throw new OperationCanceledException("simulated kill");
        }
    }

    /// <summary>A run of <paramref name="config"/> killed after epoch 1: config.json and the epoch-1 checkpoint, no summary.</summary>
    private static string Killed(string root, RunConfig config, string runId = "r")
    {
        using var data = TinyProblem.Data();
        Assert.Throws<OperationCanceledException>(() => new Trainer(new CrashAfterEpoch(1)).Run(config, data, root, Environment, runId: runId));
        return RunFolder.PathFor(root, config, runId);
    }

    [Fact]
    public void Rerunning_a_finished_config_says_where_it_finished_and_trains_nothing_unless_its_summary_is_damaged()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var config = TinyProblem.Config("again", epochs: 1);
        var first = new Trainer().Run(config, data, root, Environment);
        var before = File.GetLastWriteTimeUtc(Path.Combine(first.Folder, "summary.json"));

        foreach (var resume in new[] { false, true })
        {
            var error = Assert.Throws<RunFinishedException>(() => new Trainer().Run(config, data, root, Environment, resume: resume));
            Assert.Contains(first.Folder, error.Message);
        }
        Assert.Single(Directory.GetDirectories(Path.Combine(root, "runs", "again")));   // no -2, no -3
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(first.Folder, "summary.json")));

        // A summary.json cut short is no finished run to report: the user is told, not sent away with "already finished".
        var summary = Path.Combine(first.Folder, RunFiles.Summary);
        File.WriteAllText(summary, File.ReadAllText(summary)[..40]);
        var damaged = Assert.Throws<InvalidDataException>(() => new Trainer().Run(config, data, root, Environment));
        Assert.Contains(first.Folder, damaged.Message);
        Assert.Contains("cannot be read", damaged.Message);
        Assert.Contains("Delete the folder", damaged.Message);
    }

    [Fact]
    public void A_finished_run_of_another_config_under_the_same_id_is_refused_naming_the_fields_not_reused()
    {
        var root = TinyProblem.TempRoot();
        using var data = TinyProblem.Data();
        var config = TinyProblem.Config("changed", epochs: 1);
        var first = new Trainer().Run(config, data, root, Environment);
        var summaryText = File.ReadAllText(Path.Combine(first.Folder, RunFiles.Summary));

        var changed = config with { Method = config.Method with { Game = config.Method.Game! with { Beta = 0.9 } }, Training = config.Training with { Epochs = 2 } };
        var error = Assert.Throws<InvalidDataException>(() => new Trainer().Run(changed, data, root, Environment));
        Assert.Contains(first.Folder, error.Message);
        Assert.Contains("'method.game.beta' was", error.Message);
        Assert.Contains("'training.epochs' was 1, is 2 now", error.Message);
        // A sweep asks the same question before it plans: it does not count the run as its own.
        var sweep = Assert.Throws<InvalidDataException>(() => RunFolder.IsCompleted(root, changed, first.Summary.RunId));
        Assert.Contains("'method.game.beta' was", sweep.Message);
        Assert.Equal(summaryText, File.ReadAllText(Path.Combine(first.Folder, RunFiles.Summary)));

        // Where a run trains (its torch threads) is not what it measures: the finished run is the one asked for.
        var elsewhere = config with { Training = config.Training with { Threads = 2 } };
        Assert.Throws<RunFinishedException>(() => new Trainer().Run(elsewhere, data, root, Environment));
        Assert.True(RunFolder.IsCompleted(root, elsewhere, first.Summary.RunId));
    }

    [Fact]
    public void A_new_run_of_a_finished_config_takes_an_explicit_request_and_the_next_id()
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("another", epochs: 1);
        Directory.CreateDirectory(RunFolder.PathFor(root, config, "tiny-seed1"));
        File.WriteAllText(Path.Combine(RunFolder.PathFor(root, config, "tiny-seed1"), RunFiles.Summary), "{}");

        using var folder = RunFolder.Claim(root, config, another: true);
        Assert.Equal("tiny-seed1-2", folder.RunId);
    }

    [Theory]
    [InlineData("method.game.beta", "0.5", "1E+38")]
    [InlineData("training.learningRate", "0.01", "0.5")]
    [InlineData("training.epochs", "3", "2")]
    public void Resume_refuses_a_change_to_what_decides_results_naming_field_old_and_new(string field, string old, string @new)
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("resume-change", epochs: 3);
        var folder = Killed(root, config);
        var changed = field switch
        {
            "method.game.beta" => config with { Method = config.Method with { Game = config.Method.Game! with { Beta = 1e38 } } },
            "training.learningRate" => config with { Training = config.Training with { LearningRate = 0.5 } },
            _ => config with { Training = config.Training with { Epochs = 2 } },
        };
        using var data = TinyProblem.Data();

        var error = Assert.Throws<InvalidDataException>(() => new Trainer().Run(changed, data, root, Environment, resume: true, runId: "r"));
        Assert.Contains($"'{field}' was {old}", error.Message);
        Assert.Contains($"is {@new} now", error.Message);
        Assert.Contains(folder, error.Message);
        Assert.False(File.Exists(Path.Combine(folder, RunFiles.Summary)));
    }

    [Fact]
    public void Resume_with_more_epochs_records_the_extension_in_config_json()
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("extend", epochs: 2);
        var folder = Killed(root, config);
        using var data = TinyProblem.Data();

        var result = new Trainer().Run(config with { Training = config.Training with { Epochs = 3 } }, data, root, Environment, resume: true, runId: "r");
        var written = RunConfig.Load(Path.Combine(folder, RunFiles.Config));
        Assert.Equal(3, written.Training.Epochs);
        Assert.Equal(2, written.Training.ExtendedFromEpochs);
        Assert.Equal(3, result.Summary.Epochs);
    }

    [Fact]
    public void A_resume_keeps_the_per_player_log_whole_or_records_none_never_one_that_starts_midway()
    {
        using var data = TinyProblem.Data();
        var config = TinyProblem.Config("player-log", epochs: 3);
        foreach (var deleted in new[] { false, true })
        {
            var root = TinyProblem.TempRoot();
            var folder = Killed(root, config);
            if (deleted) File.Delete(Path.Combine(folder, RunFiles.PlayerEpochs));   // as the damaged-log error says to

            var result = new Trainer().Run(config, data, root, Environment, resume: true, runId: "r");
            var log = PlayerEpochsCsv.ReadIfPresent(folder, result.Summary);   // refuses a log with epochs missing
            if (deleted) Assert.Null(log);
            else Assert.Equal(4 * result.Summary.NeuronsTotal, log!.Count);
        }
    }

    [Fact]
    public void A_second_writer_is_refused_naming_the_holder()
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("locked", epochs: 1);
        using var holder = RunFolder.Claim(root, config, "r");
        using var data = TinyProblem.Data();

        var error = Assert.Throws<RunFolderBusyException>(() => new Trainer().Run(config, data, root, Environment, resume: true, runId: "r"));
        Assert.Contains($"pid {System.Environment.ProcessId}", error.Message);
        Assert.Contains(holder.Path, error.Message);
    }

    [Fact]
    public void A_lock_left_by_a_killed_process_is_detected_as_stale_and_taken_over()
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("stale-lock", epochs: 1);
        var path = RunFolder.PathFor(root, config, "r");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, RunLock.LockFile), "");
        File.WriteAllText(Path.Combine(path, RunLock.OwnerFile), "pid 999999 on elsewhere, started 2026-01-01 00:00:00Z\n");

        using var folder = RunFolder.Claim(root, config, "r");
        Assert.Equal("pid 999999 on elsewhere, started 2026-01-01 00:00:00Z", folder.StaleOwner);
        Assert.StartsWith($"pid {System.Environment.ProcessId}", File.ReadAllText(Path.Combine(path, RunLock.OwnerFile)));
    }

    [Fact]
    public void Resume_removes_orphaned_checkpoint_files_and_temporaries()
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("orphans", epochs: 2);
        var folder = Killed(root, config);
        var orphan = Path.Combine(folder, "checkpoint-e2.model.bin");
        var temporary = Path.Combine(folder, ".checkpoint-e2.optim.bin.123.abc.tmp");
        File.WriteAllBytes(orphan, new byte[1000]);
        File.WriteAllBytes(temporary, new byte[1000]);

        using (RunFolder.Claim(root, config, "r", resume: true)) { }
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(temporary));
        Assert.True(File.Exists(Path.Combine(folder, "checkpoint-e1.model.bin")));   // the complete set stays
    }

    [Theory]
    [InlineData("checkpoint-e1.model.bin")]
    [InlineData("checkpoint-e1.optim.bin")]
    [InlineData("checkpoint-e1.method.bin")]
    public void A_truncated_or_empty_checkpoint_file_is_named_with_what_to_do(string name)
    {
        foreach (var half in new[] { false, true })
        {
            var root = TinyProblem.TempRoot();
            var config = TinyProblem.Config("damaged", epochs: 2);
            var folder = Killed(root, config);
            var file = Path.Combine(folder, name);
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, half ? bytes[..(bytes.Length / 2)] : []);
            using var data = TinyProblem.Data();

            var error = Assert.Throws<CheckpointDamagedException>(() => new Trainer().Run(config, data, root, Environment, resume: true, runId: "r"));
            Assert.Contains(file, error.Message);
            Assert.Contains("checkpoint.json", error.Message);   // what to do: delete the index to restart
        }
    }

    [Theory]
    [InlineData("gmp-weight")]      // masks of every weight matrix: 2-D method state
    [InlineData("gmp-neuron")]
    [InlineData("l0")]
    public void A_baseline_with_method_state_resumes_to_the_digits_of_an_uninterrupted_run(string method)
    {
        var options = new BaselineOptions { TargetSparsity = 0.5, Strength = 0.5, FineTuneEpochs = 0 };
        // Through JSON, as the CLI and sweeps build it (a config made in code has no game section; one read back has the defaults).
        var config = RunConfig.FromJson((TinyProblem.Config("resumed-" + method, epochs: 3) with { Method = MethodSpec.ForBaseline(method, options) }).ToJson());
        var whole = TinyProblem.TempRoot();
        using (var data = TinyProblem.Data())
            new Trainer().Run(config, data, whole, Environment, runId: "r");
        var root = TinyProblem.TempRoot();
        var folder = Killed(root, config);
        using (var data = TinyProblem.Data())
            new Trainer().Run(config, data, root, Environment, resume: true, runId: "r");

        static string[] Metrics(string runFolder) =>
            File.ReadAllLines(Path.Combine(runFolder, "metrics.csv")).Select(line => line[..line.LastIndexOf(',')]).ToArray();   // all but wall time
        Assert.Equal(Metrics(RunFolder.PathFor(whole, config, "r")), Metrics(folder));
    }

    [Fact]
    public void A_method_state_with_an_impossible_shape_is_damaged_not_a_crash()
    {
        var root = TinyProblem.TempRoot();
        var config = RunConfig.FromJson((TinyProblem.Config("impossible", epochs: 2) with { Method = MethodSpec.ForBaseline("gmp-weight", new BaselineOptions { TargetSparsity = 0.5 }) }).ToJson());
        var folder = Killed(root, config);
        var file = Path.Combine(folder, "checkpoint-e1.method.bin");
        var bytes = File.ReadAllBytes(file);
        var shapeAt = 4 + 1 + "mask0".Length + 8;             // count, name, dimension count: the first size
        BitConverter.GetBytes(long.MaxValue / 2).CopyTo(bytes, shapeAt);
        File.WriteAllBytes(file, bytes);
        using var data = TinyProblem.Data();

        var error = Assert.Throws<CheckpointDamagedException>(() => new Trainer().Run(config, data, root, Environment, resume: true, runId: "r"));
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void A_checkpoint_with_bytes_past_its_end_is_damaged_too()
    {
        var root = TinyProblem.TempRoot();
        var config = TinyProblem.Config("appended", epochs: 2);
        var folder = Killed(root, config);
        var file = Path.Combine(folder, "checkpoint-e1.method.bin");
        File.AppendAllText(file, "garbage");
        using var data = TinyProblem.Data();

        var error = Assert.Throws<CheckpointDamagedException>(() => new Trainer().Run(config, data, root, Environment, resume: true, runId: "r"));
        Assert.Contains(file, error.Message);
    }
}
