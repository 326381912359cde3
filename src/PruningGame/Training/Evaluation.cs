using PruningGame.Models;
using static TorchSharp.torch;

namespace PruningGame.Training;

/// <summary>Test accuracy of a network as trained ("gated") and with a method's pruned players removed ("pruned").</summary>
public static class Evaluation
{
    private const int ChunkSize = 2048;

    /// <summary>Fraction of correctly classified samples, evaluated in chunks without gradients.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels)
    {
        model.eval();
        using var _ = no_grad();
        long correct = 0;
        var n = images.shape[0];
        for (long start = 0; start < n; start += ChunkSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(ChunkSize, n - start);
            var predictions = model.forward(images.narrow(0, start, length)).argmax(1);
            correct += predictions.eq(labels.narrow(0, start, length)).sum().item<long>();
        }
        model.train();
        return n == 0 ? 0 : (double)correct / n;
    }

    /// <summary>Accuracy with every player outside <paramref name="keep"/> removed: the same function as the compacted model.</summary>
    public static double PrunedAccuracy(ParticipatingNetwork model, IReadOnlyList<bool[]> keep, Tensor images, Tensor labels)
    {
        using var masks = model.UseEvaluationMasks(keep);
        return Accuracy(model, images, labels);
    }
}

/// <summary>
/// One epoch's test accuracies under several keep masks, each distinct mask evaluated once: a game run measures itself
/// under every prune rule each epoch, and the rules often agree (every player kept, or the same players removed). A mask
/// that keeps every player is the network as trained (the gate times 1 is the gate, bit for bit), so it costs nothing.
/// </summary>
public sealed class PrunedAccuracies(ParticipatingNetwork model, Tensor images, Tensor labels, double gatedAccuracy)
{
    private readonly List<(IReadOnlyList<bool[]> Keep, double Accuracy)> measured = [];

    public double Of(IReadOnlyList<bool[]> keep)
    {
        if (keep.All(layer => Array.TrueForAll(layer, kept => kept))) return gatedAccuracy;
        foreach (var (known, accuracy) in measured)
            if (SameMasks(known, keep)) return accuracy;
        var value = Evaluation.PrunedAccuracy(model, keep, images, labels);
        measured.Add((keep, value));
        return value;
    }

    public static bool SameMasks(IReadOnlyList<bool[]> a, IReadOnlyList<bool[]> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));
}
