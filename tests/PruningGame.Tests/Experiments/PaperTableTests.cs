using System.Text.Json;
using PruningGame.Experiments;
using PruningGame.Training;

namespace PruningGame.Tests.Experiments;

public sealed class PaperTableTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "pg-table-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Finished(string label, long seed, double pruned, double gated, int kept)
    {
        var folder = Path.Combine(root, "runs", $"{label}-seed{seed}");
        Directory.CreateDirectory(folder);
        var summary = new RunSummary
        {
            Preset = label, Method = "game", Dataset = "fashion-mnist", Seed = seed, TestAccuracyPruned = pruned, TestAccuracyGated = gated,
            NeuronsKept = kept, NeuronsTotal = 768, NeuronSparsity = 1 - kept / 768.0,
            KeptPerLayer = new Dictionary<string, int> { ["fc1"] = kept / 2, ["fc2"] = kept - kept / 2 },
        };
        File.WriteAllText(Path.Combine(folder, RunFolder.SummaryFile), JsonSerializer.Serialize(summary, RunConfig.Json));
    }

    [Fact]
    public void Write_puts_one_row_per_label_with_the_pruned_accuracy_first()
    {
        Finished("extreme-beta", 1, 0.80, 0.85, 100);
        Finished("extreme-beta", 2, 0.84, 0.86, 120);
        Finished("very-high-beta", 1, 0.10, 0.82, 10);
        var table = PaperTable.Write(Path.Combine(root, "runs"), Path.Combine(root, "out"));

        Assert.Equal(["very-high-beta", "extreme-beta"], table.Rows.Select(r => r.Preset));   // the paper's order
        var extreme = table.Rows[1];
        Assert.Equal(2, extreme.Seeds);
        Assert.Equal(0.82, extreme.AccuracyPruned.Mean, 12);
        Assert.Equal(110, extreme.NeuronsKept.Mean, 12);
        var md = File.ReadAllLines(Path.Combine(root, "out", "table.md"));
        Assert.Contains(md, l => l.StartsWith("| Extreme") && l.Contains("| 82.00 ± 2.83 | 85.50 ± 0.71 |"));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(root, "out", "table.csv")).Length);
    }

    [Fact]
    public void A_folder_without_finished_runs_is_refused_by_name()
    {
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        var e = Assert.Throws<InvalidDataException>(() => PaperTable.Write(Path.Combine(root, "empty"), root));
        Assert.Contains("empty", e.Message);
    }
}
