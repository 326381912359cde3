using PruningGame.Infrastructure;
using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>
/// Per player of one layer, the sums over an epoch's training steps of the measured utility terms, in float64: the
/// benefit measure b_i, its magnitude |b_i| and, when η ≠ 0, the competition. Their means are the epoch's collapse
/// check (Eq. 15) and benefit statistics.
/// </summary>
public sealed class EpochTermSums(int players, bool competition, Device device) : IDisposable
{
    public Tensor Benefit { get; } = zeros(players, dtype: float64, device: device);
    public Tensor BenefitMagnitude { get; } = zeros(players, dtype: float64, device: device);
    /// <summary>Null when η = 0: the term is absent.</summary>
    public Tensor? Competition { get; } = competition ? zeros(players, dtype: float64, device: device) : null;

    /// <summary>Adds one step's terms (float32 into the float64 sums: promoted exactly, no copy).</summary>
    public void Add(UtilityTerms terms)
    {
        using var scope = NewDisposeScope();
        Benefit.add_(terms.Benefit, Scalars.One);
        BenefitMagnitude.add_(terms.Benefit.abs(), Scalars.One);
        if (Competition is not null)
            Competition.add_(terms.Competition ?? throw new ArgumentException("The sums hold a competition term but the step measured none.", nameof(terms)), Scalars.One);
    }

    public void Dispose()
    {
        Benefit.Dispose();
        BenefitMagnitude.Dispose();
        Competition?.Dispose();
    }
}
