using System.Security.Cryptography;
using PruningGame.Data;
using PruningGame.Tests.Training;

namespace PruningGame.Tests.Data;

public sealed class IdxReaderTests
{
    private static IdxArray Images(int n) =>
        new([n, 28, 28], Enumerable.Range(0, n * 784).Select(i => (byte)(i * 7 % 256)).ToArray());

    [Theory]
    [InlineData("images.idx")]
    [InlineData("images.idx.gz")]
    public void Round_trip_preserves_shape_and_bytes_raw_or_gzipped(string fileName)
    {
        var path = Path.Combine(TinyProblem.TempRoot(), fileName);
        var original = Images(3);
        IdxReader.Write(path, original);
        var read = IdxReader.Read(path, 3);
        Assert.Equal(original.Dimensions, read.Dimensions);
        Assert.Equal(original.Data, read.Data);
        using var tensor = Datasets.Images(read, path);
        Assert.Equal(new long[] { 3, 784 }, tensor.shape);
        Assert.Equal(7 / 255f, tensor[0, 1].item<float>(), 6);
    }

    [Fact]
    public void Wrong_magic_number_is_refused_naming_the_file()
    {
        var path = Path.Combine(TinyProblem.TempRoot(), "bad-magic");
        File.WriteAllBytes(path, [0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0]);
        var error = Assert.Throws<DatasetException>(() => IdxReader.Read(path, 3));
        Assert.Contains(path, error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Truncated_file_is_refused_with_the_byte_counts()
    {
        var path = Path.Combine(TinyProblem.TempRoot(), "truncated");
        IdxReader.Write(path, Images(2));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^100]);
        var error = Assert.Throws<DatasetException>(() => IdxReader.Read(path, 3));
        Assert.Contains("truncated", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Unreadable_gzip_is_refused()
    {
        var path = Path.Combine(TinyProblem.TempRoot(), "broken.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef]);
        var error = Assert.Throws<DatasetException>(() => IdxReader.Read(path, 3));
        Assert.Contains("decompressed", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Label_count_that_differs_from_image_count_is_refused()
    {
        var labels = new IdxArray([5], new byte[5]);
        var error = Assert.Throws<DatasetException>(() => Datasets.Labels(labels, imageCount: 4, "labels-file", "images-file"));
        Assert.Contains("5 labels", error.Message);
        Assert.Contains("4 images", error.Message);
    }
}

public sealed class DatasetLocatorTests
{
    private static readonly CatalogEntry Fixture = new("fixture", "Fixture", "http://127.0.0.1:9/",
        new("train-images-idx3-ubyte", 16 + 2 * 784, null, []), new("train-labels-idx1-ubyte", 10, null, []),
        new("t10k-images-idx3-ubyte", 16 + 784, null, []), new("t10k-labels-idx1-ubyte", 9, null, []));

    private static void WriteFixture(string root)
    {
        var dir = Path.Combine(root, "fixture");
        Directory.CreateDirectory(dir);
        IdxReader.Write(Path.Combine(dir, "train-images-idx3-ubyte.gz"), new([2, 28, 28], new byte[2 * 784]));
        IdxReader.Write(Path.Combine(dir, "train-labels-idx1-ubyte"), new([2], [1, 2]));
        IdxReader.Write(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), new([1, 28, 28], new byte[784]));
        IdxReader.Write(Path.Combine(dir, "t10k-labels-idx1-ubyte"), new([1], [3]));
    }

    [Fact]
    public void The_first_root_holding_all_files_wins_in_search_order()
    {
        var temp = TinyProblem.TempRoot();
        string repoData = Path.Combine(temp, "repo-data"), custom = Path.Combine(temp, "custom"), system = Path.Combine(temp, "system");
        WriteFixture(custom);
        WriteFixture(system);
        Directory.CreateDirectory(Path.Combine(repoData, "fixture"));   // present but incomplete: skipped
        File.WriteAllBytes(Path.Combine(repoData, "fixture", "train-labels-idx1-ubyte"), [0]);

        var found = new DatasetLocator([repoData, custom, system]).Find(Fixture);
        Assert.Equal(Path.Combine(custom, "fixture"), found.Directory);

        WriteFixture(repoData);
        Assert.Equal(Path.Combine(repoData, "fixture"), new DatasetLocator([repoData, custom, system]).Find(Fixture).Directory);
    }

    [Fact]
    public void A_missing_dataset_says_where_to_put_it()
    {
        var root = TinyProblem.TempRoot();
        var error = Assert.Throws<DatasetException>(() => new DatasetLocator([root]).Find(DatasetCatalog.FashionMnist));
        Assert.Contains(Path.Combine(root, "fashion-mnist"), error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void A_file_whose_content_fails_its_checksum_is_refused()
    {
        var temp = TinyProblem.TempRoot();
        WriteFixture(temp);
        var path = Path.Combine(temp, "fixture", "train-labels-idx1-ubyte");
        var wrongHash = new DatasetFile("train-labels-idx1-ubyte", 10, new string('0', 64), []);
        var error = Assert.Throws<DatasetException>(() => DatasetFiles.Verify(Fixture, wrongHash, path));
        Assert.Contains("checksum", error.Message);
        Assert.Contains(path, error.Message);
    }

    /// <summary>The fixture's training labels, catalogued with their content hash, and an empty decoded cache.</summary>
    private static (string Temp, string Source, byte[] Content, DatasetFile File, DatasetFiles Files) LabelsWithCache()
    {
        var temp = TinyProblem.TempRoot();
        WriteFixture(temp);
        var source = Path.Combine(temp, "fixture", "train-labels-idx1-ubyte");
        var content = File.ReadAllBytes(source);
        var file = new DatasetFile("train-labels-idx1-ubyte", 10, Convert.ToHexStringLower(SHA256.HashData(content)), []);
        return (temp, source, content, file, new DatasetFiles(Path.Combine(temp, "cache")));
    }

    [Fact]
    public void A_corrupted_decoded_cache_is_rebuilt_not_used()
    {
        var (temp, source, content, file, files) = LabelsWithCache();

        var first = files.Read(Fixture, file, source);
        var cachePath = Path.Combine(temp, "cache", "fixture", "train-labels-idx1-ubyte");
        Assert.True(File.Exists(cachePath));
        File.WriteAllBytes(cachePath, [0, 0, 8, 1, 0, 0, 0, 2, 9, 9]);   // same size, wrong bytes

        var second = files.Read(Fixture, file, source);
        Assert.Equal(content, second.Content);
        Assert.Equal(content, File.ReadAllBytes(cachePath));
        Assert.Equal("decoded cache, SHA-256 checked", files.Read(Fixture, file, source).How);
        Assert.NotEqual("decoded cache, SHA-256 checked", first.How);
    }

    [Fact]
    public void A_source_that_no_longer_verifies_is_refused_even_with_a_good_cache()
    {
        var (temp, source, content, file, files) = LabelsWithCache();
        files.Read(Fixture, file, source);                                   // verified and cached
        Assert.Equal("decoded cache, SHA-256 checked", files.Read(Fixture, file, source).How);

        File.WriteAllBytes(source, [0, 0, 8, 1, 0, 0, 0, 2, 7, 7]);         // the source is damaged afterwards
        var error = Assert.Throws<DatasetException>(() => files.Read(Fixture, file, source));
        Assert.Contains(source, error.Message);
        Assert.Contains("checksum", error.Message);
    }
}

public sealed class SyntheticTeacherTests
{
    [Fact]
    public void Same_seed_gives_the_same_data_and_another_seed_different_data()
    {
        using var a = SyntheticTeacher.Generate(seed: 1, train: 64, test: 16);
        using var b = SyntheticTeacher.Generate(seed: 1, train: 64, test: 16);
        using var c = SyntheticTeacher.Generate(seed: 2, train: 64, test: 16);
        Assert.True(a.TrainImages.eq(b.TrainImages).all().item<bool>() && a.TrainLabels.eq(b.TrainLabels).all().item<bool>());
        Assert.False(a.TrainImages.eq(c.TrainImages).all().item<bool>());
        Assert.True(a.TrainLabels.unique().Item1.shape[0] > 2, "labels use several classes");
    }
}
