using System.Text.Json;
using System.Text.Json.Serialization;
using PruningGame.Infrastructure;

namespace PruningGame.Game;

/// <summary>Sign of the benefit term B_i (PAPER.md §7, choice 1).</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum BenefitSign
{
    /// <summary>Literal Eq. 8: B_i = +α s_i ⟨∇_{θ_i}L, θ_i⟩.</summary>
    Paper,
    /// <summary>B_i = −α s_i ⟨∇_{θ_i}L, θ_i⟩: the benefit is the loss reduction a player brings.</summary>
    DescentAligned,
}

/// <summary>Which parameters form a neuron's (or filter's) group θ_i in the utility (PAPER.md §7, choice 3).</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum PlayerSlice
{
    IncomingRow,
    IncomingRowAndBias,
    /// <summary>Incoming row, bias and outgoing column: everything that moves with the unit.</summary>
    IncomingAndOutgoing,
}

/// <summary>Whether ⟨∇L, θ_i⟩ comes from the batch-mean loss or the batch-sum loss (PAPER.md §7, choice 4).</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum BenefitReduction
{
    BatchMean,
    BatchSum,
}

/// <summary>The value of sign(s_i) at s_i = 0 in the L1 cost's derivative (PAPER.md §7, choice 7).</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum SignAtZero
{
    /// <summary>sign(0) = 1: the subgradient that matches Eq. 14, a player at 0 returns only if its benefit beats γ.</summary>
    One,
    /// <summary>
    /// sign(0) = 0: the L1 term vanishes at 0. In a ReLU network this does not revive a collapsed neuron: at s_i = 0 its
    /// output is 0 and ReLU′(0) = 0, so ∂L/∂s_i = 0 and ∇_{θ_i}L = 0; its benefit is exactly 0 and it stays at 0 under
    /// either sign(0), which is why the two settings give identical runs.
    /// </summary>
    Zero,
}

/// <summary>How the scale freedom s_i·θ_i = (s_i/c)·(c·θ_i) of ReLU networks is handled (issue 11).</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum ScaleControl
{
    /// <summary>The paper: nothing stops θ_i from growing while s_i shrinks.</summary>
    None,
    /// <summary>Decoupled weight decay on every θ (AdamW-style), strength <see cref="GameOptions.WeightDecay"/>.</summary>
    DecoupledWeightDecay,
    /// <summary>After each weight step every player's incoming weight row and its outgoing slice (the next layer's column,
    /// or the weights reading its feature map) are projected back to their initial norms, within
    /// <see cref="FixedNormProjection.RelativeTolerance"/>, so s_i is the player's only gain (weight normalisation with a
    /// fixed scale). The bias is trained as it is, not projected and not rescaled.</summary>
    FixedNorm,
}

/// <summary>
/// What the benefit B_i measures (issue 18: benefits that do not vanish at stationarity). Each form gives a per-player
/// measure b_i held constant in s_i, as Eq. 13 holds ⟨∇L, θ_i⟩; the utility's derivative then has the benefit term
/// <see cref="PlayerUtility.BenefitCoefficient"/>(b_i).
/// </summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum BenefitForm
{
    /// <summary>Eq. 8: b_i = ⟨∇_{θ_i}L, θ_i⟩ = s_i·∂L/∂s_i of the batch loss; its sign is <see cref="GameOptions.BenefitSign"/>.
    /// At a stationary point of L it averages to zero.</summary>
    GradientInner,
    /// <summary>The potential-game reading: every player's benefit is the shared −L, so ∂B_i/∂s_i = −∂L/∂s_i and gradient
    /// play on s is descent on one potential Φ = L + Σ_i C_i (network slimming's objective when the costs are γ|s_i|).
    /// b_i = ∂L/∂s_i; the benefit coefficient is −α·b_i.</summary>
    SharedLoss,
    /// <summary>First-order Taylor importance: b_i = E_n |s_i·∂ℓ_n/∂s_i| over the batch's samples n (Molchanov et al. 2017),
    /// ≥ 0 and non-vanishing at stationarity. It measures the whole unit through its gate, whatever <see cref="GameOptions.PlayerSlice"/> (which still sets ‖θ_i‖² in the costs).</summary>
    TaylorPerSample,
    /// <summary>Fisher importance: b_i = E_n (s_i·∂ℓ_n/∂s_i)², ≥ 0 (Theis et al. 2018). The whole unit, as for Taylor.</summary>
    FisherPerSample,
}

