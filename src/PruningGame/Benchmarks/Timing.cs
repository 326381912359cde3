using System.Diagnostics;

namespace PruningGame.Benchmarks;

internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times, then <paramref name="repeats"/> timed batches of <paramref name="inner"/> calls; returns ms per call for each batch.</summary>
    public static List<double> MillisecondsPerCall(Action action, int warmup = 3, int repeats = 7, int inner = 1)
    {
        for (var i = 0; i < warmup; i++) action();
        var samples = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < inner; i++) action();
            samples.Add(clock.Elapsed.TotalMilliseconds / inner);
        }
        return samples;
    }

    /// <summary>The process's peak resident set (VmHWM) in MiB, or NaN where /proc is absent.</summary>
    public static double PeakResidentMiB() => ProcStatusMiB("VmHWM:");

    /// <summary>The process's current resident set (VmRSS) in MiB, or NaN where /proc is absent.</summary>
    public static double ResidentMiB() => ProcStatusMiB("VmRSS:");

    private static double ProcStatusMiB(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return double.NaN;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
