using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using PruningGame.Experiments;
using PruningGame.RunRecords;

namespace PruningGame.Notebooks.Tests;

public sealed class WorkbenchFormattersTests
{
    private static RunSummary Run(string label, string method, long seed, double pruned) => new()
    {
        Label = label, Method = method, Dataset = "fashion-mnist", Seed = seed, TestAccuracyPruned = pruned, TestAccuracyGated = pruned,
        NeuronsKept = 700, NeuronsTotal = 768, NeuronSparsity = 68 / 768.0, CompactParameters = 1234, CompactMultiplyAdds = 1200, CompactLatencyMs = 0.5,
        KeptPerLayer = new Dictionary<string, int> { ["fc1"] = 450, ["fc2"] = 250 },
        ParticipationBins = new Dictionary<string, double> { ["[0,0.01)"] = 0.1, ["[0.9,1]"] = 0.9 },
    };

    private static string[] MarkdownHeaders(string markdown) =>
        markdown.Split('\n').First(l => l.StartsWith("| ", StringComparison.Ordinal)).Trim('|', ' ').Split(" | ");

    private static string[] HtmlHeaders(string html) =>
        Regex.Matches(html, "<th[^>]*>(.*?)</th>").Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<.*?>", ""))).ToArray();

    [Fact]
    public void Notebook_html_of_a_table_has_the_columns_of_its_markdown()
    {
        WorkbenchFormatters.Register();
        var paper = PaperTable.From([Run("extreme-beta", "game", 1, 0.8), Run("extreme-beta", "game", 2, 0.82)], "fashion-mnist");
        var frontier = FrontierTable.From([Run("random@0.5", "random", 1, 0.8)]);

        var paperHtml = Formatter.ToDisplayString(paper, "text/html");
        Assert.Equal(MarkdownHeaders(paper.ToMarkdown()), HtmlHeaders(paperHtml));
        Assert.Contains("<b>81.00 ± 1.41</b>", WebUtility.HtmlDecode(paperHtml));
        var frontierHtml = Formatter.ToDisplayString(frontier, "text/html");
        Assert.Equal(MarkdownHeaders(frontier.ToMarkdown()), HtmlHeaders(frontierHtml));
        Assert.Contains(">1,200<", frontierHtml);
    }

    [Fact]
    public void Notebook_html_of_a_data_frame_shows_its_columns_missing_values_and_counts_the_rows_it_leaves_out()
    {
        WorkbenchFormatters.Register();
        var rows = WorkbenchFormatters.DataFrameRowsShown + 5;
        var frame = new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.StringDataFrameColumn("label", Enumerable.Range(0, rows).Select(i => $"run<{i}>")),
            new Microsoft.Data.Analysis.DoubleDataFrameColumn("test_accuracy_pruned", Enumerable.Range(0, rows).Select(i => i == 1 ? (double?)null : 0.123456789 + i)),
            new Microsoft.Data.Analysis.BooleanDataFrameColumn("pruned", Enumerable.Range(0, rows).Select(i => i == 0)));

        var html = Formatter.ToDisplayString(frame, "text/html");

        Assert.Equal(["label", "test_accuracy_pruned", "pruned"], HtmlHeaders(html));
        Assert.Equal(WorkbenchFormatters.DataFrameRowsShown + 1, Regex.Matches(html, "<tr>").Count);   // header and the rows shown
        Assert.Contains(">run&lt;0&gt;<", html);
        Assert.Contains(">0.123457<", html);
        Assert.Contains(">true<", html);   // as the run folder's CSV files write it
        Assert.Contains("<td style=\"text-align:right\"></td>", html);   // the missing value
        Assert.Contains("and 5 more rows (45 in all)", html);
    }
}
