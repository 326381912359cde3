namespace PruningGame.Training;

/// <summary>Bimodality of the final participations, measured rather than eyeballed (issue 11).</summary>
public sealed record ParticipationStatistics(
    double BelowEpsilon, double EpsilonToTenth, double Middle, double AboveNineTenths, double BimodalityCoefficient)
{
    /// <summary>Bin fractions keyed as in summary.json (ε written with a decimal point whatever the machine's culture).</summary>
    public IReadOnlyDictionary<string, double> Bins(double epsilon) => new Dictionary<string, double>
    {
        [FormattableString.Invariant($"[0,{epsilon})")] = BelowEpsilon,
        [FormattableString.Invariant($"[{epsilon},0.1)")] = EpsilonToTenth,
        ["[0.1,0.9)"] = Middle,
        ["[0.9,1]"] = AboveNineTenths,
    };

    public static ParticipationStatistics From(IReadOnlyList<double> s, double epsilon)
    {
        if (s.Count == 0) return new(0, 0, 0, 0, double.NaN);
        double Fraction(Func<double, bool> inBin) => (double)s.Count(inBin) / s.Count;
        return new(
            Fraction(v => v < epsilon),
            Fraction(v => v >= epsilon && v < 0.1),
            Fraction(v => v >= 0.1 && v < 0.9),
            Fraction(v => v >= 0.9),
            SarleBimodality(s));
    }

    /// <summary>
    /// Sarle's bimodality coefficient b = (g² + 1) / (k + 3(n−1)²/((n−2)(n−3))), with g the sample skewness and k
    /// the sample excess kurtosis. b &gt; 5/9 ≈ 0.555 (the uniform distribution's value) suggests bimodality.
    /// NaN when n &lt; 4 or all values are equal.
    /// </summary>
    public static double SarleBimodality(IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n < 4) return double.NaN;
        var mean = values.Average();
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            m2 += d * d; m3 += d * d * d; m4 += d * d * d * d;
        }
        m2 /= n; m3 /= n; m4 /= n;
        if (m2 <= 1e-300) return double.NaN;
        // Bias-corrected sample skewness and excess kurtosis (as in SAS/SPSS, which Sarle's coefficient assumes).
        var g1 = m3 / Math.Pow(m2, 1.5);
        var skew = g1 * Math.Sqrt((double)n * (n - 1)) / (n - 2);
        var g2 = m4 / (m2 * m2) - 3.0;
        var kurt = (n - 1.0) / ((n - 2.0) * (n - 3.0)) * ((n + 1.0) * g2 + 6.0);
        return (skew * skew + 1.0) / (kurt + 3.0 * (n - 1.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0)));
    }
}
