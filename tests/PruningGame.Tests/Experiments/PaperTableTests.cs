using System.Text.Json;
using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.RunRecords;

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
            Label = label, Method = "game", Dataset = "fashion-mnist", Seed = seed, TestAccuracyPruned = pruned, TestAccuracyGated = gated,
            NeuronsKept = kept, NeuronsTotal = 768, NeuronSparsity = 1 - kept / 768.0,
            KeptPerLayer = new Dictionary<string, int> { ["fc1"] = kept / 2, ["fc2"] = kept - kept / 2 },
            TotalPerLayer = new Dictionary<string, int> { ["fc1"] = 384, ["fc2"] = 384 },
            ParticipationBins = new Dictionary<string, double> { ["[0,0.01)"] = 1 - kept / 768.0, ["[0.9,1]"] = kept / 768.0 },
        };
        File.WriteAllText(Path.Combine(folder, RunFiles.Summary), JsonSerializer.Serialize(summary, RunConfig.Json));
    }

    [Fact]
    public void Write_puts_one_row_per_label_with_the_pruned_accuracy_first()
    {
        Finished("extreme-beta", 1, 0.80, 0.85, 100);
        Finished("extreme-beta", 2, 0.84, 0.86, 120);
        Finished("very-high-beta", 1, 0.10, 0.82, 10);
        var table = PaperTable.Write(Path.Combine(root, "runs"), Path.Combine(root, "out"));

        Assert.Equal(["very-high-beta", "extreme-beta"], table.Rows.Select(r => r.Label));   // the paper's order
        var extreme = table.Rows[1];
        Assert.Equal(2, extreme.Seeds);
        Assert.Equal(0.82, extreme.AccuracyPruned.Mean, 12);
        Assert.Equal(110, extreme.NeuronsKept.Mean, 12);
        var md = File.ReadAllLines(Path.Combine(root, "out", "table.md"));
        Assert.Contains(md, l => l.StartsWith("| Extreme") && l.Contains("| 82.00 ± 2.83 | 85.50 ± 0.71 |"));
        var csv = File.ReadAllLines(Path.Combine(root, "out", "table.csv"));
        Assert.Equal(3, csv.Length);
        var header = CsvFields(csv[0]);
        Assert.Contains("bin_[0,0.01)", header);                  // a bin name with a comma stays one column
        Assert.All(csv, line => Assert.Equal(header.Count, CsvFields(line).Count));
        Assert.Equal("0.8", CsvFields(csv[2])[header.IndexOf("bin_[0,0.01)")][..3]);
    }

    [Fact]
    public void A_layer_a_row_lacks_shows_a_dash_and_writes_empty_fields()
    {
        Finished("extreme-beta", 1, 0.80, 0.85, 100);
        var other = Path.Combine(root, "runs", "extreme-beta-seed1", RunFiles.Summary);
        var summary = JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(other), RunConfig.Json)! with
        {
            Label = "lenet", KeptPerLayer = new Dictionary<string, int> { ["conv1"] = 4 }, TotalPerLayer = new Dictionary<string, int> { ["conv1"] = 6 },
        };
        var table = PaperTable.From([SummaryJson.Read(other), summary], "fashion-mnist");

        var md = table.ToMarkdown().Split('\n');
        var header = md[2].Split(" | ");
        var lenet = md.Single(l => l.StartsWith("| lenet |")).Split(" | ");
        Assert.Equal("–", lenet[Array.IndexOf(header, "kept fc1")]);
        Assert.Equal("4.0", lenet[Array.IndexOf(header, "kept conv1")]);
        var csv = table.ToCsv().Split('\n');
        var columns = CsvFields(csv[0]);
        var row = CsvFields(csv.Single(l => l.StartsWith("lenet,")));
        Assert.Equal(columns.Count, row.Count);
        Assert.Equal("", row[columns.IndexOf("kept_fc1_mean")]);
        Assert.Equal("4", row[columns.IndexOf("kept_conv1_mean")]);
    }

    /// <summary>An independent RFC 4180 reader: quoted fields may hold commas and doubled quotes.</summary>
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [Fact]
    public void A_folder_without_finished_runs_is_refused_by_name()
    {
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        var e = Assert.Throws<InvalidDataException>(() => PaperTable.Write(Path.Combine(root, "empty"), root));
        Assert.Contains("empty", e.Message);
    }
}
