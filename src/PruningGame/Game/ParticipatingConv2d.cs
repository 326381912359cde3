using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>A 2-D convolution with one participation per output filter: y[:, i] = s_i · (W_i ⋆ x + b_i).</summary>
public sealed class ParticipatingConv2d : nn.Module<Tensor, Tensor>, IParticipatingLayer
{
    private readonly Conv2d conv;

    public ParticipatingConv2d(string name, long inChannels, long outChannels, long kernelSize, long padding = 0, Device? device = null)
        : base(name)
    {
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, padding: padding, bias: true, device: device);
        Participation = new Parameter(ones(outChannels, device: device), requires_grad: false);
        KernelSize = kernelSize;
        Padding = padding;
        RegisterComponents();
    }

    public Parameter Participation { get; }
    public Parameter Weight => conv.weight!;
    public Parameter? Bias => conv.bias;
    public int PlayerCount => (int)Weight.shape[0];
    public long InChannels => Weight.shape[1];
    public long KernelSize { get; }
    public long Padding { get; }
    public Tensor? EvaluationMask { get; set; }
    public Tensor? GateOverride { get; set; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var baseGate = GateOverride ?? Participation;
        var gate = EvaluationMask is null ? baseGate : baseGate * EvaluationMask;
        return (conv.forward(input) * gate.view(1, -1, 1, 1)).MoveToOuterDisposeScope();
    }
}
