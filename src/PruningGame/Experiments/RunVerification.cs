using System.Text.Json;
using System.Text.Json.Nodes;
using PruningGame.Configuration;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;
using PruningGame.Training;

namespace PruningGame.Experiments;

/// <summary>
/// A value a rerun wrote differently from the recorded run: the file, the row (by its epoch, layer and player where the
/// file has them, else its number), the column or JSON field, and both values as written.
/// </summary>
public sealed record DigitDifference(string File, string Row, string Column, string Recorded, string Rerun);

/// <summary>
/// What rerunning a finished run found (`workbench verify`): the run's own config and seed trained again, and every value
/// of its records compared as written, digit for digit, except measured times (wall seconds, latencies). The workbench
/// promises the same digits for the same config and seed on the same machine; <see cref="MachineChanges"/> lists where
/// this machine differs from the one that made the run (where that promise does not hold), <see cref="CodeChanges"/> the
/// commits of the two.
/// </summary>
public sealed record RunVerification(string RecordedFolder, string RerunFolder, IReadOnlyList<string> FilesCompared, long ValuesCompared,
                                     IReadOnlyList<DigitDifference> Differences, IReadOnlyList<string> MachineChanges, IReadOnlyList<string> CodeChanges)
{
    public bool Reproduced => Differences.Count == 0;

    /// <summary>The records compared: every results file of a finished run (config.json is the input; compact.bin holds the same model).</summary>
    public static IReadOnlyList<string> ComparedFiles { get; } =
        [RunFiles.Metrics, RunFiles.Participation, RunFiles.Trajectories, RunFiles.PlayerEpochs, RunFiles.Summary, RunFiles.MethodReport];

    /// <summary>
    /// Trains the finished run in <paramref name="recordedFolder"/> again from its config.json, under its own run id, into
    /// <paramref name="scratchRoot"/>, then <see cref="Compare"/>s the two.
    /// </summary>
    public static RunVerification Rerun(string recordedFolder, string scratchRoot, ITrainingObserver? observer = null)
    {
        var folder = Path.GetFullPath(recordedFolder);
        RequireFinished(folder);
        var configPath = Path.Combine(folder, RunFiles.Config);
        var config = RunConfig.Load(configPath);
        var result = RunLauncher.Launch(config, scratchRoot, new LaunchOptions(RunId: Path.GetFileName(folder)), observer, source: configPath);
        return Compare(folder, result.Folder);
    }

    /// <summary>Compares two finished run folders of one config, file by file and value by value (times excepted).</summary>
    public static RunVerification Compare(string recordedFolder, string rerunFolder)
    {
        RequireFinished(recordedFolder);
        RequireFinished(rerunFolder);
        var differences = new List<DigitDifference>();
        var files = new List<string>();
        long values = 0;
        foreach (var name in ComparedFiles)
        {
            var recorded = Path.Combine(recordedFolder, name);
            if (!File.Exists(recorded)) continue;   // older runs lack player-epochs.csv; only some methods write a report
            var rerun = Path.Combine(rerunFolder, name);
            if (!File.Exists(rerun))
            {
                differences.Add(new DigitDifference(name, "", "", "present", "missing"));
                continue;
            }
            files.Add(name);
            values += name.EndsWith(".csv", StringComparison.Ordinal)
                ? CompareCsv(name, CsvTable.Read(recorded), CsvTable.Read(rerun), differences)
                : CompareJson(name, ReadJson(recorded), ReadJson(rerun), differences);
        }
        var (machine, code) = EnvironmentChanges(recordedFolder, rerunFolder);
        return new RunVerification(recordedFolder, rerunFolder, files, values, differences, machine, code);
    }

    /// <summary>A measured time, which no rerun repeats: metrics.csv's wall_seconds, summary.json's wallSeconds and latencies.</summary>
    public static bool IsTiming(string column) =>
        column == MetricsCsv.WallSeconds || column.EndsWith("Seconds", StringComparison.Ordinal) || column.EndsWith("LatencyMs", StringComparison.Ordinal);

    private static void RequireFinished(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"'{folder}' does not exist: give a run folder (results/runs/<experiment>/<run-id>).");
        if (!File.Exists(Path.Combine(folder, RunFiles.Summary)))
            throw new InvalidDataException($"'{folder}' is not a finished run (it has no {RunFiles.Summary}): only a finished run can be verified.");
    }

    private static long CompareCsv(string file, CsvTable recorded, CsvTable rerun, List<DigitDifference> differences)
    {
        if (!recorded.Header.SequenceEqual(rerun.Header))
        {
            differences.Add(new DigitDifference(file, "header", "", string.Join(",", recorded.Header), string.Join(",", rerun.Header)));
            return 0;
        }
        if (recorded.Rows.Count != rerun.Rows.Count)
            differences.Add(new DigitDifference(file, "rows", "", $"{recorded.Rows.Count}", $"{rerun.Rows.Count}"));
        var keys = new[] { "epoch", "layer", "player" }.Where(recorded.Has).ToList();
        long values = 0;
        for (var row = 0; row < Math.Min(recorded.Rows.Count, rerun.Rows.Count); row++)
        {
            var label = keys.Count > 0 ? string.Join(" ", keys.Select(k => $"{k} {recorded.Text(row, k)}")) : $"row {row + 1}";
            foreach (var column in recorded.Header.Where(c => !IsTiming(c)))
            {
                values++;
                var (a, b) = (recorded.Text(row, column), rerun.Text(row, column));
                if (a != b) differences.Add(new DigitDifference(file, label, column, a, b));
            }
        }
        return values;
    }

    private static long CompareJson(string file, JsonNode? recorded, JsonNode? rerun, List<DigitDifference> differences)
    {
        var (a, b) = (Leaves(recorded), Leaves(rerun));
        long values = 0;
        foreach (var field in a.Keys.Union(b.Keys).Where(f => !IsTiming(f[(f.LastIndexOf('.') + 1)..])).Order(StringComparer.Ordinal))
        {
            values++;
            var (x, y) = (a.GetValueOrDefault(field, "(absent)"), b.GetValueOrDefault(field, "(absent)"));
            if (x != y) differences.Add(new DigitDifference(file, "", field, x, y));
        }
        return values;
    }

    /// <summary>Every leaf value of a JSON document as written, by its dotted path ("criteria.EffectiveNorm.neuronsKept").</summary>
    private static Dictionary<string, string> Leaves(JsonNode? node)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, value) in o) Walk(value, path.Length == 0 ? key : $"{path}.{key}");
                    break;
                case JsonArray list:
                    for (var i = 0; i < list.Count; i++) Walk(list[i], $"{path}[{i}]");
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    leaves[path] = v.GetValue<string>();
                    break;
                default:
                    leaves[path] = n?.ToJsonString() ?? "null";   // a number as written, digit for digit
                    break;
            }
        }
        Walk(node, "");
        return leaves;
    }

    private static JsonNode? ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {JsonErrors.Describe(e, File.ReadAllText(path), RunConfig.Json)}", e);
        }
    }

    /// <summary>
    /// Where the rerun's environment.json differs from the recorded one: in what can change digits (processor, libraries,
    /// backend, operating system, the dataset's checksums), and in the code's commit and version, for the record.
    /// </summary>
    private static (IReadOnlyList<string> Machine, IReadOnlyList<string> Code) EnvironmentChanges(string recordedFolder, string rerunFolder)
    {
        var recordedPath = Path.Combine(recordedFolder, RunFiles.Environment);
        if (!File.Exists(recordedPath)) return ([$"the recorded run has no {RunFiles.Environment}: the machine that made it is unknown"], []);
        var (a, b) = (Leaves(ReadJson(recordedPath)), Leaves(ReadJson(Path.Combine(rerunFolder, RunFiles.Environment))));
        // When and by which process: never a digit. The torch threads are the config's (older runs recorded the process default).
        string[] ignored = ["capturedAt", "machineName", "torchThreads"];
        string[] code = ["gitCommit", "workbenchVersion"];
        var changed = a.Keys.Union(b.Keys).Where(k => !ignored.Contains(k) && a.GetValueOrDefault(k) != b.GetValueOrDefault(k)).Order(StringComparer.Ordinal)
            .Select(k => (Key: k, Text: (a.TryGetValue(k, out var then), b.TryGetValue(k, out var now)) switch
            {
                (true, true) => $"{k}: recorded {then}, now {now}",
                (false, _) => $"{k}: not recorded by the run, now {now}",
                (_, false) => $"{k}: recorded {then}, not recorded now",
            })).ToList();
        return (changed.Where(c => !code.Contains(c.Key)).Select(c => c.Text).ToList(), changed.Where(c => code.Contains(c.Key)).Select(c => c.Text).ToList());
    }
}
