using System.Globalization;
using System.Text;

namespace PruningGame.Infrastructure;

/// <summary>
/// RFC 4180 CSV, the one writer and reader of the CSV files the workbench writes and reads (labels and bin names can
/// hold commas): fields are quoted, quotes doubled, only when they hold a comma, quote or line break.
/// </summary>
public static class CsvText
{
    /// <summary>The field as written: quoted, with quotes doubled, when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>A number as the workbench's CSV files write it: culture-invariant, the shortest text that reads back to the same double.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A count, culture-invariant.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A flag as the workbench's CSV files write it: true or false.</summary>
    public static string Flag(bool value) => value ? "true" : "false";

    /// <summary>One record: the fields, each as <see cref="Field"/> writes it, joined by commas (no line break).</summary>
    public static string Row(IEnumerable<string> fields) => string.Join(",", fields.Select(Field));

    /// <summary>
    /// Every record of <paramref name="text"/>, each a list of unquoted fields; a quoted field may hold commas, doubled
    /// quotes and line breaks. Blank lines are skipped. <paramref name="source"/> names the file in errors.
    /// </summary>
    public static List<string[]> Parse(string text, string source)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { field.Append(c); if (c == '\n') line++; }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case '"':
                    throw new InvalidDataException($"'{source}' line {line}: a quote inside an unquoted field.");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted) throw new InvalidDataException($"'{source}' ends inside a quoted field (opened on or before line {line}).");
        EndRecord();
        return records;

        void EndRecord()
        {
            if (fields.Count == 0 && field.Length == 0) return;   // a blank line
            fields.Add(field.ToString());
            field.Clear();
            records.Add(fields.ToArray());
            fields.Clear();
        }
    }
}
