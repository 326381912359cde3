using PruningGame.Infrastructure;
using System.Diagnostics;
using PruningGame.Models;
using static TorchSharp.torch;

namespace PruningGame.Training;

/// <summary>The compacted model and what compaction bought, each figure measured.</summary>
public sealed record CompactionResult(
    ParticipatingNetwork Compact, double CompactAccuracy, double MaxAbsDifference,
    long DenseParameters, long CompactParameters, long DenseMultiplyAdds, long CompactMultiplyAdds,
    double DenseLatencyMs, double CompactLatencyMs);

/// <summary>Builds the physically smaller network and checks it computes what the masked network computes.</summary>
public static class Compaction
{
    public static CompactionResult Measure(ParticipatingNetwork model, IReadOnlyList<bool[]> keep, Tensor testX, Tensor testY,
                                           int latencyBatch = 128)
    {
        var compact = model.Compact(keep);
        double maxDifference;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var probe = testX.narrow(0, 0, Math.Min(1024, testX.shape[0]));
            model.eval();
            compact.eval();
            Tensor masked;
            using (model.UseEvaluationMasks(keep))
                masked = model.forward(probe);
            maxDifference = (compact.forward(probe) - masked).abs().max().item<float>();
            model.train();
        }
        var input = testX.narrow(0, 0, Math.Min(latencyBatch, testX.shape[0]));
        return new CompactionResult(
            compact,
            Evaluation.Accuracy(compact, testX, testY),
            maxDifference,
            model.ParameterCount(), compact.ParameterCount(),
            model.MultiplyAdds, compact.MultiplyAdds,
            MedianLatencyMs(model, input), MedianLatencyMs(compact, input));
    }

    /// <summary>Median wall time of a forward pass over <paramref name="input"/>, after warm-up.</summary>
    public static double MedianLatencyMs(nn.Module<Tensor, Tensor> model, Tensor input, int warmup = 3, int repeats = 15)
    {
        model.eval();
        using var noGrad = no_grad();
        var times = new double[repeats];
        for (var r = -warmup; r < repeats; r++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            var output = model.forward(input);
            _ = output.sum().item<float>();   // wait for the result (asynchronous devices)
            if (r >= 0) times[r] = clock.Elapsed.TotalMilliseconds;
        }
        model.train();
        return Statistics.Median(times);
    }
}
