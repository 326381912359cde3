using PruningGame.Infrastructure;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PruningGame.Game;

/// <summary>
/// The players of one participating layer, and how to read each player's parameter group θ_i (and its
/// gradient) as a row of an [N, d] matrix for any <see cref="PlayerSlice"/>.
/// </summary>
/// <param name="Name">layer name, e.g. "fc1"</param>
/// <param name="Layer">the participating layer</param>
/// <param name="OutgoingWeight">the next layer's weight, whose slices multiply this layer's outputs</param>
/// <param name="OutgoingRows">maps a tensor shaped like <paramref name="OutgoingWeight"/> to [N, d_out] rows per player</param>
public sealed record PlayerGroup(string Name, IParticipatingLayer Layer, Parameter OutgoingWeight, Func<Tensor, Tensor> OutgoingRows)
{
    public int PlayerCount => Layer.PlayerCount;

    /// <summary>Incoming weights as [N, d_in] (a view).</summary>
    public Tensor IncomingRows(Tensor weightShaped) => weightShaped.reshape(Layer.PlayerCount, -1);

    /// <summary>θ, one row per player, for the chosen slice (a new tensor: a copy, for occasional use such as scoring).</summary>
    public Tensor Parameters(PlayerSlice slice) => Rows(slice, Layer.Weight, Layer.Bias, OutgoingWeight);

    /// <summary>
    /// θ_i for the chosen slice as the blocks it is made of, each [N, d_k] and read in place where the layout allows
    /// (incoming rows, the bias as a column, the outgoing rows): Σ over blocks of a row-wise quantity is that quantity
    /// on the concatenated row, without the copy.
    /// </summary>
    public IReadOnlyList<Tensor> Blocks(PlayerSlice slice)
    {
        var blocks = new List<Tensor>(3) { IncomingRows(Layer.Weight) };
        if (Layer.Bias is not null && slice != PlayerSlice.IncomingRow) blocks.Add(Layer.Bias.reshape(-1, 1));
        if (slice == PlayerSlice.IncomingAndOutgoing) blocks.Add(OutgoingRows(OutgoingWeight));
        return blocks;
    }

    /// <summary>
    /// ‖θ_i‖² per player for the chosen slice, [N], reading the weights in place: the incoming rows' norms, plus b_i² and
    /// the outgoing rows' squared norms where the slice holds them. Runs every training step, so the bias enters as one
    /// fused b·b term rather than a norm of an [N, 1] block.
    /// </summary>
    public Tensor SquaredNorms(PlayerSlice slice)
    {
        // Read outside autograd: a guard, not a detached copy of every parameter (the training step runs this each step).
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var total = IncomingRowNorms().pow_(Scalars.Two);
        if (Layer.Bias is { } bias && slice != PlayerSlice.IncomingRow)
            total.addcmul_(bias, bias, Scalars.One);
        if (slice == PlayerSlice.IncomingAndOutgoing)
            total.add_(linalg.vector_norm(OutgoingRows(OutgoingWeight), 2, [1]).pow_(Scalars.Two), Scalars.One);
        return total.MoveToOuterDisposeScope();
    }

    /// <summary>‖θ_i^in‖ per player, [N]: the incoming weight row alone (no bias), read in place by libtorch's vector_norm; the first step of <see cref="SquaredNorms"/>.</summary>
    public Tensor IncomingRowNorms()
    {
        using var _ = no_grad();
        return linalg.vector_norm(IncomingRows(Layer.Weight), 2, [1]);
    }

