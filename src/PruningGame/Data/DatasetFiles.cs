using System.Security.Cryptography;
using PruningGame.Infrastructure;

namespace PruningGame.Data;

/// <summary>A dataset file read and checked against the catalogue.</summary>
public sealed record VerifiedFile(string Path, byte[] Content, string ContentSha256, bool Verified, string How);

/// <summary>
/// Reads a dataset file's IDX content through a verified decoded cache under <c>data/cache/&lt;name&gt;/</c>. The cache is
/// keyed by the SHA-256 of the source file as it is on disk now: the first read decompresses and checks the catalogue
/// checksum, then stores the raw IDX bytes, their SHA-256 and the source's; a later read uses the cache only while the
/// source's SHA-256 is the one that verified and the cached bytes still hash right. A source that changed is verified
/// again, so a damaged source is an error whatever the cache holds, and a damaged cache is rebuilt, never trusted.
/// </summary>
public sealed class DatasetFiles(string cacheRoot)
{
    public string CacheRoot { get; } = cacheRoot;

    public static DatasetFiles Default() => new(Path.Combine(RepositoryRoot.Find(), "data", "cache"));

    public VerifiedFile Read(CatalogEntry entry, DatasetFile file, string sourcePath)
    {
        var cachePath = Path.Combine(CacheRoot, entry.Name, file.Name);
        var hashPath = cachePath + ".sha256";
        var sourceHashPath = cachePath + ".source.sha256";
        var sourceHash = Sha256(File.ReadAllBytes(sourcePath));
        if (File.Exists(cachePath) && File.Exists(hashPath) && File.Exists(sourceHashPath)
            && File.ReadAllText(sourceHashPath).Trim() == sourceHash)
        {
            var cached = File.ReadAllBytes(cachePath);
            var expected = file.ContentSha256 ?? File.ReadAllText(hashPath).Trim();
            var actual = Sha256(cached);
            if (actual == expected && File.ReadAllText(hashPath).Trim() == expected)
                return new VerifiedFile(sourcePath, cached, actual, true, "decoded cache, SHA-256 checked");
        }
        var verified = Verify(entry, file, sourcePath);
        if (verified.Verified)
        {
            AtomicFile.Write(cachePath, stream => stream.Write(verified.Content));
            AtomicFile.WriteAllText(hashPath, verified.ContentSha256 + "\n");
            AtomicFile.WriteAllText(sourceHashPath, sourceHash + "\n");
        }
        return verified;
    }

    /// <summary>Reads and checks a source file without the cache. Throws on a checksum mismatch.</summary>
    public static VerifiedFile Verify(CatalogEntry entry, DatasetFile file, string sourcePath)
    {
        var content = IdxReader.ReadAllBytes(sourcePath);
        var contentHash = Sha256(content);
        if (file.ContentSha256 is not null)
        {
            if (contentHash != file.ContentSha256)
                throw new DatasetException($"Dataset file '{sourcePath}' fails its checksum: decompressed SHA-256 {contentHash}, " +
                                           $"expected {file.ContentSha256} for {entry.Name}/{file.Name}. The file is damaged or not {entry.Title}: replace it.");
            return new VerifiedFile(sourcePath, content, contentHash, true, "content SHA-256");
        }
        if (sourcePath.EndsWith(".gz", StringComparison.Ordinal))
        {
            var gzipHash = Sha256(File.ReadAllBytes(sourcePath));
            if (!file.GzipSha256.Contains(gzipHash))
                throw new DatasetException($"Dataset file '{sourcePath}' fails its checksum: SHA-256 {gzipHash}, expected one of " +
                                           $"{string.Join(", ", file.GzipSha256)} for {entry.Name}/{file.Name}.gz. Replace it with the canonical file.");
            return new VerifiedFile(sourcePath, content, contentHash, true, ".gz SHA-256");
        }
        return new VerifiedFile(sourcePath, content, contentHash, false, "unverified: raw file and no catalogued content hash");
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
