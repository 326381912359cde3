using static TorchSharp.torch;

namespace PruningGame.Data;

/// <summary>
/// A loaded dataset: images as float32 [N, 784] in [0, 1], labels as int64 [N], and the SHA-256 of every
/// source file (recorded in each run's environment.json).
/// </summary>
public sealed record Dataset(string Name, Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels,
                             IReadOnlyDictionary<string, string> Checksums) : IDisposable
{
    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }
}
