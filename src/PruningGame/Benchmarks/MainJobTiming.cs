using System.Globalization;
using System.Text;
using System.Text.Json;
using PruningGame.Data;
using PruningGame.Experiments;
using PruningGame.Infrastructure;
using PruningGame.Configuration;
using static TorchSharp.torch;

namespace PruningGame.Benchmarks;

/// <summary>
/// The main job (`reproduce paper`) against the machine's limit: the training FLOPs of the runs it trained, counted from
/// their configs, over the sgemm peak measured in the same process, is the time the job would take if every core did
/// nothing but the training's matrix products at peak speed. The ratio of the wall time to that bound is what the
/// rest (small kernels, evaluation, process start-up, checkpoints, the game's own step) costs.
/// </summary>
public sealed record MainJobReport(string Machine, string Cpu, int Cores, DateTimeOffset Date, string Command,
                                   int RunsTrained, int RunsReused, double WallSeconds, double TrainingGflop, double SgemmPeakGflops,
                                   string? GitCommit = null)
{
    public double BoundSeconds => TrainingGflop / SgemmPeakGflops;
    public double RatioToBound => WallSeconds / BoundSeconds;
}

public static class MainJobTiming
{
    /// <summary>
    /// Training GFLOP of one run: 6 × multiply-adds per sample (forward 2 FLOPs per multiply-add, backward 4) × training
    /// samples × epochs. Evaluation passes are not counted: they are part of what the ratio measures.
    /// </summary>
    public static double TrainingGflop(RunConfig config)
    {
        var samples = Datasets.TrainSamplesOf(config.Dataset);
        using var model = Factories.BuildModel(config.Model, CPU);
        return 6.0 * model.MultiplyAdds * samples * config.Training.Epochs / 1e9;
    }

    /// <summary>The machine's sgemm peak, GFLOP/s: 2048×2048 products on every core (the median of the repeats).</summary>
    public static double SgemmPeakGflops(int repeats = 7)
    {
        var threads = get_num_threads();
        set_num_threads(Environment.ProcessorCount);
        try
        {
            using var scope = NewDisposeScope();
            var a = rand(2048, 2048);
            var ms = Timing.MillisecondsPerCall(() => { using var s = NewDisposeScope(); a.mm(a); }, warmup: 2, repeats: repeats, inner: 3);
            return Measurement.Of("throughput", "sgemm", ms.Select(t => 2.0 * 2048 * 2048 * 2048 / (t * 1e6)).ToList(), "GFLOP/s").Median;
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    /// <summary>The report of a main job that trained <paramref name="trained"/> in <paramref name="wallSeconds"/>, with the code it ran (<paramref name="gitCommit"/>, read before it started).</summary>
    public static MainJobReport Report(string command, IReadOnlyList<SweepRun> trained, int reused, double wallSeconds, string? gitCommit) =>
        new(WorkbenchBenchmarks.MachineName(), CpuIdentity.Describe(), Environment.ProcessorCount, DateTimeOffset.UtcNow, command,
            trained.Count, reused, wallSeconds, trained.Sum(r => TrainingGflop(r.Config)), SgemmPeakGflops(), gitCommit);

    /// <summary>Writes results/bench/&lt;machine&gt;/main-job.json and main-job.md; returns the folder.</summary>
    public static string Write(MainJobReport report, string resultsRoot)
    {
        var folder = BenchReportWriter.FolderOf(resultsRoot, report.Machine);
        AtomicFile.WriteAllText(Path.Combine(folder, "main-job.json"), JsonSerializer.Serialize(report, RunConfig.Json));
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine($"# The main job against the machine's limit ({report.Cpu}, {report.Cores} cores)");
        md.AppendLine();
        md.AppendLine($"{report.Date:yyyy-MM-dd HH:mm} UTC. Produced by `{report.Command}`{BenchReportWriter.CodeOf(report.GitCommit)}.");
        md.AppendLine();
        md.AppendLine("| measure | value |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| runs trained (finished runs reused: {report.RunsReused}) | {report.RunsTrained} |");
        md.AppendLine($"| wall time | {F(report.WallSeconds, "F0")} s |");
        md.AppendLine($"| training work, 6 × multiply-adds × samples × epochs | {F(report.TrainingGflop, "N0")} GFLOP |");
        md.AppendLine($"| sgemm peak, 2048×2048 on {report.Cores} cores, measured in the same process | {F(report.SgemmPeakGflops, "F1")} GFLOP/s |");
        md.AppendLine($"| bound: training work at the sgemm peak | {F(report.BoundSeconds, "F0")} s |");
        md.AppendLine($"| **wall time / bound** | **{F(report.RatioToBound, "F2")}×** |");
        AtomicFile.WriteAllText(Path.Combine(folder, "main-job.md"), md.ToString());
        return folder;
    }
}
