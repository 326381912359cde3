using System.Globalization;
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

/// <summary>A finished run as <see cref="RunVerification.Recorded"/> read it: its folder, config and run id (summary.json's).</summary>
public sealed record RecordedRun(string Folder, RunConfig Config, string RunId);

/// <summary>
/// What rerunning a finished run found (`workbench verify`): the run's own config and seed trained again, and every value
/// of its records compared as written, digit for digit (a number spelled otherwise, 1E-07 for 1e-07, is the same number),
/// except measured times (wall seconds, latencies). The workbench
/// promises the same digits for the same config and seed on the same machine; <see cref="MachineChanges"/> lists where
/// this machine differs from the one that made the run (where that promise does not hold), <see cref="CodeChanges"/> the
/// commits of the two.
/// <para><see cref="OneSided"/> names what the rerun wrote and the recorded run did not (a file, a column, a JSON field): a
/// run made by older code records less, and that is not a value that differs. What the recorded run wrote and the rerun
/// did not is a difference.</para>
/// </summary>
public sealed record RunVerification(string RecordedFolder, string RerunFolder, IReadOnlyList<string> FilesCompared, long ValuesCompared,
                                     IReadOnlyList<DigitDifference> Differences, IReadOnlyList<string> OneSided,
                                     IReadOnlyList<string> MachineChanges, IReadOnlyList<string> CodeChanges)
{
    public bool Reproduced => Differences.Count == 0;

    /// <summary>
    /// The records compared: every results file of a finished run, and the compacted model's bytes (compact.bin,
    /// git-ignored, so a committed run has none). config.json is the input.
    /// </summary>
    public static IReadOnlyList<string> ComparedFiles { get; } =
        [RunFiles.Metrics, RunFiles.Participation, RunFiles.Trajectories, RunFiles.PlayerEpochs, RunFiles.Summary, RunFiles.MethodReport, RunFiles.Compact];

    /// <summary>The measured times, which no rerun repeats: metrics.csv's wall seconds, summary.json's wall seconds and latencies (its criteria's too).</summary>
    public static IReadOnlySet<string> TimingFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MetricsCsv.WallSeconds,
        RunConfig.Json.PropertyNamingPolicy!.ConvertName(nameof(RunSummary.WallSeconds)),
        RunConfig.Json.PropertyNamingPolicy!.ConvertName(nameof(RunSummary.DenseLatencyMs)),
        RunConfig.Json.PropertyNamingPolicy!.ConvertName(nameof(RunSummary.CompactLatencyMs)),
    };

    /// <summary>
    /// Trains the finished run in <paramref name="recordedFolder"/> again from its config.json, under its own run id, into
    /// <paramref name="scratchRoot"/>, then <see cref="Compare"/>s the two. A rerun that diverges where the recorded run
    /// finished is a difference, not an error.
    /// </summary>
    public static RunVerification Rerun(string recordedFolder, string scratchRoot, ITrainingObserver? observer = null) =>
        Rerun(Recorded(recordedFolder), scratchRoot, observer);

    /// <summary><see cref="Rerun(string, string, ITrainingObserver?)"/> of a run already read by <see cref="Recorded"/>.</summary>
    public static RunVerification Rerun(RecordedRun recorded, string scratchRoot, ITrainingObserver? observer = null)
    {
        var (folder, config, runId) = recorded;
        try
        {
            var result = RunLauncher.Launch(config, scratchRoot, new LaunchOptions(RunId: runId), observer, source: Path.Combine(folder, RunFiles.Config));
            return Compare(folder, result.Folder);
        }
        catch (TrainingDivergedException e)
        {
            return new RunVerification(folder, RunFolder.PathFor(scratchRoot, config, runId), [], 0,
                [new DigitDifference("training", $"epoch {e.Epoch} step {e.Step}", e.Where, "finite (the run finished)", "NaN or infinite (the rerun diverged)")],
                [], [], []);
        }
    }

    /// <summary>
    /// The finished run in <paramref name="recordedFolder"/>, read before anything trains: its folder, its config and its
    /// run id (summary.json's, so a run folder that was moved or renamed is rerun under its own id). Every recorded file is
    /// read through its typed reader now, so a damaged or missing one is an error naming it, not a difference found after
    /// the retrain; and the config must be the one the summary records (seed, epochs, label, experiment, dataset, method).
    /// </summary>
    public static RecordedRun Recorded(string recordedFolder)
    {
        if (string.IsNullOrWhiteSpace(recordedFolder)) throw new ArgumentException("Give a run folder (results/runs/<experiment>/<run-id>).");
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(recordedFolder));
        if (File.Exists(folder)) throw new InvalidDataException($"'{folder}' is a file: give a run folder (results/runs/<experiment>/<run-id>).");
        RequireFinished(folder);
        var summaryPath = Path.Combine(folder, RunFiles.Summary);
        var summary = SummaryJson.Read(summaryPath);
        if (!RunConfig.IsFolderName(summary.RunId))
            throw new InvalidDataException($"'{summaryPath}': 'runId' = '{summary.RunId}' is not a plain folder name (not empty, no '/', not '.' or '..').");
        var configPath = Path.Combine(folder, RunFiles.Config);
        var config = RunConfig.Load(configPath);
        summary.RequireRecordedConfig(config, configPath);
        MetricsCsv.Read(Path.Combine(folder, RunFiles.Metrics), summary);
        ParticipationCsv.Read(Path.Combine(folder, RunFiles.Participation), summary.TotalPerLayer);
        TrajectoriesCsv.Read(Path.Combine(folder, RunFiles.Trajectories), summary.Epochs, config.Training.TrajectorySamplePerLayer);
        PlayerEpochsCsv.ReadIfPresent(folder, summary);
        foreach (var name in new[] { RunFiles.MethodReport, RunFiles.Environment }.Select(n => Path.Combine(folder, n)).Where(File.Exists))
            if (ReadJson(name) is not JsonObject)
                throw new InvalidDataException($"'{name}' is not a JSON object.");
        return new RecordedRun(folder, config, summary.RunId);
    }

    /// <summary>Compares two finished run folders of one config, file by file and value by value (times excepted).</summary>
    public static RunVerification Compare(string recordedFolder, string rerunFolder)
    {
        RequireFinished(recordedFolder);
        RequireFinished(rerunFolder);
        var differences = new List<DigitDifference>();
        var oneSided = new List<string>();
        var files = new List<string>();
        long values = 0;
        foreach (var name in ComparedFiles)
        {
            var (recorded, rerun) = (Path.Combine(recordedFolder, name), Path.Combine(rerunFolder, name));
            if (File.Exists(recorded) && !File.Exists(rerun))
                differences.Add(new DigitDifference(name, "", "the file", "written", "not written"));
            else if (!File.Exists(recorded) && File.Exists(rerun) && name != RunFiles.Compact)   // compact.bin is git-ignored: committed runs have none
                oneSided.Add($"{name}: not recorded by the run");
            if (!File.Exists(recorded) || !File.Exists(rerun)) continue;
            files.Add(name);
            values += name == RunFiles.Compact ? CompareBytes(name, recorded, rerun, differences)
                : name.EndsWith(".csv", StringComparison.Ordinal) ? CompareCsv(name, CsvTable.Read(recorded), CsvTable.Read(rerun), differences, oneSided)
                : CompareJson(name, ReadJson(recorded), ReadJson(rerun), differences, oneSided);
        }
        var (machine, code) = EnvironmentChanges(recordedFolder, rerunFolder);
        return new RunVerification(recordedFolder, rerunFolder, files, values, differences, oneSided, machine, code);
    }

    /// <summary>Whether <paramref name="name"/> (a CSV column, or a JSON field's last name) is a measured time (<see cref="TimingFields"/>).</summary>
    public static bool IsTiming(string name) => TimingFields.Contains(name);

    private static void RequireFinished(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"'{folder}' does not exist: give a run folder (results/runs/<experiment>/<run-id>).");
        if (File.Exists(Path.Combine(folder, RunFiles.Summary))) return;
        // An experiment's folder (or a results root) given for one of its runs: name a run to give instead.
        var runs = Directory.EnumerateFiles(folder, RunFiles.Summary, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Take(1).ToList();
        var hint = runs.Count == 0 ? "" : $" It holds finished runs: give one of their folders, e.g. '{Path.GetDirectoryName(runs[0])}'.";
        throw new InvalidDataException($"'{folder}' is not a finished run (it has no {RunFiles.Summary}): only a finished run can be verified.{hint}");
    }

    /// <summary>
    /// The values of the columns both files have, as written, each row matched to the other file's row of the same key
    /// (its epoch, layer and player, as every run-folder CSV keys its rows; else its number). A column or a row only the
    /// recorded run has is a difference; a column only the rerun has was not recorded by the run (older code records less).
    /// </summary>
    private static long CompareCsv(string file, CsvTable recorded, CsvTable rerun, List<DigitDifference> differences, List<string> oneSided)
    {
        differences.AddRange(recorded.Header.Except(rerun.Header).Select(c => new DigitDifference(file, "", $"column {c}", "written", "not written")));
        oneSided.AddRange(rerun.Header.Except(recorded.Header).Select(c => $"{file}: column '{c}' not recorded by the run"));
        var keys = new[] { MetricsCsv.Epoch, ParticipationCsv.Layer, ParticipationCsv.Player }.Where(k => recorded.Has(k) && rerun.Has(k)).ToList();
        string Key(CsvTable table, int row) => keys.Count > 0 ? string.Join(" ", keys.Select(k => $"{k} {table.Text(row, k)}")) : $"row {row + 1}";
        var rerunRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < rerun.Rows.Count; row++) rerunRows.TryAdd(Key(rerun, row), row);
        var columns = recorded.Header.Intersect(rerun.Header).Where(c => !IsTiming(c)).ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        long values = 0;
        for (var row = 0; row < recorded.Rows.Count; row++)
        {
            var key = Key(recorded, row);
            if (!rerunRows.TryGetValue(key, out var other))
            {
                differences.Add(new DigitDifference(file, key, "the row", "written", "not written"));
                continue;
            }
            matched.Add(key);
            foreach (var column in columns)
            {
                values++;
                var (a, b) = (recorded.Text(row, column), rerun.Text(other, column));
                if (!SameValue(a, b)) differences.Add(new DigitDifference(file, key, column, a, b));
            }
        }
        differences.AddRange(rerunRows.Keys.Where(k => !matched.Contains(k)).Select(k => new DigitDifference(file, k, "the row", "not written", "written")));
        return values;
    }

    /// <summary>The leaf values of the fields both documents have, by their dotted paths, as written (numbers digit for digit, however spelled).</summary>
    private static long CompareJson(string file, JsonNode? recorded, JsonNode? rerun, List<DigitDifference> differences, List<string> oneSided)
    {
        var (a, b) = (Leaves(recorded), Leaves(rerun));
        differences.AddRange(a.Keys.Except(b.Keys).Order(StringComparer.Ordinal).Select(f => new DigitDifference(file, "", f, a[f], "not written")));
        oneSided.AddRange(b.Keys.Except(a.Keys).Order(StringComparer.Ordinal).Select(f => $"{file}: '{f}' not recorded by the run"));
        long values = 0;
        foreach (var field in a.Keys.Intersect(b.Keys).Where(f => !IsTiming(f[(f.LastIndexOf('.') + 1)..])).Order(StringComparer.Ordinal))
        {
            values++;
            if (!SameValue(a[field], b[field])) differences.Add(new DigitDifference(file, "", field, a[field], b[field]));
        }
        return values;
    }

    /// <summary>
    /// Two values as written are the same value: the same text, or the same number spelled otherwise (<c>1E-07</c> and
    /// <c>1e-07</c>, as another tool may rewrite a file). Integers compare exactly, past a double's 53 bits; other numbers
    /// by their bits, so 0 and -0 differ (.NET writes −0.0 as "-0"). Blank space is not a spelling: " 1" is not "1".
    /// </summary>
    internal static bool SameValue(string recorded, string rerun)
    {
        if (recorded == rerun) return true;
        const NumberStyles number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (long.TryParse(recorded, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
            && long.TryParse(rerun, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var j))
            return i == j && (i != 0 || recorded.StartsWith('-') == rerun.StartsWith('-'));
        return double.TryParse(recorded, number, CultureInfo.InvariantCulture, out var x)
               && double.TryParse(rerun, number, CultureInfo.InvariantCulture, out var y)
               && BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
    }

    /// <summary>The whole file as one value: equal bytes, or a difference that says how many there are and where they first differ.</summary>
    private static long CompareBytes(string file, string recorded, string rerun, List<DigitDifference> differences)
    {
        var (a, b) = (File.ReadAllBytes(recorded), File.ReadAllBytes(rerun));
        if (!a.AsSpan().SequenceEqual(b))
        {
            var first = a.AsSpan().CommonPrefixLength(b);
            differences.Add(new DigitDifference(file, $"from byte {first}", "bytes", $"{a.Length:N0} bytes", $"{b.Length:N0} bytes"));
        }
        return 1;
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
        var text = File.ReadAllText(path);
        try
        {
            return JsonNode.Parse(text, documentOptions: RunConfig.JsonDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON: {JsonErrors.Describe(e, text, RunConfig.Json)}", e);
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
        // When and by which process: never a digit. The torch threads are a digit's only where the config left them to
        // libtorch's default (threads 0); where it fixed them, older runs recorded the process default here instead.
        var threadsFixed = RunConfig.Load(Path.Combine(recordedFolder, RunFiles.Config)).Training.Threads > 0;
        string[] ignored = threadsFixed ? ["capturedAt", "machineName", "torchThreads"] : ["capturedAt", "machineName"];
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
