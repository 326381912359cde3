using System.CommandLine;
using PruningGame.Training;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench run &lt;preset|config.json&gt;`: one training run into results/runs/.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("preset-or-config") { Description = $"A preset ({string.Join(", ", Presets.All.Select(p => p.Name))}) or a config.json (e.g. a run folder's)." };
        var dataset = new Option<string?>("--dataset") { Description = "Dataset name (mnist, fashion-mnist, synthetic); default: the config's, or MNIST if present else Fashion-MNIST for presets." };
        var epochs = new Option<int?>("--epochs") { Description = "Override the number of epochs." };
        var seed = new Option<long?>("--seed") { Description = "Override the seed." };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N." };
        var resume = new Option<bool>("--resume") { Description = "Resume an unfinished run folder with the same run id from its last checkpoint." };
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: <preset>-seed<seed>; a finished run is never overwritten)." };
        var results = CommonOptions.Results();
        var command = new Command("run", "Train one configuration and write its run folder.")
        {
            target, dataset, epochs, seed, device, resume, runId, results,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(target)!;
            var config = File.Exists(name) || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? RunConfig.Load(name)
                : Presets.ToRunConfig(Presets.Get(name), parse.GetValue(dataset) ?? WorkbenchData.DefaultPaperDataset());
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
            var result = Runs.RunOne(config, parse.GetValue(results)!, parse.GetValue(resume), parse.GetValue(runId));
            Runs.PrintSummary(result.Summary, result.Folder);
            return 0;
        });
        return command;
    }
}
