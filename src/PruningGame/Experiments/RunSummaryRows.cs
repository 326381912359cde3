using System.Globalization;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>One run's summary as (measure, value) rows: the one layout the console (`workbench run`) and the notebooks render.</summary>
public static class RunSummaryRows
{
    public static IReadOnlyList<(string Measure, string Value)> Of(RunSummary s) =>
    [
        ("run", s.RunId),
        ("label", s.Label),
        ("method", s.Method),
        ("dataset", s.Dataset),
        ("seed", Text($"{s.Seed}")),
        ("test accuracy, pruned (headline)", Text($"{s.TestAccuracyPruned:P2}")),
        ("test accuracy, gated (as trained)", Text($"{s.TestAccuracyGated:P2}")),
        ("compacted model accuracy", Text($"{s.CompactTestAccuracy:P2}")),
        ("neurons kept", Text($"{s.NeuronsKept} / {s.NeuronsTotal} ({1 - s.NeuronSparsity:P2})")),
        ("kept per layer", string.Join(", ", s.KeptPerLayer.Select(kv => Text($"{kv.Key} {kv.Value}/{s.TotalPerLayer.GetValueOrDefault(kv.Key)}")))),
        ("participation bins", string.Join("  ", s.ParticipationBins.Select(kv => Text($"{kv.Key}: {kv.Value:P1}")))),
        ("bimodality (Sarle)", Text($"{s.BimodalityCoefficient:F3}")),
        ("pruned but not inert", Text($"{s.PrunedNotInert}")),
        ("parameters dense → compact", Text($"{s.DenseParameters:N0} → {s.CompactParameters:N0}")),
        ("multiply-adds dense → compact", Text($"{s.DenseMultiplyAdds:N0} → {s.CompactMultiplyAdds:N0}")),
        ("latency b=128 dense → compact", Text($"{s.DenseLatencyMs:F3} ms → {s.CompactLatencyMs:F3} ms")),
    ];

    private static string Text(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
