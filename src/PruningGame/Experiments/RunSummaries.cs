using System.Text.Json;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>Finds and reads the summary.json of every finished run under a folder.</summary>
public static class RunSummaries
{
    public static IReadOnlyList<RunSummary> Load(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Results folder '{root}' does not exist.");
        return Directory.EnumerateFiles(root, RunFolder.SummaryFile, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToList();
    }

    public static RunSummary Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(path), RunConfig.Json)
                   ?? throw new InvalidDataException($"Run summary '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Run summary '{path}' is not valid: {e.Message}", e);
        }
    }
}
