using PruningGame.Configuration;
using PruningGame.Data;
using PruningGame.Infrastructure;

namespace PruningGame.Cli;

/// <summary>Dataset loading and the environment record for runs started from the command line.</summary>
internal static class WorkbenchData
{
    /// <summary>The paper used MNIST: use it when present, else Fashion-MNIST (PAPER.md §8).</summary>
    public static string DefaultPaperDataset() => Datasets.IsPresent("mnist") ? "mnist" : "fashion-mnist";

    public static Dataset Load(DatasetSpec spec)
    {
        using var full = Datasets.Load(spec.Name);
        return full.Take(spec.TrainSamples, spec.TestSamples);
    }

    public static EnvironmentSnapshot Environment(Dataset data) => EnvironmentSnapshot.Capture(data.Checksums);
}
