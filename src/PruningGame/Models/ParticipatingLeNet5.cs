using PruningGame.Game;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Models;

/// <summary>
/// A LeNet-5-style CNN for 28×28 single-channel images whose convolution filters are players (the paper's
/// future work, filter-level games) and whose fully connected hidden neurons are players too:
/// conv1 5×5 pad 2 (6 filters) → ReLU → max-pool 2 → conv2 5×5 (16 filters) → ReLU → max-pool 2 →
/// fc1 (120) → ReLU → fc2 (84) → ReLU → fc3 (10).
/// </summary>
public sealed class ParticipatingLeNet5 : ParticipatingNetwork
{
    private const int PooledSide = 5;   // 28 → conv1 (pad 2) 28 → pool 14 → conv2 10 → pool 5
    private readonly ParticipatingConv2d conv1, conv2;
    private readonly ParticipatingLinear fc1, fc2;
    private readonly Linear fc3;
    private readonly List<PlayerGroup> groups;

    public ParticipatingLeNet5(int classes = 10, Device? device = null) : this([6, 16, 120, 84], classes, device) { }

    private ParticipatingLeNet5(int[] widths, int classes, Device? device) : base("lenet5")
    {
        Widths = widths;
        Classes = classes;
        conv1 = new ParticipatingConv2d("conv1", 1, widths[0], 5, padding: 2, device: device);
        conv2 = new ParticipatingConv2d("conv2", widths[0], widths[1], 5, device: device);
        fc1 = new ParticipatingLinear("fc1", (long)widths[1] * PooledSide * PooledSide, widths[2], device);
        fc2 = new ParticipatingLinear("fc2", widths[2], widths[3], device);
        fc3 = CreateLinear(widths[3], classes, device);   // fc2 may keep no neuron: a 0-input layer libtorch cannot initialise
        RegisterComponents();
        const int area = PooledSide * PooledSide;
        groups =
        [
            new PlayerGroup("conv1", conv1, conv2.Weight, w => w.transpose(0, 1).reshape(w.shape[1], -1)),
            new PlayerGroup("conv2", conv2, fc1.Weight, w => w.view(w.shape[0], -1, area).transpose(0, 1).reshape(w.shape[1] / area, -1)),
            new PlayerGroup("fc1", fc1, fc2.Weight, w => w.t()),
            new PlayerGroup("fc2", fc2, fc3.weight!, w => w.t()),
        ];
    }

    public IReadOnlyList<int> Widths { get; }
    public int Classes { get; }
    public override IReadOnlyList<PlayerGroup> PlayerGroups => groups;
    public override string Architecture => "lenet5 " + string.Join("-", Widths) + "-" + Classes;

    public override long MultiplyAdds =>
        (long)Widths[0] * 1 * 25 * 28 * 28
        + (long)Widths[1] * Widths[0] * 25 * 10 * 10
        + (long)Widths[1] * PooledSide * PooledSide * Widths[2]
        + (long)Widths[2] * Widths[3]
        + (long)Widths[3] * Classes;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.dim() == 2 ? input.view(-1, 1, 28, 28) : input;
        x = Pool(nn.functional.relu(conv1.forward(x)));
        x = Pool(nn.functional.relu(conv2.forward(x)));
        x = nn.functional.relu(fc1.forward(x.flatten(1)));
        x = nn.functional.relu(fc2.forward(x));
        return fc3.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>2×2 max pooling; libtorch refuses a channel-less input, which a compacted layer with no filter left produces.</summary>
    private static Tensor Pool(Tensor x) =>
        x.shape[1] == 0 ? zeros(x.shape[0], 0, x.shape[2] / 2, x.shape[3] / 2, device: x.device) : nn.functional.max_pool2d(x, 2);

    public override ParticipatingNetwork Compact(IReadOnlyList<bool[]> keep)
    {
        if (keep.Count != groups.Count)
            throw new ArgumentException($"Expected {groups.Count} keep masks for {Architecture}, got {keep.Count}.", nameof(keep));
        var kept = keep.Select(KeptIndices).ToArray();
        var compact = new ParticipatingLeNet5(kept.Select(k => k.Length).ToArray(), Classes, fc3.weight!.device);
        const int area = PooledSide * PooledSide;
        var fc1Inputs = kept[1].SelectMany(c => Enumerable.Range(0, area).Select(p => c * area + p)).ToArray();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        CopyKeptIncoming(conv1, compact.conv1, kept[0], null);
        CopyKeptIncoming(conv2, compact.conv2, kept[1], kept[0]);
        CopyKeptIncoming(fc1, compact.fc1, kept[2], fc1Inputs);
        CopyKeptIncoming(fc2, compact.fc2, kept[3], kept[2]);
        compact.fc3.weight!.copy_(fc3.weight!.index_select(1, tensor(kept[3], device: fc3.weight!.device)));
        compact.fc3.bias!.copy_(fc3.bias!);
        return compact;
    }
}
