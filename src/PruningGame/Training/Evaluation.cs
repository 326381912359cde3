using PruningGame.Models;
using static TorchSharp.torch;

namespace PruningGame.Training;

/// <summary>Test accuracy of a network as trained ("gated") and with a method's pruned players removed ("pruned").</summary>
public static class Evaluation
{
    private const int ChunkSize = 2048;

    /// <summary>Fraction of correctly classified samples, evaluated in chunks without gradients.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels) =>
        Accuracies(model, chunk => [model.forward(chunk)], 1, images, labels)[0];

    /// <summary>
    /// Accuracies under several keep mask sets (null: the network as trained) in one pass over the samples, each equal to
    /// <see cref="Accuracy"/> under that mask set (<see cref="ParticipatingNetwork.ForwardUnderMasks"/>).
    /// </summary>
    public static double[] Accuracies(ParticipatingNetwork model, IReadOnlyList<IReadOnlyList<bool[]>?> masks, Tensor images, Tensor labels) =>
        Accuracies(model, chunk => model.ForwardUnderMasks(chunk, masks), masks.Count, images, labels);

    /// <summary>The chunked pass both share: <paramref name="outputs"/> gives a chunk's logits under each of <paramref name="count"/> settings.</summary>
    private static double[] Accuracies(nn.Module<Tensor, Tensor> model, Func<Tensor, IReadOnlyList<Tensor>> outputs, int count, Tensor images, Tensor labels)
    {
        model.eval();
        using var _ = no_grad();
        var correct = new long[count];
        var n = images.shape[0];
        for (long start = 0; start < n; start += ChunkSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(ChunkSize, n - start);
            var logits = outputs(images.narrow(0, start, length));
            var chunkLabels = labels.narrow(0, start, length);
            for (var i = 0; i < count; i++)
                correct[i] += logits[i].argmax(1).eq(chunkLabels).sum().item<long>();
        }
        model.train();
        return correct.Select(c => n == 0 ? 0 : (double)c / n).ToArray();
    }

    /// <summary>Accuracy with every player outside <paramref name="keep"/> removed: the same function as the compacted model.</summary>
    public static double PrunedAccuracy(ParticipatingNetwork model, IReadOnlyList<bool[]> keep, Tensor images, Tensor labels)
    {
        using var masks = model.UseEvaluationMasks(keep);
        return Accuracy(model, images, labels);
    }
}

/// <summary>
/// One epoch's test accuracies: the network as trained and under several keep masks, each distinct mask once, all in one
/// pass over the test set (<see cref="Evaluation.Accuracies"/>). A game run measures itself under every prune rule each
/// epoch, and the rules often agree (every player kept, or the same players removed). A mask that keeps every player is
/// the network as trained (the gate times 1 is the gate, bit for bit), so it costs nothing.
/// </summary>
public sealed class PrunedAccuracies
{
    private readonly List<(IReadOnlyList<bool[]> Keep, double Accuracy)> measured = [];

    public PrunedAccuracies(ParticipatingNetwork model, IEnumerable<IReadOnlyList<bool[]>> masks, Tensor images, Tensor labels)
    {
        var distinct = new List<IReadOnlyList<bool[]>>();
        foreach (var keep in masks)
            if (!KeepsEveryPlayer(keep) && !distinct.Any(known => SameMasks(known, keep))) distinct.Add(keep);
        var accuracies = Evaluation.Accuracies(model, [null, .. distinct], images, labels);
        Gated = accuracies[0];
        measured.AddRange(distinct.Select((keep, i) => (keep, accuracies[i + 1])));
    }

    /// <summary>The accuracy of the network as trained.</summary>
    public double Gated { get; }

    /// <summary>The accuracy with the players outside <paramref name="keep"/> removed; <paramref name="keep"/> must be one of the masks measured.</summary>
    public double Of(IReadOnlyList<bool[]> keep)
    {
        if (KeepsEveryPlayer(keep)) return Gated;
        foreach (var (known, accuracy) in measured)
            if (SameMasks(known, keep)) return accuracy;
        throw new ArgumentException("This keep mask was not among those measured.", nameof(keep));
    }

    private static bool KeepsEveryPlayer(IReadOnlyList<bool[]> keep) => keep.All(layer => Array.TrueForAll(layer, kept => kept));

    public static bool SameMasks(IReadOnlyList<bool[]> a, IReadOnlyList<bool[]> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));
}
