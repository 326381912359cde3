namespace PruningGame.Training;

/// <summary>summary.json of a run folder (docs/run-folder.md). Accuracies and fractions in [0, 1].</summary>
public sealed record RunSummary
{
    public string Experiment { get; init; } = "";
    public string RunId { get; init; } = "";
    public string Method { get; init; } = "";
    public string Preset { get; init; } = "";
    public string Dataset { get; init; } = "";
    public string Model { get; init; } = "";
    public long Seed { get; init; }
    public int Epochs { get; init; }
    public double TestAccuracyGated { get; init; }
    /// <summary>The headline: accuracy with the pruned players removed.</summary>
    public double TestAccuracyPruned { get; init; }
    public double AccuracyGap { get; init; }
    /// <summary>Accuracy of the physically compacted model (must equal <see cref="TestAccuracyPruned"/>).</summary>
    public double CompactTestAccuracy { get; init; }
    /// <summary>Largest |logit difference| between the compacted model and the masked network on test inputs.</summary>
    public double CompactionMaxAbsDifference { get; init; }
    public double NeuronSparsity { get; init; }
    public int NeuronsKept { get; init; }
    public int NeuronsTotal { get; init; }
    public IReadOnlyDictionary<string, int> KeptPerLayer { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> TotalPerLayer { get; init; } = new Dictionary<string, int>();
    public double WeightSparsity { get; init; }
    public IReadOnlyDictionary<string, double> ParticipationBins { get; init; } = new Dictionary<string, double>();
    public double BimodalityCoefficient { get; init; }
    /// <summary>Pruned players whose effective contribution is not small next to the kept players'.</summary>
    public int PrunedNotInert { get; init; }
    public long DenseParameters { get; init; }
    public long CompactParameters { get; init; }
    public long DenseFlops { get; init; }
    public long CompactFlops { get; init; }
    public double DenseLatencyMs { get; init; }
    public double CompactLatencyMs { get; init; }
    public double WallSeconds { get; init; }
}
