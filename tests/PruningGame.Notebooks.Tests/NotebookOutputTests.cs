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

    [Fact]
    public void An_explicit_out_that_is_empty_the_notebook_itself_or_a_folder_is_refused_before_anything_runs()
    {
        var folder = Directory.CreateTempSubdirectory("pg-notebook-out-").FullName;
        var notebook = Path.Combine(folder, "n.ipynb");
        NotebookOutput Choose(string output) => NotebookOutput.Choose(notebook, "/r/results", new Dictionary<string, string>(), output);
        Assert.Contains("--out is empty", Assert.Throws<NotebookException>(() => Choose(" ")).Message);
        Assert.Contains("is the notebook being run", Assert.Throws<NotebookException>(() => Choose(Path.Combine(folder, ".", "n.ipynb"))).Message);
        Assert.Contains("is a folder", Assert.Throws<NotebookException>(() => Choose(folder)).Message);
        var file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "");
        Assert.ThrowsAny<IOException>(() => Choose(Path.Combine(file, "x.ipynb")));   // its folder is a file: found now, not after every cell
    }
}
