using PruningGame.Game;
using PruningGame.Infrastructure;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Methods;

/// <summary>
/// Algorithm 1 (Sec. 6) as an updater: each step the weights take a step on L(θ, s) (Eq. 16), then every participation
/// takes a projected ascent step on its utility, s_i ← Proj_[0,1](s_i + η_s ∂U_i/∂s_i) (Eq. 17–18). The utility's terms
/// and gradient come from <see cref="PlayerUtility.StepGradient"/> on the gradients of the step's backward pass and the
/// weights its forward pass used (the pre-step θ; ‖θ_i‖² is read before the forward pass), i.e. the two updates are
/// simultaneous; the formulas are <see cref="PlayerUtility"/>'s. After training, players are pruned by
/// <see cref="GameOptions.PruneCriterion"/> against ε.
/// </summary>
public sealed class GameMethod(GameOptions options) : PruningMethod
{
    private readonly GameOptions options = options.Validate();
    private Tensor[] pendingGradient = [], squaredNormsLast = [];
    private Tensor?[] squaredNormsThisStep = [];
    private EpochTermSums[] sums = [];
    private FixedNormProjection? fixedNorm;
    private int stepsAccumulated;

    public override string Name => "game";
    public GameOptions Options => options;

    public override void Attach(TrainingContext context)
    {
        // s always takes the loss gradient in backward: ⟨∇_{θ_i}L, θ_i⟩ = s_i·∂L/∂s_i is read from it (PlayerGroup.GradientInner).
        // Only under ParticipationTakesLossGradient does the weight optimizer also step s with it.
        foreach (var group in context.Model.PlayerGroups)
            group.Layer.Participation.requires_grad_(true);
        if (options.ScaleControl == ScaleControl.FixedNorm)
            fixedNorm = new FixedNormProjection(context.Model.PlayerGroups);
        if (options.MeasuresPerSampleGateTerms)
            foreach (var group in context.Model.PlayerGroups)
                group.Layer.RetainsGatedOutput = true;
    }

    /// <summary>
    /// Under <see cref="CostTarget.EffectiveParameters"/>, β Σ_i ‖s_iθ_i‖² (Eq. 9's L2 cost on the effective parameters)
    /// with s held fixed, so that θ descends it; s keeps the same cost in its utility (Eq. 13's −2β‖θ_i‖²s_i).
    /// </summary>
    public override Tensor? Penalty(TrainingContext context)
    {
        if (options.CostTarget != CostTarget.EffectiveParameters || options.Beta == 0) return null;
        using var scope = NewDisposeScope();
        Tensor? total = null;
        foreach (var group in context.Model.PlayerGroups)
        {
            var squaredGain = group.Layer.Participation.detach().square().unsqueeze(1);
            foreach (var block in group.Blocks(options.PlayerSlice))
            {
                var term = (block.square() * squaredGain).sum();
                total = total is null ? term : total + term;
            }
        }
        return (total! * options.Beta).MoveToOuterDisposeScope();
    }

    public override IEnumerable<Parameter> ExtraParameters(TrainingContext context) =>
        options.ParticipationTakesLossGradient ? context.Model.PlayerGroups.Select(g => g.Layer.Participation) : [];

    public override void OnEpochStart(TrainingContext context)
    {
        foreach (var sum in sums) sum.Dispose();
        sums = context.Model.PlayerGroups.Select(g => new EpochTermSums(g.PlayerCount, options.Eta != 0, context.Device)).ToArray();
        stepsAccumulated = 0;
    }

    /// <summary>
    /// Reads ‖θ_i‖² (Eq. 13's cost) of the weights this step's forward pass uses. Read here rather than after backward: the
    /// previous step's optimizer has just written the weights, so they are still in cache (measured: about 0.6 % of the
    /// step with two torch threads, REPRODUCTION §9). Nothing before <see cref="AfterBackward"/> writes them.
    /// </summary>
    public override void BeforeForward(TrainingContext context)
    {
        using var _ = no_grad();
        var groups = context.Model.PlayerGroups;
        DisposeAll(squaredNormsThisStep);
        squaredNormsThisStep = new Tensor?[groups.Count];
        for (var k = 0; k < groups.Count; k++)
            squaredNormsThisStep[k] = PlayerUtility.StepSquaredNorms(groups[k], options).DetachFromDisposeScope();
    }

