using TorchSharp;
using TorchSharp.Modules;
using static PruningGame.Infrastructure.CpuTensorMemory;
using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>
/// The training step's per-player arithmetic on one layer's CPU float32 vectors, each in one managed pass, bit for bit
/// <see cref="PlayerUtility"/>'s tensor formulas: ‖θ_i‖² from libtorch's row norms (squared, plus b_i²); the paper's benefit ⟨∇_{θ_i}L, θ_i⟩ = s_i·∂L/∂s_i (less b_i·∂L/∂b_i
/// when the bias is not part of θ_i), times B under the batch sum, its coefficient α̃ and Eq. 13's −2β‖θ_i‖²s_i,
/// −γ·sign(s_i) and −η·competition, with the epoch's float64 sums of the benefit, its magnitude and the competition; and
/// Eq. 17–18's projected ascent step.
/// <para>Why: as tensor operations these are about a dozen kernels of N elements per layer and step, each costing more in
/// dispatch than in arithmetic (measured: 90 µs of the game's 240 µs after backward on the paper's MLP, against a dense
/// step of 3–5 ms). The formulas stay <see cref="PlayerUtility"/>'s: this is their CPU implementation, used only where
/// <see cref="Available"/> says a probe found it equal to them, the way <c>AdamKernel</c> stands to TorchSharp's Adam.</para>
/// <para>Each operation rounds as libtorch's kernel for it does: products and sums in float32, the +α·x of <c>add_</c>
/// and the +v·t1·t2 of <c>addcmul_</c> as fused multiply-adds, float32 into float64 sums exactly.</para>
/// </summary>
internal static unsafe class UtilityKernel
{
    private static readonly Lazy<(bool Ok, string Reason)> Check = new(Probe);

    /// <summary>True when this machine's kernel was verified equal to the tensor formulas.</summary>
    public static bool Available => Check.Value.Ok;

    /// <summary>Why the kernel is or is not in use (tests).</summary>
    public static string Status => Check.Value.Reason;

    /// <summary>Whether the kernel computes <paramref name="group"/>'s step under <paramref name="options"/>: the paper's benefit on a slice it covers, every tensor a contiguous CPU float32 one, on a verified machine.</summary>
    public static bool Covers(PlayerGroup group, GameOptions options)
    {
        if (options.Benefit != BenefitForm.GradientInner || options.PlayerSlice == PlayerSlice.IncomingAndOutgoing) return false;
        var layer = group.Layer;
        if (!Fusable(layer.Participation) || !Fusable(layer.Weight)) return false;
        using (var gradient = layer.Participation.grad)
            if (gradient is null || !Fusable(gradient)) return false;
        if (layer.Bias is { } bias)
        {
            if (!Fusable(bias)) return false;
            if (options.PlayerSlice == PlayerSlice.IncomingRow)
            {
                using var biasGradient = bias.grad;
                if (biasGradient is null || !Fusable(biasGradient)) return false;
            }
        }
        return Available;
    }

    /// <summary>Whether <see cref="SquaredNorms"/> can read <paramref name="group"/>'s ‖θ_i‖² for <paramref name="slice"/> here: a slice without outgoing weights, contiguous CPU float32 weights (and bias), on a verified machine.</summary>
    public static bool CoversNorms(PlayerGroup group, PlayerSlice slice)
    {
        if (slice == PlayerSlice.IncomingAndOutgoing || !Fusable(group.Layer.Weight)) return false;
        if (slice != PlayerSlice.IncomingRow && group.Layer.Bias is { } bias && !Fusable(bias)) return false;
        return Available;
    }

    /// <summary>Whether the ascent step on these two tensors can run here.</summary>
    public static bool CoversAscent(Tensor participation, Tensor gradient) =>
        Fusable(participation) && Fusable(gradient) && participation.numel() == gradient.numel() && Available;

    /// <summary>
    /// ‖θ_i‖² for every player of <paramref name="group"/>, as <see cref="PlayerGroup.SquaredNorms"/> gives it: libtorch's
    /// row norms squared, plus b_i² where the slice holds the bias, in place in one pass over N instead of two tensor
    /// kernels. Requires <see cref="CoversNorms"/>.
    /// </summary>
    public static Tensor SquaredNorms(PlayerGroup group, PlayerSlice slice)
    {
        var squared = group.IncomingRowNorms();
        float* values = Float32s(squared);
        float* bias = slice != PlayerSlice.IncomingRow && group.Layer.Bias is { } b ? Float32s(b) : null;
        var n = group.PlayerCount;
        for (var i = 0; i < n; i++)
        {
            var square = values[i] * values[i];                                          // pow_(2)
            values[i] = bias is null ? square : MathF.FusedMultiplyAdd(bias[i], bias[i], square);   // addcmul_(b, b)
        }
        return squared;
    }

