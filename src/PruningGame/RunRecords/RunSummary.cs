using PruningGame.Configuration;

namespace PruningGame.RunRecords;

/// <summary>summary.json of a run folder (docs/run-folder.md). Accuracies and fractions in [0, 1].</summary>
public sealed record RunSummary
{
    public string Experiment { get; init; } = "";
    public string RunId { get; init; } = "";
    public string Method { get; init; } = "";
    /// <summary>The run config's <see cref="RunConfig.Label"/>: runs with the same label are seeds of one setting.</summary>
    public string Label { get; init; } = "";
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
    /// <summary>Multiply-adds per input sample of the dense network (not FLOPs: a multiply-add is two).</summary>
    public long DenseMultiplyAdds { get; init; }
    /// <summary>Multiply-adds per input sample of the compacted network.</summary>
    public long CompactMultiplyAdds { get; init; }
    public double DenseLatencyMs { get; init; }
    public double CompactLatencyMs { get; init; }
    public double WallSeconds { get; init; }
    /// <summary>
    /// The removal numbers under every prune criterion the method can be read under, by criterion name (game runs);
    /// null for methods with one fixed rule. The fields above are those of the run's own criterion.
    /// </summary>
    public IReadOnlyDictionary<string, CriterionSummary>? Criteria { get; init; }

    /// <summary>
    /// Refuses a run folder whose config.json is not the config this summary records (seed, epochs, label, experiment,
    /// dataset, method): the config was edited after the run, so its numbers are not that config's.
    /// </summary>
    public void RequireRecordedConfig(RunConfig config, string configPath)
    {
        (string Field, object Config, object Summary)[] recorded =
        [
            ("training.seed", config.Training.Seed, Seed), ("training.epochs", config.Training.Epochs, Epochs),
            ("label", config.Label, Label), ("experiment", config.Experiment, Experiment),
            ("dataset.name", config.Dataset.Name, Dataset), ("method.name", config.Method.Name, Method),
        ];
        foreach (var (field, inConfig, inSummary) in recorded.Where(r => !Equals(r.Config, r.Summary)))
            throw new InvalidDataException($"'{configPath}' has '{field}' = {inConfig} but the run's {RunFiles.Summary} records {inSummary}: " +
                                           "the config was changed after the run, so the run's numbers are not this config's.");
    }

    /// <summary>
    /// This run read under another prune criterion: every removal number (pruned accuracy, sparsity, kept, pruned not
    /// inert, compact size and speed) replaced by that criterion's; what training produced (gated accuracy,
    /// participations, bins) unchanged.
    /// </summary>
    public RunSummary UnderCriterion(string criterion)
    {
        Game.PruneCriteria.Require(criterion);
        if (Criteria is null || !Criteria.TryGetValue(criterion, out var c))
            throw new InvalidDataException(
                $"Run '{Experiment}/{RunId}' has no numbers under prune criterion '{criterion}' (its summary.json records " +
                $"{(Criteria is null ? "none" : string.Join(", ", Criteria.Keys))}): it was made by an older workbench or a method with one rule; rerun it.");
        return WithRemoval(c);
    }

    /// <summary>This summary with every removal number taken from <paramref name="c"/> (the gap against this run's gated accuracy).</summary>
    public RunSummary WithRemoval(CriterionSummary c) =>
        this with
        {
            TestAccuracyPruned = c.TestAccuracyPruned,
            AccuracyGap = TestAccuracyGated - c.TestAccuracyPruned,
            CompactTestAccuracy = c.CompactTestAccuracy,
            CompactionMaxAbsDifference = c.CompactionMaxAbsDifference,
            NeuronSparsity = c.NeuronSparsity,
            NeuronsKept = c.NeuronsKept,
            KeptPerLayer = c.KeptPerLayer,
            PrunedNotInert = c.PrunedNotInert,
            CompactParameters = c.CompactParameters,
            CompactMultiplyAdds = c.CompactMultiplyAdds,
            CompactLatencyMs = c.CompactLatencyMs,
        };
}

/// <summary>A run's removal numbers under one prune criterion (summary.json's <c>criteria</c>).</summary>
public sealed record CriterionSummary
{
    public double TestAccuracyPruned { get; init; }
    public double CompactTestAccuracy { get; init; }
    public double CompactionMaxAbsDifference { get; init; }
    public double NeuronSparsity { get; init; }
    public int NeuronsKept { get; init; }
    public IReadOnlyDictionary<string, int> KeptPerLayer { get; init; } = new Dictionary<string, int>();
    public int PrunedNotInert { get; init; }
    public long CompactParameters { get; init; }
    public long CompactMultiplyAdds { get; init; }
    public double CompactLatencyMs { get; init; }
}
