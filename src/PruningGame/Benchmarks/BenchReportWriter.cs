using System.Globalization;
using System.Text;
using System.Text.Json;
using PruningGame.Infrastructure;
using PruningGame.Configuration;
using PruningGame.Experiments;

namespace PruningGame.Benchmarks;

/// <summary>Writes results/bench/&lt;machine&gt;/bench.json and bench.md.</summary>
public static class BenchReportWriter
{
    /// <summary>Where this machine's reports go under <paramref name="resultsRoot"/>: results/bench/&lt;machine&gt;.</summary>
    public static string FolderOf(string resultsRoot, string machine) => Path.Combine(resultsRoot, "bench", machine);

    public static string Write(BenchReport report, string resultsRoot, string command)
    {
        var folder = FolderOf(resultsRoot, report.Machine);
        AtomicFile.WriteAllText(Path.Combine(folder, "bench.json"), JsonSerializer.Serialize(report, RunConfig.Json));
        AtomicFile.WriteAllText(Path.Combine(folder, "bench.md"), Markdown(report, command));
        return folder;
    }

    /// <summary>The layout of a group of measurements: bench.md and the console both render it.</summary>
    public static TableSpec<Measurement> Table { get; } = new(
    [
        ColumnSpec.Text<Measurement>("measure", m => m.Name),
        new("median", m => Number(m.Median), []),
        new("min", m => Number(m.Min), []),
        new("max", m => Number(m.Max), []),
        ColumnSpec.Text<Measurement>("unit", m => m.Unit),
        ColumnSpec.Text<Measurement>("note", m => m.Note),
    ]);

    /// <summary>" at commit `…`" for a report that recorded its code, else nothing.</summary>
    internal static string CodeOf(string? gitCommit) => gitCommit is null ? "" : $" at commit `{gitCommit}`";

    private static string Number(double v) =>
        Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("G4", CultureInfo.InvariantCulture);

    public static string Markdown(BenchReport report, string command)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Benchmarks on {report.Cpu} ({report.Cores} cores, torch threads {report.TorchThreads})");
        md.AppendLine();
        md.AppendLine($"{report.Os}, {report.Date:yyyy-MM-dd HH:mm} UTC. Produced by `{command}`{CodeOf(report.GitCommit)}. Median of {report.Measurements.Max(m => m.Repeats)} repeats after warm-up, with min and max.");
        foreach (var group in report.Measurements.GroupBy(m => m.Group))
        {
            md.AppendLine();
            md.AppendLine($"## {group.Key}");
            md.AppendLine();
            md.Append(Table.Markdown(group));
        }
        return md.ToString();
    }
}