/// <summary>The scale the benefit measure is read on (issue 18's search for an equilibrium that prunes).</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum BenefitScale
{
    /// <summary>b_i as measured.</summary>
    Absolute,
    /// <summary>
    /// b_i / mean_j b_j over the players of the layer, at every step: one γ then sets the same relative bar in every
    /// layer (the Taylor benefits of the paper's fc1 are about half those of fc2), and a layer cannot empty, because as its
    /// players collapse (b_j → 0) the survivors' relative benefit grows. With equal benefits a layer keeps about α/γ of its
    /// players. For the non-negative per-sample benefits (Taylor, Fisher) only.
    /// </summary>
    LayerMean,
}

/// <summary>What the β cost acts on (issue 18, variant 2).</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum CostTarget
{
    /// <summary>The paper: β‖θ_i‖²s_i² is in player i's utility only; θ never feels it.</summary>
    Participation,
    /// <summary>β‖s_iθ_i‖² also enters the training loss with s held fixed, so θ_i descends it too (gradient 2βs_i²θ_i): the
    /// cost of the effective parameters, felt by both of their factors.</summary>
    EffectiveParameters,
}

/// <summary>Which quantity the final prune rule compares with ε.</summary>
[JsonConverter(typeof(StrictEnumConverter))]
public enum PruneCriterion
{
    /// <summary>Algorithm 1, step 3: prune when s_i &lt; ε.</summary>
    Participation,
    /// <summary>Prune when the effective contribution s_i·‖θ_i^in‖·‖θ_i^out‖, divided by the largest in its
    /// layer, is below ε: immune to rescaling between s and θ.</summary>
    EffectiveNorm,
}

/// <summary>The prune rules by name, as a sweep, series.json or a reader asks for one.</summary>
public static class PruneCriteria
{
    /// <summary>Whether <paramref name="name"/> is a prune rule's exact name (not a number, another casing or a comma-joined pair).</summary>
    public static bool IsName(string? name) => name is not null && Enum.GetNames<PruneCriterion>().Contains(name);

    /// <summary>The prune rules' names, for messages.</summary>
    public static string Names => string.Join(", ", Enum.GetNames<PruneCriterion>());

    /// <summary>Refuses a name that is no prune criterion, listing those there are (before a run is blamed for lacking it).</summary>
    public static void Require(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsName(name))
            throw new ArgumentException($"'{name}' is not a prune criterion: give one of {Names}.");
    }
}

/// <summary>
/// Every constant and open choice of the game (PAPER.md §2–4, §7). Defaults are the paper's values where it
/// states them (α = 1, η = 0, η_s = 0.001, ε = 0.01, literal benefit sign, s updated by the utility only) and
/// documented choices where it does not.
/// </summary>
public sealed record GameOptions
{
    /// <summary>The paper's collapse threshold ε = 0.01 (Algorithm 1, step 3): the default of every ε in the workbench.</summary>
    public const double DefaultEpsilon = 0.01;

