using System.Globalization;
using System.Text;
using PruningGame.Data;
using PruningGame.Infrastructure;

namespace PruningGame.Reporting;

/// <summary>One game run's collapse, measured against the β cost acting alone (issue 18's diagnosis).</summary>
/// <param name="Kept">players kept (s ≥ ε)</param>
/// <param name="KeptMatchingDecay">kept players whose final s is within 1 % of the costs' decay alone (<see cref="CollapseDiagnosis.CostDecay"/>)</param>
/// <param name="MedianKeptDecayError">median |s / decay − 1| over kept players</param>
/// <param name="MedianNormKept">median final ‖θ_i‖ of kept players</param>
/// <param name="MedianNormRemoved">median final ‖θ_i‖ of removed players</param>
/// <param name="MedianNormGrowthKept">median ‖θ_i^in‖ final / initial of kept players (player-epochs.csv), NaN without it</param>
/// <param name="MedianNormGrowthRemoved">the same for removed players</param>
public sealed record CollapseDiagnosisRow(string Label, long Seed, double Beta, double ParticipationLearningRate, long Steps, int Players, int Kept,
                                          int KeptMatchingDecay, double MedianKeptDecayError, double MedianNormKept, double MedianNormRemoved,
                                          double MedianNormGrowthKept, double MedianNormGrowthRemoved);

/// <summary>
/// Whether a collapsed game is the β cost acting alone: with no benefit, Eq. 13–18 give s_i(T) = Π_t (1 − 2η_sβ‖θ_i(t)‖²),
/// ≈ exp(−η_s·2β‖θ_i‖²·T) while ‖θ_i‖ stays put. Players that match it never received a benefit worth the name; the
/// norms of the kept and removed players say which ones learned.
/// </summary>
public static class CollapseDiagnosis
{
    /// <summary>The fraction within which a final s counts as "the β decay alone".</summary>
    public const double Tolerance = 0.01;

    public static IReadOnlyList<CollapseDiagnosisRow> Of(IEnumerable<RunData> runs) => runs.Where(Applies).Select(Diagnose).ToList();

    /// <summary>Game runs with a β cost and a participation.csv: the runs the diagnosis reads.</summary>
    public static bool Applies(RunData run) => run.Summary.Method == "game" && run.PlayerFates is not null && run.Config.Method.Game is { Beta: > 0 };

    /// <summary>
    /// The participation the costs alone leave after <paramref name="steps"/> steps from s = 1 at a constant ‖θ‖ (the flow
    /// ds/dt = −η_s(2β‖θ‖²s + γ)): (1 + c)·exp(−η_s·2β‖θ‖²·T) − c with c = γ / (2β‖θ‖²), at least 0; for γ = 0 the
    /// β decay exp(−η_s·2β‖θ‖²·T).
    /// </summary>
    public static double CostDecay(double beta, double gamma, double participationLearningRate, double thetaNorm, long steps)
    {
        var squared = thetaNorm * thetaNorm;
        var c = gamma / (2 * beta * squared);
        return Math.Max(0, (1 + c) * Math.Exp(-participationLearningRate * 2 * beta * squared * steps) - c);
    }

    /// <summary>Training steps of a run: epochs × ⌈training samples / batch⌉.</summary>
    public static long Steps(RunData run)
    {
        var config = run.Config;
        var samples = Datasets.TrainSamplesOf(config.Dataset);
        return config.Training.Epochs * ((samples + config.Training.BatchSize - 1) / config.Training.BatchSize);
    }

    private static CollapseDiagnosisRow Diagnose(RunData run)
    {
        var game = run.Config.Method.Game!;
        var steps = Steps(run);
        var rows = run.PlayerFates!.Select(p => (p.Layer, p.Player, S: p.Participation, Theta: p.ThetaNorm, p.Pruned)).ToList();
        var kept = rows.Where(r => !r.Pruned).ToList();
        var errors = kept.Select(r => Math.Abs(r.S / CostDecay(game.Beta, game.Gamma, game.ParticipationLearningRate, r.Theta, steps) - 1)).ToList();
        var growth = NormGrowth(run);
        double Growth(bool pruned) => growth is null ? double.NaN
            : Median(rows.Where(r => r.Pruned == pruned && growth.ContainsKey((r.Layer, r.Player))).Select(r => growth[(r.Layer, r.Player)]));
        return new CollapseDiagnosisRow(run.Label, run.Config.Training.Seed, game.Beta, game.ParticipationLearningRate, steps, rows.Count, kept.Count,
                                        errors.Count(e => e <= Tolerance), Median(errors), Median(kept.Select(r => r.Theta)),
                                        Median(rows.Where(r => r.Pruned).Select(r => r.Theta)), Growth(false), Growth(true));
    }

    /// <summary>‖θ_i^in‖ after the last epoch over its value at initialisation, from player-epochs.csv; null without it.</summary>
    private static Dictionary<(string, int), double>? NormGrowth(RunData run)
    {
        if (RunRecords.PlayerEpochsCsv.ReadIfPresent(run.Folder, run.Summary) is not { Count: > 0 } rows) return null;
        var last = rows.Max(r => r.Epoch);
        var initial = new Dictionary<(string, int), double>();
        var final = new Dictionary<(string, int), double>();
        foreach (var r in rows)
        {
            if (r.Epoch == 0) initial[(r.Layer, r.Player)] = r.IncomingNorm;
            if (r.Epoch == last) final[(r.Layer, r.Player)] = r.IncomingNorm;
        }
        return final.Where(f => initial.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => f.Value / initial[f.Key]);
    }

    private static double Median(IEnumerable<double> values) => Statistics.Median(values.Where(double.IsFinite));

    /// <summary>collapse-diagnosis.csv: one row per run.</summary>
    public static string Csv(IEnumerable<CollapseDiagnosisRow> rows)
    {
        var csv = new StringBuilder(CsvText.Row(["label", "seed", "beta", "participation_learning_rate", "steps", "players", "kept", "kept_matching_cost_decay",
            "median_kept_decay_error", "median_theta_norm_kept", "median_theta_norm_removed", "median_norm_growth_kept", "median_norm_growth_removed"])).Append('\n');
        foreach (var r in rows)
            csv.Append(CsvText.Row([r.Label, Invariant(r.Seed), Invariant(r.Beta), Invariant(r.ParticipationLearningRate), Invariant(r.Steps), Invariant(r.Players),
                Invariant(r.Kept), Invariant(r.KeptMatchingDecay), Invariant(r.MedianKeptDecayError), Invariant(r.MedianNormKept), Invariant(r.MedianNormRemoved),
                Invariant(r.MedianNormGrowthKept), Invariant(r.MedianNormGrowthRemoved)])).Append('\n');
        return csv.ToString();
    }

    private static string Invariant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
