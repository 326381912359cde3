using PruningGame.Game;
using TorchSharp;
using static TorchSharp.torch;

namespace PruningGame.Models;

/// <summary>
/// A network whose hidden units are players. Subclasses list their <see cref="PlayerGroup"/>s in forward order
/// and know how to build their physically smaller dense version (<see cref="Compact"/>).
/// </summary>
public abstract class ParticipatingNetwork : nn.Module<Tensor, Tensor>
{
    protected ParticipatingNetwork(string name) : base(name) { }

    /// <summary>The participating layers in forward order.</summary>
    public abstract IReadOnlyList<PlayerGroup> PlayerGroups { get; }

    /// <summary>The architecture, e.g. "mlp 784-512-256-10".</summary>
    public abstract string Architecture { get; }

    /// <summary>Multiply-adds for one input sample.</summary>
    public abstract long MultiplyAdds { get; }

    /// <summary>
    /// The dense network with only the kept players (keep[k][i] for group k), each kept player's participation
    /// folded into its incoming weights and bias (so the result has all s = 1). Equal, up to float rounding,
    /// to this network with the removed players' participations set to 0.
    /// </summary>
    public abstract ParticipatingNetwork Compact(IReadOnlyList<bool[]> keep);

    /// <summary>Weights and biases; with <paramref name="includeParticipations"/>, plus one s per player (the paper's count).</summary>
    public long ParameterCount(bool includeParticipations = false) =>
        WeightParameters().Sum(p => p.numel()) + (includeParticipations ? TotalPlayers : 0);

    /// <summary>
    /// nn.Linear, also for a width of 0 (every player of a layer removed), where the default initialisation
    /// would divide by zero: such a layer gets empty weights.
    /// </summary>
    internal static TorchSharp.Modules.Linear CreateLinear(long inFeatures, long outFeatures, Device? device)
    {
        if (inFeatures > 0 && outFeatures > 0) return nn.Linear(inFeatures, outFeatures, device: device);
        var linear = nn.Linear(1, Math.Max(outFeatures, 1), device: device);
        linear.weight = new TorchSharp.Modules.Parameter(zeros(outFeatures, inFeatures, device: device));
        linear.bias = new TorchSharp.Modules.Parameter(zeros(outFeatures, device: device));
        return linear;
    }

    public int TotalPlayers => PlayerGroups.Sum(g => g.PlayerCount);

    /// <summary>Applies 0/1 masks for the forward pass until the returned scope is disposed.</summary>
    public IDisposable UseEvaluationMasks(IReadOnlyList<bool[]> keep)
    {
        if (keep.Count != PlayerGroups.Count)
            throw new ArgumentException($"Expected {PlayerGroups.Count} keep masks, got {keep.Count}.", nameof(keep));
        for (var k = 0; k < keep.Count; k++)
        {
            var layer = PlayerGroups[k].Layer;
            if (keep[k].Length != layer.PlayerCount)
                throw new ArgumentException($"Keep mask {k} ({PlayerGroups[k].Name}) has {keep[k].Length} entries, the layer has {layer.PlayerCount} players.", nameof(keep));
            layer.EvaluationMask = tensor(keep[k].Select(b => b ? 1f : 0f).ToArray(), device: layer.Participation.device);
        }
        return new MaskScope(PlayerGroups);
    }

    /// <summary>
    /// The outputs for <paramref name="input"/> under each keep mask set (null: the network as trained), each equal bit for
    /// bit to <see cref="UseEvaluationMasks"/> and a forward pass. Networks whose first layer's pre-activation does not
    /// depend on the masks compute it once for all of them.
    /// </summary>
    public virtual IReadOnlyList<Tensor> ForwardUnderMasks(Tensor input, IReadOnlyList<IReadOnlyList<bool[]>?> masks) =>
        masks.Select(keep =>
        {
            using var scope = keep is null ? null : UseEvaluationMasks(keep);
            return forward(input);
        }).ToList();

    /// <summary>The parameters that the weight optimizer trains (participations excluded).</summary>
    public IEnumerable<TorchSharp.Modules.Parameter> WeightParameters()
    {
        var participations = PlayerGroups.Select(g => g.Layer.Participation.Handle).ToHashSet();
        return parameters().Where(p => !participations.Contains(p.Handle));
    }

    private sealed class MaskScope(IReadOnlyList<PlayerGroup> groups) : IDisposable
    {
        public void Dispose()
        {
            foreach (var group in groups)
            {
                group.Layer.EvaluationMask?.Dispose();
                group.Layer.EvaluationMask = null;
            }
        }
    }

    /// <summary>
    /// Copies the kept rows (players) of a participating layer into a smaller one, keeping only the kept input
    /// columns/channels (dimension 1; all when null), and folds s into weight and bias.
    /// </summary>
    protected static void CopyKeptIncoming(IParticipatingLayer source, IParticipatingLayer target, long[] kept, long[]? keptInputs)
    {
        if (kept.Length == 0) return;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var index = tensor(kept, device: source.Weight.device);
        var s = source.Participation.index_select(0, index);
        var weight = source.Weight.index_select(0, index);
        if (keptInputs is not null)
            weight = weight.index_select(1, tensor(keptInputs, device: source.Weight.device));
        var shape = new long[weight.dim()];
        shape[0] = -1;
        for (var d = 1; d < shape.Length; d++) shape[d] = 1;
        target.Weight.copy_(weight * s.view(shape));
        if (source.Bias is not null && target.Bias is not null)
            target.Bias.copy_(source.Bias.index_select(0, index) * s);
        target.Participation.fill_(1.0);
    }

    protected static long[] KeptIndices(bool[] keep) =>
        keep.Select((k, i) => (k, i)).Where(t => t.k).Select(t => (long)t.i).ToArray();
}
