using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PruningGame.Notebooks.Tests;

public sealed class NotebookRunnerTests
{
    /// <summary>A notebook of the given cells; a source starting with "# " is a markdown cell.</summary>
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
            ["cells"] = new JsonArray(cells.Select((c, i) => (JsonNode)(c.Source.StartsWith("# ", StringComparison.Ordinal)
                ? new JsonObject { ["cell_type"] = "markdown", ["id"] = $"c{i}", ["metadata"] = new JsonObject(), ["source"] = c.Source }
                : new JsonObject
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
                    ["source"] = c.Source,
                })).ToArray()),
        };
        var path = Path.Combine(Directory.CreateTempSubdirectory("notebook-test-").FullName, "fixture.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    private static string Executed(string fixture) => Path.Combine(Path.GetDirectoryName(fixture)!, "executed.ipynb");

    private static async Task<(NotebookRunResult Result, JsonArray Cells)> Run(string path, Dictionary<string, string>? parameters = null)
    {
        var result = await NotebookRunner.RunAsync(path, parameters ?? [], Executed(path));
        return (result, JsonNode.Parse(File.ReadAllText(Executed(path)))!["cells"]!.AsArray());
    }

    private static string Text(JsonNode? lines) => lines is JsonArray a ? string.Concat(a.Select(l => l!.GetValue<string>())) : lines!.GetValue<string>();

    [Fact]
    public async Task State_carries_across_cells_and_the_last_expression_is_the_result()
    {
        var (result, cells) = await Run(Write(("var x = 20;", null), ("x + 22", null)));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        var output = cells[1]!["outputs"]![0]!;
        Assert.Equal("execute_result", output["output_type"]!.GetValue<string>());
        Assert.Contains("<pre>42</pre>", Text(output["data"]!["text/html"]));   // the kernel's own formatting of an int
        Assert.Equal(2, cells[1]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Display_calls_and_console_output_are_captured_with_html()
    {
        var (result, cells) = await Run(Write(("Console.WriteLine(\"hello\"); display(new { Name = \"pruning\", Players = 768 });", null)));
        Assert.True(result.Succeeded, result.Failure?.ToString());
        var outputs = cells[0]!["outputs"]!.AsArray();
        Assert.Equal("stream", outputs[0]!["output_type"]!.GetValue<string>());
        Assert.Equal("hello\n", Text(outputs[0]!["text"]));
        Assert.Equal("display_data", outputs[1]!["output_type"]!.GetValue<string>());
        var html = Text(outputs[1]!["data"]!["text/html"]);
        Assert.Contains("768", html);
        Assert.Contains("<table", html);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_is_named_as_the_user_counts_cells_and_the_partial_notebook_is_written()
    {
        var (result, cells) = await Run(Write(("# Title", null), ("var ok = 1;", null), ("# Text", null),
                                              ("var a = 1;\nvar b = new int[2];\nb[5] = a;", null), ("Console.WriteLine(\"never\");", null)));
        Assert.False(result.Succeeded);
        Assert.Equal(4, result.Failure!.CellNumber);   // markdown cells count, from 1
        Assert.Equal("IndexOutOfRangeException", result.Failure.ExceptionType);
        Assert.StartsWith("cell 4", result.Failure.ToString());
        Assert.Equal("error", cells[3]!["outputs"]![0]!["output_type"]!.GetValue<string>());
        Assert.Equal("IndexOutOfRangeException", cells[3]!["outputs"]![0]!["ename"]!.GetValue<string>());
        Assert.Empty(cells[4]!["outputs"]!.AsArray());
    }

    [Fact]
    public async Task A_compile_error_names_its_line()
    {
        var (result, _) = await Run(Write(("var fine = 1;\nint broken = \"text\";", null)));
        Assert.Equal(1, result.Failure!.CellNumber);
        Assert.Equal(2, result.Failure.Line);
        Assert.Equal("CompilationError", result.Failure.ExceptionType);
        Assert.Contains("string", result.Failure.Message);
    }

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_and_override_defaults()
    {
        var path = Write(("var quick = true;\nvar epochs = 20;\nvar rate = 0.5;\nvar name = \"a\";", ["parameters"]), ("$\"{quick} {epochs} {rate} {name}\"", null));
        var (result, cells) = await Run(path, new() { ["quick"] = "false", ["epochs"] = "2", ["rate"] = "1", ["name"] = "123" });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("injected-parameters", cells[1]!["id"]!.GetValue<string>());
        Assert.Equal("injected-parameters", cells[1]!["metadata"]!["tags"]![0]!.GetValue<string>());
        var data = cells[2]!["outputs"]![0]!["data"]!.AsObject();
        Assert.Contains("False 2 1 123", string.Concat(data.Select(kv => Text(kv.Value))));
        Assert.Equal("parameters", cells[0]!["metadata"]!["tags"]![0]!.GetValue<string>());   // metadata survives the kernel's writer
    }

    [Theory]
    [InlineData("quikc", "true", "no parameter 'quikc'")]
    [InlineData("quick", "notabool", "parameter 'quick' expects bool")]
    [InlineData("epochs", "2.5", "parameter 'epochs' expects int")]
    [InlineData("rate", "NaN", "parameter 'rate' expects double")]
    [InlineData("rate", "1e999", "parameter 'rate' expects double")]
    public async Task Unknown_or_wrongly_typed_parameters_are_refused_before_any_cell_runs(string name, string value, string message)
    {
        var marker = Path.Combine(Path.GetTempPath(), $"notebook-ran-{Guid.NewGuid():N}");
        var path = Write(($"System.IO.File.WriteAllText(@\"{marker}\", \"ran\");", null), ("var quick = true;\nvar epochs = 20;\nvar rate = 0.5;", ["parameters"]));
        var error = await Assert.ThrowsAsync<NotebookException>(() => NotebookRunner.RunAsync(path, new Dictionary<string, string> { [name] = value }, Executed(path)));
        Assert.Contains(message, error.Message);
        Assert.Contains(path, error.Message);
        Assert.False(File.Exists(marker));
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
    public async Task Executed_notebook_validates_against_the_official_nbformat_schema()
    {
        Assert.True(File.Exists("/usr/bin/python3"), "Debian's /usr/bin/python3 is needed (apt-get install python3-nbformat).");
        var fixture = Write(("# Title", null), ("var n = 1;", ["parameters"]), ("display(42); Console.WriteLine(\"x\");", null), ("1 + n", null), ("throw new Exception(\"x\");", null));
        await Run(fixture, new Dictionary<string, string> { ["n"] = "2" });   // an injected cell and an error output too
        // Warnings are errors: nbformat only warns about a cell without an id, which a future version refuses.
        var check = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import warnings; warnings.simplefilter('error'); import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", Executed(fixture)])
        {
            RedirectStandardError = true,
        })!;
        var error = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, error.Contains("No module named 'nbformat'") ? "apt-get install python3-nbformat: " + error : error);
    }
}
