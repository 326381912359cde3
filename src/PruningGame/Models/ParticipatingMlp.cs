using PruningGame.Game;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Models;

/// <summary>
/// An MLP whose hidden neurons are players: input → [ParticipatingLinear → ReLU]* → Linear. The paper's model is
/// 784-512-256-10 (PAPER.md §5); LeNet-300-100 is 784-300-100-10. Initialisation is TorchSharp's default.
/// </summary>
public sealed class ParticipatingMlp : ParticipatingNetwork
{
    private readonly ModuleList<ParticipatingLinear> hidden = new();
    private readonly Linear output;
    private readonly List<PlayerGroup> groups = [];

    public ParticipatingMlp(IReadOnlyList<int> layerSizes, Device? device = null) : base("mlp")
    {
        if (layerSizes.Count < 2 || layerSizes.Any(n => n < 0) || layerSizes[0] < 1 || layerSizes[^1] < 1)
            throw new ArgumentException($"MLP layer sizes must be input, hidden..., output with positive input and output; got [{string.Join(", ", layerSizes)}].", nameof(layerSizes));
        LayerSizes = layerSizes.ToArray();
        for (var k = 1; k < layerSizes.Count - 1; k++)
            hidden.Add(new ParticipatingLinear($"fc{k}", layerSizes[k - 1], layerSizes[k], device));
        output = CreateLinear(layerSizes[^2], layerSizes[^1], device);
        RegisterComponents();

        for (var k = 0; k < hidden.Count; k++)
        {
            Parameter next = k + 1 < hidden.Count ? hidden[k + 1].Weight : output.weight!;
            groups.Add(new PlayerGroup($"fc{k + 1}", hidden[k], next, w => w.t()));
        }
    }

    public IReadOnlyList<int> LayerSizes { get; }
    public override IReadOnlyList<PlayerGroup> PlayerGroups => groups;
    public override string Architecture => "mlp " + string.Join("-", LayerSizes);
    public override long MultiplyAdds => LayerSizes.Zip(LayerSizes.Skip(1), (a, b) => (long)a * b).Sum();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = Flat(input);
        return (hidden.Count == 0 ? output.forward(x) : FromFirstPreActivation(hidden[0].PreActivation(x))).MoveToOuterDisposeScope();
    }

    /// <summary>fc1's pre-activation (three quarters of the paper's MLP's work) once, then the rest of the network per mask set.</summary>
    public override IReadOnlyList<Tensor> ForwardUnderMasks(Tensor input, IReadOnlyList<IReadOnlyList<bool[]>?> masks)
    {
        if (hidden.Count == 0) return base.ForwardUnderMasks(input, masks);
        using var scope = NewDisposeScope();
        var first = hidden[0].PreActivation(Flat(input));
        var outputs = masks.Select(keep =>
        {
            using var maskScope = keep is null ? null : UseEvaluationMasks(keep);
            return FromFirstPreActivation(first);
        }).ToList();
        foreach (var o in outputs) o.MoveToOuterDisposeScope();
        return outputs;
    }

    private static Tensor Flat(Tensor input) => input.dim() > 2 ? input.flatten(1) : input;

    /// <summary>The network from fc1's pre-activation on: its gate, then every later layer (the forward pass's one path).</summary>
    private Tensor FromFirstPreActivation(Tensor first)
    {
        var h = nn.functional.relu(hidden[0].Gated(first));
        foreach (var layer in hidden.Skip(1))
            h = nn.functional.relu(layer.forward(h));
        return output.forward(h);
    }

    public override ParticipatingNetwork Compact(IReadOnlyList<bool[]> keep)
    {
        if (keep.Count != hidden.Count)
            throw new ArgumentException($"Expected {hidden.Count} keep masks for {Architecture}, got {keep.Count}.", nameof(keep));
        var kept = keep.Select(KeptIndices).ToArray();
        var sizes = new List<int> { LayerSizes[0] };
        sizes.AddRange(kept.Select(k => k.Length));
        sizes.Add(LayerSizes[^1]);
        var compact = new ParticipatingMlp(sizes, output.weight!.device);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        for (var k = 0; k < hidden.Count; k++)
            CopyKeptIncoming(hidden[k], compact.hidden[k], kept[k], k == 0 ? null : kept[k - 1]);
        var lastKept = tensor(kept[^1], device: output.weight!.device);
        compact.output.weight!.copy_(output.weight!.index_select(1, lastKept));
        compact.output.bias!.copy_(output.bias!);
        return compact;
    }
}
