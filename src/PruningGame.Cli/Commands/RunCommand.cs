using System.CommandLine;
using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.RunRecords;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench run &lt;preset|config.json|run-folder&gt;`: one training run into results/runs/.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("preset-or-config") { Description = $"A preset ({string.Join(", ", Presets.All.Select(p => p.Name))}), a config.json, or a run folder (its config.json, and its own run id and results root unless --run-id or --results say otherwise)." };
        var dataset = new Option<string?>("--dataset") { Description = "Dataset name (mnist, fashion-mnist, synthetic); default: the config's, or MNIST if present else Fashion-MNIST for presets." };
        var epochs = CommonOptions.OptionalInt("--epochs", "Override the number of epochs (on --resume: only more, recorded in config.json).");
        var seed = CommonOptions.OptionalLong("--seed", "Override the seed.");
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N." };
        var resume = new Option<bool>("--resume") { Description = "Resume the unfinished run with the same run id from its last checkpoint (its config must not change)." };
        var another = new Option<bool>("--new") { Description = "Start a separate run even when this config has finished (the run id gets -2, -3, ...)." };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: <preset>-seed<seed>; a finished run is never overwritten)." };
        var results = CommonOptions.Results();
        var command = new Command("run", "Train one configuration and write its run folder.")
        {
            target, dataset, epochs, seed, device, resume, another, runId, results,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(resume) && parse.GetValue(another))
                throw new ArgumentException("--resume continues a run and --new starts a separate one: give one of them.");
            var (config, source, runFolder) = Resolve(parse.GetValue(target)!, parse.GetValue(dataset));
            if (parse.GetValue(dataset) is { } d) config = config with { Dataset = config.Dataset with { Name = d } };
            config = config with
            {
                Training = config.Training with
                {
                    Epochs = parse.GetValue(epochs) ?? config.Training.Epochs,
                    Seed = parse.GetValue(seed) ?? config.Training.Seed,
                    Device = parse.GetValue(device) ?? config.Training.Device,
                },
            };
            // A value the command line changed is named as the flag's, not blamed on the file ("cfg.json with --epochs -3").
            (string Flag, object? Value)[] given =
                [("--dataset", parse.GetValue(dataset)), ("--epochs", parse.GetValue(epochs)), ("--seed", parse.GetValue(seed)), ("--device", parse.GetValue(device))];
            var overrides = given.Where(g => g.Value is not null).Select(g => $"{g.Flag} {g.Value}").ToList();
            if (overrides.Count > 0) source = $"{source} with {string.Join(" ", overrides)}";
            // A run folder given is the run meant: its id, under its results root, unless the command line names others or
            // changes what the run measures (--seed 2 of extreme-beta-seed1 is extreme-beta-seed2; more --epochs resume it).
            var resultsRoot = parse.GetResult(results) is { Implicit: false } || runFolder is null ? parse.GetValue(results)! : runFolder.Value.ResultsRoot;
            var sameRun = runFolder is { } folder
                          && ResultDecidingFields.Differences(folder.Config, config with { Training = config.Training with { Epochs = folder.Config.Training.Epochs } }).Count == 0;
            var options = new LaunchOptions(parse.GetValue(resume), parse.GetValue(runId) ?? (sameRun ? runFolder!.Value.RunId : null), parse.GetValue(another));
            var result = Runs.RunOne(config, resultsRoot, options, source);
            Runs.PrintSummary(result.Summary, result.Folder);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// A preset by name, a config file, or a run folder's config.json; anything else says which of the three it is not.
    /// A run folder (or its config.json) where a results root keeps it (<c>&lt;root&gt;/runs/&lt;experiment&gt;/&lt;run-id&gt;</c>,
    /// the experiment its config's) also gives that root, its run id and its config as recorded.
    /// </summary>
    private static (RunConfig Config, string Source, (string ResultsRoot, string RunId, RunConfig Config)? RunFolder) Resolve(string name, string? dataset)
    {
        if (Directory.Exists(name))
        {
            var inFolder = Path.Combine(name, RunFiles.Config);
            if (!File.Exists(inFolder))
                throw new FileNotFoundException($"'{name}' is a folder without {RunFiles.Config}: give a preset, a config.json or a run folder.", inFolder);
            return FromFile(inFolder);
        }
        if (File.Exists(name) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return FromFile(name);
        if (Presets.All.Any(p => p.Name == name))
            return (Presets.ToRunConfig(Presets.Get(name), dataset ?? WorkbenchData.DefaultPaperDataset()), $"preset '{name}'", null);
        throw new ArgumentException($"'{name}' is neither a preset ({string.Join(", ", Presets.All.Select(p => p.Name))}) nor an existing config file or run folder.");
    }

    private static (RunConfig Config, string Source, (string ResultsRoot, string RunId, RunConfig Config)? RunFolder) FromFile(string path)
    {
        var config = RunConfig.Load(path);
        if (Path.GetFileName(path) != RunFiles.Config) return (config, path, null);
        var folder = new FileInfo(Path.GetFullPath(path)).Directory!;
        return folder.Parent is { } experiment && experiment.Name == config.Experiment && experiment.Parent is { Name: "runs", Parent: { } root }
            ? (config, path, (root.FullName, folder.Name, config))
            : (config, path, null);
    }
}
