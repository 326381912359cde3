using System.Globalization;
using System.Text;
using PruningGame.Infrastructure;

namespace PruningGame.Experiments;

/// <summary>How a display aligns a column's cells: labels to the left, numbers to the right.</summary>
public enum CellAlignment
{
    Left,
    Right,
}

/// <summary>One CSV field of a table column: its name in the header and its value for a row, as written (full precision).</summary>
public sealed record CsvField<TRow>(string Name, Func<TRow, string> Value);

/// <summary>
/// One column of a table: the header and text cell that every display shows (Markdown, the console, notebook HTML), and
/// the CSV fields that carry the same quantity at full precision (a mean and a std, say). A column without a
/// <see cref="Header"/> is CSV-only; one without <see cref="Csv"/> fields is shown but not written to CSV.
/// </summary>
public sealed record ColumnSpec<TRow>(string? Header, Func<TRow, string>? Cell, IReadOnlyList<CsvField<TRow>> Csv)
{
    public CellAlignment Alignment { get; init; } = CellAlignment.Right;

    /// <summary>The column a reader should look at first (the console sets it in bold).</summary>
    public bool Headline { get; init; }

    public bool Displayed => Header is not null;
}

/// <summary>The builders of the usual columns (labels and measured quantities), so each table states only what differs.</summary>
public static class ColumnSpec
{
    private static string Invariant(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A CSV number at full precision (round-trip format).</summary>
    public static string Number(double v) => Infrastructure.CsvText.Number(v);

    /// <summary>A label, shown left-aligned and written as it is to CSV field <paramref name="csvName"/> (none: display only).</summary>
    public static ColumnSpec<TRow> Text<TRow>(string header, Func<TRow, string> cell, string? csvName = null) =>
        new(header, cell, csvName is null ? [] : [new CsvField<TRow>(csvName, cell)]) { Alignment = CellAlignment.Left };

    /// <summary>A field written to CSV only (the displays show it in another column or not at all).</summary>
    public static ColumnSpec<TRow> CsvOnly<TRow>(string csvName, Func<TRow, string> value) => new(null, null, [new CsvField<TRow>(csvName, value)]);

    /// <summary>A count, shown and written as an integer.</summary>
    public static ColumnSpec<TRow> Count<TRow>(string header, Func<TRow, int> count, string csvName) =>
        new(header, r => count(r).ToString(CultureInfo.InvariantCulture), [new CsvField<TRow>(csvName, r => count(r).ToString(CultureInfo.InvariantCulture))]);

    /// <summary>
    /// A quantity measured over seeds: shown as "mean ± std" of the values times <paramref name="scale"/> in
    /// <paramref name="format"/>, written unscaled as <c>&lt;csvName&gt;_mean</c> and, when <paramref name="std"/>,
    /// <c>&lt;csvName&gt;_std</c>; a row without the quantity (null) shows "–" and writes empty fields.
    /// </summary>
    public static ColumnSpec<TRow> Measured<TRow>(string header, Func<TRow, Aggregate?> value, string csvName, double scale = 1,
                                                  string format = "F2", bool std = true)
    {
        List<CsvField<TRow>> csv = [new($"{csvName}_mean", r => value(r) is { } a ? Number(a.Mean) : "")];
        if (std) csv.Add(new($"{csvName}_std", r => value(r) is { } a ? Number(a.Std) : ""));
        return new(header, r => value(r) is { } a ? a.Format(scale, format) : "–", csv);
    }

    /// <summary>The mean alone, shown in <paramref name="format"/> (e.g. "N0": 535,818) and written as <c>&lt;csvName&gt;_mean</c>.</summary>
    public static ColumnSpec<TRow> Mean<TRow>(string header, Func<TRow, Aggregate> value, string csvName, string format) =>
        new(header, r => Invariant(value(r).Mean, format), [new CsvField<TRow>($"{csvName}_mean", r => Number(value(r).Mean))]);
}

/// <summary>
/// A table's layout: its columns in order, and the two text renderings written to files (Markdown for reading, CSV for
/// data). The console (Spectre) and notebook HTML render the same <see cref="Displayed"/> columns with their own styling.
/// </summary>
public sealed class TableSpec<TRow>(IReadOnlyList<ColumnSpec<TRow>> columns)
{
    public IReadOnlyList<ColumnSpec<TRow>> Columns { get; } = columns;

    /// <summary>The columns a display shows, in order (every column with a header).</summary>
    public IReadOnlyList<ColumnSpec<TRow>> Displayed => Columns.Where(c => c.Displayed).ToList();

    /// <summary>The text cells of one row, one per <see cref="Displayed"/> column.</summary>
    public IReadOnlyList<string> Cells(TRow row) => Displayed.Select(c => c.Cell!(row)).ToList();

    /// <summary>A Markdown table (header, separator, one line per row); a '|' inside a cell is escaped.</summary>
    public string Markdown(IEnumerable<TRow> rows)
    {
        static string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|"))) + " |\n";
        var shown = Displayed;
        var md = new StringBuilder(Line(shown.Select(c => c.Header!)));
        md.Append('|').Append(string.Concat(shown.Select(_ => "---|"))).Append('\n');
        foreach (var row in rows) md.Append(Line(shown.Select(c => c.Cell!(row))));
        return md.ToString();
    }

    /// <summary>RFC 4180 CSV (<see cref="CsvText"/>): the header, then one record per row.</summary>
    public string Csv(IEnumerable<TRow> rows)
    {
        var fields = Columns.SelectMany(c => c.Csv).ToList();
        var csv = new StringBuilder(CsvText.Row(fields.Select(f => f.Name))).Append('\n');
        foreach (var row in rows) csv.Append(CsvText.Row(fields.Select(f => f.Value(row)))).Append('\n');
        return csv.ToString();
    }
}
