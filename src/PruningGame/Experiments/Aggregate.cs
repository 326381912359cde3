namespace PruningGame.Experiments;

/// <summary>Mean, sample standard deviation and count of one measured quantity over seeds.</summary>
public sealed record Aggregate(double Mean, double Std, int Count)
{
    public static Aggregate Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return new(double.NaN, double.NaN, 0);
        var mean = v.Average();
        var std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0.0;
        return new(mean, std, v.Length);
    }

    /// <summary>"91.15 ± 0.42" with values scaled by <paramref name="scale"/> (100 for percent).</summary>
    public string Format(double scale = 1, string format = "F2") =>
        Count == 0 ? "–" : Count == 1
            ? (Mean * scale).ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : $"{(Mean * scale).ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ± {(Std * scale).ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";
}
