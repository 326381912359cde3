using PruningGame.Experiments;
using Spectre.Console;

namespace PruningGame.Cli;

/// <summary>The tables on the console: the columns of their Markdown (<see cref="TableSpec{TRow}"/>), drawn by Spectre.</summary>
internal static class TablePrinter
{
    public static void PrintPaperTable(PaperTable table, string variant) =>
        AnsiConsole.Write(Build($"Table-2-style summary on [bold]{Markup.Escape(table.Dataset)}[/]: {Markup.Escape(variant)} (paper: MNIST)",
                                table.Columns, table.Rows));

    public static void PrintFrontier(FrontierTable table) =>
        AnsiConsole.Write(Build("Frontier (accuracy after removal; compacted model's size and latency)", FrontierTable.Columns, table.Points));

    /// <summary>A Spectre table of the spec's displayed columns: numbers right-aligned, the headline column in bold.</summary>
    public static Table Build<TRow>(string title, TableSpec<TRow> spec, IEnumerable<TRow> rows)
    {
        var columns = spec.Displayed;
        string Styled(ColumnSpec<TRow> column, string text) => column.Headline ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text);
        var t = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var column in columns)
        {
            var header = new TableColumn(Styled(column, column.Header!));
            t.AddColumn(column.Alignment == CellAlignment.Right ? header.RightAligned() : header.LeftAligned());
        }
        foreach (var row in rows)
            t.AddRow(columns.Select(c => Styled(c, c.Cell!(row))).ToArray());
        return t;
    }
}
