using System.Text;
using PruningGame.Infrastructure;

namespace PruningGame.RunRecords;

/// <summary>
/// One row of participation.csv: a player after training. <see cref="GatedThetaNorm"/> is s_i·‖θ_i‖, the norm of the
/// player's weights as the network applies them; it is not the effective contribution s_i·‖θ_i^in‖·‖θ_i^out‖ that
/// <see cref="Game.PruneCriterion.EffectiveNorm"/> compares.
/// </summary>
public sealed record PlayerRecord(string Layer, int Player, double Participation, double ThetaNorm, double GatedThetaNorm,
                                  double OutgoingNorm, bool Pruned, bool Inert);

/// <summary>participation.csv, written and read in one place, by column name (docs/run-folder.md).</summary>
public static class ParticipationCsv
{
    public const string Layer = "layer", Player = "player", Participation = "participation", ThetaNorm = "theta_norm",
        GatedThetaNorm = "gated_theta_norm", OutgoingNorm = "outgoing_norm", Pruned = "pruned", Inert = "inert";

    public static IReadOnlyList<string> Columns { get; } = [Layer, Player, Participation, ThetaNorm, GatedThetaNorm, OutgoingNorm, Pruned, Inert];

    public static string Text(IEnumerable<PlayerRecord> players)
    {
        var csv = new StringBuilder(CsvText.Row(Columns)).Append('\n');
        foreach (var p in players)
            csv.Append(CsvText.Row([p.Layer, CsvText.Number(p.Player), CsvText.Number(p.Participation), CsvText.Number(p.ThetaNorm),
                                    CsvText.Number(p.GatedThetaNorm), CsvText.Number(p.OutgoingNorm), CsvText.Flag(p.Pruned), CsvText.Flag(p.Inert)])).Append('\n');
        return csv.ToString();
    }

    /// <summary>
    /// The players of the file at <paramref name="path"/>, of a network whose layers have <paramref name="totalPerLayer"/>
    /// players (summary.json's): a missing column, an unreadable cell, or a player missing, repeated or not in the network
    /// is an error naming the file.
    /// </summary>
    public static IReadOnlyList<PlayerRecord> Read(string path, IReadOnlyDictionary<string, int> totalPerLayer)
    {
        var players = Read(path);
        var expected = totalPerLayer.SelectMany(l => Enumerable.Range(0, l.Value).Select(i => (l.Key, i))).ToList();
        var found = players.Select(p => (p.Layer, p.Player)).ToList();
        if (found.Count != expected.Count || !found.ToHashSet().SetEquals(expected))
        {
            var extra = found.Except(expected).Concat(found.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => g.Key)).ToList();
            var missing = expected.Except(found).ToList();
            var example = extra.Count > 0 ? $"e.g. {extra[0].Item1} player {extra[0].Item2} is not in the network or appears twice"
                                          : $"e.g. {missing[0].Item1} player {missing[0].Item2} is missing";
            throw new InvalidDataException($"'{path}' has {found.Count} player rows where the run's summary.json (totalPerLayer) has " +
                                           $"{expected.Count} players, one row each ({example}).");
        }
        return players;
    }

    /// <summary>The players of the file at <paramref name="path"/>; a missing column or an unreadable cell is an error naming the file.</summary>
    public static IReadOnlyList<PlayerRecord> Read(string path)
    {
        var table = CsvTable.Read(path).Require(Columns);
        return Enumerable.Range(0, table.Rows.Count).Select(row => new PlayerRecord(table.Text(row, Layer), table.Integer(row, Player),
                table.Number(row, Participation), table.Number(row, ThetaNorm), table.Number(row, GatedThetaNorm), table.Number(row, OutgoingNorm),
                table.Flag(row, Pruned), table.Flag(row, Inert)))
            .ToList();
    }
}
