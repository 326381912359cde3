using TorchSharp;

namespace PruningGame.Infrastructure;

/// <summary>
/// Scalars that stay alive while libtorch reads them. TorchSharp 0.107 turns a number passed where a Scalar is expected
/// (<c>t * 0.5</c>, <c>t.clamp_(0, 1)</c>, and <c>t.add_(u)</c>, whose α = 1 it makes itself) into a Scalar that only its
/// finalizer frees, and reads that Scalar's handle without keeping the Scalar reachable for the native call
/// (dotnet/TorchSharp#1434, unmerged). A garbage collection during the call can then free the value libtorch is reading:
/// an abort, "Expected false to be true" from c10::Scalar, rare in training and near certain in a loop that allocates as
/// fast as the equilibrium solve once did. The game's formulas (<see cref="Game.PlayerUtility"/>, <see cref="Game.PlayerGroup"/>)
/// therefore pass these constants, rooted for the process's life, or a Scalar held by <c>using var</c> across the call.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar Zero = 0.0.ToScalar();
    public static readonly Scalar One = 1.0.ToScalar();
    /// <summary>The integer exponent 2, for <c>pow</c> (TorchSharp 0.107 has no in-place <c>square_</c>).</summary>
    public static readonly Scalar Two = 2.ToScalar();
}
