using System.Globalization;
using PruningGame.Configuration;

namespace PruningGame.Infrastructure;

/// <summary>
/// A CSV file read by header name (RFC 4180, through <see cref="CsvText"/>): the reader under the run folder's typed
/// files (<see cref="RunRecords.RunFiles"/>). Every error names the file, and a cell's error its row and column.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> columns;

    private CsvTable(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
            if (!columns.TryAdd(header[i], i))
                throw new InvalidDataException($"'{path}' has the column '{header[i]}' twice.");
    }

    public string Path { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    public static CsvTable Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"'{path}' does not exist.", path);
        var text = File.ReadAllText(path);
        var records = CsvText.Parse(text, path);
        if (records.Count == 0) throw new InvalidDataException($"'{path}' is empty: expected a header row.");
        // The workbench ends every record with a line break: a file without one at its end was cut short, and its last
        // value may be cut too ("0.25" read as "0.").
        if (!text.EndsWith('\n'))
            throw new InvalidDataException($"'{path}' does not end with a line break: it was cut short (rerun the run that wrote it).");
        var header = records[0];
        var rows = records.Skip(1).ToList();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].Length != header.Length)
                throw new InvalidDataException($"'{path}' record {i + 2} has {rows[i].Length} cells, the header has {header.Length}.");
        return new CsvTable(path, header, rows);
    }

    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>Refuses the table unless it has every one of <paramref name="required"/>, naming the first missing.</summary>
    public CsvTable Require(IEnumerable<string> required)
    {
        foreach (var column in required) Index(column);
        return this;
    }

    public string Text(int row, string column) => Rows[row][Index(column)];

    /// <summary>The cell as a number; an empty cell is an error (<see cref="OptionalNumber"/> reads a column that may be empty).</summary>
    public double Number(int row, string column) => OptionalNumber(row, column) ?? throw Damaged(row, column, "", "a number");

    /// <summary>The cell as a number, or null when it is empty.</summary>
    public double? OptionalNumber(int row, string column)
    {
        var text = Text(row, column);
        if (text.Length == 0) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Damaged(row, column, text, "a number");
    }

    /// <summary>The cell as a finite number; NaN or an infinity is an error.</summary>
    public double FiniteNumber(int row, string column) =>
        Number(row, column) is var value && double.IsFinite(value) ? value : throw Damaged(row, column, Text(row, column), "a finite number");

    /// <summary>The cell as a fraction in [0, 1] (an accuracy, a sparsity); NaN or anything outside is an error.</summary>
    public double Fraction(int row, string column) =>
        Number(row, column) is var value and >= 0 and <= 1 ? value : throw Damaged(row, column, Text(row, column), "a fraction in [0, 1]");

    /// <summary>The cell as an integer; an empty or fractional cell is an error.</summary>
    public int Integer(int row, string column)
    {
        var text = Text(row, column);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Damaged(row, column, text, "an integer");
    }

    /// <summary>The cell as true or false; anything else is an error.</summary>
    public bool Flag(int row, string column) => Text(row, column) switch
    {
        "true" => true,
        "false" => false,
        var text => throw Damaged(row, column, text, "true or false"),
    };

    private InvalidDataException Damaged(int row, string column, string text, string expected) =>
        new($"'{Path}' record {row + 2} (the header is record 1), column '{column}': '{text}' is not {expected}.");

    private int Index(string column) =>
        columns.TryGetValue(column, out var index)
            ? index
            : throw new InvalidDataException($"'{Path}' has no column '{column}' (columns: {string.Join(", ", Header)}). {RenamedFields.Hint(Header)}".TrimEnd());
}
