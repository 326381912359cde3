using System.Text;
using PruningGame.Infrastructure;

namespace PruningGame.RunRecords;

/// <summary>One row of trajectories.csv: a sampled player's participation after an epoch.</summary>
public sealed record TrajectoryPoint(int Epoch, string Layer, int Player, double Participation);

/// <summary>trajectories.csv, written and read in one place, by column name (docs/run-folder.md).</summary>
public static class TrajectoriesCsv
{
    public const string Epoch = "epoch", Layer = "layer", Player = "player", Participation = "participation";

    public static IReadOnlyList<string> Columns { get; } = [Epoch, Layer, Player, Participation];

    public static string Text(IEnumerable<TrajectoryPoint> points)
    {
        var csv = new StringBuilder(CsvText.Row(Columns)).Append('\n');
        foreach (var p in points)
            csv.Append(CsvText.Row([CsvText.Number(p.Epoch), p.Layer, CsvText.Number(p.Player), CsvText.Number(p.Participation)])).Append('\n');
        return csv.ToString();
    }

    /// <summary>
    /// The points of a finished run's file: <see cref="Read(string)"/>, and every epoch from 0 to the run's
    /// <paramref name="epochs"/> holds the same sampled players, so a file cut short or edited is an error, not a shorter curve.
    /// A run whose config samples no players (<paramref name="samplePerLayer"/> 0) has a file with none.
    /// </summary>
    public static IReadOnlyList<TrajectoryPoint> Read(string path, int epochs, int samplePerLayer)
    {
        var points = Read(path);
        if (samplePerLayer == 0 && points.Count == 0) return points;
        var byEpoch = points.GroupBy(p => p.Epoch).ToDictionary(g => g.Key, g => g.Select(p => (p.Layer, p.Player)).ToList());
        if (!byEpoch.Keys.Order().SequenceEqual(Enumerable.Range(0, epochs + 1)))
            throw new InvalidDataException($"'{path}' has the epochs [{string.Join(", ", byEpoch.Keys.Order())}]; the run trained {epochs}, so they should be 0 to {epochs}. It was cut short or edited: rerun that run.");
        var sampled = byEpoch[0].ToHashSet();
        if (byEpoch.FirstOrDefault(e => e.Value.Count != sampled.Count || !sampled.SetEquals(e.Value)) is { Value: not null } odd)
            throw new InvalidDataException($"'{path}' has other players at epoch {odd.Key} than at epoch 0 (every epoch samples the same ones). It was cut short or edited: rerun that run.");
        return points;
    }

    /// <summary>The points of the file at <paramref name="path"/>; a missing column or an unreadable cell is an error naming the file.</summary>
    public static IReadOnlyList<TrajectoryPoint> Read(string path)
    {
        var table = CsvTable.Read(path).Require(Columns);
        return Enumerable.Range(0, table.Rows.Count)
            .Select(row => new TrajectoryPoint(table.Integer(row, Epoch), table.Text(row, Layer), table.Integer(row, Player), table.Number(row, Participation)))
            .ToList();
    }
}
