using PruningGame.Infrastructure;
using PruningGame.Game;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>
/// The runs behind `workbench reproduce paper`: every paper configuration (and the mild-β one) × seeds, on the
/// paper's protocol, or its quick variant (a few thousand samples, 2 epochs) for smoke tests and CI.
/// </summary>
public static class PaperReproduction
{
    public static string ExperimentName(string dataset, bool quick, string variant) =>
        $"paper-{dataset}-{variant}{(quick ? QuickProtocol.ExperimentSuffix : "")}";

    public static IReadOnlyList<SweepRun> Runs(string dataset, int seeds, bool quick, GameVariant variant)
    {
        var experiment = ExperimentName(dataset, quick, variant.Name);
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

    public static PaperTable WriteTable(string resultsRoot, string experiment) =>
        PaperTable.Write(Path.Combine(resultsRoot, "runs", experiment), TableFolder(resultsRoot, experiment), "table2");
}

/// <summary>
/// A named setting of the open choices (PAPER.md §7) applied on top of a preset's α, β, γ. "paper-literal" keeps
/// every default (the paper read literally).
/// </summary>
public sealed record GameVariant(string Name, string Description, Func<GameOptions, GameOptions> Apply)
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
        new("loss-gradient-effective-norm", "loss-gradient, pruning on the effective contribution s·‖θ_in‖·‖θ_out‖ instead of s alone.",
            g => g with { ParticipationTakesLossGradient = true, PruneCriterion = PruneCriterion.EffectiveNorm }),
    ];

    public static GameVariant Get(string name) =>
        All.FirstOrDefault(v => v.Name == name)
        ?? throw new ArgumentException($"Unknown variant '{name}'. Known: {string.Join(", ", All.Select(v => v.Name))}.", nameof(name));
}
