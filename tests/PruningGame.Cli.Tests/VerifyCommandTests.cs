using System.CommandLine;
using PruningGame.Cli.Commands;
using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.RunRecords;
using Spectre.Console;

namespace PruningGame.Cli.Tests;

/// <summary>Tests whose commands draw Spectre.Console's live displays, which refuse to run two at a time: one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleDisplays
{
    public const string Name = "Spectre.Console live displays";
}

[Collection(ConsoleDisplays.Name)]
public sealed class VerifyCommandTests
{
    private static int Verify(string folder) =>
        new RootCommand { VerifyCommand.Create() }.Parse(["verify", folder]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

    private static int RerunFolders() => Directory.GetDirectories(Path.GetTempPath(), "workbench-verify-*").Length;

    [Fact]
    public void Verify_exits_0_when_a_rerun_gives_every_recorded_digit_and_1_when_one_differs_leaving_no_folder_behind()
    {
        var root = Directory.CreateTempSubdirectory("pruninggame-cli-").FullName;
        var config = new RunConfig
        {
            Experiment = "cli-verify", Label = "tiny",
            Model = new ModelSpec { Kind = "mlp", LayerSizes = [784, 16, 8, 10] },
            Dataset = new DatasetSpec { Name = "synthetic", TrainSamples = 256, TestSamples = 128 },
            Training = new TrainingOptions { Epochs = 2, BatchSize = 64, Threads = 1 },
        };
        var folder = RunLauncher.Launch(config, root, new LaunchOptions()).Folder;
        var before = RerunFolders();

        var console = AnsiConsole.Console;
        var output = new StringWriter();
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        try
        {
            Assert.Equal(0, Verify(folder));
        }
        finally
        {
            AnsiConsole.Console = console;
        }
        // The rerun's folder is gone when verify ends: the output does not point at it.
        Assert.Contains("Trained again in", output.ToString());
        Assert.DoesNotContain("workbench-verify-", output.ToString());
        Assert.Contains("Reproduced", output.ToString());
        var metrics = Path.Combine(folder, RunFiles.Metrics);
        var lines = File.ReadAllLines(metrics);
        var cells = lines[1].Split(',');
        cells[1] = "0.5";   // epoch 1's train_loss
        lines[1] = string.Join(',', cells);
        File.WriteAllLines(metrics, lines);
        Assert.Equal(1, Verify(folder));
        Assert.Equal(before, RerunFolders());
    }

    [Fact]
    public void Verify_refuses_a_folder_that_is_not_a_finished_run_naming_it_before_making_anything()
    {
        var folder = Directory.CreateTempSubdirectory("pruninggame-cli-").FullName;
        var before = RerunFolders();
        var error = Assert.Throws<InvalidDataException>(() => Verify(folder));
        Assert.Contains(folder, error.Message);
        Assert.Contains("not a finished run", error.Message);
        Assert.Equal(before, RerunFolders());
    }
}
