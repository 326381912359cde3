using PruningGame.Game;

namespace PruningGame.Configuration;

/// <summary>A named configuration, with the paper's reported Table 2 row where there is one.</summary>
public sealed record Preset(string Name, string Title, GameOptions Game, PaperRow? Paper, string Note);

/// <summary>Table 2 of the paper (MNIST): test accuracy, neuron sparsity and neurons kept, in percent / count.</summary>
public sealed record PaperRow(double AccuracyPercent, double SparsityPercent, int NeuronsKept);

/// <summary>
/// The paper's configurations (PAPER.md §5: α = 1, η = 0, η_s = 0.001 in all) and the mild-β setting it reports
/// as not pruning. Every open choice takes its <see cref="GameOptions"/> default unless a caller overrides it.
/// </summary>
public static class Presets
{
    public static IReadOnlyList<Preset> Paper { get; } =
    [
        new("very-high-beta", "Very High Beta", new GameOptions { Beta = 0.1, Gamma = 0.0 }, new(96.64, 0.00, 768), "Paper: stays dense."),
        new("extreme-beta", "Extreme Beta", new GameOptions { Beta = 0.5, Gamma = 0.0 }, new(91.15, 95.18, 37), "Paper: collapses to ~5% of neurons."),
        new("l1-sparsity-strong", "L1 Sparsity Strong", new GameOptions { Beta = 0.001, Gamma = 0.1 }, new(89.57, 98.31, 13), "Paper: collapses to ~2% (L1 alone)."),
        new("l1-l2-combined", "L1+L2 Combined", new GameOptions { Beta = 0.05, Gamma = 0.05 }, new(91.54, 98.05, 15), "Paper: collapses to ~2%."),
    ];

    public static Preset MildBeta { get; } =
        new("mild-beta", "Mild Beta", new GameOptions { Beta = 1e-3, Gamma = 0.0 }, null, "Paper (Sec. 7): β in [1e-4, 5e-3] produced no collapse.");

    public static IReadOnlyList<Preset> All { get; } = [.. Paper, MildBeta];

    public static Preset Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown preset '{name}'. Known presets: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    /// <summary>The run config for a preset: the paper's model and protocol (20 epochs, batch 128).</summary>
    public static RunConfig ToRunConfig(Preset preset, string dataset, string experiment = "paper", GameOptions? overrides = null) => new()
    {
        Experiment = experiment,
        Label = preset.Name,
        Model = ModelSpec.PaperMlp,
        Dataset = new DatasetSpec { Name = dataset },
        Training = new TrainingOptions(),
        Method = new MethodSpec { Name = "game", Game = overrides ?? preset.Game },
    };
}
