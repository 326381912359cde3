using PruningGame.Game;
using PruningGame.Models;
using static TorchSharp.torch;
using PruningGame.RunRecords;

namespace PruningGame.Training;

/// <summary>
/// What a network is worth with the players one prune rule removes taken out: per epoch (<see cref="CriterionRecord"/>)
/// and at the end of a run (<see cref="CriterionSummary"/>). The trainer measures a game run under every criterion, so
/// readings that differ only in their criterion are evaluated from one trained run instead of being trained again.
/// </summary>
public static class CriterionEvaluation
{
    public static CriterionRecord Measure(ParticipatingNetwork model, string criterion, IReadOnlyList<bool[]> keep, Tensor testX, Tensor testY) =>
        Measure(model, criterion, keep, Evaluation.PrunedAccuracy(model, keep, testX, testY));

    /// <summary>The record for an accuracy already measured (<see cref="PrunedAccuracies"/>).</summary>
    public static CriterionRecord Measure(ParticipatingNetwork model, string criterion, IReadOnlyList<bool[]> keep, double prunedAccuracy)
    {
        var layers = model.PlayerGroups.Select((g, k) =>
        {
            using var s = g.Layer.Participation.detach().mean();
            return new LayerRecord(g.Name, keep[k].Count(x => x), g.PlayerCount, s.item<float>());
        }).ToList();
        var total = layers.Sum(l => l.Total);
        var active = layers.Sum(l => l.Active);
        return new CriterionRecord(criterion, prunedAccuracy,
                                   total == 0 ? 0 : 1.0 - (double)active / total, active, layers);
    }

    /// <summary>The final numbers under one criterion: the last epoch's record, the pruned-but-not-inert count and the compacted model's size and speed.</summary>
    /// <param name="inspect">called with the compaction before its model is disposed (e.g. to save compact.bin)</param>
    public static CriterionSummary Summarise(ParticipatingNetwork model, IReadOnlyList<bool[]> keep, CriterionRecord last, PlayerSlice slice,
                                             Tensor testX, Tensor testY, Action<CompactionResult>? inspect = null)
    {
        var players = PlayerReport.Build(model, keep, slice);
        var compaction = Compaction.Measure(model, keep, testX, testY);
        inspect?.Invoke(compaction);
        compaction.Compact.Dispose();
        return new CriterionSummary
        {
            TestAccuracyPruned = last.TestAccuracyPruned,
            CompactTestAccuracy = compaction.CompactAccuracy,
            CompactionMaxAbsDifference = compaction.MaxAbsDifference,
            NeuronSparsity = last.NeuronSparsity,
            NeuronsKept = last.ActiveNeurons,
            KeptPerLayer = last.Layers.ToDictionary(l => l.Name, l => l.Active),
            PrunedNotInert = players.Count(p => p.Pruned && !p.Inert),
            CompactParameters = compaction.CompactParameters,
            CompactMultiplyAdds = compaction.CompactMultiplyAdds,
            CompactLatencyMs = compaction.CompactLatencyMs,
        };
    }
}
