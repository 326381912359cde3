using PruningGame.Methods;
namespace PruningGame.RunRecords;

/// <summary>One row of metrics.csv (<see cref="MetricsCsv"/>, docs/run-folder.md). Accuracies and fractions in [0, 1].</summary>
public sealed record EpochRecord
{
    public int Epoch { get; init; }
    public double TrainLoss { get; init; }
    public double TestAccuracyGated { get; init; }
    public double TestAccuracyPruned { get; init; }
    public double AccuracyGap => TestAccuracyGated - TestAccuracyPruned;
    public double NeuronSparsity { get; init; }
    public double MeanParticipation { get; init; }
    public int ActiveNeurons { get; init; }
    public IReadOnlyList<LayerRecord> Layers { get; init; } = [];
    public CollapseCheck? Collapse { get; init; }
    public double WeightSparsity { get; init; }
    public double WallSeconds { get; init; }
    /// <summary>The same network measured under every prune criterion the method can be read under (the game's), own one included.</summary>
    public IReadOnlyList<CriterionRecord> Criteria { get; init; } = [];

    /// <summary>
    /// This epoch read under another prune criterion: its removal numbers (pruned accuracy, sparsity, active players,
    /// per layer too) are that criterion's; null when the epoch was not measured under it (or not in every layer).
    /// </summary>
    public EpochRecord? UnderCriterion(string criterion)
    {
        if (Criteria.FirstOrDefault(c => c.Criterion == criterion) is not { } measured) return null;
        var layers = new List<LayerRecord>();
        foreach (var layer in Layers)
        {
            if (measured.Layers.FirstOrDefault(m => m.Name == layer.Name) is not { } underCriterion) return null;
            layers.Add(layer with { Active = underCriterion.Active });
        }
        return this with
        {
            TestAccuracyPruned = measured.TestAccuracyPruned,
            NeuronSparsity = measured.NeuronSparsity,
            ActiveNeurons = measured.ActiveNeurons,
            Layers = layers,
        };
    }
}

/// <summary>One epoch's network with the players a prune criterion removes taken out (metrics.csv's per-criterion columns).</summary>
public sealed record CriterionRecord(string Criterion, double TestAccuracyPruned, double NeuronSparsity, int ActiveNeurons, IReadOnlyList<LayerRecord> Layers);

public sealed record LayerRecord(string Name, int Active, int Total, double MeanParticipation)
{
    public double Sparsity => Total == 0 ? 0 : 1.0 - (double)Active / Total;
}
