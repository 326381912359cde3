using PruningGame.Game;
using PruningGame.Methods.Baselines;
using PruningGame.Theory;
using static TorchSharp.torch;

namespace PruningGame.Methods;

/// <summary>One layer's game solved after training (<see cref="EquilibriumPruningMethod"/>).</summary>
public sealed record LayerEquilibrium(string Layer, int Players, int Removed, int Iterations, bool Converged, double ContractionFactor, double NashGap, string? Warning);

/// <summary>
/// Post-training equilibrium pruning (issue 18, variant 4): train the dense network (s fixed at 1), then, once, measure
/// every layer's game on a calibration batch of training samples (benefit <see cref="GameOptions.Benefit"/>, overlaps
/// G_ij = ⟨θ_i, θ_j⟩ within the layer), solve it by best-response dynamics from s = 1 (Eq. 14, <see cref="GameTheory"/>),
/// and remove the players whose equilibrium participation is below ε. The survivors keep s = 1 and their trained
/// weights: nothing is retrained, so the accuracy after removal is that of the equilibrium's choice alone.
/// </summary>
public sealed class EquilibriumPruningMethod(GameOptions options) : PruningMethod
{
    private readonly GameOptions options = options.Validate();

    public override string Name => "equilibrium";
    public GameOptions Options => options;

    /// <summary>The solved games, one per layer, once the last epoch has ended.</summary>
    public IReadOnlyList<LayerEquilibrium> Equilibria { get; private set; } = [];

    public override void Attach(TrainingContext context)
    {
        foreach (var group in context.Model.PlayerGroups)
        {
            group.Layer.Participation.requires_grad_(false);
            group.Layer.RetainsGatedOutput = options.MeasuresPerSampleGateTerms;
        }
    }

    public override void OnEpochEnd(TrainingContext context)
    {
        if (context.Epoch != context.Config.Training.Epochs - 1) return;
        var (inputs, labels) = context.CalibrationBatch?.Invoke()
                               ?? throw new InvalidOperationException("The equilibrium method needs the trainer's calibration batch.");
        var groups = context.Model.PlayerGroups;
        var terms = MeasureOnCalibration(context, inputs, labels);
        var equilibria = new List<LayerEquilibrium>();
        using var _ = no_grad();
        for (var k = 0; k < groups.Count; k++)
        {
            var game = new PlayerGame(terms[k].Benefit, terms[k].Overlaps, options);
            var result = GameTheory.Equilibrium(game);
            var (gap, _) = GameTheory.NashGap(game, result.Profile);
            var keep = result.Profile.Select(s => !options.IsCollapsed(s)).ToArray();
            using var gate = tensor(keep.Select(kept => kept ? 1f : 0f).ToArray(), device: context.Device);
            groups[k].Layer.Participation.copy_(gate);
            equilibria.Add(new LayerEquilibrium(groups[k].Name, keep.Length, keep.Count(kept => !kept), result.Iterations, result.Converged,
                                                result.ContractionFactor, gap, result.Warning));
        }
        Equilibria = equilibria;
    }

    public override IReadOnlyList<bool[]> KeepMasks(TrainingContext context) => StructuredPruning.NonZeroGates(context.Model);

    public override object? Report() => Equilibria.Count == 0 ? null : new { Equilibria, CalibrationSamples = TrainingContext.CalibrationSamples };

    /// <summary>One forward and backward pass on the calibration batch, read through <see cref="PlayerUtility.Measure"/>.</summary>
    private List<(double[] Benefit, double[,] Overlaps)> MeasureOnCalibration(TrainingContext context, Tensor inputs, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var model = context.Model;
        var groups = model.PlayerGroups;
        foreach (var group in groups) group.Layer.Participation.requires_grad_(true);
        try
        {
            model.zero_grad();
            nn.functional.cross_entropy(model.forward(inputs), labels).backward();
            using var _ = no_grad();
            return groups.Select(group =>
            {
                var utility = PlayerUtility.Measure(group, options with { Eta = 0 }, (int)inputs.shape[0]);
                var theta = group.Parameters(options.PlayerSlice).detach().to_type(float64);
                var overlaps = theta.matmul(theta.t()).cpu().data<double>().ToArray();
                var n = group.PlayerCount;
                var g = new double[n, n];
                Buffer.BlockCopy(overlaps, 0, g, 0, overlaps.Length * sizeof(double));
                return (utility.Benefit.to_type(float64).cpu().data<double>().ToArray(), g);
            }).ToList();
        }
        finally
        {
            model.zero_grad();
            foreach (var group in groups)
            {
                group.Layer.Participation.grad?.zero_();
                group.Layer.Participation.requires_grad_(false);
            }
        }
    }
}
