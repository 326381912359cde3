using PruningGame.Cli;
using PruningGame.Experiments;
using PruningGame.RunRecords;
using Spectre.Console;

namespace PruningGame.Cli.Tests;

public sealed class TablePrinterTests
{
    private static RunSummary Run(string label, string method, long seed, double pruned) => new()
    {
        Label = label, Method = method, Dataset = "fashion-mnist", Seed = seed, TestAccuracyPruned = pruned, TestAccuracyGated = pruned,
        NeuronsKept = 700, NeuronsTotal = 768, NeuronSparsity = 68 / 768.0, CompactParameters = 1234, CompactMultiplyAdds = 1200, CompactLatencyMs = 0.5,
        KeptPerLayer = new Dictionary<string, int> { ["fc1"] = 450, ["fc2"] = 250 },
        ParticipationBins = new Dictionary<string, double> { ["[0,0.01)"] = 0.1, ["[0.9,1]"] = 0.9 },
    };

    /// <summary>The rendered console table, on a console wide enough that no header wraps.</summary>
    private static string Rendered<TRow>(TableSpec<TRow> spec, IEnumerable<TRow> rows)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 1000;
        console.Write(TablePrinter.Build("t", spec, rows));
        return text.ToString();
    }

    /// <summary>The header cells of a Markdown table's first line.</summary>
    private static string[] MarkdownHeaders(string markdown) =>
        markdown.Split('\n').First(l => l.StartsWith("| ", StringComparison.Ordinal)).Trim('|', ' ').Split(" | ");

    [Fact]
    public void The_console_shows_the_columns_of_the_markdown_in_order()
    {
        var paper = PaperTable.From([Run("extreme-beta", "game", 1, 0.8), Run("extreme-beta", "game", 2, 0.82)], "fashion-mnist");
        var frontier = FrontierTable.From([Run("random@0.5", "random", 1, 0.8), Run("dense@none", "dense", 1, 0.9)]);
        foreach (var (markdown, rendered, cell) in new[]
                 {
                     (paper.ToMarkdown(), Rendered(paper.Columns, paper.Rows), "81.00 ± 1.41"),
                     (frontier.ToMarkdown(), Rendered(FrontierTable.Columns, frontier.Points), "1,200"),
                 })
        {
            var headerLine = rendered.Split('\n').First(l => l.Contains("seeds"));
            var positions = MarkdownHeaders(markdown).Select(h => headerLine.IndexOf(h, StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(-1, positions);
            Assert.Equal(positions.Order(), positions);
            Assert.Contains(cell, rendered);
        }
    }
}
