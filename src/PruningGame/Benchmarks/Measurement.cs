namespace PruningGame.Benchmarks;

/// <summary>One benchmark figure: the median of several repeats after warm-up, with their min and max.</summary>
public sealed record Measurement(string Group, string Name, double Median, double Min, double Max, string Unit, int Repeats, string Note = "")
{
    public static Measurement Of(string group, string name, IReadOnlyList<double> samples, string unit, string note = "")
    {
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        var sorted = samples.Order().ToArray();
        return new Measurement(group, name, Infrastructure.Statistics.Median(sorted), sorted[0], sorted[^1], unit, sorted.Length, note);
    }
}

/// <summary>Everything `workbench bench` measured, with the machine it ran on.</summary>
/// <param name="GitCommit">The code measured: the repository's HEAD, "-dirty" with uncommitted changes (null in reports written before it was recorded).</param>
public sealed record BenchReport(string Machine, string Cpu, int Cores, int TorchThreads, string Os, DateTimeOffset Date, IReadOnlyList<Measurement> Measurements, string? GitCommit = null);
