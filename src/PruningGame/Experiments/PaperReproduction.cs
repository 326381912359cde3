using PruningGame.Configuration;
using PruningGame.Game;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>
/// The runs behind `workbench reproduce paper`: every paper configuration (and the mild-β one) × seeds, on the
/// paper's protocol, or its quick variant (a few thousand samples, 2 epochs) for smoke tests and CI.
/// </summary>
public static class PaperReproduction
{
    /// <summary>The name of a reading's table (and, for a reading that trains, of its runs' experiment).</summary>
    public static string ExperimentName(string dataset, bool quick, string variant) =>
        QuickProtocol.ExperimentName($"paper-{dataset}-{variant}", quick);

    /// <summary>The experiment whose runs a reading reads: its own, or the one it shares runs with.</summary>
    public static string RunsExperimentName(string dataset, bool quick, GameVariant variant) =>
        ExperimentName(dataset, quick, variant.RunsOf ?? variant.Name);

    /// <summary>The runs a reading reads (a reading that only prunes by another criterion reads the runs of the one it names).</summary>
    public static IReadOnlyList<SweepRun> Runs(string dataset, int seeds, bool quick, GameVariant variant)
    {
        var experiment = RunsExperimentName(dataset, quick, variant);
        var runs = new List<SweepRun>();
        foreach (var preset in Presets.All)
        for (var seed = 1; seed <= seeds; seed++)
        {
            var config = Presets.ToRunConfig(preset, dataset, experiment, variant.Apply(preset.Game));
            config = config with { Training = config.Training with { Seed = seed } };
            if (quick) config = QuickProtocol.Apply(config);
            runs.Add(new SweepRun(RunFolder.DefaultRunId(config), config));
        }
        return runs;
    }

    /// <summary>Where the Table-2 summary of an experiment is written.</summary>
    public static string TableFolder(string resultsRoot, string experiment) => Path.Combine(resultsRoot, "paper", experiment);

    /// <summary>Writes a reading's Table 2 from its runs, read under its prune criterion.</summary>
    public static PaperTable WriteTable(string resultsRoot, string dataset, bool quick, GameVariant variant) =>
        PaperTable.Write(RunFolder.ExperimentFolder(resultsRoot, RunsExperimentName(dataset, quick, variant)),
                         TableFolder(resultsRoot, ExperimentName(dataset, quick, variant.Name)), "table2", variant.ReadUnder?.ToString());
}

/// <summary>
/// A named setting of the open choices (PAPER.md §7) applied on top of a preset's α, β, γ. "paper-literal" keeps
/// every default (the paper read literally). A reading that differs from another only in its prune criterion is not
/// trained: it names the reading whose runs it shares (<see cref="RunsOf"/>) and the criterion it reads them under
/// (<see cref="ReadUnder"/>); every game run records its numbers under every criterion.
/// </summary>
public sealed record GameVariant(string Name, string Description, Func<GameOptions, GameOptions> Apply,
                                 string? RunsOf = null, PruneCriterion? ReadUnder = null)
{
    public static GameVariant Default => All[0];

    /// <summary>The readings `reproduce paper` runs by default, one Table 2 each (REPRODUCTION.md reports these three).</summary>
    public static IReadOnlyList<string> ReportDefaults { get; } = ["paper-literal", "loss-gradient", "loss-gradient-effective-norm"];

    public static IReadOnlyList<GameVariant> All { get; } =
    [
        new("paper-literal", "Every open choice at its default: literal benefit sign (Eq. 8), s updated by the utility only.", g => g),
        new("descent-aligned", "Benefit = loss reduction (−α⟨∇L, θ_i⟩); everything else literal.", g => g with { BenefitSign = BenefitSign.DescentAligned }),
        new("loss-gradient", "s is also trained by the weight optimizer on the loss (as the paper's parameter count suggests), plus the utility step.",
            g => g with { ParticipationTakesLossGradient = true }),
        new("loss-gradient-fixed-norm", "loss-gradient, with every neuron's incoming weights held at their initial norm (no scale freedom).",
            g => g with { ParticipationTakesLossGradient = true, ScaleControl = ScaleControl.FixedNorm }),
        new("loss-gradient-effective-norm", "the loss-gradient runs, pruned on the effective contribution s·‖θ_in‖·‖θ_out‖ instead of s alone (no training of its own).",
            g => g with { ParticipationTakesLossGradient = true }, RunsOf: "loss-gradient", ReadUnder: PruneCriterion.EffectiveNorm),
    ];

    public static GameVariant Get(string name) =>
        All.FirstOrDefault(v => v.Name == name)
        ?? throw new ArgumentException($"Unknown variant '{name}'. Known: {string.Join(", ", All.Select(v => v.Name))}.", nameof(name));
}