    /// <summary>
    /// ∂U_i/∂s_i (Eq. 13) for every player of <paramref name="group"/>, as <see cref="PlayerUtility.Gradient"/> of
    /// <see cref="PlayerUtility.Measure"/> gives it, with the measured benefit (and competition) added to <paramref name="sums"/>.
    /// <paramref name="squaredNorms"/> and <paramref name="competition"/> are the terms' own (<see cref="PlayerGroup.SquaredNorms"/>,
    /// <see cref="PlayerUtility.Competition(IReadOnlyList{Tensor}, Tensor, Tensor)"/>). Requires <see cref="Covers"/>.
    /// </summary>
    public static Tensor Gradient(PlayerGroup group, GameOptions options, int batchSize, Tensor squaredNorms, Tensor? competition, EpochTermSums sums)
    {
        var layer = group.Layer;
        var n = layer.PlayerCount;
        var gradient = empty(n, dtype: float32);
        using var gateGradient = layer.Participation.grad!;
        var subtractBias = options.PlayerSlice == PlayerSlice.IncomingRow && layer.Bias is not null;
        using var biasGradient = subtractBias ? layer.Bias!.grad : null;
        float* s = Float32s(layer.Participation), g = Float32s(gateGradient), norms = Float32s(squaredNorms), output = Float32s(gradient);
        float* bias = subtractBias ? Float32s(layer.Bias!) : null, biasGrad = subtractBias ? Float32s(biasGradient!) : null;
        float* comp = competition is null ? null : Float32s(competition);
        double* benefitSum = EpochSumMemory(sums.Benefit), magnitudeSum = EpochSumMemory(sums.BenefitMagnitude);
        double* competitionSum = sums.Competition is null ? null : EpochSumMemory(sums.Competition);
        if (options.Eta != 0 && (comp is null || competitionSum is null))
            throw new ArgumentException("η ≠ 0 needs the competition term and its epoch sum.", nameof(competition));

        var batchSum = options.BenefitReduction == BenefitReduction.BatchSum;
        float samples = batchSize;
        var coefficient = (float)(PlayerUtility.BenefitSignOf(options) * options.Alpha);
        float curvature = (float)(-2 * options.Beta), gamma = (float)-options.Gamma, eta = (float)-options.Eta;
        bool hasBeta = options.Beta != 0, hasGamma = options.Gamma != 0, hasEta = options.Eta != 0, signOneAtZero = options.SignAtZero == SignAtZero.One;
        for (var i = 0; i < n; i++)
        {
            var si = s[i];
            var benefit = si * g[i];                                             // GradientInner: s_i·∂L/∂s_i
            if (subtractBias) benefit = benefit - bias[i] * biasGrad[i];          // less b_i·∂L/∂b_i
            if (batchSum) benefit *= samples;
            var value = benefit * coefficient;                                   // α̃·b_i
            if (hasBeta) value = MathF.FusedMultiplyAdd(curvature * norms[i], si, value);
            if (hasGamma)
            {
                var sign = signOneAtZero ? (si >= 0 ? 1f : -1f) : si > 0 ? 1f : si < 0 ? -1f : 0f;
                value = MathF.FusedMultiplyAdd(gamma, sign, value);
            }
            if (hasEta)
            {
                value = MathF.FusedMultiplyAdd(eta, comp[i], value);
                competitionSum[i] += comp[i];
            }
            output[i] = value;
            benefitSum[i] += benefit;
            magnitudeSum[i] += MathF.Abs(benefit);
        }
        return gradient;
    }

    /// <summary>s ← Proj_[0,1](s + η_s·g) in place (Eq. 17–18), as <see cref="PlayerUtility.ApplyAscentStep"/>. Requires <see cref="CoversAscent"/>.</summary>
    public static void Ascent(Tensor participation, Tensor gradient, double stepSize)
    {
        float* s = Float32s(participation), g = Float32s(gradient);
        var rate = (float)stepSize;
        var n = participation.numel();
        for (long i = 0; i < n; i++)
            s[i] = Math.Clamp(MathF.FusedMultiplyAdd(rate, g[i], s[i]), 0f, 1f);
    }

    private static bool Fusable(Tensor t) => IsContiguousCpu(t, ScalarType.Float32);

    private static double* EpochSumMemory(Tensor t) => IsContiguousCpu(t, ScalarType.Float64)
        ? Float64s(t)
        : throw new ArgumentException("The epoch sums must be contiguous CPU float64 tensors.", nameof(t));