    public override void AfterBackward(TrainingContext context)
    {
        using var _ = no_grad();
        var groups = context.Model.PlayerGroups;
        DisposeAll(pendingGradient);
        DisposeAll(squaredNormsLast);
        pendingGradient = new Tensor[groups.Count];
        squaredNormsLast = new Tensor[groups.Count];
        for (var k = 0; k < groups.Count; k++)
        {
            // Kept past the trainer's per-step dispose scope: used after the weight step and at epoch end. s's gradient is
            // not cleared here even when no optimizer steps s: the trainer releases every gradient before each step
            // (Trainer.Step), so backward writes a fresh one. A caller that ran backward without BeforeForward gets the
            // norms read now, from the same weights.
            var squaredNorms = (k < squaredNormsThisStep.Length ? squaredNormsThisStep[k] : null)
                               ?? PlayerUtility.StepSquaredNorms(groups[k], options).DetachFromDisposeScope();
            if (k < squaredNormsThisStep.Length) squaredNormsThisStep[k] = null;
            squaredNormsLast[k] = squaredNorms;
            pendingGradient[k] = PlayerUtility.StepGradient(groups[k], options, context.BatchSize, squaredNorms, sums[k]).DetachFromDisposeScope();
        }
        stepsAccumulated++;
    }

    public override void AfterOptimizerStep(TrainingContext context)
    {
        using var _ = no_grad();
        var groups = context.Model.PlayerGroups;
        for (var k = 0; k < groups.Count; k++)
        {
            PlayerUtility.ApplyAscentStep(groups[k].Layer.Participation, pendingGradient[k], options);
        }
        if (options.ScaleControl == ScaleControl.DecoupledWeightDecay)
        {
            using var factor = (1.0 - context.Config.Training.LearningRate * options.WeightDecay).ToScalar();
            foreach (var p in context.Model.WeightParameters())
                p.mul_(factor);
        }
        fixedNorm?.Apply();
    }

    public override IReadOnlyList<bool[]> KeepMasks(TrainingContext context) =>
        PruneRule.KeepMasks(context.Model, options.Epsilon, options.PruneCriterion);

    public override IReadOnlyDictionary<string, IReadOnlyList<bool[]>> KeepMasksByCriterion(TrainingContext context) =>
        Enum.GetValues<PruneCriterion>().ToDictionary(c => c.ToString(), c => PruneRule.KeepMasks(context.Model, options.Epsilon, c));

    /// <summary>
    /// Eq. 15 with ⟨∇L, θ_i⟩ and the competition averaged over the epoch's steps, against the players the prune rule
    /// removes now (the same criterion as <see cref="KeepMasks"/>).
    /// </summary>
    public override CollapseCheck? CheckCollapse(TrainingContext context)
    {
        if (stepsAccumulated == 0) return null;
        using var scope = NewDisposeScope();
        var groups = context.Model.PlayerGroups;
        var keep = KeepMasks(context);
        var predicted = new List<bool>();
        var actual = new List<bool>();
        for (var k = 0; k < groups.Count; k++)
        {
            var meanBenefit = sums[k].Benefit / stepsAccumulated;
            var meanCompetition = sums[k].Competition is { } competition ? competition / stepsAccumulated : null;
            var terms = new UtilityTerms(meanBenefit, squaredNormsLast[k].to_type(float64), meanCompetition);
            predicted.AddRange(PlayerUtility.Collapses(terms, options).data<bool>().ToArray());
            actual.AddRange(keep[k].Select(kept => !kept));
        }
        var agreement = Theory.CollapseAgreement.From(predicted, actual);
        return new CollapseCheck(agreement.PredictedCount, agreement.ActualCount, agreement.Precision, agreement.Recall);
    }

    /// <summary>
    /// Per player, the benefit term of Eq. 13, ∂B_i/∂s_i = α̃·b_i, averaged over the epoch's steps, and the mean of its
    /// magnitude: whether a player's benefit has a systematic sign or only noise (issue 18).
    /// </summary>
    public override IReadOnlyList<BenefitStatistics>? EpochBenefits(TrainingContext context)
    {
        if (stepsAccumulated == 0) return null;
        using var scope = NewDisposeScope();
        var sign = PlayerUtility.BenefitSignOf(options) * options.Alpha;   // α̃
        return sums.Select(sum => new BenefitStatistics(
            ToArray(sum.Benefit * (sign / stepsAccumulated)),
            ToArray(sum.BenefitMagnitude * (Math.Abs(sign) / stepsAccumulated)))).ToArray();
    }

    private static double[] ToArray(Tensor t) => t.cpu().data<double>().ToArray();

    private static void DisposeAll(Tensor?[] tensors)
    {
        foreach (var t in tensors) t?.Dispose();
    }
}
