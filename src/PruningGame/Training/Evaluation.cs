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
