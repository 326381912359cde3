using static TorchSharp.torch;

namespace PruningGame.Data;

/// <summary>Loads any dataset by name: "mnist", "fashion-mnist" (catalogued IDX files) or "synthetic".</summary>
public static class Datasets
{
    public static IReadOnlyList<string> Names { get; } = [.. DatasetCatalog.All.Select(e => e.Name), SyntheticTeacher.Name];

    /// <summary>Refuses a dataset name the workbench does not know; <paramref name="givenAs"/> says where it was given ("with --dataset").</summary>
    public static void RequireKnown(string name, string givenAs)
    {
        if (!Names.Contains(name))
            throw new ArgumentException($"The dataset '{name}' {givenAs} is not one the workbench knows: give one of {string.Join(", ", Names)}.");
    }

    /// <summary>How many training and test samples the dataset <paramref name="name"/> has, without loading it; null for a name the workbench does not know.</summary>
    public static (long Train, long Test)? SampleCounts(string name) =>
        name == SyntheticTeacher.Name ? (SyntheticTeacher.TrainCount, SyntheticTeacher.TestCount)
        : DatasetCatalog.All.FirstOrDefault(e => e.Name == name) is { } entry ? (entry.TrainCount, entry.TestCount) : null;

    /// <summary>The training samples a run of <paramref name="dataset"/> trains on: its subset, or the whole training set.</summary>
    public static long TrainSamplesOf(Configuration.DatasetSpec dataset) =>
        dataset.TrainSamples ?? SampleCounts(dataset.Name)?.Train
        ?? throw new DatasetException($"Unknown dataset '{dataset.Name}'. Known: {string.Join(", ", Names)}.");

    public static Dataset Load(string name, DatasetLocator? locator = null, DatasetFiles? files = null)
    {
        if (name == SyntheticTeacher.Name) return SyntheticTeacher.Generate();
        var entry = DatasetCatalog.Get(name);
        var located = (locator ?? DatasetLocator.Default()).Find(entry);
        return FromIdx(entry, located, files ?? DatasetFiles.Default());
    }

    /// <summary>Whether a catalogued dataset is present on this machine (not verified).</summary>
    public static bool IsPresent(string name, DatasetLocator? locator = null) =>
        name == SyntheticTeacher.Name || (locator ?? DatasetLocator.Default()).TryFind(DatasetCatalog.Get(name)) is not null;

    private static Dataset FromIdx(CatalogEntry entry, LocatedDataset located, DatasetFiles files)
    {
        VerifiedFile Read(DatasetFile f) => files.Read(entry, f, located.FilePaths[f.Name]);
        var trainImages = Read(entry.TrainImages);
        var trainLabels = Read(entry.TrainLabels);
        var testImages = Read(entry.TestImages);
        var testLabels = Read(entry.TestLabels);
        var checksums = new[] { trainImages, trainLabels, testImages, testLabels }
            .Zip(entry.Files)
            .ToDictionary(p => p.Second.Name, p => p.First.ContentSha256);
        var trainIdx = IdxReader.Parse(trainImages.Content, trainImages.Path, 3);
        var testIdx = IdxReader.Parse(testImages.Content, testImages.Path, 3);
        return new Dataset(entry.Name,
            Images(trainIdx, trainImages.Path),
            Labels(IdxReader.Parse(trainLabels.Content, trainLabels.Path, 1), trainIdx.Count, trainLabels.Path, trainImages.Path),
            Images(testIdx, testImages.Path),
            Labels(IdxReader.Parse(testLabels.Content, testLabels.Path, 1), testIdx.Count, testLabels.Path, testImages.Path),
            checksums);
    }

    /// <summary>uint8 [N, rows, cols] → float32 [N, rows·cols] in [0, 1].</summary>
    public static Tensor Images(IdxArray idx, string path)
    {
        if (idx.Dimensions.Length != 3)
            throw new DatasetException($"Dataset file '{path}' holds {idx.Dimensions.Length}-dimensional data; images need 3 (count, rows, columns).");
        using var bytes = tensor(idx.Data, [idx.Count, (long)idx.Dimensions[1] * idx.Dimensions[2]], dtype: ScalarType.Byte);
        return bytes.to_type(ScalarType.Float32).div_(255f);
    }

    public static Tensor Labels(IdxArray idx, int imageCount, string path, string imagesPath)
    {
        if (idx.Count != imageCount)
            throw new DatasetException($"Dataset file '{path}' has {idx.Count} labels but '{imagesPath}' has {imageCount} images; the two files do not belong together.");
        using var bytes = tensor(idx.Data, dtype: ScalarType.Byte);
        return bytes.to_type(ScalarType.Int64);
    }
}
