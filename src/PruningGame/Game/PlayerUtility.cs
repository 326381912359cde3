using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>
/// The per-player quantities the utility needs, for all N players of one layer at once (each tensor [N]).
/// <para><see cref="BenefitInner"/> is ⟨∇_{θ_i}L, θ_i⟩, held constant in s_i as the paper does (Eq. 13).</para>
/// <para><see cref="Competition"/> is Σ_{j≠i} s_j⟨θ_i, θ_j⟩ (see <see cref="PlayerUtility.Competition(Tensor, Tensor)"/>).</para>
/// </summary>
public sealed record UtilityTerms(Tensor BenefitInner, Tensor SquaredNorms, Tensor Competition);

/// <summary>
/// The utility U_i = B_i − C_i (Eq. 8–10) and its derivative ∂U_i/∂s_i (Eq. 13/18). The one home of these
/// formulas: the participation updater, the theory module and the notebooks all call here.
/// </summary>
public static class PlayerUtility
{
    /// <summary>
    /// Σ_{j≠i} s_j ⟨θ_i, θ_j⟩ for every i, as Θ(Θᵀs) − s_i‖θ_i‖²: O(N·d), never the N×N Gram matrix.
    /// </summary>
    /// <param name="theta">player parameters, [N, d]</param>
    /// <param name="participation">s, [N]</param>
    public static Tensor Competition(Tensor theta, Tensor participation)
    {
        using var scope = NewDisposeScope();
        var s = participation.to_type(theta.dtype);
        var total = theta.matmul(theta.t().matmul(s));             // Θ(Θᵀs): Σ_j s_j⟨θ_i, θ_j⟩
        var self = s * theta.pow(2).sum(1);                         // s_i‖θ_i‖²
        return (total - self).MoveToOuterDisposeScope();
    }

    /// <summary>Competition from an explicit overlap matrix G_ij = ⟨θ_i, θ_j⟩ (small theory games only).</summary>
    public static Tensor CompetitionFromOverlaps(Tensor overlaps, Tensor participation)
    {
        using var scope = NewDisposeScope();
        var offDiagonal = overlaps - diag(overlaps.diagonal());
        return offDiagonal.matmul(participation.to_type(overlaps.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>The signed, scaled benefit coefficient α̃_i = ±α⟨∇L, θ_i⟩ that multiplies s_i in B_i.</summary>
    public static Tensor BenefitCoefficient(Tensor benefitInner, GameOptions options)
    {
        var sign = options.BenefitSign == BenefitSign.Paper ? 1.0 : -1.0;
        return benefitInner * (sign * options.Alpha);
    }

    /// <summary>U_i(s_i, s_−i) for every player (Eq. 8–10).</summary>
    public static Tensor Value(Tensor participation, UtilityTerms terms, GameOptions options)
    {
        using var scope = NewDisposeScope();
        var s = participation.to_type(terms.BenefitInner.dtype);
        var benefit = BenefitCoefficient(terms.BenefitInner, options) * s;
        var cost = options.Beta * terms.SquaredNorms * s.pow(2)
                   + options.Gamma * s.abs()
                   + options.Eta * s * terms.Competition;
        return (benefit - cost).MoveToOuterDisposeScope();
    }

    /// <summary>∂U_i/∂s_i for every player (Eq. 13), with sign(0) set by <see cref="GameOptions.SignAtZero"/>.</summary>
    public static Tensor Gradient(Tensor participation, UtilityTerms terms, GameOptions options)
    {
        using var scope = NewDisposeScope();
        var s = participation.to_type(terms.BenefitInner.dtype);
        var gradient = BenefitCoefficient(terms.BenefitInner, options) - 2 * options.Beta * terms.SquaredNorms * s;
        // A zero γ or η term is skipped, not computed: x − 0 is x bit for bit, and the training step runs this
        // for every layer at every step (the paper's configurations have η = 0, two of them γ = 0).
        if (options.Gamma != 0)
        {
            var signOfS = options.SignAtZero == SignAtZero.One ? where(s >= 0, ones_like(s), -ones_like(s)) : s.sign();
            gradient = gradient - options.Gamma * signOfS;
        }
        if (options.Eta != 0)
            gradient = gradient - options.Eta * terms.Competition;
        return gradient.MoveToOuterDisposeScope();
    }

    /// <summary>One projected ascent step (Eq. 17–18): s ← Proj_[0,1](s + η_s ∂U/∂s). Returns a new tensor.</summary>
    public static Tensor AscentStep(Tensor participation, UtilityTerms terms, GameOptions options)
    {
        using var scope = NewDisposeScope();
        var gradient = Gradient(participation, terms, options);
        var next = (participation.to_type(gradient.dtype) + options.ParticipationLearningRate * gradient).clamp(0.0, 1.0);
        return next.to_type(participation.dtype).MoveToOuterDisposeScope();
    }
}
