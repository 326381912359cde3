using PruningGame.RunRecords;

namespace PruningGame.Reporting;

/// <summary>A per-epoch series summarised over seeds: mean with min–max.</summary>
public sealed record SeedBand(double[] Epochs, double[] Mean, double[] Min, double[] Max, int Seeds)
{
    /// <summary>Aggregates one per-epoch metric over the runs of one configuration, epoch by epoch (a null value is no value).</summary>
    public static SeedBand Of(IReadOnlyList<RunData> runs, Func<EpochRecord, double?> metric, double scale = 1)
    {
        var byEpoch = runs
            .SelectMany(r => r.Epochs.Select(e => (Epoch: (double)e.Epoch, Value: (metric(e) ?? double.NaN) * scale)))
            .Where(p => double.IsFinite(p.Value))
            .GroupBy(p => p.Epoch)
            .OrderBy(g => g.Key)
            .ToList();
        return new SeedBand(
            byEpoch.Select(g => g.Key).ToArray(),
            byEpoch.Select(g => g.Average(p => p.Value)).ToArray(),
            byEpoch.Select(g => g.Min(p => p.Value)).ToArray(),
            byEpoch.Select(g => g.Max(p => p.Value)).ToArray(),
            runs.Count);
    }
}