    /// <summary>
    /// ⟨∇_{θ_i}L, θ_i⟩ per player, [N], from the backward pass just run. Unit i computes s_i·(θ_i^in·x) (Eq. 3–4), linear
    /// in its incoming row and bias, so ⟨∇_{θ_i^in}L, θ_i^in⟩ = s_i·∂L/∂s_i: O(N) from the participation's gradient
    /// instead of a pass over the weights. The bias is subtracted when it is not part of θ_i; the outgoing slice, when it
    /// is, is read in place. Requires s to have taken a gradient (requires_grad on <see cref="IParticipatingLayer.Participation"/>).
    /// </summary>
    public Tensor GradientInner(PlayerSlice slice)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var participation = Layer.Participation;
        var gateGradient = participation.grad ?? throw MissingGradient(Name + ".participation (it must require a gradient)");
        var inner = participation * gateGradient;
        if (slice == PlayerSlice.IncomingRow && Layer.Bias is { } bias)
            inner.sub_(bias * (bias.grad ?? throw MissingGradient(Name + ".bias")));
        if (slice == PlayerSlice.IncomingAndOutgoing)
        {
            var outgoingGradient = OutgoingWeight.grad ?? throw MissingGradient(Name + " outgoing weight");
            inner.add_((OutgoingRows(OutgoingWeight) * OutgoingRows(outgoingGradient)).sum(1), Scalars.One);
        }
        return inner.MoveToOuterDisposeScope();
    }

    /// <summary>‖θ_i‖ per player, [N]: the square root of <see cref="SquaredNorms"/> of <paramref name="slice"/> (by default the incoming row and bias).</summary>
    public Tensor IncomingNorms(PlayerSlice slice = PlayerSlice.IncomingRowAndBias) => SquaredNorms(slice).sqrt_();

    /// <summary>‖outgoing weights‖ per player, [N].</summary>
    public Tensor OutgoingNorms() => linalg.vector_norm(OutgoingRows(OutgoingWeight.detach()), 2, [1]);

    /// <summary>Multiplies every player's incoming weight row by <paramref name="perPlayer"/> ([N]), in place; the bias is left as it is.</summary>
    public void ScaleIncoming(Tensor perPlayer)
    {
        using var scope = NewDisposeScope();
        var shape = new long[Layer.Weight.dim()];
        Array.Fill(shape, 1L);
        shape[0] = -1;
        Layer.Weight.mul_(perPlayer.to_type(Layer.Weight.dtype).view(shape));
    }

    /// <summary>Multiplies every player's outgoing slice by <paramref name="perPlayer"/> ([N]), in place.</summary>
    public void ScaleOutgoing(Tensor perPlayer)
    {
        using var scope = NewDisposeScope();
        OutgoingWeight.mul_(OutgoingScaleMap(perPlayer));
    }

    /// <summary>
    /// A tensor shaped like <see cref="OutgoingWeight"/> holding, at every element, the per-player value of
    /// <paramref name="perPlayer"/> ([N]) for the player that element belongs to: multiplying the outgoing weight by it
    /// scales each player's outgoing slice, whatever layout <see cref="OutgoingRows"/> reads it in.
    /// </summary>
    public Tensor OutgoingScaleMap(Tensor perPlayer) =>
        perPlayer.to_type(OutgoingWeight.dtype).index_select(0, OwnerOfOutgoingElement()).reshape(OutgoingWeight.shape);

    private Tensor? ownerOfOutgoingElement;

    /// <summary>For every element of <see cref="OutgoingWeight"/> (flattened), the player whose slice it is in: constant, so computed once.</summary>
    private Tensor OwnerOfOutgoingElement()
    {
        if (ownerOfOutgoingElement is not null) return ownerOfOutgoingElement;
        using var scope = NewDisposeScope();
        var count = OutgoingWeight.numel();
        var index = arange(count, dtype: int64, device: OutgoingWeight.device).reshape(OutgoingWeight.shape);
        var rows = OutgoingRows(index);                                   // [N, d_out] element indices
        var owner = full(count, -1L, dtype: int64, device: OutgoingWeight.device);
        owner.index_put_(arange(rows.shape[0], dtype: int64, device: OutgoingWeight.device).unsqueeze(1).expand(rows.shape).reshape(-1), rows.reshape(-1));
        if (owner.lt(0).any().item<bool>())
            throw new InvalidOperationException($"{Name}: the outgoing layout leaves elements of the next layer's weight without a player.");
        ownerOfOutgoingElement = owner.DetachFromDisposeScope();
        return ownerOfOutgoingElement;
    }

    private Tensor Rows(PlayerSlice slice, Tensor weight, Tensor? bias, Tensor outgoing)
    {
        var incoming = IncomingRows(weight);
        return slice switch
        {
            PlayerSlice.IncomingRow => incoming.clone(),
            PlayerSlice.IncomingRowAndBias when bias is not null => cat([incoming, bias.reshape(-1, 1)], 1),
            PlayerSlice.IncomingRowAndBias => incoming.clone(),
            PlayerSlice.IncomingAndOutgoing => bias is null
                ? cat([incoming, OutgoingRows(outgoing)], 1)
                : cat([incoming, bias.reshape(-1, 1), OutgoingRows(outgoing)], 1),
            _ => throw new ArgumentOutOfRangeException(nameof(slice), slice, "Unknown player slice."),
        };
    }

    private static InvalidOperationException MissingGradient(string what) =>
        new($"No gradient for {what}: call backward() on the loss before reading player gradients.");
}
