using System.Text.Json;
using PruningGame.Data;
using static TorchSharp.torch;

namespace PruningGame.Infrastructure;

public enum CheckStatus { Ok, Warning, Missing }

/// <summary>One line of `workbench doctor`.</summary>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail, bool Required);

/// <summary>Checks this machine against environment.json: what a reproduction needs, and what is optional.</summary>
public static class EnvironmentCheck
{
    public static IReadOnlyList<CheckResult> Run(string repositoryRoot)
    {
        var results = new List<CheckResult>();
        var (pinned, pinnedLine) = ReadPinned(Path.Combine(repositoryRoot, "environment.json"));
        results.Add(pinnedLine);

        var runtime = Environment.Version.ToString();
        results.Add(new(".NET runtime", runtime.StartsWith("10.", StringComparison.Ordinal) ? CheckStatus.Ok : CheckStatus.Warning,
                        $"{runtime} ({(pinned?.Sdk is { } sdk ? $"SDK pinned: {sdk} in global.json" : $"the SDK pin is {Unknown}")})", true));

        results.Add(TorchCheck(pinned?.TorchBackend));
        var threads = get_num_threads();
        results.Add(new("CPU threads", CheckStatus.Ok, $"{Environment.ProcessorCount} cores, torch uses {threads} ({(pinned?.DefaultThreads is { } pinnedThreads ? $"runs default to {pinnedThreads}" : $"the runs' default is {Unknown}")})", false));
        results.Add(new("CUDA", cuda.is_available() ? CheckStatus.Ok : CheckStatus.Warning,
                        cuda.is_available() ? $"{cuda.device_count()} device(s)" : $"not available (backend '{Backend.Name}'); --device cuda will refuse", false));

        var anyDataset = false;
        foreach (var entry in DatasetCatalog.All)
        {
            var located = DatasetLocator.Default().TryFind(entry);
            if (located is null)
            {
                results.Add(new($"dataset {entry.Name}", CheckStatus.Missing, "not found (workbench data list shows where it is searched)", false));
                continue;
            }
            try
            {
                var verified = entry.Files.Select(f => DatasetFiles.Verify(entry, f, located.FilePaths[f.Name])).ToList();
                var how = verified.All(v => v.Verified) ? "verified" : "present, not verifiable (" + verified.First(v => !v.Verified).How + ")";
                results.Add(new($"dataset {entry.Name}", CheckStatus.Ok, $"{located.Directory}: {how}", false));
                anyDataset = true;
            }
            catch (DatasetException e)
            {
                results.Add(new($"dataset {entry.Name}", CheckStatus.Missing, e.Message, false));
            }
        }
        results.Add(new("a real dataset", anyDataset ? CheckStatus.Ok : CheckStatus.Missing,
                        anyDataset ? "MNIST or Fashion-MNIST is usable" : "neither MNIST nor Fashion-MNIST is usable: sudo apt-get install dataset-fashion-mnist", true));

        results.Add(Tool("chromium", "/usr/bin/chromium", "figure export to SVG/PNG/PDF (apt-get install chromium)"));
        results.Add(Tool("g++", "/usr/bin/g++", "builds the libstdc++ compatibility shim for TorchSharp on Debian 12"));
        results.Add(Tool("patchelf", "/usr/bin/patchelf", "applies the libstdc++ compatibility shim"));
        return results;
    }

    public static bool AllRequiredPresent(IEnumerable<CheckResult> results) =>
        results.Where(r => r.Required).All(r => r.Status != CheckStatus.Missing);

    private const string Unknown = "unknown: see environment.json's line";

    /// <summary>The fields of the repository's environment.json that doctor compares this machine with.</summary>
    private sealed record PinnedEnvironment(string? Sdk, string? TorchBackend, int? DefaultThreads);

    private static readonly JsonSerializerOptions PinnedJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>environment.json's pinned values and its line of the report: a missing, unreadable or damaged file, or one without a field doctor needs, is said there, naming the file and the field.</summary>
    private static (PinnedEnvironment? Pinned, CheckResult Line) ReadPinned(string path)
    {
        CheckResult Problem(string what) =>
            new("environment.json", CheckStatus.Missing, $"'{path}' {what.TrimEnd('.')}. Restore it with `git checkout -- environment.json`.", true);
        if (!File.Exists(path)) return (null, Problem("not found"));
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (null, Problem($"cannot be read ({e.Message})")); }
        PinnedEnvironment? pinned;
        try { pinned = JsonSerializer.Deserialize<PinnedEnvironment>(text, PinnedJson); }
        catch (JsonException e) { return (null, Problem($"is damaged: {JsonErrors.Describe(e, text, PinnedJson).TrimEnd('.')}")); }
        if (pinned is null) return (null, Problem("is empty (null)"));
        var missing = new (string Field, object? Value)[] { ("sdk", pinned.Sdk), ("torchBackend", pinned.TorchBackend), ("defaultThreads", pinned.DefaultThreads) }
            .Where(f => f.Value is null).Select(f => $"'{f.Field}'").ToList();
        return missing.Count > 0
            ? (pinned, Problem($"has no {string.Join(", ", missing)}"))
            : (pinned, new("environment.json", CheckStatus.Ok, path, true));
    }

    private static CheckResult TorchCheck(string? pinnedBackend)
    {
        try
        {
            using var scope = NewDisposeScope();
            var x = tensor(new float[] { 1, 2, 3 }).requires_grad_();
            x.pow(2).sum().backward();
            var ok = x.grad!.allclose(tensor(new float[] { 2, 4, 6 }));
            var version = typeof(TorchSharp.torch).Assembly.GetName().Version;
            return new("TorchSharp", ok ? CheckStatus.Ok : CheckStatus.Missing,
                       $"loaded, backend '{Backend.Name}' ({(pinnedBackend is null ? $"the pinned backend is {Unknown}" : $"pinned '{pinnedBackend}'")}), TorchSharp {version}, autograd {(ok ? "ok" : "WRONG")}", true);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or System.Runtime.InteropServices.ExternalException)
        {
            return new("TorchSharp", CheckStatus.Missing, $"does not load: {e.GetBaseException().Message} (see build/glibcxx-compat/README.md)", true);
        }
    }

    private static CheckResult Tool(string name, string path, string purpose) =>
        File.Exists(path) ? new(name, CheckStatus.Ok, path, false) : new(name, CheckStatus.Warning, $"absent; needed for {purpose}", false);
}
