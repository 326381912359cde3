using PruningGame.Data;

namespace PruningGame.Tests.Data;

/// <summary>The real Fashion-MNIST files (CI installs Debian's dataset-fashion-mnist; see .ci/run).</summary>
public sealed class FashionMnistTests
{
    [Fact]
    public void Fashion_mnist_loads_verified_with_the_papers_sizes()
    {
        Assert.True(Datasets.IsPresent("fashion-mnist"),
            "Fashion-MNIST is not installed: sudo apt-get install dataset-fashion-mnist (or put the files in data/fashion-mnist/).");
        using var data = Datasets.Load("fashion-mnist");
        Assert.Equal(new long[] { 60_000, 784 }, data.TrainImages.shape);
        Assert.Equal(new long[] { 10_000, 784 }, data.TestImages.shape);
        Assert.Equal(10, data.TrainLabels.unique().Item1.shape[0]);
        Assert.InRange(data.TrainImages.max().item<float>(), 0.99f, 1.0f);
        Assert.Equal(DatasetCatalog.FashionMnist.TrainImages.ContentSha256, data.Checksums["train-images-idx3-ubyte"]);
    }
}
