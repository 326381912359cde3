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
}
