using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PruningGame.Notebooks.Tests;

/// <summary>
/// The workbench in the kernel VS Code and Jupyter use: a process that is not ours, with no deps file naming TorchSharp's
/// natives. Needs what build/setup.sh installs (Debian's jupyter-nbconvert, the dotnet-interactive tool and its kernel).
/// </summary>
public sealed class RealKernelTests
{
    [Fact]
    public async Task TorchSharp_loads_through_the_workbench_in_the_dotnet_interactive_kernel()
    {
        var bin = AppContext.BaseDirectory;
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["language"] = "C#", ["display_name"] = ".NET (C#)" } },
            ["cells"] = new JsonArray(
                Cell("a", $"#r \"{bin}TorchSharp.dll\"\n#r \"{bin}PruningGame.dll\""),
                Cell("b", "PruningGame.Infrastructure.Backend.Name"),   // the workbench's code runs first, as in every notebook
                Cell("c", "TorchSharp.torch.ones(3).sum().item<float>()")),
        };
        var folder = Directory.CreateTempSubdirectory("real-kernel-").FullName;
        File.WriteAllText(Path.Combine(folder, "torch.ipynb"), notebook.ToJsonString());

        var jupyter = new ProcessStartInfo("/usr/bin/python3", ["-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "torch.ipynb", "--output", "executed.ipynb"])
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var tools = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        jupyter.Environment["PATH"] = $"{Environment.GetEnvironmentVariable("PATH")}:{tools}";
        Assert.True(File.Exists("/usr/bin/python3"), "Debian's /usr/bin/python3 is needed: run build/setup.sh.");
        using var process = Process.Start(jupyter)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var log = await errors;
        Assert.False(log.Contains("No such kernel named .net-csharp") || log.Contains("No module named"),
                     "The .NET Interactive kernel or Debian's Jupyter is missing: run build/setup.sh.\n" + log);
        Assert.True(process.ExitCode == 0, log);

        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "executed.ipynb")))!["cells"]!.AsArray();
        var result = string.Concat(executed[2]!["outputs"]!.AsArray().SelectMany(o => o!["data"]!.AsObject().Select(kv => Text(kv.Value!))));
        Assert.Contains("<pre>3</pre>", result);
        Assert.False(Directory.Exists(Path.Combine(bin, "cpu")), "TorchSharp copied the NuGet cache's unpatched natives beside itself.");
    }

    private static string Text(JsonNode value) => value is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : value.GetValue<string>();

    private static JsonObject Cell(string id, string source) => new()
    {
        ["cell_type"] = "code",
        ["id"] = id,
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };
}
