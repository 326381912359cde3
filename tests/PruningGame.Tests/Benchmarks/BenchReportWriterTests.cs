using System.Text.Json;
using PruningGame.Benchmarks;
using PruningGame.Configuration;

namespace PruningGame.Tests.Benchmarks;

public sealed class BenchReportWriterTests
{
    [Fact]
    public void A_committed_bench_report_renders_from_its_json_to_its_markdown()
    {
        var folder = Path.Combine(Repository.Root(), "results", "bench", "amd-epyc-f25-m17-2c");
        var report = JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(Path.Combine(folder, "bench.json")), RunConfig.Json)!;
        var committed = File.ReadAllText(Path.Combine(folder, "bench.md"));
        var command = System.Text.RegularExpressions.Regex.Match(committed, "Produced by `([^`]*)`").Groups[1].Value;
        Assert.Equal(committed, BenchReportWriter.Markdown(report, command));
    }

    [Fact]
    public void A_bar_inside_a_cell_does_not_split_the_markdown_row()
    {
        var report = new BenchReport("m", "cpu", 2, 2, "os", DateTimeOffset.UnixEpoch,
            [new Measurement("g", "a|b", 1234.4, 1, 2000, "ms", 3, "")]);
        Assert.Contains("| a\\|b | 1,234 | 1 | 2,000 | ms |  |", BenchReportWriter.Markdown(report, "cmd"));
    }

    [Fact]
    public void A_report_names_the_code_it_measured_and_an_older_one_without_it_still_renders()
    {
        Measurement[] measurements = [new("g", "x", 1, 1, 1, "ms", 3, "")];
        var recorded = new BenchReport("m", "cpu", 2, 2, "os", DateTimeOffset.UnixEpoch, measurements, "0123abc-dirty");
        Assert.Contains("Produced by `cmd` at commit `0123abc-dirty`. Median", BenchReportWriter.Markdown(recorded, "cmd"));
        var older = JsonSerializer.Deserialize<BenchReport>(JsonSerializer.Serialize(recorded with { GitCommit = null }, RunConfig.Json), RunConfig.Json)!;
        Assert.Contains("Produced by `cmd`. Median", BenchReportWriter.Markdown(older, "cmd"));
    }
}
