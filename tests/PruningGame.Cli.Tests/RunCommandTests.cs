using System.CommandLine;
using PruningGame.Cli.Commands;
using PruningGame.Cli;
using PruningGame.Configuration;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Cli.Tests;

[Collection(ConsoleDisplays.Name)]
public sealed class RunCommandTests
{
    private static IReadOnlyList<string> ParseErrors(Command command, params string[] args) =>
        new RootCommand { command }.Parse(args).Errors.Select(e => e.Message).ToList();

    [Theory]
    [InlineData("--epochs", "two")]
    [InlineData("--seed", "first")]
    public void A_bad_number_reads_as_a_person_would_write_it(string option, string value)
    {
        var error = Assert.Single(ParseErrors(RunCommand.Create(), "run", "extreme-beta", option, value));
        Assert.Equal($"{option} expects a whole number, not '{value}'.", error);
    }

    [Fact]
    public void Sweep_and_theory_numbers_read_the_same_way()
    {
        Assert.Equal("--workers expects a whole number of at least 1, not 'many'.", Assert.Single(ParseErrors(SweepCommand.Create(), "sweep", "s.json", "--workers", "many")));
        // Counts start at 1: no seeds, no workers and no repeats are refused before anything runs or is rewritten.
        Assert.Equal("--seeds expects a whole number of at least 1, not '0'.", Assert.Single(ParseErrors(ReproduceCommand.Create(), "reproduce", "paper", "--seeds", "0")));
        Assert.Equal("--workers expects a whole number of at least 1, not '-1'.", Assert.Single(ParseErrors(ReproduceCommand.Create(), "reproduce", "paper", "--workers", "-1")));
        Assert.Equal("--repeats expects a whole number of at least 1, not '0'.", Assert.Single(ParseErrors(BenchCommand.Create(), "bench", "--repeats", "0")));
        Assert.Equal("--task expects a whole number, not '99999999999' (it is too large).", Assert.Single(ParseErrors(SweepCommand.Create(), "sweep", "s.json", "--task", "99999999999")));
        Assert.Equal("--beta expects a number such as 0.5, not 'NaN'.", Assert.Single(ParseErrors(TheoryCommand.Create(), "theory", "toy", "--beta", "NaN")));
    }

    /// <summary>A finished tiny run (synthetic data, one epoch) under <paramref name="root"/> with the run id <paramref name="runId"/>.</summary>
    private static string Finished(string root, string runId)
    {
        var config = new RunConfig
        {
            Experiment = "cli", Label = "p",
            Model = new ModelSpec { Kind = "mlp", LayerSizes = [784, 8, 10] },
            Dataset = new DatasetSpec { Name = "synthetic", TrainSamples = 128, TestSamples = 64 },
            Training = new TrainingOptions { Epochs = 1, BatchSize = 64, Threads = 1 },
        };
        return PruningGame.Experiments.RunLauncher.Launch(config, root, new PruningGame.Experiments.LaunchOptions(RunId: runId)).Folder;
    }

