namespace PruningGame.Notebooks.Tests;

/// <summary>The versioned notebooks in notebooks/ are well formed and committed without outputs.</summary>
public sealed class WorkbenchNotebookTests
{
    private static string NotebooksFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PruningGame.Workbench.sln")))
                return Path.Combine(dir.FullName, "notebooks");
        throw new DirectoryNotFoundException("Repository root not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_versioned_notebook_passes_the_structural_check()
    {
        var notebooks = Directory.GetFiles(NotebooksFolder(), "*.ipynb");
        Assert.Equal(6, notebooks.Length);
        Assert.All(notebooks, path => Assert.Empty(NotebookCheck.Problems(path)));
    }

    [Fact]
    public void A_parameters_cell_that_derives_a_value_from_a_parameter_is_flagged()
    {
        const string source = """
            #r "x.dll"
            // Parameters: `--param quick=false` overrides them.
            var quick = true;
            var dataset = "fashion-mnist";
            var label = "quick results";
            var results = quick ? "../results/scratch" : "../results";
            """;
        var derived = Assert.Single(NotebookCheck.DerivedParameters(source));
        Assert.Equal(("results", "quick"), derived);   // "quick" inside a string literal does not count
    }

    [Fact]
    public void A_notebook_that_references_one_build_configuration_is_flagged()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("notebook-check-").FullName, "debug-only.ipynb");
        File.Copy(Path.Combine(NotebooksFolder(), "00-quickstart.ipynb"), path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("#load \\\"../artifacts/workbench.csx\\\"", "#r \\\"../src/PruningGame.Cli/bin/Debug/net10.0/PruningGame.dll\\\""));
        Assert.Contains(NotebookCheck.Problems(path), p => p.Contains("bin/Debug/net10.0/PruningGame.dll") && p.Contains("artifacts/workbench.csx"));
    }
}
