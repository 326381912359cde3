using static TorchSharp.torch;

namespace PruningGame.Data;

/// <summary>
/// A loaded dataset: images as float32 [N, 784] in [0, 1], labels as int64 [N], and the SHA-256 of every
/// source file (recorded in each run's environment.json).
/// </summary>
public sealed record Dataset(string Name, Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels,
                             IReadOnlyDictionary<string, string> Checksums) : IDisposable
{
    private int classes;

    /// <summary>How many classes the labels index (labels are 0..Classes-1), of the full dataset when this is a subset.</summary>
    public int Classes
    {
        get
        {
            if (classes > 0) return classes;
            using var train = TrainLabels.max();
            using var test = TestLabels.max();
            return classes = (int)Math.Max(train.item<long>(), test.item<long>()) + 1;
        }
        init => classes = value;
    }

    /// <summary>
    /// The first <paramref name="train"/> / <paramref name="test"/> samples (all when null), as a new dataset. Asking for
    /// more than there are is an error naming the field: a run trained on fewer samples than its config.json records
    /// would be a record you cannot trust.
    /// </summary>
    public Dataset Take(int? train, int? test)
    {
        Check("dataset.trainSamples", train, TrainLabels.shape[0], "training");
        Check("dataset.testSamples", test, TestLabels.shape[0], "test");
        Tensor First(Tensor t, int? n) => n is null || n == t.shape[0] ? t.clone() : t.narrow(0, 0, n.Value).clone();
        return this with
        {
            Classes = Classes,
            TrainImages = First(TrainImages, train), TrainLabels = First(TrainLabels, train),
            TestImages = First(TestImages, test), TestLabels = First(TestLabels, test),
        };
    }

    private void Check(string field, int? asked, long available, string part)
    {
        if (asked > available)
            throw new InvalidDataException($"'{field}' = {asked} asks for more than the {available.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {part} samples of '{Name}': give at most {available}, or leave it out for all of them.");
    }

    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }
}