    /// <summary>Benefit weight α &gt; 0 of Eq. 8: B_i = α s_i ⟨∇_{θ_i}L, θ_i⟩.</summary>
    public double Alpha { get; init; } = 1.0;
    /// <summary>L2 cost weight β ≥ 0 of Eq. 9–10: β‖θ_i‖² s_i².</summary>
    public double Beta { get; init; } = 0.0;
    /// <summary>L1 cost weight γ ≥ 0 of Eq. 9–10: γ|s_i|.</summary>
    public double Gamma { get; init; } = 0.0;
    /// <summary>Competition weight η of Eq. 10 (not the learning rate).</summary>
    public double Eta { get; init; } = 0.0;
    /// <summary>Participation learning rate η_s of Eq. 17.</summary>
    public double ParticipationLearningRate { get; init; } = 0.001;
    /// <summary>Collapse threshold ε of Algorithm 1, step 3.</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;
    /// <summary>Sign of the <see cref="BenefitForm.GradientInner"/> benefit (choice 1); the other forms fix their own sign.</summary>
    public BenefitSign BenefitSign { get; init; } = BenefitSign.Paper;
    /// <summary>What the benefit measures (issue 18); the paper's is <see cref="BenefitForm.GradientInner"/>.</summary>
    public BenefitForm Benefit { get; init; } = BenefitForm.GradientInner;
    /// <summary>Whether the benefit is read relative to its layer's mean (issue 18); the paper's is <see cref="BenefitScale.Absolute"/>.</summary>
    public BenefitScale BenefitScale { get; init; } = BenefitScale.Absolute;
    /// <summary>Whether the β cost of Eq. 9 also acts on θ through the loss (issue 18).</summary>
    public CostTarget CostTarget { get; init; } = CostTarget.Participation;
    /// <summary>When true, s is also a parameter of the weight optimizer and takes the loss gradient (choice 2).</summary>
    public bool ParticipationTakesLossGradient { get; init; }
    public PlayerSlice PlayerSlice { get; init; } = PlayerSlice.IncomingRowAndBias;
    public BenefitReduction BenefitReduction { get; init; } = BenefitReduction.BatchMean;
    public SignAtZero SignAtZero { get; init; } = SignAtZero.One;
    public ScaleControl ScaleControl { get; init; } = ScaleControl.None;
    /// <summary>Decoupled weight decay strength, used when <see cref="ScaleControl"/> is DecoupledWeightDecay.</summary>
    public double WeightDecay { get; init; } = 1e-4;
    public PruneCriterion PruneCriterion { get; init; } = PruneCriterion.Participation;

    /// <summary>Whether the benefit is measured per sample from the layers' gated outputs (<see cref="PlayerUtility.PerSampleGateTerms"/>), so they must retain them.</summary>
    [JsonIgnore]
    public bool MeasuresPerSampleGateTerms => Benefit is BenefitForm.TaylorPerSample or BenefitForm.FisherPerSample;

    /// <summary>Whether a participation counts as collapsed: s_i &lt; ε (Algorithm 1, step 3).</summary>
    public bool IsCollapsed(double participation) => participation < Epsilon;

    /// <summary>Throws an <see cref="InvalidGameOptionException"/> naming the first invalid field.</summary>
    public GameOptions Validate()
    {
        Require(Alpha > 0, nameof(Alpha), Alpha, "must be > 0");
        Require(Beta >= 0, nameof(Beta), Beta, "must be >= 0");
        Require(Gamma >= 0, nameof(Gamma), Gamma, "must be >= 0");
        Require(Eta >= 0, nameof(Eta), Eta, "must be >= 0");
        Require(ParticipationLearningRate > 0, nameof(ParticipationLearningRate), ParticipationLearningRate, "must be > 0");
        Require(Epsilon is > 0 and < 1, nameof(Epsilon), Epsilon, "must be in (0, 1)");
        Require(WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "must be >= 0");
        if (Benefit != BenefitForm.GradientInner && BenefitSign != BenefitSign.Paper)
            throw new InvalidGameOptionException("benefitSign", BenefitSign.ToString(), $"it applies to the GradientInner benefit only; the '{Benefit}' benefit fixes its own sign (leave benefitSign at Paper)");
        if (BenefitScale != BenefitScale.Absolute && !MeasuresPerSampleGateTerms)
            throw new InvalidGameOptionException("benefitScale", BenefitScale.ToString(), $"it needs a non-negative per-sample benefit (TaylorPerSample or FisherPerSample), not '{Benefit}'");
        return this;
    }

    private static void Require(bool ok, string field, double value, string rule)
    {
        if (!ok || !double.IsFinite(value))
            throw new InvalidGameOptionException(JsonNamingPolicy.CamelCase.ConvertName(field), value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"it {rule}");
    }
}

/// <summary>A game option outside its range: the field as a config file spells it, its value and the rule it breaks.</summary>
public sealed class InvalidGameOptionException(string option, string value, string rule)
    : ArgumentException($"Game option '{option}' = {value} is invalid: {rule}.")
{
    public string Field { get; } = option;
    public string Value { get; } = value;
    public string Rule { get; } = rule;
}
