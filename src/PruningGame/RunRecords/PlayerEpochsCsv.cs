using System.Globalization;
using System.Text;
using PruningGame.Infrastructure;

namespace PruningGame.RunRecords;

/// <summary>
/// player-epochs.csv, written and read in one place: every player after every epoch (<see cref="PlayerEpochRecord"/>).
/// Read by column name, so a reader never depends on the column order.
/// </summary>
public static class PlayerEpochsCsv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["epoch", "layer", "player", "participation", "benefit_mean", "benefit_magnitude_mean", "incoming_norm", "outgoing_norm"];

    public static string Text(IEnumerable<PlayerEpochRecord> rows)
    {
        var csv = new StringBuilder(CsvText.Row(Columns)).Append('\n');
        foreach (var r in rows)
            csv.Append(CsvText.Row([Number(r.Epoch), r.Layer, Number(r.Player), Number(r.Participation), Number(r.BenefitMean),
                                    Number(r.BenefitMagnitudeMean), Number(r.IncomingNorm), Number(r.OutgoingNorm)])).Append('\n');
        return csv.ToString();
    }

    /// <summary>The rows of the file at <paramref name="path"/>; a missing column or an unreadable cell is an error naming the file.</summary>
    public static IReadOnlyList<PlayerEpochRecord> Read(string path)
    {
        var table = CsvText.Parse(File.ReadAllText(path), path);
        if (table.Count == 0) throw new InvalidDataException($"'{path}' is empty: it has no header.");
        var header = table[0];
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"'{path}' has no column '{name}' (it has {string.Join(", ", header)}).");
        int epoch = Column("epoch"), layer = Column("layer"), player = Column("player"), participation = Column("participation"),
            benefit = Column("benefit_mean"), magnitude = Column("benefit_magnitude_mean"), incoming = Column("incoming_norm"), outgoing = Column("outgoing_norm");
        try
        {
            return table.Skip(1).Select(c => new PlayerEpochRecord(int.Parse(c[epoch], CultureInfo.InvariantCulture), c[layer],
                    int.Parse(c[player], CultureInfo.InvariantCulture), Real(c[participation]), Optional(c[benefit]), Optional(c[magnitude]),
                    Real(c[incoming]), Real(c[outgoing])))
                .ToList();
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"'{path}' is damaged ({e.Message}).", e);
        }
    }

    private static double Real(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
    private static double? Optional(string cell) => cell.Length == 0 ? null : Real(cell);
    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Number(double value) => value.ToString("G7", CultureInfo.InvariantCulture);
    private static string Number(double? value) => value is { } v ? Number(v) : "";
}
