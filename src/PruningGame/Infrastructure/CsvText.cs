namespace PruningGame.Infrastructure;

/// <summary>RFC 4180 fields for the CSV files the workbench writes (labels and bin names can hold commas).</summary>
public static class CsvText
{
    /// <summary>The field as written: quoted, with quotes doubled, when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
