using PruningGame.Configuration;

namespace PruningGame.Experiments;

/// <summary>
/// The smoke-test version of any run: a few thousand samples and two epochs (one more than a baseline's fine-tuning
/// when that needs it), written to "&lt;experiment&gt;-quick" so it never mixes with full-protocol runs.
/// </summary>
public static class QuickProtocol
{
    public const int TrainSamples = 4000;
    public const int TestSamples = 2000;
    public const int Epochs = 2;
    public const string ExperimentSuffix = "-quick";

    /// <summary>The experiment a quick run of <paramref name="experiment"/> is written to (the name itself for a full run).</summary>
    public static string ExperimentName(string experiment, bool quick) =>
        !quick || experiment.EndsWith(ExperimentSuffix, StringComparison.Ordinal) ? experiment
        : RunConfig.IsFolderName(experiment) ? experiment + ExperimentSuffix
        : throw new ArgumentException($"The experiment '{experiment}' is not a plain folder name: a quick run of it would be filed under '{experiment + ExperimentSuffix}'.");

    public static RunConfig Apply(RunConfig config) => Apply(config, TrainSamples, TestSamples, Epochs);

    public static SweepRun Apply(SweepRun run) => run with { Config = Apply(run.Config) };

    /// <summary>
    /// The same with the caller's sizes (notebooks that train several runs on every CI pass use less data); a dataset
    /// smaller than that (synthetic's 1,024 test samples) is used whole.
    /// </summary>
    public static RunConfig Apply(RunConfig config, int trainSamples, int testSamples, int epochs)
    {
        var available = Data.Datasets.SampleCounts(config.Dataset.Name) ?? (trainSamples, testSamples);
        return config with
        {
            Experiment = ExperimentName(config.Experiment, quick: true),
            Dataset = config.Dataset with { TrainSamples = (int)Math.Min(trainSamples, available.Train), TestSamples = (int)Math.Min(testSamples, available.Test) },
            Training = config.Training with { Epochs = Math.Max(epochs, (config.Method.Baseline?.FineTuneEpochs ?? 0) + 1) },
        };
    }

    public static SweepRun Apply(SweepRun run, int trainSamples, int testSamples, int epochs) =>
        run with { Config = Apply(run.Config, trainSamples, testSamples, epochs) };
}
