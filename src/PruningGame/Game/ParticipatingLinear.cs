using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>A linear layer with one participation per output neuron: y = s ⊙ (W x + b).</summary>
public sealed class ParticipatingLinear : nn.Module<Tensor, Tensor>, IParticipatingLayer
{
    private readonly Linear linear;

    public ParticipatingLinear(string name, long inFeatures, long outFeatures, Device? device = null) : base(name)
    {
        linear = Models.ParticipatingNetwork.CreateLinear(inFeatures, outFeatures, device);
        Participation = new Parameter(ones(outFeatures, device: device), requires_grad: false);
        PlayerCount = checked((int)outFeatures);
        RegisterComponents();
    }

    public Parameter Participation { get; }
    public Parameter Weight => linear.weight!;
    public Parameter? Bias => linear.bias;
    /// <summary>The number of neurons, fixed at construction (read every step: <c>Weight.shape</c> is a native call and an array).</summary>
    public int PlayerCount { get; }
    public long InFeatures => Weight.shape[1];
    public Tensor? EvaluationMask { get; set; }
    public Tensor? GateOverride { get; set; }
    public bool RetainsGatedOutput { get; set; }
    public Tensor? GatedOutput => retained.Value;
    private readonly RetainedOutput retained = new();

    public override Tensor forward(Tensor input) => Gated(PreActivation(input));

    /// <summary>W x + b, before the gate: the same for every gate, so an evaluation under several masks computes it once.</summary>
    public Tensor PreActivation(Tensor input) => linear.forward(input);

    /// <summary>The layer's output from its <see cref="PreActivation"/>: y = a ⊙ gate (s, times the evaluation mask if set).</summary>
    public Tensor Gated(Tensor preActivation)
    {
        using var scope = NewDisposeScope();
        var gate = GateSignals.Gate(this);
        return retained.Keep(preActivation * gate, RetainsGatedOutput).MoveToOuterDisposeScope();
    }
}
