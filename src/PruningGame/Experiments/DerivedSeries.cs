using System.Text.Json;
using PruningGame.Configuration;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>
/// A series of a sweep that trains nothing: the runs labelled <see cref="RunsOf"/>, read under prune criterion
/// <see cref="Criterion"/> and shown as <see cref="Label"/> (issue 19: pruning rules are evaluated, not trained). A sweep
/// writes its derived series to series.json in its runs folder; every reader of that folder (tables, frontier, figures,
/// notebooks) adds them through <see cref="Apply{T}"/>.
/// </summary>
public sealed record DerivedSeries(string Label, string RunsOf, string Criterion)
{
    public const string FileName = "series.json";

    /// <summary>Writes the sweep's derived series into its runs folder (nothing when it has none; an existing file is replaced atomically).</summary>
    public static void Write(string experimentFolder, IReadOnlyList<DerivedSeries> series)
    {
        var path = Path.Combine(experimentFolder, FileName);
        if (series.Count == 0)
        {
            if (File.Exists(path)) File.Delete(path);
            return;
        }
        Directory.CreateDirectory(experimentFolder);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(series, RunConfig.Json));
    }

    /// <summary>The derived series declared in <paramref name="folder"/>'s series.json, or none.</summary>
    public static IReadOnlyList<DerivedSeries> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return [];
        var text = File.ReadAllText(path);
        try
        {
            var series = JsonSerializer.Deserialize<List<DerivedSeries>>(text, RunConfig.Json)
                         ?? throw new InvalidDataException($"'{path}' is empty.");
            foreach (var s in series)
                if (string.IsNullOrWhiteSpace(s.Label) || string.IsNullOrWhiteSpace(s.RunsOf) || string.IsNullOrWhiteSpace(s.Criterion))
                    throw new InvalidDataException($"'{path}': every series needs 'label', 'runsOf' and 'criterion'.");
                else if (!Game.PruneCriteria.IsName(s.Criterion))
                    throw new InvalidDataException($"'{path}': series '{s.Label}' has 'criterion' = '{s.Criterion}', which is not one of {Game.PruneCriteria.Names}.");
            return series;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid list of derived series: {JsonErrors.Describe(e, text, RunConfig.Json)}", e);
        }
    }

    /// <summary>
    /// <paramref name="runs"/> (read from <paramref name="folder"/>) plus, for every derived series declared there, each run
    /// of its source label read under its criterion and relabelled. A series whose source has no finished run adds nothing.
    /// </summary>
    public static IReadOnlyList<T> Apply<T>(string folder, IReadOnlyList<T> runs, Func<T, string> label, Func<T, DerivedSeries, T> derive)
    {
        var series = Read(folder);
        if (series.Count == 0) return runs;
        foreach (var s in series.Where(s => runs.Any(r => label(r) == s.Label)))
            throw new InvalidDataException($"'{Path.Combine(folder, FileName)}' derives series '{s.Label}' from '{s.RunsOf}', but the folder also holds trained " +
                                           $"runs labelled '{s.Label}': move those runs out (they were trained before the series was shared) or remove the series.");
        return runs.Concat(series.SelectMany(s => runs.Where(r => label(r) == s.RunsOf).Select(r => derive(r, s)))).ToList();
    }

    /// <summary>A run summary of the source series read as this series.</summary>
    public RunSummary Read(RunSummary source) => source.UnderCriterion(Criterion) with { Label = Label };
}
