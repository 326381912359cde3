namespace PruningGame.Data;

/// <summary>Downloads a catalogued dataset into <c>data/&lt;name&gt;/</c>, verifying each file before it is renamed into place.</summary>
public static class DataFetcher
{
    public static async Task<string> FetchAsync(string name, string dataRoot, TimeSpan? timeout = null, Action<string>? log = null)
    {
        var entry = DatasetCatalog.Get(name);
        var directory = Path.Combine(dataRoot, entry.Name);
        Directory.CreateDirectory(directory);
        using var http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(20) };
        foreach (var file in entry.Files)
        {
            var target = Path.Combine(directory, file.Name + ".gz");
            if (File.Exists(target)) { log?.Invoke($"{target} exists; verifying"); DatasetFiles.Verify(entry, file, target); continue; }
            var url = entry.DownloadBaseUrl + file.Name + ".gz";
            log?.Invoke($"downloading {url}");
            byte[] bytes;
            try
            {
                bytes = await http.GetByteArrayAsync(url);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new DatasetException(
                    $"Could not download {url} ({e.Message}). This machine may be offline. " +
                    DatasetLocator.Default().MissingMessage(entry), e);
            }
            var temporary = Path.Combine(directory, $".{file.Name}.{Guid.NewGuid():N}.gz");   // ends in .gz: verified as gzip
            await File.WriteAllBytesAsync(temporary, bytes);
            try
            {
                DatasetFiles.Verify(entry, file, temporary);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
            File.Move(temporary, target, overwrite: false);
        }
        return directory;
    }
}
