using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli;

internal static class TablePrinter
{
    public static void PrintPaperTable(PaperTable table, string variant)
    {
        var layers = table.Rows.SelectMany(r => r.KeptPerLayer.Keys).Distinct().ToList();
        var t = new Table().Border(TableBorder.Rounded)
            .Title($"Table 2 on [bold]{Markup.Escape(table.Dataset)}[/], variant {Markup.Escape(variant)} (paper: MNIST)");
        t.AddColumn("configuration");
        t.AddColumn(new TableColumn("seeds").RightAligned());
        t.AddColumn(new TableColumn("[bold]acc. pruned %[/]").RightAligned());
        t.AddColumn(new TableColumn("acc. gated %").RightAligned());
        t.AddColumn(new TableColumn("sparsity %").RightAligned());
        t.AddColumn(new TableColumn("kept (" + Markup.Escape(string.Join("+", layers)) + ")").RightAligned());
        t.AddColumn(new TableColumn("s <ε / ≥0.9 %").RightAligned());
        t.AddColumn(new TableColumn("paper acc/spars./kept").RightAligned());
        foreach (var r in table.Rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(r.Title), $"{r.Seeds}", $"[bold]{r.AccuracyPruned.Format(100)}[/]", r.AccuracyGated.Format(100),
                r.Sparsity.Format(100),
                $"{r.NeuronsKept.Mean:F0} ({string.Join("+", layers.Select(l => r.KeptPerLayer.TryGetValue(l, out var a) ? a.Mean.ToString("F0") : "–"))})",
                r.Bins.Count == 0 ? "–" : $"{r.Bins.Values.First().Mean * 100:F0} / {r.Bins.Values.Last().Mean * 100:F0}",
                r.Paper is { } p ? $"{p.AccuracyPercent:F1}/{p.SparsityPercent:F1}/{p.NeuronsKept}" : "–",
            };
            t.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(t);
    }
}
