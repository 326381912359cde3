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
        RegisterComponents();
    }

    public Parameter Participation { get; }
    public Parameter Weight => linear.weight!;
    public Parameter? Bias => linear.bias;
    public int PlayerCount => (int)Weight.shape[0];
    public long InFeatures => Weight.shape[1];
    public Tensor? EvaluationMask { get; set; }
    public Tensor? GateOverride { get; set; }
    public bool RetainsGatedOutput { get; set; }
    public Tensor? GatedOutput => retained.Value;
    private readonly RetainedOutput retained = new();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var gate = GateSignals.Gate(this);
        return retained.Keep(linear.forward(input) * gate, RetainsGatedOutput).MoveToOuterDisposeScope();
    }
}
