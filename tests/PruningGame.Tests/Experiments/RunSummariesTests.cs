using System.Text.Json.Nodes;
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
