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

    /// <summary>Takes <paramref name="field"/> out of the run's summary.json and returns its value as written.</summary>
    private static string RemoveSummaryField(string folder, string field)
    {
        var summary = Path.Combine(folder, RunFiles.Summary);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(summary))!.AsObject();
        var value = node[field]!.ToJsonString();
        node.Remove(field);
        File.WriteAllText(summary, node.ToJsonString());
        return value;
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
        Assert.Equal([RunFiles.Metrics, RunFiles.Participation, RunFiles.Trajectories, RunFiles.PlayerEpochs, RunFiles.Summary, RunFiles.Compact],
                     verification.FilesCompared);
        Assert.Empty(verification.OneSided);
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
        // The nearest other double: the smallest change a digit can make.
        var changed = Math.BitIncrement(double.Parse(loss, System.Globalization.CultureInfo.InvariantCulture)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Replace(Path.Combine(rerun, RunFiles.Metrics), $",{loss},", $",{changed},");
        var summary = Path.Combine(rerun, RunFiles.Summary);
        Replace(summary, "\"neuronsTotal\": 24", "\"neuronsTotal\": 25");

        var verification = RunVerification.Compare(recorded, rerun);

        Assert.False(verification.Reproduced);
        Assert.Equal(
            [new DigitDifference(RunFiles.Metrics, "epoch 2", MetricsCsv.TrainLoss, loss, changed),
             new DigitDifference(RunFiles.Summary, "", "neuronsTotal", "24", "25")],
            verification.Differences);
    }

    [Fact]
    public void A_run_that_samples_no_trajectories_is_read_and_one_whose_trajectories_lost_an_epoch_is_refused()
    {
        var config = TinyProblem.Config("verify", epochs: 2);
        var none = Train(config with { Training = config.Training with { TrajectorySamplePerLayer = 0 } });
        Assert.Equal(none, RunVerification.Recorded(none).Folder);

        var cut = Train(config);
        var trajectories = Path.Combine(cut, RunFiles.Trajectories);
        File.WriteAllLines(trajectories, File.ReadAllLines(trajectories).Where(line => !line.StartsWith("2,", StringComparison.Ordinal)));
        Assert.Contains("should be 0 to 2", Assert.Throws<InvalidDataException>(() => RunVerification.Recorded(cut)).Message);
    }

    [Fact]
    public void A_number_respelled_by_another_tool_is_the_same_number_and_a_changed_one_is_not()
    {
        var config = TinyProblem.Config("verify", epochs: 2);
        var (recorded, rerun) = (Train(config), Train(config));
        var metrics = CsvTable.Read(Path.Combine(recorded, RunFiles.Metrics));
        var loss = metrics.Text(1, MetricsCsv.TrainLoss);
        var respelled = double.Parse(loss, System.Globalization.CultureInfo.InvariantCulture).ToString("E16", System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(loss, respelled);
        Replace(Path.Combine(recorded, RunFiles.Metrics), $",{loss},", $",{respelled},");
        var summary = Path.Combine(recorded, RunFiles.Summary);
        var gap = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(summary), "\"accuracyGap\": ([-0-9.eE+]+)").Groups[1].Value;
        var gapRespelled = double.Parse(gap, System.Globalization.CultureInfo.InvariantCulture).ToString("E16", System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(gap, gapRespelled);
        Replace(summary, $"\"accuracyGap\": {gap}", $"\"accuracyGap\": {gapRespelled}");

        Assert.True(RunVerification.Compare(recorded, rerun).Reproduced);

        Assert.True(RunVerification.SameValue("1E-07", "1e-07"));
        Assert.False(RunVerification.SameValue("9007199254740993", "9007199254740992"));   // equal as doubles, not as integers
        Assert.False(RunVerification.SameValue("0", "-0.0"));
        Assert.False(RunVerification.SameValue("0", "-0"));                                  // how .NET writes −0.0
        Assert.True(RunVerification.SameValue("-0", "-0.0"));
        Assert.False(RunVerification.SameValue("1", " 1"));
        Assert.False(RunVerification.SameValue("true", "True"));
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
    public void What_the_run_did_not_record_is_listed_apart_and_the_rest_still_compared()
    {
        var config = TinyProblem.Config("verify", epochs: 2);
        var (recorded, rerun) = (Train(config), Train(config));
        // A run made by older code: no player-epochs.csv, no accuracy-gap column, no bimodality in its summary.
        File.Delete(Path.Combine(recorded, RunFiles.PlayerEpochs));
        var metrics = Path.Combine(recorded, RunFiles.Metrics);
        var lines = File.ReadAllLines(metrics).Select(l => l.Split(',')).ToList();
        var gap = Array.IndexOf(lines[0], MetricsCsv.AccuracyGap);
        File.WriteAllLines(metrics, lines.Select(cells => string.Join(',', cells.Where((_, i) => i != gap))));
        RemoveSummaryField(recorded, "bimodalityCoefficient");

        var verification = RunVerification.Compare(recorded, rerun);

        Assert.True(verification.Reproduced, string.Join("; ", verification.Differences));
        Assert.Equal(
            [$"{RunFiles.Metrics}: column '{MetricsCsv.AccuracyGap}' not recorded by the run", $"{RunFiles.PlayerEpochs}: not recorded by the run",
             $"{RunFiles.Summary}: 'bimodalityCoefficient' not recorded by the run"],
            verification.OneSided);
        Assert.DoesNotContain(RunFiles.PlayerEpochs, verification.FilesCompared);
    }

    [Fact]
    public void What_the_recorded_run_wrote_and_the_rerun_did_not_is_a_difference_and_rows_are_matched_by_their_key()
    {
        var config = TinyProblem.Config("verify", epochs: 2);
        var (recorded, rerun) = (Train(config), Train(config));
        File.Delete(Path.Combine(rerun, RunFiles.PlayerEpochs));
        var bimodality = RemoveSummaryField(rerun, "bimodalityCoefficient");
        var participation = Path.Combine(rerun, RunFiles.Participation);   // the same rows in another order
        var lines = File.ReadAllLines(participation);
        (lines[1], lines[2]) = (lines[2], lines[1]);
        File.WriteAllLines(participation, lines.Take(lines.Length - 1));    // and its last row gone
        var lastPlayer = lines[^1].Split(',')[..2];

        var verification = RunVerification.Compare(recorded, rerun);

        Assert.Equal(
            [new DigitDifference(RunFiles.Participation, $"layer {lastPlayer[0]} player {lastPlayer[1]}", "the row", "written", "not written"),
             new DigitDifference(RunFiles.PlayerEpochs, "", "the file", "written", "not written"),
             new DigitDifference(RunFiles.Summary, "", "bimodalityCoefficient", bimodality, "not written")],
            verification.Differences);
        Assert.Empty(verification.OneSided);
    }

    [Fact]
    public void A_damaged_record_or_a_config_changed_after_the_run_is_refused_before_anything_trains()
    {
        var scratch = TinyProblem.TempRoot();
        string Damaged(Action<string> damage)
        {
            var folder = Train(TinyProblem.Config("verify", epochs: 1));
            damage(folder);
            return Assert.Throws<InvalidDataException>(() => RunVerification.Rerun(folder, scratch)).Message;
        }

        Assert.Contains("'training.seed' = 2 but the run's summary.json records 1",
            Damaged(f => Replace(Path.Combine(f, RunFiles.Config), "\"seed\": 1", "\"seed\": 2")));
        Assert.Contains($"{RunFiles.Metrics}' does not end with a line break",
            Damaged(f => File.WriteAllText(Path.Combine(f, RunFiles.Metrics), File.ReadAllText(Path.Combine(f, RunFiles.Metrics)).TrimEnd('\n'))));
        Assert.Contains(RunFiles.Trajectories, Assert.Throws<FileNotFoundException>(() =>
        {
            var folder = Train(TinyProblem.Config("verify", epochs: 1));
            File.Delete(Path.Combine(folder, RunFiles.Trajectories));
            RunVerification.Rerun(folder, scratch);
        }).Message);
        Assert.Contains("'runId' = '../x' is not a plain folder name",
            Damaged(f => Replace(Path.Combine(f, RunFiles.Summary), "\"runId\": \"tiny-seed1\"", "\"runId\": \"../x\"")));
        Assert.Contains("is not a JSON object", Damaged(f => File.WriteAllText(Path.Combine(f, RunFiles.Environment), "[]")));
        Assert.Empty(Directory.GetFileSystemEntries(scratch));   // nothing trained
    }

    [Fact]
    public void A_rerun_that_diverges_where_the_run_finished_is_a_difference()
    {
        var config = TinyProblem.Config("verify-diverge", epochs: 1) with
        {
            Model = new ModelSpec { Kind = "mlp", LayerSizes = [784, 16, 8, 10] },
            Dataset = new DatasetSpec { Name = "synthetic", TrainSamples = 256, TestSamples = 128 },
        };
        var recorded = RunLauncher.Launch(config, TinyProblem.TempRoot(), new LaunchOptions()).Folder;
        Replace(Path.Combine(recorded, RunFiles.Config), "\"learningRate\": 0.01", "\"learningRate\": 1E+30");

        var verification = RunVerification.Rerun(recorded, TinyProblem.TempRoot());

        var difference = Assert.Single(verification.Differences);
        Assert.Equal("training", difference.File);
        Assert.Equal("NaN or infinite (the rerun diverged)", difference.Rerun);
    }

    [Fact]
    public void Only_the_measured_times_are_left_out_of_every_field_a_run_records()
    {
        var names = MetricsCsv.Columns(["fc1"], ["EffectiveNorm"]).Select(c => c.Name)
            .Concat(JsonFields.Names(typeof(RunSummary), RunConfig.Json))
            .Concat(JsonFields.Names(typeof(CriterionSummary), RunConfig.Json))
            .Concat(ParticipationCsv.Columns).Concat(TrajectoriesCsv.Columns).Concat(PlayerEpochsCsv.Columns);

        Assert.Equal(["compactLatencyMs", "denseLatencyMs", "wallSeconds", "wall_seconds"], names.Where(RunVerification.IsTiming).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_equilibrium_methods_report_is_compared_too()
    {
        var config = TinyProblem.Config("verify", epochs: 1) with
        {
            Method = new MethodSpec { Name = "equilibrium", Game = new PruningGame.Game.GameOptions { Beta = 0.001, Gamma = 0.003, Benefit = PruningGame.Game.BenefitForm.TaylorPerSample } },
        };
        var (recorded, rerun) = (Train(config), Train(config));
        var report = Path.Combine(rerun, RunFiles.MethodReport);
        var text = File.ReadAllText(report);
        var match = System.Text.RegularExpressions.Regex.Match(text, "\"iterations\": ([0-9]+)");
        Assert.True(match.Success, text[..Math.Min(300, text.Length)]);
        File.WriteAllText(report, text.Remove(match.Groups[1].Index, match.Groups[1].Length).Insert(match.Groups[1].Index, "99999"));

        var verification = RunVerification.Compare(recorded, rerun);

        Assert.Contains(RunFiles.MethodReport, verification.FilesCompared);
        var difference = Assert.Single(verification.Differences);
        Assert.Equal(RunFiles.MethodReport, difference.File);
        Assert.EndsWith("iterations", difference.Column);
        Assert.Equal("99999", difference.Rerun);
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
        var made = RunLauncher.Launch(config, TinyProblem.TempRoot(), new LaunchOptions(RunId: "custom-id")).Folder;
        var recorded = Path.Combine(TinyProblem.TempRoot(), "renamed");   // moved and renamed, and given with a trailing '/' as a shell completes it
        Directory.Move(made, recorded);
        var scratch = TinyProblem.TempRoot();

        var verification = RunVerification.Rerun(recorded + Path.DirectorySeparatorChar, scratch);

        Assert.True(verification.Reproduced, string.Join("; ", verification.Differences));
        Assert.Equal(Path.Combine(scratch, "runs", "verify-rerun", "custom-id"), verification.RerunFolder);
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
        var run = Train(TinyProblem.Config("verify", epochs: 1));
        var experiment = Path.GetDirectoryName(run)!;
        Assert.Contains($"It holds finished runs: give one of their folders, e.g. '{run}'",
            Assert.Throws<InvalidDataException>(() => RunVerification.Rerun(experiment, TinyProblem.TempRoot())).Message);
        var missing = Path.Combine(unfinished, "nowhere");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => RunVerification.Rerun(missing, TinyProblem.TempRoot())).Message);
    }
}
