using System.Globalization;
using System.Text;
using PruningGame.Infrastructure;

namespace PruningGame.RunRecords;

/// <summary>One row of player-epochs.csv: a player after an epoch (epoch 0: at initialisation).</summary>
public sealed record PlayerEpochRecord(int Epoch, string Layer, int Player, double Participation, double? BenefitMean, double? BenefitMagnitudeMean,
                                       double IncomingNorm, double OutgoingNorm);

/// <summary>
/// player-epochs.csv, written and read in one place: every player after every epoch (<see cref="PlayerEpochRecord"/>).
/// Read by column name, so a reader never depends on the column order.
/// </summary>
public static class PlayerEpochsCsv
{
    public const string Epoch = "epoch", Layer = "layer", Player = "player", Participation = "participation", BenefitMean = "benefit_mean",
        BenefitMagnitudeMean = "benefit_magnitude_mean", IncomingNorm = "incoming_norm", OutgoingNorm = "outgoing_norm";

    public static IReadOnlyList<string> Columns { get; } =
        [Epoch, Layer, Player, Participation, BenefitMean, BenefitMagnitudeMean, IncomingNorm, OutgoingNorm];

    public static string Text(IEnumerable<PlayerEpochRecord> rows)
    {
        var csv = new StringBuilder(CsvText.Row(Columns)).Append('\n');
        foreach (var r in rows)
            csv.Append(CsvText.Row([CsvText.Number(r.Epoch), r.Layer, CsvText.Number(r.Player), Number(r.Participation), Number(r.BenefitMean),
                                    Number(r.BenefitMagnitudeMean), Number(r.IncomingNorm), Number(r.OutgoingNorm)])).Append('\n');
        return csv.ToString();
    }

    /// <summary>The rows of the file at <paramref name="path"/>; a missing column or an unreadable cell is an error naming the file.</summary>
    public static IReadOnlyList<PlayerEpochRecord> Read(string path)
    {
        var table = CsvTable.Read(path).Require(Columns);
        return Enumerable.Range(0, table.Rows.Count).Select(row => new PlayerEpochRecord(table.Integer(row, Epoch), table.Text(row, Layer),
                table.Integer(row, Player), table.Number(row, Participation), table.OptionalNumber(row, BenefitMean),
                table.OptionalNumber(row, BenefitMagnitudeMean), table.Number(row, IncomingNorm), table.Number(row, OutgoingNorm)))
            .ToList();
    }

    /// <summary>The rows of <paramref name="runFolder"/>'s player-epochs.csv, or null when the run has none (a run from before
    /// issue 18, or a clone: only some are committed).</summary>
    public static IReadOnlyList<PlayerEpochRecord>? ReadIfPresent(string runFolder)
    {
        var path = Path.Combine(runFolder, RunFiles.PlayerEpochs);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>
    /// A finished run's player-epochs.csv, or null when it has none: every epoch from 0 to the run's, each with every
    /// player of every layer once, so a file cut short or edited is an error, not a statistic over part of the players.
    /// </summary>
    public static IReadOnlyList<PlayerEpochRecord>? ReadIfPresent(string runFolder, RunSummary summary)
    {
        if (ReadIfPresent(runFolder) is not { } rows) return null;
        var path = Path.Combine(runFolder, RunFiles.PlayerEpochs);
        var expected = Enumerable.Range(0, summary.Epochs + 1)
            .SelectMany(epoch => summary.TotalPerLayer.SelectMany(layer => Enumerable.Range(0, layer.Value).Select(player => (Epoch: epoch, Layer: layer.Key, Player: player))))
            .ToHashSet();
        var found = rows.Select(r => (r.Epoch, r.Layer, r.Player)).ToList();
        if (found.Count != expected.Count || !expected.SetEquals(found))
        {
            var missing = expected.Except(found).Select(k => $"no row for epoch {k.Epoch}, layer {k.Layer}, player {k.Player}").FirstOrDefault();
            var odd = found.Except(expected).Select(k => $"a row for epoch {k.Epoch}, layer {k.Layer}, player {k.Player}, which the run does not have").FirstOrDefault();
            throw new InvalidDataException($"'{path}' has {found.Count} rows where the run's {summary.Epochs} epochs (and epoch 0) of " +
                                           $"{summary.NeuronsTotal} players make {expected.Count}, one per epoch and player ({missing ?? odd ?? "a row given twice"}). " +
                                           "It was cut short or edited: rerun that run.");
        }
        return rows;
    }

    // 7 significant digits, as docs/run-folder.md states.
    private static string Number(double value) => value.ToString("G7", CultureInfo.InvariantCulture);
    private static string Number(double? value) => value is { } v ? Number(v) : "";
}
