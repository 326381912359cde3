using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Tests.RunRecords;

/// <summary>The run folder's typed files: each writer renders what its reader read, byte for byte, for every committed run.</summary>
public sealed class RunFilesTests
{
    private static IEnumerable<string> CommittedRuns() =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root(), "results"), RunFiles.Summary, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Where(f => File.Exists(Path.Combine(f!, RunFiles.Metrics))).Order(StringComparer.Ordinal)!;

    [Fact]
    public void Every_committed_run_passes_its_readers_checks_and_is_rewritten_byte_for_byte_from_what_they_read()
    {
        var runs = CommittedRuns().ToList();
        Assert.True(runs.Count > 100, $"only {runs.Count} committed runs found");
        foreach (var run in runs)
        {
            string In(string name) => Path.Combine(run, name);
            var summary = SummaryJson.Read(In(RunFiles.Summary));
            var config = PruningGame.Configuration.RunConfig.Load(In(RunFiles.Config));
            summary.RequireRecordedConfig(config, In(RunFiles.Config));
            var epochs = MetricsCsv.Read(In(RunFiles.Metrics), summary);
            Assert.Equal(File.ReadAllText(In(RunFiles.Metrics)), MetricsCsv.Text(epochs));
            Assert.Equal(File.ReadAllText(In(RunFiles.Summary)), SummaryJson.Text(summary));
            Assert.Equal(File.ReadAllText(In(RunFiles.Participation)), ParticipationCsv.Text(ParticipationCsv.Read(In(RunFiles.Participation), summary.TotalPerLayer)));
            var trajectories = TrajectoriesCsv.Read(In(RunFiles.Trajectories), summary.Epochs, config.Training.TrajectorySamplePerLayer);
            Assert.Equal(File.ReadAllText(In(RunFiles.Trajectories)), TrajectoriesCsv.Text(trajectories));
            if (PlayerEpochsCsv.ReadIfPresent(run, summary) is { } players)   // committed for some runs only
                Assert.Equal(File.ReadAllText(In(RunFiles.PlayerEpochs)), PlayerEpochsCsv.Text(players));
        }
    }

    [Fact]
    public void Every_committed_experiment_folder_summarises_without_a_duplicate_or_a_row_of_two_configurations()
    {
        var experiments = Directory.GetDirectories(Path.Combine(Repository.Root(), "results", "runs"));
        Assert.True(experiments.Length >= 10, $"only {experiments.Length} committed experiment folders found");
        foreach (var experiment in experiments)
            Assert.NotEmpty(PruningGame.Experiments.RunSummaries.Load(experiment));
    }

    private static string CommittedGameRun => Path.Combine(Repository.Root(), "results", "runs", "paper-fashion-mnist-loss-gradient", "extreme-beta-seed1");

    private static string Copy(string file, Func<string, string> edit)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pg-run-files-").FullName, Path.GetFileName(file));
        File.WriteAllText(path, edit(File.ReadAllText(file)));
        return path;
    }

    [Fact]
    public void An_epoch_read_under_a_criterion_takes_that_criterions_columns_and_keeps_the_rest()
    {
        var summary = SummaryJson.Read(Path.Combine(CommittedGameRun, RunFiles.Summary));
        var path = Path.Combine(CommittedGameRun, RunFiles.Metrics);
        var table = CsvTable.Read(path);
        var epochs = MetricsCsv.Read(path, summary);
        Assert.Equal(table.Rows.Count, epochs.Count);
        for (var row = 0; row < epochs.Count; row++)
        {
            var under = epochs[row].UnderCriterion("EffectiveNorm")!;
            string Name(string column) => MetricsCsv.UnderCriterion(column, "EffectiveNorm");
            Assert.Equal(table.Number(row, Name(MetricsCsv.TestAccuracyPruned)), under.TestAccuracyPruned);
            Assert.Equal(table.Number(row, Name(MetricsCsv.AccuracyGap)), under.AccuracyGap);
            Assert.Equal(table.Number(row, Name(MetricsCsv.NeuronSparsity)), under.NeuronSparsity);
            Assert.Equal(table.Integer(row, Name(MetricsCsv.ActiveNeurons)), under.ActiveNeurons);
            foreach (var layer in under.Layers)
            {
                Assert.Equal(table.Integer(row, Name(MetricsCsv.Active(layer.Name))), layer.Active);
                Assert.Equal(table.Number(row, Name(MetricsCsv.Sparsity(layer.Name))), layer.Sparsity);
                Assert.Equal(table.Number(row, MetricsCsv.MeanParticipationOf(layer.Name)), layer.MeanParticipation);
            }
            Assert.Equal(table.Number(row, MetricsCsv.TestAccuracyGated), under.TestAccuracyGated);
            Assert.Equal(table.Number(row, MetricsCsv.CollapseRecall), under.Collapse!.Recall);
        }
        // The two rules disagree in 13 of this run's 20 epochs, so the test can tell them apart.
        Assert.Equal(13, epochs.Count(e => e.ActiveNeurons != e.UnderCriterion("EffectiveNorm")!.ActiveNeurons));
        Assert.Null(epochs[0].UnderCriterion("NoSuchCriterion"));
    }

    [Fact]
    public void A_metrics_file_without_a_column_or_a_value_or_that_disagrees_with_its_summary_is_an_error_naming_the_file()
    {
        var metrics = Path.Combine(CommittedGameRun, RunFiles.Metrics);
        var summary = SummaryJson.Read(Path.Combine(CommittedGameRun, RunFiles.Summary));

        var withoutRecall = Copy(metrics, text => text.Replace(",collapse_recall,", ",recall,"));
        var error = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(withoutRecall, summary));
        Assert.Contains(withoutRecall, error.Message);
        Assert.Contains("'collapse_recall'", error.Message);

        var error2 = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(metrics, summary with { TotalPerLayer = new Dictionary<string, int> { ["fc1"] = 300 } }));
        Assert.Contains(metrics, error2.Message);
        Assert.Contains("the layer 'fc2', which the run's summary.json ('totalPerLayer') does not have", error2.Message);

        var withoutFc2 = Copy(metrics, text => text.Replace("mean_participation_fc2", "mean_s_fc2"));
        var error3 = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(withoutFc2, summary));
        Assert.Contains("no columns for the layer 'fc2'", error3.Message);

        var error4 = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(metrics, summary with { Criteria = null }));
        Assert.Contains("the prune criterion 'Participation', which the run's summary.json ('criteria') does not have", error4.Message);

        var emptyLoss = Copy(metrics, text => string.Join('\n', text.Split('\n').Select((line, i) =>
            i == 1 ? string.Join(',', line.Split(',').Select((cell, j) => j == 1 ? "" : cell)) : line)));
        var error5 = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(emptyLoss, summary));
        Assert.Contains("record 2 (the header is record 1), column 'train_loss': '' is not a number", error5.Message);
    }

    [Fact]
    public void A_damaged_cell_is_an_error_naming_the_file_the_row_and_the_column()
    {
        var participation = Path.Combine(CommittedGameRun, RunFiles.Participation);
        var damaged = Copy(participation, text =>
        {
            var lines = text.Split('\n');
            lines[2] = lines[2][..lines[2].LastIndexOf(',')] + ",maybe";
            return string.Join('\n', lines);
        });
        var error = Assert.Throws<InvalidDataException>(() => ParticipationCsv.Read(damaged));
        Assert.Contains(damaged, error.Message);
        Assert.Contains("record 3 (the header is record 1), column 'inert': 'maybe' is not true or false", error.Message);

        var fractional = Copy(Path.Combine(CommittedGameRun, RunFiles.Trajectories), text => text.Replace("\n1,fc1,0,", "\n1.5,fc1,0,"));
        var error2 = Assert.Throws<InvalidDataException>(() => TrajectoriesCsv.Read(fractional));
        Assert.Contains("column 'epoch': '1.5' is not an integer", error2.Message);
    }

    [Fact]
    public void A_summary_field_that_is_null_is_an_error_naming_the_file_and_the_field()
    {
        var nulled = Copy(Path.Combine(CommittedGameRun, RunFiles.Summary),
            text => System.Text.RegularExpressions.Regex.Replace(text, "\"totalPerLayer\": \\{[^}]*\\}", "\"totalPerLayer\": null"));
        Assert.Contains("\"totalPerLayer\": null", File.ReadAllText(nulled));
        var error = Assert.Throws<InvalidDataException>(() => SummaryJson.Read(nulled));
        Assert.Contains(nulled, error.Message);
        Assert.Contains("'totalPerLayer'", error.Message);
    }

    [Fact]
    public void Damage_that_would_read_as_data_is_refused_naming_the_file()
    {
        var summaryPath = Path.Combine(CommittedGameRun, RunFiles.Summary);
        var summary = SummaryJson.Read(summaryPath);
        string WithoutLine(string file, int line) => Copy(Path.Combine(CommittedGameRun, file),
            text => string.Join('\n', text.Split('\n').Where((_, i) => i != line)));

        // A metrics row lost: epochs 1..20 must each have one row.
        var noEpoch3 = WithoutLine(RunFiles.Metrics, 3);
        Assert.Contains("should be 1 to 20, one row each", Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(noEpoch3, summary)).Message);

        // A participation row repeated, or lost.
        var participation = Path.Combine(CommittedGameRun, RunFiles.Participation);
        var repeated = Copy(participation, text => text + text.Split('\n')[1] + "\n");
        var error = Assert.Throws<InvalidDataException>(() => ParticipationCsv.Read(repeated, summary.TotalPerLayer));
        Assert.Contains(repeated, error.Message);
        Assert.Contains("fc1 player 0 is not in the network or appears twice", error.Message);
        Assert.Contains("fc1 player 0 is missing", Assert.Throws<InvalidDataException>(() => ParticipationCsv.Read(WithoutLine(RunFiles.Participation, 1), summary.TotalPerLayer)).Message);

        // A file cut inside its last value.
        var cut = Copy(Path.Combine(CommittedGameRun, RunFiles.Trajectories), text => text[..(text.Length - 3)]);
        Assert.Contains("does not end with a line break", Assert.Throws<InvalidDataException>(() => TrajectoriesCsv.Read(cut)).Message);

        // A layer missing from a summary's kept counts would read as 0 kept.
        var noKeptFc2 = Copy(summaryPath, text => System.Text.RegularExpressions.Regex.Replace(text, "(\"keptPerLayer\": \\{[^}]*?),\\s*\"fc2\": \\d+", "$1"));
        Assert.Contains("'keptPerLayer' has the layers [fc1] but 'totalPerLayer' has [fc1, fc2]", Assert.Throws<InvalidDataException>(() => SummaryJson.Read(noKeptFc2)).Message);
    }
}
