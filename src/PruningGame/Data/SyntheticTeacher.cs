using static TorchSharp.torch;

namespace PruningGame.Data;

/// <summary>
/// A deterministic synthetic dataset for fast tests: Gaussian inputs labelled by a random ReLU teacher network
/// whose hidden layer is deliberately redundant (each of its <see cref="DistinctUnits"/> units appears
/// <see cref="Copies"/> times, scaled), so a pruning method has players it can remove without loss.
/// </summary>
public static class SyntheticTeacher
{
    public const string Name = "synthetic";
    public const int DistinctUnits = 8;
    public const int Copies = 4;

    /// <summary>The samples a run on "synthetic" has: <see cref="Generate"/>'s defaults.</summary>
    public const int TrainCount = 4096, TestCount = 1024;

    public static Dataset Generate(long seed = 17, int features = 784, int classes = 10, int train = TrainCount, int test = TestCount)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var distinct = randn(DistinctUnits, features, generator: generator) / Math.Sqrt(features);
        var scales = rand(Copies * DistinctUnits, 1, generator: generator) + 0.5;
        var hidden = distinct.repeat(Copies, 1) * scales;                      // redundant copies, rescaled
        var readout = randn(classes, DistinctUnits, generator: generator).repeat(1, Copies);
        Tensor Label(Tensor x) => nn.functional.relu(x.matmul(hidden.t())).matmul(readout.t()).argmax(1);
        var trainX = randn(train, features, generator: generator);
        var testX = randn(test, features, generator: generator);
        var data = new Dataset(Name, trainX.MoveToOuterDisposeScope(), Label(trainX).MoveToOuterDisposeScope(),
                               testX.MoveToOuterDisposeScope(), Label(testX).MoveToOuterDisposeScope(),
                               new Dictionary<string, string> { ["generator"] = $"synthetic-teacher seed={seed} features={features} classes={classes} train={train} test={test}" });
        return data;
    }
}