    /// <summary>Runs the probe now (tests; <see cref="Available"/> runs it once per process).</summary>
    internal static (bool Ok, string Reason) Probe()
    {
        try
        {
            return AgreesWithTensorFormulas(out var detail) ? (true, "on: verified bit-identical to PlayerUtility's tensor formulas on this machine") : (false, $"off: {detail}");
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or InvalidOperationException or ArgumentException)
        {
            return (false, $"off: the probe failed ({e.Message})");
        }
    }

    /// <summary>
    /// Every option the kernel covers, on layers of 7, 45 and 512 players (libtorch's scalar tail, vector loop and both),
    /// against <see cref="PlayerUtility.Measure"/>, <see cref="PlayerUtility.Gradient"/> and the tensor ascent step, bit for
    /// bit; the participations include 0 and 1 and the step leaves [0, 1] both ways.
    /// </summary>
    private static bool AgreesWithTensorFormulas(out string detail)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        // Building a layer draws its initial weights from torch's global generator; a run must not see the probe.
        var globalState = random.get_rng_state();
        using var generator = new Generator(20261205);
        GameOptions[] cases =
        [
            new() { Beta = 0.5 },
            new() { Alpha = 1.7, Beta = 0.3, Gamma = 0.02, BenefitReduction = BenefitReduction.BatchSum, ParticipationLearningRate = 0.7 },
            new() { Beta = 0.1, Gamma = 0.05, SignAtZero = SignAtZero.Zero, BenefitSign = BenefitSign.DescentAligned, PlayerSlice = PlayerSlice.IncomingRow },
            new() { Beta = 0, Gamma = 0.01, Eta = 0.2, BenefitReduction = BenefitReduction.BatchSum, ParticipationLearningRate = 2.0 },
        ];
        try
        {
            foreach (var players in new[] { 7, 45, 512 })
                foreach (var options in cases)
                {
                    var group = ProbeGroup(players, generator);
                    using var layer = (ParticipatingLinear)group.Layer;
                    var terms = PlayerUtility.Measure(group, options, batchSize: 96);
                    using var squaredNorms = SquaredNorms(group, options.PlayerSlice);
                    if (!BitEqual(terms.SquaredNorms, squaredNorms))
                    {
                        detail = $"the squared norms differ from PlayerGroup.SquaredNorms ({players} players, {options.PlayerSlice})";
                        return false;
                    }
                    var expected = PlayerUtility.Gradient(group.Layer.Participation, terms, options);
                    var sums = new EpochTermSums(players, options.Eta != 0, CPU);
                    var measured = options.Eta != 0 ? terms.Competition : null;
                    using var actual = Gradient(group, options, 96, terms.SquaredNorms, measured, sums);
                    var expectedSums = new EpochTermSums(players, options.Eta != 0, CPU);
                    expectedSums.Add(terms);
                    if (!BitEqual(expected, actual) || !BitEqual(expectedSums.Benefit, sums.Benefit) || !BitEqual(expectedSums.BenefitMagnitude, sums.BenefitMagnitude)
                        || (options.Eta != 0 && !BitEqual(expectedSums.Competition!, sums.Competition!)))
                    {
                        detail = $"the utility gradient differs from the tensor formulas ({players} players, {options})";
                        return false;
                    }
                    var stepped = group.Layer.Participation.detach().clone();
                    PlayerUtility.TensorAscentStep(stepped, expected, options);
                    Ascent(group.Layer.Participation, expected, options.ParticipationLearningRate);
                    if (!BitEqual(stepped, group.Layer.Participation))
                    {
                        detail = $"the ascent step differs from the tensor formulas ({players} players, {options})";
                        return false;
                    }
                }
        }
        finally
        {
            random.set_rng_state(globalState);
        }
        detail = "";
        return true;
    }

    /// <summary>A layer of <paramref name="players"/> with random weights, participations (some exactly 0 and 1) and gradients.</summary>
    private static PlayerGroup ProbeGroup(int players, Generator generator)
    {
        var layer = new ParticipatingLinear("probe", 11, players);
        var outgoing = new Parameter(randn(3, players, generator: generator), requires_grad: false);
        layer.Weight.copy_(randn(players, 11, generator: generator) * 0.3f);
        layer.Bias!.copy_(randn(players, generator: generator) * 0.1f);
        var s = rand(players, generator: generator);
        s[0].fill_(0f);
        s[players - 1].fill_(1f);
        layer.Participation.copy_(s);
        layer.Participation.requires_grad_(true);
        layer.Participation.grad = randn(players, generator: generator) * 0.05f;
        layer.Bias.grad = randn(players, generator: generator) * 0.05f;
        return new PlayerGroup("probe", layer, outgoing, w => w.t());
    }

    private static bool BitEqual(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        if (a.dtype == float64)
            return a.data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits));
        return a.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).SequenceEqual(b.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
    }
}
