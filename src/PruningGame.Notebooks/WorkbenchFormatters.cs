using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using PruningGame.Experiments;
using PruningGame.Reporting;
using PruningGame.RunRecords;
using PruningGame.Theory;
using PruningGame.Training;

namespace PruningGame.Notebooks;

/// <summary>
/// HTML display of the workbench's types through Microsoft.DotNet.Interactive.Formatting, so the same formatters serve
/// the .NET Interactive kernel (call <see cref="Register"/> in a notebook's first cell) and the headless runner.
/// </summary>
public static class WorkbenchFormatters
{
    private static bool plotlyEmitted;

    /// <summary>Plotly charts inline plotly.js with the first chart of a notebook, later charts reuse it.</summary>
    public static void ResetPlotly() => plotlyEmitted = false;

    public static void Register()
    {
        FSharpCoreInForeignHosts.Install();   // before anything binds Plotly.NET's FSharp.Core (a notebook's first cell calls this)
        Formatter.Register<GenericChart>((chart, writer) =>
        {
            if (!plotlyEmitted)
            {
                writer.Write($"<script type=\"text/javascript\">{PlotlyScript.Text}</script>");
                plotlyEmitted = true;
            }
            writer.Write(GenericChart.toChartHTML(chart));
        }, "text/html");
        Formatter.Register<RunSummary>((s, w) => w.Write(Table(RunSummaryRows.Of(s))), "text/html");
        Formatter.Register<RunResult>((r, w) => w.Write(Formatter.ToDisplayString(r.Summary, "text/html")), "text/html");
        Formatter.Register<PaperTable>((t, w) => w.Write(PaperTableHtml(t)), "text/html");
        Formatter.Register<FrontierTable>((t, w) => w.Write(FrontierTableHtml(t)), "text/html");
        Formatter.Register<DataFrame>((frame, w) => w.Write(DataFrameHtml(frame)), "text/html");
        Formatter.Register<EquilibriumResult>((e, w) => w.Write(Table(
            [("equilibrium s", string.Join(", ", e.Profile.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))), ("iterations", $"{e.Iterations}"),
             ("converged", $"{e.Converged}"), ("contraction factor", e.ContractionFactor.ToString("F4", CultureInfo.InvariantCulture)), ("warning", e.Warning ?? "none")])), "text/html");
    }

    private static string Table(IEnumerable<(string Key, string Value)> rows)
    {
        var html = new StringBuilder("<table>");
        foreach (var (key, value) in rows)
            html.Append($"<tr><th style=\"text-align:left\">{WebUtility.HtmlEncode(key)}</th><td style=\"text-align:left\">{WebUtility.HtmlEncode(value)}</td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>Rows a data frame shows in a notebook; the rest are counted below the table.</summary>
    internal const int DataFrameRowsShown = 40;

    /// <summary>
    /// A data frame (<see cref="RunFrames"/>, or a query on one) as an HTML table: its first <see cref="DataFrameRowsShown"/>
    /// rows, numbers to six significant digits (the frame keeps every digit), an empty cell where a value is missing.
    /// </summary>
    internal static string DataFrameHtml(DataFrame frame)
    {
        static string Text(object? value) => value switch
        {
            null => "",
            bool b => b ? "true" : "false",   // as the run folder's CSV files write it
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            float f => f.ToString("G6", CultureInfo.InvariantCulture),
            IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        var html = new StringBuilder("<table><tr>");
        foreach (var column in frame.Columns)
            html.Append($"<th style=\"text-align:{(column is StringDataFrameColumn ? "left" : "right")}\">{WebUtility.HtmlEncode(column.Name)}</th>");
        html.Append("</tr>");
        var shown = Math.Min(frame.Rows.Count, DataFrameRowsShown);
        for (long i = 0; i < shown; i++)
        {
            html.Append("<tr>");
            foreach (var column in frame.Columns)
                html.Append($"<td style=\"text-align:{(column is StringDataFrameColumn ? "left" : "right")}\">{WebUtility.HtmlEncode(Text(column[i]))}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
        if (frame.Rows.Count > shown) html.Append($"<p>… and {frame.Rows.Count - shown:N0} more rows ({frame.Rows.Count:N0} in all).</p>");
        return html.ToString();
    }

    private static string PaperTableHtml(PaperTable table) =>
        $"<p>Dataset: <b>{WebUtility.HtmlEncode(table.Dataset)}</b> (the paper's numbers are MNIST). Accuracy after removal (pruned) is the headline.</p>" +
        TableHtml(table.Columns, table.Rows);

    private static string FrontierTableHtml(FrontierTable table) =>
        "<p>Accuracy after removal (pruned) is the headline; parameters, multiply-adds and latency are of the compacted model.</p>" +
        TableHtml(FrontierTable.Columns, table.Points);

    /// <summary>An HTML table of the spec's displayed columns (the columns of the table's Markdown), the headline column in bold.</summary>
    internal static string TableHtml<TRow>(TableSpec<TRow> spec, IEnumerable<TRow> rows)
    {
        var columns = spec.Displayed;
        string Cell(string tag, ColumnSpec<TRow> column, string text)
        {
            var align = column.Alignment == CellAlignment.Right ? "right" : "left";
            var encoded = WebUtility.HtmlEncode(text);
            return $"<{tag} style=\"text-align:{align}\">{(column.Headline ? $"<b>{encoded}</b>" : encoded)}</{tag}>";
        }
        var html = new StringBuilder("<table><tr>");
        foreach (var column in columns) html.Append(Cell("th", column, column.Header!));
        html.Append("</tr>");
        foreach (var row in rows)
            html.Append("<tr>").Append(string.Concat(columns.Select(c => Cell("td", c, c.Cell!(row))))).Append("</tr>");
        return html.Append("</table>").ToString();
    }
}
