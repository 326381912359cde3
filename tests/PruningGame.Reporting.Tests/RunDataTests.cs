using PruningGame.Experiments;
using PruningGame.RunRecords;
namespace PruningGame.Reporting.Tests;

/// <summary>A committed run read under its own prune rule and under another.</summary>
public sealed class RunDataTests
{
    private static RunData CommittedGameRun()
    {
        return RunData.Load(Path.Combine(PruningGame.Tests.Repository.Root(), "results", "runs", "paper-fashion-mnist-loss-gradient", "extreme-beta-seed1"));
    }

    [Fact]
    public void Under_another_rule_the_removal_numbers_are_that_rules_and_what_only_the_own_rule_recorded_is_withheld()
    {
        var run = CommittedGameRun();
        Assert.Equal("Participation", run.Config.Method.Game!.PruneCriterion.ToString());
        Assert.True(run.HasCollapseCheck);

        var own = run.UnderCriterion("Participation");
        Assert.Equal(run.Epochs.Select(e => e.ActiveNeurons), own.Epochs.Select(e => e.ActiveNeurons));
        Assert.Equal(run.Epochs.Select(e => e.Collapse), own.Epochs.Select(e => e.Collapse));

        var other = run.UnderCriterion("EffectiveNorm");
        Assert.Equal(run.Summary.Criteria!["EffectiveNorm"].NeuronsKept, other.Summary.NeuronsKept);
        Assert.Equal(run.Epochs.Select(e => e.Criteria.Single(c => c.Criterion == "EffectiveNorm").ActiveNeurons), other.Epochs.Select(e => e.ActiveNeurons));
        Assert.False(other.HasCollapseCheck);
        Assert.Same(run.Players, own.PlayerFates);
        Assert.Null(other.PlayerFates);   // participation.csv's pruned and inert flags are the own rule's
        Assert.Equal(run.Players.Select(p => p.Participation), other.Players.Select(p => p.Participation));
        Assert.Empty(CollapseDiagnosis.Of([other]));
        Assert.Equal(run.Epochs.Select(e => e.TestAccuracyGated), other.Epochs.Select(e => e.TestAccuracyGated));
    }

    /// <summary>A committed run whose files are all committed (most runs' player-epochs.csv is git-ignored).</summary>
    private static readonly string CommittedRun =
        Path.Combine(PruningGame.Tests.Repository.Root(), "results", "runs", "paper-fashion-mnist-loss-gradient", "extreme-beta-seed1");

