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
        var pinnedPath = Path.Combine(repositoryRoot, "environment.json");
        JsonElement? pinned = File.Exists(pinnedPath) ? JsonDocument.Parse(File.ReadAllText(pinnedPath)).RootElement : null;
        results.Add(pinned is null
            ? new("environment.json", CheckStatus.Missing, $"'{pinnedPath}' not found", true)
            : new("environment.json", CheckStatus.Ok, pinnedPath, true));

        var sdk = pinned?.GetProperty("sdk").GetString();
        var runtime = Environment.Version.ToString();
        results.Add(new(".NET runtime", runtime.StartsWith("10.", StringComparison.Ordinal) ? CheckStatus.Ok : CheckStatus.Warning,
                        $"{runtime} (SDK pinned: {sdk ?? "?"} in global.json)", true));

        results.Add(TorchCheck(pinned));
        var threads = get_num_threads();
        var pinnedThreads = pinned?.GetProperty("defaultThreads").GetInt32();
        results.Add(new("CPU threads", CheckStatus.Ok, $"{Environment.ProcessorCount} cores, torch uses {threads} (runs default to {pinnedThreads})", false));
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

    private static CheckResult TorchCheck(JsonElement? pinned)
    {
        try
        {
            using var scope = NewDisposeScope();
            var x = tensor(new float[] { 1, 2, 3 }).requires_grad_();
            x.pow(2).sum().backward();
            var ok = x.grad!.allclose(tensor(new float[] { 2, 4, 6 }));
            var version = typeof(TorchSharp.torch).Assembly.GetName().Version;
            var pinnedBackend = pinned?.GetProperty("torchBackend").GetString();
            return new("TorchSharp", ok ? CheckStatus.Ok : CheckStatus.Missing,
                       $"loaded, backend '{Backend.Name}' (pinned '{pinnedBackend}'), TorchSharp {version}, autograd {(ok ? "ok" : "WRONG")}", true);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or System.Runtime.InteropServices.ExternalException)
        {
            return new("TorchSharp", CheckStatus.Missing, $"does not load: {e.GetBaseException().Message} (see build/glibcxx-compat/README.md)", true);
        }
    }

    private static CheckResult Tool(string name, string path, string purpose) =>
        File.Exists(path) ? new(name, CheckStatus.Ok, path, false) : new(name, CheckStatus.Warning, $"absent; needed for {purpose}", false);
}
