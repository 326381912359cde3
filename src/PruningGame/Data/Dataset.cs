using static TorchSharp.torch;

namespace PruningGame.Data;

/// <summary>
/// A loaded dataset: images as float32 [N, 784] in [0, 1], labels as int64 [N], and the SHA-256 of every
/// source file (recorded in each run's environment.json).
/// </summary>
public sealed record Dataset(string Name, Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels,
                             IReadOnlyDictionary<string, string> Checksums) : IDisposable
{
    /// <summary>The first <paramref name="train"/> / <paramref name="test"/> samples (all when null), as a new dataset.</summary>
    public Dataset Take(int? train, int? test)
    {
        Tensor First(Tensor t, int? n) => n is null || n >= t.shape[0] ? t.clone() : t.narrow(0, 0, n.Value).clone();
        return this with
        {
            TrainImages = First(TrainImages, train), TrainLabels = First(TrainLabels, train),
            TestImages = First(TestImages, test), TestLabels = First(TestLabels, test),
        };
    }

    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }
}
