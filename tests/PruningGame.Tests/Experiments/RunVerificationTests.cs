using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;
using PruningGame.Tests.Training;
using PruningGame.Training;

namespace PruningGame.Tests.Experiments;

/// <summary>`workbench verify`: a finished run trained again, every recorded value compared as written.</summary>
public sealed class RunVerificationTests
{
    private static string Train(RunConfig config)
    {
        var root = TinyProblem.TempRoot();
        return new Trainer().Run(config, TinyProblem.Data(), root, TinyProblem.Environment).Folder;
    }

    private static void Replace(string file, string oldText, string newText)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(oldText, text);
        File.WriteAllText(file, text.Replace(oldText, newText));
    }

    [Fact]
    public void The_same_config_and_seed_trained_twice_agree_in_every_recorded_value_but_the_times()
    {
        var config = TinyProblem.Config("verify", epochs: 3);
        var (recorded, rerun) = (Train(config), Train(config));
        // Measured times are not results: a rerun never repeats them.
        var summary = Path.Combine(rerun, RunFiles.Summary);
        File.WriteAllText(summary, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(summary), "\"(wallSeconds|denseLatencyMs)\": [0-9.eE+-]+", "\"$1\": 12345"));

        var verification = RunVerification.Compare(recorded, rerun);

        Assert.True(verification.Reproduced, string.Join("; ", verification.Differences));
        Assert.Equal([RunFiles.Metrics, RunFiles.Participation, RunFiles.Trajectories, RunFiles.PlayerEpochs, RunFiles.Summary], verification.FilesCompared);
        var metricsValues = 3 * (File.ReadAllLines(Path.Combine(recorded, RunFiles.Metrics))[0].Split(',').Length - 1);   // all but wall_seconds
        Assert.True(verification.ValuesCompared > metricsValues + 24 * 8, $"{verification.ValuesCompared} values compared");
        Assert.Empty(verification.MachineChanges);
    }

    [Fact]
    public void A_changed_digit_is_named_by_file_row_and_column_with_both_values()
    {
        var config = TinyProblem.Config("verify", epochs: 3);
        var (recorded, rerun) = (Train(config), Train(config));
        var metrics = CsvTable.Read(Path.Combine(rerun, RunFiles.Metrics));
        var loss = metrics.Text(1, MetricsCsv.TrainLoss);
        Replace(Path.Combine(rerun, RunFiles.Metrics), $",{loss},", $",{loss}1,");
        var summary = Path.Combine(rerun, RunFiles.Summary);
        Replace(summary, "\"neuronsTotal\": 24", "\"neuronsTotal\": 25");

        var verification = RunVerification.Compare(recorded, rerun);

        Assert.False(verification.Reproduced);
        Assert.Equal(
            [new DigitDifference(RunFiles.Metrics, "epoch 2", MetricsCsv.TrainLoss, loss, loss + "1"),
             new DigitDifference(RunFiles.Summary, "", "neuronsTotal", "24", "25")],
            verification.Differences);
    }

    [Fact]
    public void What_the_run_recorded_of_its_machine_is_compared_with_this_one_and_the_commits_kept_apart()
    {
        var config = TinyProblem.Config("verify", epochs: 1);
        var (recorded, rerun) = (Train(config), Train(config));
        var environment = Path.Combine(recorded, RunFiles.Environment);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(environment))!.AsObject();
        node.Remove("cpu");
        node["torchSharpVersion"] = "0.99.0";
        node["gitCommit"] = "0123abc";
        node["capturedAt"] = "2020-01-01T00:00:00Z";
        File.WriteAllText(environment, node.ToJsonString());

        var verification = RunVerification.Compare(recorded, rerun);

        Assert.True(verification.Reproduced);
        Assert.Equal(2, verification.MachineChanges.Count);
        Assert.StartsWith("cpu: not recorded by the run, now ", verification.MachineChanges[0]);
        Assert.StartsWith("torchSharpVersion: recorded 0.99.0, now ", verification.MachineChanges[1]);
        Assert.StartsWith("gitCommit: recorded 0123abc, now ", Assert.Single(verification.CodeChanges));
    }

    [Fact]
    public void Another_seed_is_not_a_reproduction()
    {
        var recorded = Train(TinyProblem.Config("verify", epochs: 2, seed: 1));
        var other = Train(TinyProblem.Config("verify", epochs: 2, seed: 2));

        var verification = RunVerification.Compare(recorded, other);

        Assert.False(verification.Reproduced);
        Assert.Contains(verification.Differences, d => d.File == RunFiles.Participation && d.Column == ParticipationCsv.Participation);
        Assert.Contains(verification.Differences, d => d.File == RunFiles.Summary && d.Column == "seed");
    }

    [Fact]
    public void Rerun_trains_the_recorded_config_again_under_its_run_id_and_reproduces_it()
    {
        var config = TinyProblem.Config("verify-rerun", epochs: 2) with
        {
            Model = new ModelSpec { Kind = "mlp", LayerSizes = [784, 16, 8, 10] },
            Dataset = new DatasetSpec { Name = "synthetic", TrainSamples = 256, TestSamples = 128 },
        };
        var recorded = RunLauncher.Launch(config, TinyProblem.TempRoot(), new LaunchOptions()).Folder;
        var scratch = TinyProblem.TempRoot();

        var verification = RunVerification.Rerun(recorded, scratch);

        Assert.True(verification.Reproduced, string.Join("; ", verification.Differences));
        Assert.Equal(Path.Combine(scratch, "runs", "verify-rerun", Path.GetFileName(recorded)), verification.RerunFolder);
        Assert.Empty(verification.MachineChanges);
    }

    [Fact]
    public void Only_a_finished_run_can_be_verified()
    {
        var unfinished = TinyProblem.TempRoot();
        File.WriteAllText(Path.Combine(unfinished, RunFiles.Config), TinyProblem.Config("verify").ToJson());
        var error = Assert.Throws<InvalidDataException>(() => RunVerification.Rerun(unfinished, TinyProblem.TempRoot()));
        Assert.Contains(unfinished, error.Message);
        Assert.Contains("no summary.json", error.Message);
        var missing = Path.Combine(unfinished, "nowhere");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => RunVerification.Rerun(missing, TinyProblem.TempRoot())).Message);
    }
}