    [Fact]
    public void A_run_folder_is_read_through_its_config_json_not_taken_for_a_preset()
    {
        var root = Directory.CreateTempSubdirectory("pruninggame-cli-").FullName;
        var folder = Finished(root, "p-seed1");

        var parse = new RootCommand { RunCommand.Create() }.Parse(["run", folder, "--results", root]);
        var finished = Assert.Throws<RunFinishedException>(() => parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Contains(folder, finished.Message);
    }

    [Fact]
    public void A_run_folder_given_is_that_run_under_its_own_id_and_results_root_unless_the_command_line_says_otherwise()
    {
        var root = Directory.CreateTempSubdirectory("pruninggame-cli-").FullName;
        var folder = Finished(root, "my-own-id");
        int Run(params string[] args) => new RootCommand { RunCommand.Create() }.Parse(["run", .. args]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

        // No --results, no --run-id: not results/runs/cli/p-seed1 of the repository, but this folder.
        var finished = Assert.Throws<RunFinishedException>(() => Run(folder));
        Assert.Equal(folder, finished.RunFolder);
        finished = Assert.Throws<RunFinishedException>(() => Run(folder + "/", "--resume"));
        Assert.Equal(folder, finished.RunFolder);

        finished = Assert.Throws<RunFinishedException>(() => Run(Path.Combine(folder, RunFiles.Config)));   // its config.json names it too
        Assert.Equal(folder, finished.RunFolder);

        // Another seed of it is another run: its default id, beside it.
        Assert.Equal(0, Run(folder, "--seed", "2"));
        Assert.True(File.Exists(Path.Combine(root, "runs", "cli", "p-seed2", RunFiles.Summary)));

        var contradiction = Assert.Throws<ArgumentException>(() => Run(folder, "--resume", "--new"));
        Assert.Contains("--resume", contradiction.Message);
        Assert.Contains("--new", contradiction.Message);
    }

    [Fact]
    public void The_toy_game_refuses_costs_that_overflow_and_says_when_its_dynamics_did_not_converge()
    {
        int Toy(params string[] args) => new RootCommand { TheoryCommand.Create() }.Parse(["theory", "toy", .. args])
            .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        Assert.Equal(0, Toy());
        Assert.Contains("overflow", Assert.Throws<ArgumentException>(() => Toy("--beta", "1e308")).Message);
        Assert.Equal(1, Toy("--beta", "0"));   // no curvature: the best responses cycle
    }

    [Fact]
    public void Sweep_modes_that_ask_for_different_things_are_refused_together()
    {
        var error = Assert.Throws<ArgumentException>(() => new RootCommand { SweepCommand.Create() }
            .Parse(["sweep", "s.json", "--list", "--task", "0"]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Equal("--list and --task ask for different things: give one of them.", error.Message);
    }

    [Fact]
    public void A_notebook_parameter_given_twice_is_refused_not_decided_by_the_last()
    {
        var error = Assert.Throws<ArgumentException>(() => new RootCommand { NotebookCommand.Create() }
            .Parse(["notebook", "run", "n.ipynb", "--param", "quick=true", "--param", "quick=false"])
            .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Equal("--param quick is given twice ('true' and 'false'): give it once.", error.Message);
    }

    [Fact]
    public void A_value_given_on_the_command_line_is_named_as_the_flags_not_blamed_on_the_file()
    {
        var root = Directory.CreateTempSubdirectory("pruninggame-cli-").FullName;
        var file = Path.Combine(root, "cfg.json");
        File.WriteAllText(file, new RunConfig { Experiment = "cli", Label = "p" }.ToJson());
        var parse = new RootCommand { RunCommand.Create() }.Parse(["run", file, "--epochs=-3", "--results", root]);
        var error = Assert.Throws<InvalidDataException>(() => parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.StartsWith($"Run config {file} with --epochs -3: 'training.epochs' = -3 is invalid", error.Message);
    }

    [Fact]
    public void Something_that_is_neither_preset_nor_file_nor_folder_says_so()
    {
        var parse = new RootCommand { RunCommand.Create() }.Parse(["run", "no-such-thing"]);
        var error = Assert.Throws<ArgumentException>(() => parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Contains("'no-such-thing' is neither a preset", error.Message);
    }
}

public sealed class IoErrorsTests
{
    [Fact]
    public void A_results_folder_that_is_a_file_is_named_as_one_and_bench_says_so_before_measuring_anything()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pruninggame-cli-").FullName, "a-file");
        File.WriteAllText(file, "");
        var error = Assert.ThrowsAny<IOException>(() =>
            new RootCommand { BenchCommand.Create() }.Parse(["bench", "--results", file]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.EndsWith($"'{file}' is a file, where a folder is expected.", ExpectedErrors.Message(error));
        Assert.Contains($"'{file}' is a file", IoErrors.Explain(error));
        Assert.Equal("Could not find a part of the path '/nonexistent/x'.", ExpectedErrors.Message(new DirectoryNotFoundException("Could not find a part of the path '/nonexistent/x'.")));
        Assert.True(ExpectedErrors.IsPathThroughFile(error));   // refused input (exit 2), not a file system that refused (3)
        var made = Assert.ThrowsAny<IOException>(() => Directory.CreateDirectory(file));   // .NET: "The file '…' already exists."
        Assert.True(ExpectedErrors.IsPathThroughFile(made));
        Assert.Equal($"The file '{file}' already exists: '{file}' is a file, where a folder is expected: give a folder there.", IoErrors.Explain(made));
    }

    [Fact]
    public void An_argument_error_reads_without_the_csharp_parameter_name()
    {
        var error = Assert.Throws<ArgumentException>(() => PruningGame.Reporting.FigureStyle.Named("poster"));
        Assert.EndsWith("(Parameter 'name')", error.Message);   // what .NET gives
        Assert.Equal("Unknown figure style 'poster' (screen, paper or paper-wide, paper-column).", ExpectedErrors.Message(error));
        Assert.Equal("plain", ExpectedErrors.Message(new InvalidDataException("plain")));
        Assert.Equal("Value cannot be null. (Parameter 'config')", ExpectedErrors.Message(new ArgumentNullException("config")));   // nothing else to say
        var fromDotnet = Assert.Throws<ArgumentException>(() => ArgumentException.ThrowIfNullOrEmpty(""));
        Assert.Equal(fromDotnet.Message, ExpectedErrors.Message(fromDotnet));   // a .NET helper's message needs the name
    }

    [Fact]
    public void A_full_disk_says_to_free_space_and_resume()
    {
        var full = new IOException("No space left on device : '/r/runs/x/checkpoint-e1.model.bin'", 28);
        var line = IoErrors.Explain(full);
        Assert.Contains("/r/runs/x/checkpoint-e1.model.bin", line);
        Assert.Contains("free space", line);
        Assert.DoesNotContain("\n", line);
    }

    [Fact]
    public void A_folder_the_user_may_not_write_says_to_choose_another()
    {
        var line = IoErrors.Explain(new UnauthorizedAccessException("Access to the path '/r/runs' is denied."));
        Assert.Contains("/r/runs", line);
        Assert.Contains("--results for runs, --out for tables and figures", line);
    }
}
