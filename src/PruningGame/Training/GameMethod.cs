using PruningGame.Game;
using PruningGame.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Training;

/// <summary>
/// Algorithm 1 (Sec. 6): each step the weights take a step on L(θ, s), then every participation takes a projected
/// ascent step on its utility, s_i ← Proj_[0,1](s_i + η_s ∂U_i/∂s_i) (Eq. 16–18), with ∂U_i/∂s_i from
/// <see cref="PlayerUtility.Gradient"/>. The utility terms use the gradients and weights of the same backward pass
/// (the pre-step θ), i.e. the two updates are simultaneous. After training, players with s_i &lt; ε are pruned.
/// </summary>
public sealed class GameMethod(GameOptions options) : PruningMethod
{
    private readonly GameOptions options = options.Validate();
    private Tensor[] pendingGradient = [];
    private Tensor[] benefitSum = [], competitionSum = [], squaredNormsLast = [];
    private Tensor[] initialIncomingNorms = [], initialOutgoingNorms = [];
    private int stepsAccumulated;

    public override string Name => "game";
    public GameOptions Options => options;

    public override void Attach(TrainingContext context)
    {
        foreach (var group in context.Model.PlayerGroups)
            group.Layer.Participation.requires_grad_(options.ParticipationTakesLossGradient);
        if (options.ScaleControl == ScaleControl.FixedNorm)
        {
            using var _ = no_grad();
            initialIncomingNorms = context.Model.PlayerGroups.Select(g => g.IncomingNorms().detach().clone()).ToArray();
            initialOutgoingNorms = context.Model.PlayerGroups.Select(g => g.OutgoingNorms().detach().clone()).ToArray();
        }
    }

    public override IEnumerable<Parameter> ExtraParameters(TrainingContext context) =>
        options.ParticipationTakesLossGradient ? context.Model.PlayerGroups.Select(g => g.Layer.Participation) : [];

    public override void OnEpochStart(TrainingContext context)
    {
        DisposeAll(benefitSum);
        DisposeAll(competitionSum);
        var groups = context.Model.PlayerGroups;
        benefitSum = groups.Select(g => zeros(g.PlayerCount, dtype: float64, device: context.Device)).ToArray();
        competitionSum = groups.Select(g => zeros(g.PlayerCount, dtype: float64, device: context.Device)).ToArray();
        stepsAccumulated = 0;
    }

    public override void AfterBackward(TrainingContext context)
    {
        using var _ = no_grad();
        var groups = context.Model.PlayerGroups;
        DisposeAll(pendingGradient);
        DisposeAll(squaredNormsLast);
        pendingGradient = new Tensor[groups.Count];
        squaredNormsLast = new Tensor[groups.Count];
        var reductionScale = options.BenefitReduction == BenefitReduction.BatchSum ? context.BatchSize : 1.0;
        for (var k = 0; k < groups.Count; k++)
        {
            using var scope = NewDisposeScope();
            var group = groups[k];
            var s = group.Layer.Participation.detach();
            var theta = group.Parameters(options.PlayerSlice);
            var benefitInner = (group.Gradients(options.PlayerSlice) * theta).sum(1) * reductionScale;
            var squaredNorms = theta.pow(2).sum(1);
            var competition = options.Eta > 0 ? PlayerUtility.Competition(theta, s) : zeros_like(squaredNorms);
            var terms = new UtilityTerms(benefitInner, squaredNorms, competition);
            // Kept past the trainer's per-step dispose scope: used after the weight step and at epoch end.
            pendingGradient[k] = PlayerUtility.Gradient(s, terms, options).DetachFromDisposeScope();
            squaredNormsLast[k] = squaredNorms.DetachFromDisposeScope();
            benefitSum[k].add_(benefitInner.to_type(float64));
            if (options.Eta > 0) competitionSum[k].add_(competition.to_type(float64));
        }
        stepsAccumulated++;
    }

    public override void AfterOptimizerStep(TrainingContext context)
    {
        using var _ = no_grad();
        var groups = context.Model.PlayerGroups;
        for (var k = 0; k < groups.Count; k++)
        {
            var s = groups[k].Layer.Participation;
            using var next = (s + options.ParticipationLearningRate * pendingGradient[k].to_type(s.dtype)).clamp_(0.0, 1.0);
            s.copy_(next);
        }
        ApplyScaleControl(context);
    }

    private void ApplyScaleControl(TrainingContext context)
    {
        var groups = context.Model.PlayerGroups;
        switch (options.ScaleControl)
        {
            case ScaleControl.DecoupledWeightDecay:
                var factor = 1.0 - context.Config.Training.LearningRate * options.WeightDecay;
                foreach (var p in context.Model.WeightParameters())
                    p.mul_(factor);
                break;
            case ScaleControl.FixedNorm:
                for (var k = 0; k < groups.Count; k++)
                {
                    using var scope = NewDisposeScope();
                    var layer = groups[k].Layer;
                    var scale = (initialIncomingNorms[k] / groups[k].IncomingNorms().clamp_min(1e-12));
                    var shape = new long[layer.Weight.dim()];
                    Array.Fill(shape, 1L);
                    shape[0] = -1;
                    layer.Weight.mul_(scale.view(shape));
                    layer.Bias?.mul_(scale);
                    // The outgoing slice too: otherwise s_i could shrink while the next layer's column grows.
                    var outgoingScale = initialOutgoingNorms[k] / groups[k].OutgoingNorms().clamp_min(1e-12);
                    groups[k].OutgoingWeight.mul_(groups[k].OutgoingScaleMap(outgoingScale));
                }
                break;
        }
    }

    public override IReadOnlyList<bool[]> KeepMasks(TrainingContext context) =>
        PruneRule.KeepMasks(context.Model, options.Epsilon, options.PruneCriterion);

    /// <summary>Eq. 15 with ⟨∇L, θ_i⟩ and the competition averaged over the epoch's steps, against s &lt; ε.</summary>
    public override CollapseCheck? CheckCollapse(TrainingContext context)
    {
        if (stepsAccumulated == 0) return null;
        using var scope = NewDisposeScope();
        var groups = context.Model.PlayerGroups;
        var predicted = new List<bool>();
        var actual = new List<bool>();
        for (var k = 0; k < groups.Count; k++)
        {
            var meanBenefit = benefitSum[k] / stepsAccumulated;
            var meanCompetition = competitionSum[k] / stepsAccumulated;
            var terms = new UtilityTerms(meanBenefit, squaredNormsLast[k].to_type(float64), meanCompetition);
            predicted.AddRange(Theory.CollapseCondition.Predicted(terms, options).data<bool>().ToArray());
            actual.AddRange((groups[k].Layer.Participation < options.Epsilon).data<bool>().ToArray());
        }
        var agreement = Theory.CollapseAgreement.From(predicted, actual);
        return new CollapseCheck(agreement.PredictedCount, agreement.ActualCount, agreement.Precision, agreement.Recall);
    }

    private static void DisposeAll(Tensor[] tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }
}
