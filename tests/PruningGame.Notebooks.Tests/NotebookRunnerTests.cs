using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PruningGame.Notebooks.Tests;

public sealed class NotebookRunnerTests
{
    private static string Write(params (string Source, string[]? Tags)[] cells)
    {
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["language"] = "C#", ["display_name"] = ".NET (C#)" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp" } },
            },
            ["cells"] = new JsonArray(cells.Select((c, i) => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code",
                ["id"] = $"c{i}",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject
                {
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                    ["tags"] = new JsonArray((c.Tags ?? []).Select(t => (JsonNode)t).ToArray()),
                },
                ["outputs"] = new JsonArray(),
                ["source"] = NotebookDocument.Lines(c.Source),
            }).ToArray()),
        };
        var path = Path.Combine(Directory.CreateTempSubdirectory("notebook-test-").FullName, "fixture.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    private static async Task<(NotebookRunResult Result, JsonArray Cells)> Run(string path, Dictionary<string, string>? parameters = null)
    {
        var output = Path.Combine(Path.GetDirectoryName(path)!, "executed.ipynb");
        var result = await NotebookRunner.RunAsync(path, parameters ?? [], output);
        return (result, JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray());
    }

    private static string Text(JsonNode? lines) => string.Concat(lines!.AsArray().Select(l => l!.GetValue<string>()));

    [Fact]
    public async Task State_carries_across_cells_and_the_last_expression_is_the_result()
    {
        var (result, cells) = await Run(Write(("var x = 20;", null), ("x + 22", null)));
        Assert.True(result.Succeeded);
        var output = cells[1]!["outputs"]![0]!;
        Assert.Equal("execute_result", output["output_type"]!.GetValue<string>());
        Assert.Equal("42", Text(output["data"]!["text/plain"]));
        Assert.Equal(2, cells[1]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Display_calls_and_console_output_are_captured_with_html()
    {
        var (result, cells) = await Run(Write(("Console.WriteLine(\"hello\"); display(new { Name = \"pruning\", Players = 768 });", null)));
        Assert.True(result.Succeeded);
        var outputs = cells[0]!["outputs"]!.AsArray();
        Assert.Equal("hello\n", Text(outputs[0]!["text"]));
        Assert.Equal("display_data", outputs[1]!["output_type"]!.GetValue<string>());
        var html = Text(outputs[1]!["data"]!["text/html"]);
        Assert.Contains("768", html);
        Assert.Contains("<table", html);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_reported_with_its_line_and_the_partial_notebook_is_written()
    {
        var (result, cells) = await Run(Write(("var ok = 1;", null), ("var a = 1;\nvar b = new int[2];\nb[5] = a;", null), ("Console.WriteLine(\"never\");", null)));
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Failure!.CellIndex);
        Assert.Equal(3, result.Failure.Line);
        Assert.Equal("b[5] = a;", result.Failure.SourceLine.Trim());
        Assert.Equal("IndexOutOfRangeException", result.Failure.ExceptionType);
        Assert.Equal("error", cells[1]!["outputs"]![0]!["output_type"]!.GetValue<string>());
        Assert.Empty(cells[2]!["outputs"]!.AsArray());
    }

    [Fact]
    public async Task A_compile_error_names_its_line()
    {
        var (result, _) = await Run(Write(("var fine = 1;\nint broken = \"text\";", null)));
        Assert.Equal(2, result.Failure!.Line);
        Assert.Equal("CompilationError", result.Failure.ExceptionType);
    }

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_and_override_defaults()
    {
        var path = Write(("var quick = true;\nvar epochs = 20;\nvar name = \"a\";", ["parameters"]), ("$\"{quick} {epochs} {name}\"", null));
        var (result, cells) = await Run(path, new() { ["quick"] = "false", ["epochs"] = "2", ["name"] = "fashion-mnist" });
        Assert.True(result.Succeeded);
        Assert.Equal("injected-parameters", cells[1]!["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Equal("False 2 fashion-mnist", Text(cells[2]!["outputs"]![0]!["data"]!["text/plain"]));
    }

    [Fact]
    public async Task An_invalid_notebook_is_refused_with_a_clear_message()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "broken.ipynb");
        File.WriteAllText(path, "{ \"nbformat\": 4, \"metadata\": {} }");
        var error = await Assert.ThrowsAsync<NotebookException>(() => NotebookRunner.RunAsync(path, new Dictionary<string, string>(), path + ".out"));
        Assert.Contains(path, error.Message);
        Assert.Contains("cells", error.Message);
        File.WriteAllText(path, "not json");
        Assert.Contains("not valid JSON", (await Assert.ThrowsAsync<NotebookException>(() => NotebookRunner.RunAsync(path, new Dictionary<string, string>(), path + ".out"))).Message);
    }

    [Fact]
    public async Task Unknown_nuget_packages_are_refused_and_known_ones_are_provided()
    {
        var (ok, _) = await Run(Write(("#r \"nuget: Plotly.NET, 6.0.0\"\ntypeof(Plotly.NET.GenericChart).Name", null)));
        Assert.True(ok.Succeeded);
        var (refused, _) = await Run(Write(("#r \"nuget: Not.A.Real.Package, 1.0.0\"", null)));
        Assert.Contains("not available", refused.Failure!.Message);
    }

    [Fact]
    public async Task Executed_notebook_validates_against_the_official_nbformat_schema()
    {
        Assert.True(File.Exists("/usr/bin/python3"), "Debian's python3 with python3-nbformat is needed (apt-get install python3-nbformat).");
        var fixture = Write(("var n = 1;", ["parameters"]), ("display(42); Console.WriteLine(\"x\");", null), ("1 + n", null));
        var (_, _) = await Run(fixture, new Dictionary<string, string> { ["n"] = "2" });   // an injected cell too
        var executed = Path.Combine(Path.GetDirectoryName(fixture)!, "executed.ipynb");
        // Warnings are errors: nbformat only warns about a cell without an id, which a future version refuses.
        var check = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import warnings; warnings.simplefilter('error'); import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", executed])
        {
            RedirectStandardError = true,
        })!;
        var error = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, error);
    }
}
