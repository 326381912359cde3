using Microsoft.Data.Analysis;

namespace PruningGame.Reporting.Tests;

public sealed class RunFramesTests(RunFixtures fixtures) : IClassFixture<RunFixtures>
{
    [Fact]
    public void Metrics_frame_has_one_typed_row_per_run_and_epoch()
    {
        var frame = RunFrames.Metrics(fixtures.Runs);
        Assert.Equal(5 * RunFixtures.Epochs, frame.Rows.Count);
        Assert.IsType<Int32DataFrameColumn>(frame.Columns["epoch"]);
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["seed"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["test_accuracy_pruned"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["active_fc1"]);
        Assert.Equal(new[] { "gentle", "harsh", "magnitude-50" }, frame.Columns["label"].Cast<string>().Distinct().Order());
    }

    [Fact]
    public void Participation_frame_has_one_row_per_player_with_boolean_fates()
    {
        var frame = RunFrames.Participation(fixtures.Runs);
        Assert.Equal(5 * (16 + 8), frame.Rows.Count);
        Assert.IsType<BooleanDataFrameColumn>(frame.Columns["pruned"]);
        var magnitudeRows = Enumerable.Range(0, (int)frame.Rows.Count).Where(i => (string)frame.Columns["label"][i] == "magnitude-50").ToList();
        Assert.Equal(12, magnitudeRows.Count(i => (bool)frame.Columns["pruned"][i]!));   // half of 16 + half of 8
    }

    [Fact]
    public void Deedle_frame_carries_the_same_values_and_types()
    {
        var summaries = RunFrames.Summaries(fixtures.Runs);
        var deedle = RunFrames.ToDeedle(summaries);
        Assert.Equal(summaries.Rows.Count, deedle.RowCount);
        var accuracy = deedle.GetColumn<double>("test_accuracy_pruned");
        for (var i = 0; i < (int)summaries.Rows.Count; i++)
            Assert.Equal((double)summaries.Columns["test_accuracy_pruned"][i]!, accuracy.Get(i));
        Assert.Equal("magnitude-oneshot", deedle.GetColumn<string>("method").Values.Single(m => m != "game"));
    }

    [Fact]
    public void Deedle_keeps_a_missing_value_missing_and_takes_a_grouped_mean()
    {
        var frame = new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.StringDataFrameColumn("label", ["a", "a", "b"]),
            new Microsoft.Data.Analysis.BooleanDataFrameColumn("pruned", [true, null, false]),
            new Microsoft.Data.Analysis.Int64DataFrameColumn("player", [1, null, 3]),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("s", [0.5, 1.5, 2.0]));

        var deedle = RunFrames.ToDeedle(frame);
        Assert.Equal(2, deedle.GetColumn<bool>("pruned").ValueCount);   // not a third 'false' made up for the missing one
        Assert.Equal(2, deedle.GetColumn<long>("player").ValueCount);
        Assert.False(deedle.GetColumn<bool>("pruned").TryGet(1).HasValue);

        var means = RunFrames.ToDeedle(frame.GroupBy("label").Mean("s"));   // a PrimitiveDataFrameColumn<double>
        Assert.Equal([1.0, 2.0], means.GetColumn<double>("s").Values);
    }

    [Fact]
    public void A_null_from_a_notebook_is_named_by_its_parameter_not_a_null_reference_deep_inside()
    {
        Assert.Equal("runs", Assert.Throws<ArgumentNullException>(() => RunFrames.Participation(null!)).ParamName);
        Assert.Equal("frame", Assert.Throws<ArgumentNullException>(() => RunFrames.ToDeedle(null!)).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentNullException>(() => FigureSet.For(null!)).ParamName);
        Assert.Equal("game", Assert.Throws<ArgumentNullException>(() => PruningGame.Theory.GameTheory.Equilibrium(null!)).ParamName);
    }

    [Fact]
    public void A_folder_without_summary_is_refused_with_its_path()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var error = Assert.Throws<InvalidDataException>(() => RunData.Load(folder));
        Assert.Contains(folder, error.Message);
    }
}
