namespace PruningGame.Data;

/// <summary>One file of a dataset: its name, decompressed size, and checksums.</summary>
/// <param name="Name">file name without .gz, e.g. "train-images-idx3-ubyte"</param>
/// <param name="DecompressedBytes">size of the raw IDX content</param>
/// <param name="ContentSha256">SHA-256 of the decompressed content, or null where unknown here</param>
/// <param name="GzipSha256">SHA-256s of known .gz copies (canonical and repackaged)</param>
public sealed record DatasetFile(string Name, long DecompressedBytes, string? ContentSha256, IReadOnlyList<string> GzipSha256);

/// <summary>A catalogued dataset: the four IDX files and where they can be downloaded.</summary>
public sealed record CatalogEntry(string Name, string Title, string DownloadBaseUrl, DatasetFile TrainImages, DatasetFile TrainLabels,
                                  DatasetFile TestImages, DatasetFile TestLabels)
{
    public IReadOnlyList<DatasetFile> Files => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>Training samples: one byte per label after the IDX label file's 8-byte header.</summary>
    public long TrainCount => TrainLabels.DecompressedBytes - 8;

    /// <summary>Test samples, counted the same way.</summary>
    public long TestCount => TestLabels.DecompressedBytes - 8;
}

/// <summary>
/// The datasets the workbench knows. A file is accepted when its decompressed content has the catalogued SHA-256
/// (robust to recompression: Debian's Fashion-MNIST .gz files differ byte-wise from Zalando's), or, where the
/// content hash is not recorded, when the .gz itself has a catalogued SHA-256.
/// </summary>
public static class DatasetCatalog
{
    // MNIST .gz SHA-256s as published by TensorFlow Datasets and torchvision's mirrors (the same four values appear
    // across independent projects). MNIST is not downloadable on our build machines, so its decompressed hashes
    // are not recorded: MNIST files are verified through their canonical .gz hash (or content hash, once added).
    public static CatalogEntry Mnist { get; } = new(
        "mnist", "MNIST", "https://ossci-datasets.s3.amazonaws.com/mnist/",
        new("train-images-idx3-ubyte", 47_040_016, null, ["440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"]),
        new("train-labels-idx1-ubyte", 60_008, null, ["3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"]),
        new("t10k-images-idx3-ubyte", 7_840_016, null, ["8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"]),
        new("t10k-labels-idx1-ubyte", 10_008, null, ["f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"]));

    // Content hashes measured here from Debian's dataset-fashion-mnist (the same IDX content Zalando publishes);
    // the .gz hashes are Debian's repackaged files.
    public static CatalogEntry FashionMnist { get; } = new(
        "fashion-mnist", "Fashion-MNIST", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        new("train-images-idx3-ubyte", 47_040_016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            ["b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"]),
        new("train-labels-idx1-ubyte", 60_008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            ["0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"]),
        new("t10k-images-idx3-ubyte", 7_840_016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            ["cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"]),
        new("t10k-labels-idx1-ubyte", 10_008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
            ["8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"]));

    public static IReadOnlyList<CatalogEntry> All { get; } = [Mnist, FashionMnist];

    /// <summary>The catalogued dataset called <paramref name="name"/>: one with files (synthetic data is generated, and has none).</summary>
    public static CatalogEntry Get(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new DatasetException(name == "synthetic"
            ? $"'synthetic' is generated in memory from its seed: it has no files to fetch, verify or locate (the datasets with files: {string.Join(", ", All.Select(e => e.Name))})."
            : $"Unknown dataset '{name}'. Known: {string.Join(", ", All.Select(e => e.Name))}, synthetic.");
}
