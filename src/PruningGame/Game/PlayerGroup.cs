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

    /// <summary>θ, one row per player, for the chosen slice (a new tensor).</summary>
    public Tensor Parameters(PlayerSlice slice) => Rows(slice, Layer.Weight, Layer.Bias, OutgoingWeight);

    /// <summary>∇_θ L, one row per player, laid out like <see cref="Parameters"/>. Requires a backward pass.</summary>
    public Tensor Gradients(PlayerSlice slice)
    {
        var weightGrad = Layer.Weight.grad ?? throw MissingGradient(Name + ".weight");
        var biasGrad = Layer.Bias is null ? null : Layer.Bias.grad ?? throw MissingGradient(Name + ".bias");
        var outgoingGrad = slice == PlayerSlice.IncomingAndOutgoing
            ? OutgoingWeight.grad ?? throw MissingGradient(Name + " outgoing weight")
            : OutgoingWeight;
        return Rows(slice, weightGrad, biasGrad, outgoingGrad);
    }

    /// <summary>‖incoming row (+ bias)‖ per player, [N].</summary>
    public Tensor IncomingNorms() => Rows(PlayerSlice.IncomingRowAndBias, Layer.Weight, Layer.Bias, OutgoingWeight).norm(1);

    /// <summary>‖outgoing weights‖ per player, [N].</summary>
    public Tensor OutgoingNorms() => OutgoingRows(OutgoingWeight).norm(1);

    /// <summary>
    /// A tensor shaped like <see cref="OutgoingWeight"/> holding, at every element, the per-player value of
    /// <paramref name="perPlayer"/> ([N]) for the player that element belongs to: multiplying the outgoing weight by it
    /// scales each player's outgoing slice, whatever layout <see cref="OutgoingRows"/> reads it in.
    /// </summary>
    public Tensor OutgoingScaleMap(Tensor perPlayer)
    {
        using var scope = NewDisposeScope();
        var count = OutgoingWeight.numel();
        var index = arange(count, dtype: int64, device: OutgoingWeight.device).reshape(OutgoingWeight.shape);
        var rows = OutgoingRows(index);                                   // [N, d_out] element indices
        var values = perPlayer.to_type(OutgoingWeight.dtype).unsqueeze(1).expand(rows.shape);
        var map = zeros(count, dtype: OutgoingWeight.dtype, device: OutgoingWeight.device);
        map.index_put_(values.reshape(-1), rows.reshape(-1));
        return map.reshape(OutgoingWeight.shape).MoveToOuterDisposeScope();
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
