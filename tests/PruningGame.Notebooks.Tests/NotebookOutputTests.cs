namespace PruningGame.Notebooks.Tests;

public sealed class NotebookOutputTests
{
    [Fact]
    public void A_quick_run_goes_to_scratch_and_never_to_the_committed_copy()
    {
        var output = NotebookOutput.Choose("notebooks/00-quickstart.ipynb", "/r/results", new Dictionary<string, string>(), null);
        Assert.Equal("/r/results/scratch/notebooks/00-quickstart.ipynb", output.RunTo);
        Assert.Null(output.PromoteTo);
        Assert.Null(NotebookOutput.Choose("notebooks/00-quickstart.ipynb", "/r/results", new Dictionary<string, string> { ["quick"] = "true" }, null).PromoteTo);
    }

    [Fact]
    public void Only_an_explicit_full_run_replaces_the_reference_copy_and_only_after_running_in_scratch()
    {
        var output = NotebookOutput.Choose("notebooks/02-paper-reproduction.ipynb", "/r/results", new Dictionary<string, string> { ["quick"] = "false" }, null);
        Assert.Equal("/r/results/scratch/notebooks/02-paper-reproduction.ipynb", output.RunTo);
        Assert.Equal("/r/results/notebooks/02-paper-reproduction.ipynb", output.PromoteTo);
    }

    [Fact]
    public void An_explicit_out_is_written_as_given()
    {
        var output = NotebookOutput.Choose("n.ipynb", "/r/results", new Dictionary<string, string> { ["quick"] = "false" }, "/tmp/x.ipynb");
        Assert.Equal(new NotebookOutput("/tmp/x.ipynb", null), output);
    }
}
