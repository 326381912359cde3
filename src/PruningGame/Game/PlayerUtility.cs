using PruningGame.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>
/// The per-player quantities the utility needs, for all N players of one layer at once (each tensor [N]).
/// <para><see cref="Benefit"/> is the benefit measure b_i of <see cref="GameOptions.Benefit"/> — for the paper's form
/// ⟨∇_{θ_i}L, θ_i⟩ — held constant in s_i as the paper does (Eq. 13).</para>
/// <para><see cref="Competition"/> is Σ_{j≠i} s_j⟨θ_i, θ_j⟩ (see <see cref="PlayerUtility.Competition(IReadOnlyList{Tensor}, Tensor, Tensor)"/>),
/// or null when η = 0: the term is then absent, not a tensor of zeros.</para>
/// </summary>
public sealed record UtilityTerms(Tensor Benefit, Tensor SquaredNorms, Tensor? Competition);

/// <summary>
/// The utility U_i = B_i − C_i (Eq. 8–10), its derivative ∂U_i/∂s_i (Eq. 13/18), the best response (Eq. 14), the collapse
/// drive (Eq. 15) and the projected ascent step (Eq. 17–18). The one home of these formulas: the game's training step, the per-epoch
/// collapse check, the theory module, the benchmark and the notebooks all call here.
/// </summary>
public static class PlayerUtility
{
    /// <summary>
    /// The terms of one layer's game, measured on a network right after a backward pass: the one place they are built
    /// from a network (Eq. 13). The benefit measure is that of <see cref="GameOptions.Benefit"/> on the batch-mean loss,
    /// times the batch size under <see cref="BenefitReduction.BatchSum"/> (a mean over samples becomes their sum), and divided
    /// by the layer's mean under <see cref="BenefitScale.LayerMean"/>.
    /// </summary>
    /// <param name="squaredNorms">‖θ_i‖² of these same weights when the caller has read them already
    /// (<see cref="StepSquaredNorms"/>); the terms then hold this tensor, which stays the caller's.</param>
    public static UtilityTerms Measure(PlayerGroup group, GameOptions options, int batchSize, Tensor? squaredNorms = null)
    {
        using var scope = NewDisposeScope();
        var benefit = MeasureBenefit(group, options, batchSize);
        var norms = squaredNorms ?? group.SquaredNorms(options.PlayerSlice);
        var competition = MeasureCompetition(group, options, norms);
        return new UtilityTerms(benefit.MoveToOuterDisposeScope(), squaredNorms ?? norms.MoveToOuterDisposeScope(), competition?.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// ‖θ_i‖² of every player of <paramref name="group"/> under <paramref name="options"/>' slice, as
    /// <see cref="PlayerGroup.SquaredNorms"/> gives it; on CPU float32 layers through <see cref="UtilityKernel.SquaredNorms"/>,
    /// which a probe found to give the same numbers bit for bit. The game's step reads it before the forward pass
    /// (<see cref="Methods.GameMethod"/>): nothing in forward or backward writes the weights, so these are the θ of the
    /// step's Eq. 13, and read right after the previous step's optimizer wrote them they are still in cache.
    /// </summary>
    public static Tensor StepSquaredNorms(PlayerGroup group, GameOptions options) =>
        UtilityKernel.CoversNorms(group, options.PlayerSlice)
            ? UtilityKernel.SquaredNorms(group, options.PlayerSlice)
            : group.SquaredNorms(options.PlayerSlice);

    /// <summary>
    /// One layer's share of the game's training step after backward: the terms as <see cref="Measure"/> gives them, with
    /// ‖θ_i‖² = <paramref name="squaredNorms"/> (<see cref="StepSquaredNorms"/> of the step's weights, which stays the
    /// caller's), added to the epoch's <paramref name="sums"/>; returns their <see cref="Gradient"/>. For the paper's benefit
    /// on CPU float32 layers (<see cref="UtilityKernel.Covers"/>) everything after the competition runs as managed passes
    /// over N that a probe found to give these same numbers bit for bit.
    /// </summary>
    public static Tensor StepGradient(PlayerGroup group, GameOptions options, int batchSize, Tensor squaredNorms, EpochTermSums sums)
    {
        ArgumentNullException.ThrowIfNull(squaredNorms);
        using var scope = NewDisposeScope();
        if (UtilityKernel.Covers(group, options))
        {
            var competition = MeasureCompetition(group, options, squaredNorms);
            return UtilityKernel.Gradient(group, options, batchSize, squaredNorms, competition, sums).MoveToOuterDisposeScope();
        }
        var terms = Measure(group, options, batchSize, squaredNorms);
        sums.Add(terms);
        return Gradient(group.Layer.Participation, terms, options).MoveToOuterDisposeScope();
    }

    private static Tensor? MeasureCompetition(PlayerGroup group, GameOptions options, Tensor squaredNorms) =>
        options.Eta != 0
            ? Competition(group.Blocks(options.PlayerSlice).Select(b => b.detach()).ToArray(), group.Layer.Participation.detach(), squaredNorms)
            : null;

    private static Tensor MeasureBenefit(PlayerGroup group, GameOptions options, int batchSize)
    {
        var benefit = options.Benefit switch
        {
            BenefitForm.GradientInner => group.GradientInner(options.PlayerSlice),
            BenefitForm.SharedLoss => group.Layer.Participation.grad?.detach().clone()
                                      ?? throw new InvalidOperationException($"No gradient for {group.Name}.participation: call backward() first."),
            BenefitForm.TaylorPerSample => PerSampleGateTerms(group.Layer, batchSize).abs_().mean([0]),
            BenefitForm.FisherPerSample => PerSampleGateTerms(group.Layer, batchSize).pow_(Scalars.Two).mean([0]),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Benefit, "Unknown benefit form."),
        };
        if (options.BenefitReduction == BenefitReduction.BatchSum)
        {
            using var samples = ((double)batchSize).ToScalar();
            benefit.mul_(samples);
        }
        if (options.BenefitScale == BenefitScale.LayerMean)
        {
            using var floor = 1e-30.ToScalar();
            benefit.div_(benefit.mean().clamp_min_(floor));
        }
        return benefit;
    }

    /// <summary>
    /// s_i·∂ℓ_n/∂s_i for every sample n of the last batch and player i, [B, N], from the layer's retained gated output
    /// y = s ⊙ a: ∂ℓ_n/∂s_i = B·(∂L/∂y)[n,i]·a[n,i] for the batch-mean loss L, so s_i·∂ℓ_n/∂s_i = B·(∂L/∂y)[n,i]·y[n,i]
    /// (summed over a filter's positions). Its mean over n is ⟨∇_{θ_i}L, θ_i⟩ of the unit. O(B·N) per layer.
    /// </summary>
    public static Tensor PerSampleGateTerms(IParticipatingLayer layer, int batchSize)
    {
        using var scope = NewDisposeScope();
        var y = layer.GatedOutput ?? throw new InvalidOperationException(
            "The layer kept no gated output: set RetainsGatedOutput before the forward pass of a per-sample benefit.");
        var gradient = y.grad ?? throw new InvalidOperationException("The gated output has no gradient: call backward() first.");
        var terms = gradient.detach() * y.detach();
        if (terms.dim() > 2) terms = terms.flatten(2).sum([2]);
        using var samples = ((double)batchSize).ToScalar();
        return terms.mul_(samples).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Σ_{j≠i} s_j ⟨θ_i, θ_j⟩ for every i, as Θ(Θᵀs) − s_i‖θ_i‖²: O(N·d), never the N×N Gram matrix. Θ is given as
    /// column blocks [N, d_k] (e.g. incoming rows and bias), which is the same as their concatenation without the copy.
    /// </summary>
    public static Tensor Competition(IReadOnlyList<Tensor> blocks, Tensor participation, Tensor squaredNorms)
    {
        using var scope = NewDisposeScope();
        var s = participation.to_type(blocks[0].dtype);
        Tensor? total = null;
        foreach (var block in blocks)
        {
            var part = block.matmul(block.t().matmul(s));            // Θ_k(Θ_kᵀs): Σ_j s_j⟨θ_i, θ_j⟩ over block k
            total = total is null ? part : total.add_(part, Scalars.One);
        }
        return total!.sub_(s * squaredNorms.to_type(s.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>Competition for players given as the rows of one matrix θ, [N, d].</summary>
    public static Tensor Competition(Tensor theta, Tensor participation)
    {
        using var scope = NewDisposeScope();
        return Competition([theta], participation, theta.pow(Scalars.Two).sum(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Competition from an explicit overlap matrix G_ij = ⟨θ_i, θ_j⟩ (small theory games only).</summary>
    public static Tensor CompetitionFromOverlaps(Tensor overlaps, Tensor participation)
    {
        using var scope = NewDisposeScope();
        var offDiagonal = overlaps - diag(overlaps.diagonal());
        return offDiagonal.matmul(participation.to_type(overlaps.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ∂B_i/∂s_i, the signed, scaled benefit coefficient α̃·b_i: ±α⟨∇L, θ_i⟩ for the paper's form (sign by
    /// <see cref="GameOptions.BenefitSign"/>), −α·∂L/∂s_i for the shared loss, +α·b_i for the per-sample magnitudes.
    /// </summary>
    public static Tensor BenefitCoefficient(Tensor benefit, GameOptions options)
    {
        using var coefficient = (BenefitSignOf(options) * options.Alpha).ToScalar();
        return benefit.mul(coefficient);
    }

    /// <summary>The sign α̃/α that <see cref="BenefitCoefficient"/> gives the benefit measure.</summary>
    public static double BenefitSignOf(GameOptions options) => options.Benefit switch
    {
        BenefitForm.GradientInner => options.BenefitSign == BenefitSign.Paper ? 1.0 : -1.0,
        BenefitForm.SharedLoss => -1.0,
        _ => 1.0,
    };

    /// <summary>U_i(s_i, s_−i) for every player (Eq. 8–10).</summary>
    public static Tensor Value(Tensor participation, UtilityTerms terms, GameOptions options)
    {
        using var scope = NewDisposeScope();
        var s = participation.to_type(terms.Benefit.dtype);
        using var beta = options.Beta.ToScalar();
        using var gamma = options.Gamma.ToScalar();
        var cost = terms.SquaredNorms.mul(beta).mul_(s.pow(Scalars.Two));
        cost.add_(s.abs().mul_(gamma), Scalars.One);
        if (options.Eta != 0)
        {
            using var eta = options.Eta.ToScalar();
            cost.add_(s.mul(eta).mul_(CompetitionOf(terms)), Scalars.One);
        }
        return BenefitCoefficient(terms.Benefit, options).mul_(s).sub_(cost).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ∂U_i/∂s_i for every player (Eq. 13): α̃⟨∇L, θ_i⟩ − 2β‖θ_i‖²s_i − γ·sign(s_i) − η Σ_{j≠i} s_j⟨θ_i, θ_j⟩, with sign(0)
    /// set by <see cref="GameOptions.SignAtZero"/>.
    /// </summary>
    public static Tensor Gradient(Tensor participation, UtilityTerms terms, GameOptions options)
    {
        using var scope = NewDisposeScope();
        var s = participation.dtype == terms.Benefit.dtype ? participation : participation.to_type(terms.Benefit.dtype);
        var gradient = BenefitCoefficient(terms.Benefit, options);
        // −2β‖θ_i‖²s_i as one fused multiply-add. A zero β, γ or η term is skipped, not computed: x − 0 is x bit for bit,
        // and the training step runs this for every layer at every step (the paper's configurations have η = 0, two of
        // them γ = 0).
        if (options.Beta != 0)
        {
            using var curvature = (-2 * options.Beta).ToScalar();
            gradient.addcmul_(terms.SquaredNorms, s, curvature);
        }
        if (options.Gamma != 0)
        {
            var signOfS = options.SignAtZero == SignAtZero.One ? where(s.ge(Scalars.Zero), ones_like(s), -ones_like(s)) : s.sign();
            using var gamma = (-options.Gamma).ToScalar();
            gradient.add_(signOfS, gamma);
        }
        if (options.Eta != 0)
        {
            using var eta = (-options.Eta).ToScalar();
            gradient.add_(CompetitionOf(terms), eta);
        }
        return gradient.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Eq. 15's drive, α̃⟨∇L, θ_i⟩ − γ − η Σ_{j≠i} s_j⟨θ_i, θ_j⟩: the marginal utility of participating at s_i = 0⁺, i.e.
    /// <see cref="Gradient"/> there. Player i collapses where it is negative (Eq. 15), and it is the numerator of the
    /// best response (Eq. 14).
    /// </summary>
    public static Tensor Drive(UtilityTerms terms, GameOptions options)
    {
        using var scope = NewDisposeScope();
        return Gradient(zeros_like(terms.Benefit), terms, options with { SignAtZero = SignAtZero.One }).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Eq. 14, the best response for every player: s_i* = clip(drive_i / (2β‖θ_i‖²), 0, 1), and 0 wherever drive_i ≤ 0.
    /// With β‖θ_i‖² = 0 the utility is linear in s_i, so the best response is 1 for a positive drive.
    /// </summary>
    public static Tensor BestResponse(UtilityTerms terms, GameOptions options)
    {
        using var scope = NewDisposeScope();
        var drive = Drive(terms, options);
        using var twiceBeta = (2 * options.Beta).ToScalar();
        var curvature = terms.SquaredNorms.to_type(drive.dtype).mul(twiceBeta);
        var interior = drive.div(curvature.clamp_min(double.Epsilon)).clamp_(Scalars.Zero, Scalars.One);
        var whenLinear = where(curvature.gt(Scalars.Zero), interior, ones_like(drive));
        return where(drive.le(Scalars.Zero), zeros_like(drive), whenLinear).MoveToOuterDisposeScope();
    }

    /// <summary>Eq. 15 for every player: true where the drive is negative.</summary>
    public static Tensor Collapses(UtilityTerms terms, GameOptions options)
    {
        using var drive = Drive(terms, options);
        return drive.lt(Scalars.Zero);
    }

    /// <summary>
    /// The projected ascent step (Eq. 17–18): s ← Proj_[0,1](s + η_s·g) for a utility gradient g (from
    /// <see cref="Gradient"/>). Returns a new tensor of <paramref name="participation"/>'s type.
    /// </summary>
    public static Tensor AscentStep(Tensor participation, Tensor gradient, GameOptions options)
    {
        using var scope = NewDisposeScope();
        var next = participation.to_type(gradient.dtype).clone();
        ApplyAscentStep(next, gradient, options);
        return next.to_type(participation.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <see cref="AscentStep(Tensor, Tensor, GameOptions)"/> in place on <paramref name="participation"/> (the training
    /// step's form, no copy): one managed pass on CPU float32 (<see cref="UtilityKernel.Ascent"/>, the same numbers), two
    /// tensor kernels elsewhere. <paramref name="gradient"/> must have the participation's type.
    /// </summary>
    public static void ApplyAscentStep(Tensor participation, Tensor gradient, GameOptions options)
    {
        if (UtilityKernel.CoversAscent(participation, gradient))
            UtilityKernel.Ascent(participation, gradient, options.ParticipationLearningRate);
        else
            TensorAscentStep(participation, gradient, options);
    }

    /// <summary>The ascent step as tensor operations: the definition <see cref="UtilityKernel.Ascent"/> is verified against.</summary>
    internal static void TensorAscentStep(Tensor participation, Tensor gradient, GameOptions options)
    {
        using var stepSize = options.ParticipationLearningRate.ToScalar();
        participation.add_(gradient, stepSize).clamp_(Scalars.Zero, Scalars.One);
    }

    /// <summary>One projected ascent step from the current profile: <see cref="AscentStep(Tensor, Tensor, GameOptions)"/> of <see cref="Gradient"/>.</summary>
    public static Tensor AscentStep(Tensor participation, UtilityTerms terms, GameOptions options)
    {
        using var gradient = Gradient(participation, terms, options);
        return AscentStep(participation, gradient, options);
    }

    private static Tensor CompetitionOf(UtilityTerms terms) =>
        terms.Competition ?? throw new ArgumentException("η ≠ 0 but the utility terms carry no competition: measure them with the same options.", nameof(terms));
}
