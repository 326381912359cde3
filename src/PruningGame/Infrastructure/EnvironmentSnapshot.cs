using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace PruningGame.Infrastructure;

/// <summary>What a run depended on, written as environment.json into every run folder.</summary>
public sealed record EnvironmentSnapshot(
    string WorkbenchVersion, string GitCommit, string DotnetVersion, string Os, string Architecture, string Cpu, int ProcessorCount,
    string MachineName, string TorchSharpVersion, string TorchBackend, int TorchThreads, bool CudaAvailable,
    IReadOnlyDictionary<string, string> DatasetChecksums, DateTimeOffset CapturedAt)
{
    /// <param name="torchThreads">the threads the run trains with, when it sets them (else libtorch's current count)</param>
    public static EnvironmentSnapshot Capture(IReadOnlyDictionary<string, string> datasetChecksums, int? torchThreads = null) => new(
        typeof(EnvironmentSnapshot).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        CurrentGitCommit(),
        Environment.Version.ToString(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        CpuIdentity.Describe(),
        Environment.ProcessorCount,
        Environment.MachineName,
        typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown",
        Backend.Name,
        torchThreads ?? get_num_threads(),
        cuda.is_available(),
        datasetChecksums,
        DateTimeOffset.UtcNow);

    /// <summary>The repository's HEAD commit (with "-dirty" when the tree has changes), or "unknown" outside git.</summary>
    public static string CurrentGitCommit()
    {
        var root = Data.RepositoryRoot.Find();
        var head = Git(root, "rev-parse HEAD");
        if (head is null) return "unknown";
        var status = Git(root, "status --porcelain --untracked-files=no");
        return string.IsNullOrWhiteSpace(status) ? head : head + "-dirty";
    }

    private static string? Git(string directory, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // git is not installed
        }
    }
}
