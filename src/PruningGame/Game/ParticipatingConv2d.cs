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
        conv = nn.Conv2d(Math.Max(inChannels, 1), Math.Max(outChannels, 1), kernelSize, padding: padding, bias: true, device: device);
        if (inChannels == 0 || outChannels == 0)
        {
            // A compacted layer may lose every filter (or every input channel); libtorch cannot initialise such a
            // convolution, so it holds zero-sized (or zero) parameters and forward computes the result directly.
            conv.weight = new Parameter(zeros(outChannels, inChannels, kernelSize, kernelSize, device: device));
            conv.bias = new Parameter(zeros(outChannels, device: device));
        }
        Participation = new Parameter(ones(outChannels, device: device), requires_grad: false);
        PlayerCount = checked((int)outChannels);
        KernelSize = kernelSize;
        Padding = padding;
        RegisterComponents();
    }

    public Parameter Participation { get; }
    public Parameter Weight => conv.weight!;
    public Parameter? Bias => conv.bias;
    /// <summary>The number of filters, fixed at construction (read every step: <c>Weight.shape</c> is a native call and an array).</summary>
    public int PlayerCount { get; }
    public long InChannels => Weight.shape[1];
    public long KernelSize { get; }
    public long Padding { get; }
    public Tensor? EvaluationMask { get; set; }
    public Tensor? GateOverride { get; set; }
    public bool RetainsGatedOutput { get; set; }
    public Tensor? GatedOutput => retained.Value;
    private readonly RetainedOutput retained = new();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var gate = GateSignals.Gate(this);
        var output = PlayerCount == 0 || InChannels == 0 ? Degenerate(input) : conv.forward(input);
        return retained.Keep(output * gate.view(1, -1, 1, 1), RetainsGatedOutput).MoveToOuterDisposeScope();
    }

    /// <summary>With no filter the output has no channel; with no input channel every filter outputs its bias.</summary>
    private Tensor Degenerate(Tensor input)
    {
        var height = input.shape[2] + 2 * Padding - KernelSize + 1;
        var width = input.shape[3] + 2 * Padding - KernelSize + 1;
        return Bias!.view(1, -1, 1, 1).expand(input.shape[0], PlayerCount, height, width);
    }
}
