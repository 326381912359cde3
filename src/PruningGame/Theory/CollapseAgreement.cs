namespace PruningGame.Theory;

/// <summary>How well the predicted-to-collapse set (Eq. 15) matches the set the prune rule removes (s &lt; ε under the paper's criterion).</summary>
/// <remarks>Precision is 1 when nothing is predicted, recall is 1 when nothing collapsed (no claim, nothing missed).</remarks>
public sealed record CollapseAgreement(int PredictedCount, int ActualCount, int Both)
{
    public double Precision => PredictedCount == 0 ? 1.0 : (double)Both / PredictedCount;
    public double Recall => ActualCount == 0 ? 1.0 : (double)Both / ActualCount;

    public static CollapseAgreement From(IReadOnlyList<bool> predicted, IReadOnlyList<bool> actual)
    {
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"{predicted.Count} predictions for {actual.Count} players.", nameof(predicted));
        return new(predicted.Count(p => p), actual.Count(a => a), predicted.Zip(actual).Count(p => p.First && p.Second));
    }
}
