using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PruningGame.Configuration;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;

namespace PruningGame.Experiments;

/// <summary>
/// A grid of runs (sweep.json). Every run is the <see cref="Base"/> config with some fields overridden, by
/// dotted camelCase path (e.g. "method.game.beta"), once per seed. Variants are the cross product of
/// <see cref="Grid"/> plus every entry of <see cref="Variants"/>. See sweeps/README.md.
/// </summary>
public sealed record SweepSpec
{
    public string Experiment { get; init; } = "sweep";
    /// <summary>A preset name to start from (optional; <see cref="Base"/> overrides apply on top).</summary>
    public string? Preset { get; init; }
    /// <summary>Several presets: every variant runs on each (the run's label becomes "&lt;preset&gt;_&lt;variant&gt;").</summary>
    public string[]? Presets { get; init; }
    public JsonObject? Base { get; init; }
    public long[] Seeds { get; init; } = [1];
    /// <summary>path → values; every combination becomes a variant.</summary>
    public Dictionary<string, JsonArray>? Grid { get; init; }
    /// <summary>Explicit variants: a name and its overrides.</summary>
    public List<SweepVariant>? Variants { get; init; }

    public static SweepSpec Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(Directory.Exists(path) ? $"'{path}' is a folder: give a sweep file (sweeps/*.json)." : $"Sweep file '{path}' does not exist.", path);
        var text = File.ReadAllText(path);
        try
        {
            return JsonSerializer.Deserialize<SweepSpec>(text, RunConfig.Json)
                   ?? throw new InvalidDataException($"Sweep file '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Sweep file '{path}' is not a valid sweep: {JsonErrors.Describe(e, text, RunConfig.Json)}", e);
        }
    }

    /// <summary>Every run of the sweep, in a stable order, with its run id.</summary>
    public IReadOnlyList<SweepRun> Expand(string source, string? datasetOverride = null, int? epochsOverride = null)
    {
        var variants = new List<SweepVariant>();
        if (Grid is { Count: > 0 })
        {
            IEnumerable<List<(string Path, JsonNode? Value)>> combos = [[]];
            foreach (var (path, values) in Grid)
                combos = combos.SelectMany(c => values.Select(v => new List<(string, JsonNode?)>(c) { (path, v) })).ToList();
            variants.AddRange(combos.Select(c => new SweepVariant
            {
                Name = string.Join("_", c.Select(p => $"{p.Path.Split('.')[^1]}={Render(p.Value)}")),
                Set = c.ToDictionary(p => p.Path, p => p.Value?.DeepClone()),
            }));
        }
        if (Variants is not null) variants.AddRange(Variants.Where(v => v.ReadsRunsOf is null));
        if (variants.Count == 0) variants.Add(new SweepVariant { Name = Presets is { Length: > 0 } ? "base" : Preset ?? "base", Set = [] });

        if (datasetOverride is not null) Data.Datasets.RequireKnown(datasetOverride, $"given for sweep {source} (--dataset, or a notebook's dataset parameter)");
        if (Seeds is null || Seeds.Length == 0) throw new InvalidDataException($"Sweep {source}: 'seeds' must be a non-empty list of integers.");
        if (Presets is { Length: > 0 } && Preset is not null)
            throw new InvalidDataException($"Sweep {source}: give 'preset' or 'presets', not both ('preset' = '{Preset}' would be ignored).");
        if (Grid?.FirstOrDefault(g => g.Value is null || g.Value.Count == 0) is { Key: { } emptyPath })
            throw new InvalidDataException($"Sweep {source}: grid '{emptyPath}' has no values (it would drop the dimension, not sweep it).");
        if (variants.FirstOrDefault(v => string.IsNullOrWhiteSpace(v.Name)) is not null)
            throw new InvalidDataException($"Sweep {source}: every variant needs a 'name'.");
        var runs = new List<SweepRun>();
        var presets = Presets is { Length: > 0 } ? Presets.Select(p => (string?)p).ToArray() : [Preset];
        foreach (var preset in presets)
        foreach (var variant in variants)
        foreach (var seed in Seeds)
        {
            var node = BaseNode(preset);
            var label = Presets is { Length: > 0 } ? $"{preset}_{variant.Name}" : variant.Name;
            node["experiment"] = Experiment;
            node["label"] = label;
            Set(node, "training.seed", seed, source, variant.Name);
            if (datasetOverride is not null) Set(node, "dataset.name", datasetOverride, source, variant.Name);
            foreach (var (path, value) in variant.Set) Set(node, path, value?.DeepClone(), source, variant.Name);
            if (epochsOverride is not null) Set(node, "training.epochs", epochsOverride.Value, source, variant.Name);
            var runSource = $"{source} (variant '{label}', seed {seed})";
            var config = RunConfig.FromJson(node.ToJsonString(), runSource);
            config.RequireKnownDataset(runSource);   // before any worker starts, not once per run
            runs.Add(new SweepRun($"{Sanitize(label)}-seed{seed}", config));
        }
        // Two runs with one id would share a folder: the second would be skipped as already finished, silently.
        if (runs.GroupBy(r => (r.Config.Experiment, r.RunId)).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new InvalidDataException($"Sweep {source}: {repeated.Count()} runs would have the id '{repeated.Key.RunId}' " +
                                           "(a repeated variant name, seed or preset); each run needs its own.");
        return runs;
    }

    /// <summary>
    /// The sweep's series that train nothing (variants with <see cref="SweepVariant.ReadsRunsOf"/>), with the labels their
    /// runs would have had; each names a trained variant of the same sweep and a prune criterion the workbench knows.
    /// </summary>
    public IReadOnlyList<DerivedSeries> DerivedSeries(string source)
    {
        var derived = (Variants ?? []).Where(v => v.ReadsRunsOf is not null).ToList();
        var trained = (Variants ?? []).Where(v => v.ReadsRunsOf is null).Select(v => v.Name).ToHashSet();
        foreach (var v in (Variants ?? []).Where(v => v.ReadsRunsOf is null && v.Criterion is not null))
            throw new InvalidDataException($"Sweep {source}, variant '{v.Name}': 'criterion' needs 'readsRunsOf' (the variant whose runs it reads).");
        foreach (var v in derived)
        {
            if (!trained.Contains(v.ReadsRunsOf!))
                throw new InvalidDataException($"Sweep {source}, variant '{v.Name}': 'readsRunsOf' = '{v.ReadsRunsOf}' names no trained variant of this sweep.");
            if (!Game.PruneCriteria.IsName(v.Criterion))
                throw new InvalidDataException($"Sweep {source}, variant '{v.Name}': 'criterion' = '{v.Criterion ?? "null"}' is not one of {Game.PruneCriteria.Names}.");
            if (v.Set.Count > 0)
                throw new InvalidDataException($"Sweep {source}, variant '{v.Name}' reads the runs of '{v.ReadsRunsOf}' and trains nothing, so it cannot 'set' fields.");
        }
        var presets = Presets is { Length: > 0 } ? Presets.Select(p => (string?)p).ToArray() : [Preset];
        string Label(string? preset, string variant) => Presets is { Length: > 0 } ? $"{preset}_{variant}" : variant;
        return presets.SelectMany(p => derived.Select(v => new DerivedSeries(Label(p, v.Name), Label(p, v.ReadsRunsOf!), v.Criterion!))).ToList();
    }

    /// <summary>
    /// Writes the sweep's <see cref="DerivedSeries(string)"/> to series.json in its runs folder under
    /// <paramref name="resultsRoot"/> (<c>&lt;experiment&gt;-quick</c> for quick runs), where every reader of the folder finds
    /// them; returns that folder. What `workbench sweep` and the notebooks do before reading a sweep's runs.
    /// </summary>
    public string WriteDerivedSeries(string source, string resultsRoot, bool quick = false)
    {
        var folder = RunFolder.ExperimentFolder(resultsRoot, QuickProtocol.ExperimentName(Experiment, quick));
        Experiments.DerivedSeries.Write(folder, DerivedSeries(source));
        return folder;
    }

    private JsonObject BaseNode(string? preset)
    {
        var start = preset is null ? new RunConfig() : Configuration.Presets.ToRunConfig(Configuration.Presets.Get(preset), "fashion-mnist", Experiment);
        var node = JsonNode.Parse(start.ToJson())!.AsObject();
        if (Base is not null) Merge(node, Base);
        return node;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing) Merge(existing, child);
            else target[key] = value?.DeepClone();
        }
    }

    private static void Set(JsonObject root, string path, JsonNode? value, string source, string variant)
    {
        var parts = path.Split('.');
        var node = root;
        for (var depth = 0; depth < parts.Length - 1; depth++)
        {
            var part = parts[depth];
            if (node[part] is not JsonObject next)
            {
                // A section the base gave as a list or value (or a field set through a number) is a mistake: replacing it
                // with an empty section would silently drop the preset's values there.
                if (node[part] is { } other)
                    throw new InvalidDataException($"Sweep {source}, variant '{variant}': cannot set '{path}': " +
                                                   $"'{string.Join('.', parts[..(depth + 1)])}' is {other.ToJsonString()}, not a JSON object.");
                next = new JsonObject();
                node[part] = next;
            }
            node = next;
        }
        if (string.IsNullOrEmpty(parts[^1]))
            throw new InvalidDataException($"Sweep {source}, variant '{variant}': '{path}' is not a field path.");
        node[parts[^1]] = value;
    }

    private static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("G4", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '=' ? c : '-').ToArray());
}

public sealed record SweepVariant
{
    public string Name { get; init; } = "";
    public Dictionary<string, JsonNode?> Set { get; init; } = [];
    /// <summary>
    /// When set, this variant trains nothing: it is the runs of the variant named here read under <see cref="Criterion"/>
    /// (a series that differs from another only in its prune criterion shares that one's runs, issue 19).
    /// </summary>
    public string? ReadsRunsOf { get; init; }
    /// <summary>The prune criterion a <see cref="ReadsRunsOf"/> variant reads its runs under (e.g. "EffectiveNorm").</summary>
    public string? Criterion { get; init; }
}

public sealed record SweepRun(string RunId, RunConfig Config);
