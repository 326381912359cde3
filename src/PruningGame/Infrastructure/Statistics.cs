namespace PruningGame.Infrastructure;

/// <summary>Order statistics the workbench reports, in one place.</summary>
public static class Statistics
{
    /// <summary>The median: the middle value, or the mean of the two middle values of an even count; NaN when there are none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