    /// <summary>A copy of <see cref="CommittedRun"/> as <paramref name="root"/>/<paramref name="name"/> (a fresh temporary root when none is given).</summary>
    private static string CopyOfCommittedRun(string? root = null, string name = "a")
    {
        var folder = Path.Combine(root ?? Directory.CreateTempSubdirectory("pg-rundata-").FullName, name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(CommittedRun)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    /// <summary>Applies <paramref name="edit"/> to a run folder's config.json and summary.json alike.</summary>
    private static void RewriteConfigAndSummary(string folder, Func<string, string> edit)
    {
        foreach (var path in new[] { RunFiles.Config, RunFiles.Summary }.Select(f => Path.Combine(folder, f)))
            File.WriteAllText(path, edit(File.ReadAllText(path)));
    }

    [Fact]
    public void A_copied_run_is_refused_as_one_measurement_not_another_seed()
    {
        var root = Directory.CreateTempSubdirectory("pg-rundata-").FullName;
        CopyOfCommittedRun(root, "a");
        CopyOfCommittedRun(root, "b");
        var error = Assert.Throws<InvalidDataException>(() => RunData.LoadAll(root));
        Assert.Contains("same config and seed", error.Message);
        Directory.Delete(Path.Combine(root, "b"), recursive: true);
        Assert.Single(RunData.LoadAll(root));
    }

    [Fact]
    public void A_copy_without_its_config_or_filed_under_another_experiment_and_label_is_still_one_measurement()
    {
        // Without config.json (as a hand-made folder): the same label and seed in one row.
        var root = Directory.CreateTempSubdirectory("pg-rundata-").FullName;
        CopyOfCommittedRun(root, "a");
        File.Delete(Path.Combine(CopyOfCommittedRun(root, "b"), RunFiles.Config));
        var error = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(root));
        Assert.Contains("label 'extreme-beta', seed 1", error.Message);

        // Renamed: another experiment and label, the same settings and seed.
        root = Directory.CreateTempSubdirectory("pg-rundata-").FullName;
        CopyOfCommittedRun(root, "a");
        RewriteConfigAndSummary(CopyOfCommittedRun(root, "b"), text => text.Replace("\"paper-fashion-mnist-loss-gradient\"", "\"elsewhere\"").Replace("\"extreme-beta\"", "\"renamed\""));
        error = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(root));
        Assert.Contains("same config and seed", error.Message);

        // The same label, another seed, other settings (a folder holding two experiments): not averaged into one row.
        root = Directory.CreateTempSubdirectory("pg-rundata-").FullName;
        CopyOfCommittedRun(root, "a");
        var seed2 = CopyOfCommittedRun(root, "b");
        RewriteConfigAndSummary(seed2, text => System.Text.RegularExpressions.Regex.Replace(text, "\"seed\": 1\\b", "\"seed\": 2"));
        var seed2Config = Path.Combine(seed2, RunFiles.Config);
        File.WriteAllText(seed2Config, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(seed2Config), "\"beta\": [0-9.eE+-]+", "\"beta\": 0.123"));
        error = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(root));
        Assert.Contains("not one configuration ('method.game.beta'", error.Message);
        File.Delete(seed2Config);   // without its config.json, what summary.json records of the configuration still agrees
        Assert.Equal(2, RunSummaries.Load(root).Count);

        // The same label and seed from another experiment with other settings: two configurations, not two seeds of one.
        root = Directory.CreateTempSubdirectory("pg-rundata-").FullName;
        CopyOfCommittedRun(root, "a");
        var other = CopyOfCommittedRun(root, "b");
        RewriteConfigAndSummary(other, text => text.Replace("\"paper-fashion-mnist-loss-gradient\"", "\"elsewhere\""));
        var config = Path.Combine(other, RunFiles.Config);
        File.WriteAllText(config, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(config), "\"beta\": [0-9.eE+-]+", "\"beta\": 0.123"));
        error = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(root));
        Assert.Contains("both label 'extreme-beta' but not one configuration", error.Message);
    }

    [Fact]
    public void An_unknown_prune_criterion_is_named_as_such_even_over_an_empty_folder_and_no_runs_draw_no_figures()
    {
        var empty = Directory.CreateTempSubdirectory("pg-rundata-").FullName;
        var error = Assert.Throws<ArgumentException>(() => RunData.LoadAll(empty, "effectivenorm"));
        Assert.Equal("'effectivenorm' is not a prune criterion: give one of Participation, EffectiveNorm.", error.Message);
        Assert.Empty(RunData.LoadAll(empty, "EffectiveNorm"));
        Assert.Contains("No runs to draw", Assert.Throws<ArgumentException>(() => FigureSet.Write([], Path.Combine(empty, "figures"), ["html"])).Message);
    }

    [Fact]
    public void A_config_edited_after_its_run_is_refused_by_every_reader_of_the_folder()
    {
        var folder = CopyOfCommittedRun();
        var root = Path.GetDirectoryName(folder)!;
        var config = Path.Combine(folder, RunFiles.Config);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"seed\": 1,", "\"seed\": 3,"));

        foreach (var read in new Action[] { () => RunSummaries.Load(root), () => RunData.LoadAll(root) })
            Assert.Contains("'training.seed' = 3 but the run's summary.json records 1", Assert.Throws<InvalidDataException>(read).Message);
    }

    [Fact]
    public void A_run_missing_its_participation_or_with_a_per_epoch_file_cut_at_a_line_is_refused_not_drawn_from_part()
    {
        static void DropLastLines(string path, int count)
        {
            var lines = File.ReadAllLines(path);
            File.WriteAllLines(path, lines[..^count]);   // still ends with a line break: only the row count tells
        }

        var missing = CopyOfCommittedRun();
        File.Delete(Path.Combine(missing, RunFiles.Participation));
        Assert.Contains(RunFiles.Participation, Assert.ThrowsAny<Exception>(() => RunData.LoadAll(Path.GetDirectoryName(missing)!)).Message);

        var trajectories = CopyOfCommittedRun();
        var lastEpoch = TrajectoriesCsv.Read(Path.Combine(CommittedRun, RunFiles.Trajectories)).Where(p => p.Epoch == 20).Count();
        DropLastLines(Path.Combine(trajectories, RunFiles.Trajectories), lastEpoch);   // the last epoch's sampled players
        Assert.Contains("should be 0 to 20", Assert.Throws<InvalidDataException>(() => RunData.LoadAll(Path.GetDirectoryName(trajectories)!)).Message);

        var playerEpochs = CopyOfCommittedRun();
        DropLastLines(Path.Combine(playerEpochs, RunFiles.PlayerEpochs), 5);
        var summary = SummaryJson.Read(Path.Combine(playerEpochs, RunFiles.Summary));
        var cutLog = Assert.Throws<InvalidDataException>(() => PlayerEpochsCsv.ReadIfPresent(playerEpochs, summary)).Message;
        Assert.Contains("one per epoch and player (no row for epoch 20, layer ", cutLog);
    }
}
