using System.Text.Json.Nodes;
using PruningGame.Infrastructure;
using PruningGame.Experiments;
using PruningGame.RunRecords;
using PruningGame.Tests.Training;
using PruningGame.Training;

namespace PruningGame.Tests.Experiments;

public sealed class RunSummariesTests
{
    private static string FinishedRun(string root, string runId, long seed = 1)
    {
        using var data = TinyProblem.Data();
        return new Trainer().Run(TinyProblem.Config("summaries", epochs: 1, seed: seed), data, root, TinyProblem.Environment, runId: runId).Folder;
    }

    /// <summary>A finished run whose summary.json <paramref name="edit"/> has changed: the results root and the summary's path.</summary>
    private static (string Root, string Path) FinishedRunWithEditedSummary(Action<JsonObject> edit)
    {
        var root = TinyProblem.TempRoot();
        var path = Path.Combine(FinishedRun(root, "a"), RunFiles.Summary);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        return (root, path);
    }

    [Fact]
    public void The_started_runs_without_a_summary_are_the_unfinished_ones_a_summary_leaves_out()
    {
        var root = TinyProblem.TempRoot();
        var finished = FinishedRun(root, "done", seed: 1);
        var killed = FinishedRun(root, "killed", seed: 2);
        File.Delete(Path.Combine(killed, RunFiles.Summary));
        Assert.Equal([killed], RunSummaries.UnfinishedRuns(root));
        Assert.Single(RunSummaries.Load(root));
        Assert.Empty(RunSummaries.UnfinishedRuns(finished));
        Assert.Empty(RunSummaries.UnfinishedRuns(Path.Combine(root, "absent")));
    }

    [Fact]
    public void A_summary_missing_a_field_is_an_error_naming_the_file_and_the_field()
    {
        var (root, path) = FinishedRunWithEditedSummary(json => json.Remove("testAccuracyPruned"));

        var error = Assert.Throws<InvalidDataException>(() => PaperTable.Write(root, root));
        Assert.Contains(path, error.Message);
        Assert.Contains("'testAccuracyPruned'", error.Message);
    }

    [Fact]
    public void A_fraction_outside_zero_one_is_an_error_naming_the_file_and_the_field_not_a_number_in_a_mean()
    {
        var (root, path) = FinishedRunWithEditedSummary(json => json["testAccuracyPruned"] = 5);

        var error = Assert.Throws<InvalidDataException>(() => PaperTable.Write(root, root));
        Assert.Contains(path, error.Message);
        Assert.Contains("'testAccuracyPruned' = 5 is not a fraction in [0, 1]", error.Message);
    }

    [Theory]
    [InlineData("neuronsKept", 9999, "'neuronsKept' = 9999 is not a count of the run's 24 neurons")]
    [InlineData("compactParameters", -5, "'compactParameters' = -5 is not a size or time")]
    public void A_count_past_its_total_or_a_negative_size_is_an_error_not_a_number_in_a_mean(string field, int value, string expected)
    {
        var (root, path) = FinishedRunWithEditedSummary(json => json[field] = value);
        var error = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(root));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_layer_count_past_the_layers_size_is_an_error_naming_the_layer()
    {
        var layer = "";
        var (root, _) = FinishedRunWithEditedSummary(json =>
        {
            var kept = json["keptPerLayer"]!.AsObject();
            layer = kept.First().Key;
            kept[layer] = 4800;
        });
        Assert.Contains($"'keptPerLayer.{layer}' = 4800 is not a count", Assert.Throws<InvalidDataException>(() => RunSummaries.Load(root)).Message);
    }

    [Fact]
    public void An_accuracy_outside_zero_one_or_a_NaN_in_metrics_csv_is_an_error_naming_the_row_and_column()
    {
        var root = TinyProblem.TempRoot();
        var folder = FinishedRun(root, "a");
        var metrics = Path.Combine(folder, RunFiles.Metrics);
        var original = File.ReadAllText(metrics);
        foreach (var (column, bad) in new[] { (MetricsCsv.TestAccuracyPruned, "5"), (MetricsCsv.NeuronSparsity, "NaN") })
        {
            var table = CsvTable.Read(metrics);
            var lines = original.Split('\n');
            var cells = lines[1].Split(',');
            cells[Array.IndexOf(table.Header.ToArray(), column)] = bad;
            lines[1] = string.Join(',', cells);
            File.WriteAllText(metrics, string.Join('\n', lines));
            var error = Assert.Throws<InvalidDataException>(() => MetricsCsv.Read(metrics, SummaryJson.Read(Path.Combine(folder, RunFiles.Summary))));
            Assert.Contains($"record 2 (the header is record 1), column '{column}': '{bad}' is not a fraction in [0, 1]", error.Message);
            File.WriteAllText(metrics, original);
        }
    }

    [Fact]
    public void A_criterion_entry_missing_a_field_is_an_error_naming_the_file_the_criterion_and_the_field()
    {
        var criterion = "";
        var (root, path) = FinishedRunWithEditedSummary(json =>
        {
            var criteria = json["criteria"]!.AsObject();
            criterion = criteria.First().Key;
            criteria[criterion]!.AsObject().Remove("compactTestAccuracy");
        });

        var error = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(root));
        Assert.Contains(path, error.Message);
        Assert.Contains($"'criteria.{criterion}.compactTestAccuracy'", error.Message);
    }

    [Fact]
    public void Tables_and_frontiers_refuse_two_runs_of_the_same_config_and_seed_naming_both()
    {
        var root = TinyProblem.TempRoot();
        var first = FinishedRun(root, "a");
        var copy = FinishedRun(root, "b");
        FinishedRun(root, "c", seed: 2);   // another seed is fine

        foreach (var write in new Action[] { () => PaperTable.Write(root, root), () => FrontierTable.Write(root, root) })
        {
            var error = Assert.Throws<InvalidDataException>(write);
            Assert.Contains(first, error.Message);
            Assert.Contains(copy, error.Message);
        }
        Directory.Delete(copy, recursive: true);
        Assert.Equal(2, PaperTable.Write(root, root).Rows.Single().Seeds);
    }

    [Fact]
    public void A_file_given_as_the_results_folder_is_named_as_a_file()
    {
        var file = Path.GetTempFileName();
        var error = Assert.Throws<InvalidDataException>(() => RunSummaries.Load(file));
        Assert.Contains($"'{file}' is a file", error.Message);
    }
}
