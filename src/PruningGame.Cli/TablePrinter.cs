using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli;

internal static class TablePrinter
{
    public static void PrintPaperTable(PaperTable table, string variant)
    {
        var layers = table.Rows.SelectMany(r => r.KeptPerLayer.Keys).Distinct().ToList();
        var t = new Table().Border(TableBorder.Rounded)
            .Title($"Table-2-style summary on [bold]{Markup.Escape(table.Dataset)}[/]: {Markup.Escape(variant)} (paper: MNIST)");
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

    public static void PrintFrontier(FrontierTable table)
    {
        var t = new Table().Border(TableBorder.Rounded).Title("Frontier (accuracy after removal; compacted model's size and latency)");
        t.AddColumn("method");
        t.AddColumn("setting");
        t.AddColumn(new TableColumn("seeds").RightAligned());
        t.AddColumn(new TableColumn("[bold]acc. pruned %[/]").RightAligned());
        t.AddColumn(new TableColumn("acc. gated %").RightAligned());
        t.AddColumn(new TableColumn("sparsity %").RightAligned());
        t.AddColumn("of");
        t.AddColumn(new TableColumn("parameters").RightAligned());
        t.AddColumn(new TableColumn("latency ms").RightAligned());
        foreach (var p in table.Points)
            t.AddRow(Markup.Escape(p.Series), Markup.Escape(p.Setting), $"{p.Seeds}", $"[bold]{p.AccuracyPruned.Format(100)}[/]", p.AccuracyGated.Format(100),
                     p.Sparsity.Format(100), p.SparsityKind + "s", $"{p.Parameters.Mean:N0}", p.LatencyMs.Format(1, "F3"));
        AnsiConsole.Write(t);
    }
}
