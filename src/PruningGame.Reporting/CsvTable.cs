using System.Globalization;
using PruningGame.Configuration;

namespace PruningGame.Reporting;

/// <summary>A CSV file read by header name (RFC 4180, through <see cref="Infrastructure.CsvText"/>).</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> columns;

    private CsvTable(string path, string[] header, List<string[]> rows, Dictionary<string, int>? columns = null)
    {
        Path = path;
        Header = header;
        Rows = rows;
        this.columns = columns ?? header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
    }

    /// <summary>
    /// The same table in which every column <c>c</c> for which <paramref name="substitute"/> names another existing
    /// column reads that one instead (e.g. metrics under another prune criterion).
    /// </summary>
    public CsvTable WithColumnsReadFrom(Func<string, string> substitute)
    {
        var redirected = new Dictionary<string, int>(columns);
        foreach (var column in columns.Keys)
            if (columns.TryGetValue(substitute(column), out var index))
                redirected[column] = index;
        return new CsvTable(Path, Header.ToArray(), Rows.ToList(), redirected);
    }

    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist.", path);
        var records = Infrastructure.CsvText.Parse(File.ReadAllText(path), path);
        if (records.Count == 0) throw new InvalidDataException($"'{path}' is empty: expected a header row.");
        var header = records[0];
        var rows = records.Skip(1).ToList();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].Length != header.Length)
                throw new InvalidDataException($"'{path}' record {i + 2} has {rows[i].Length} cells, the header has {header.Length}.");
        return new CsvTable(path, header, rows);
    }

    public bool Has(string column) => columns.ContainsKey(column);

    public string Text(int row, string column) => Rows[row][Index(column)];

    public double Number(int row, string column)
    {
        var text = Text(row, column);
        if (text.Length == 0) return double.NaN;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"'{Path}' row {row + 2}, column '{column}': '{text}' is not a number.");
    }

    public bool Flag(int row, string column) => Text(row, column) == "true";

    private int Index(string column) =>
        columns.TryGetValue(column, out var index)
            ? index
            : throw new InvalidDataException($"'{Path}' has no column '{column}' (columns: {string.Join(", ", Header)}). {RenamedFields.Hint(Header)}".TrimEnd());
}
