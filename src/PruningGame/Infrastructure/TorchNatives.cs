using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PruningGame.Infrastructure;

/// <summary>
/// Makes TorchSharp use this build's patched native library (build/glibcxx-compat) in any host process, not only the
/// workbench's own. A host that is not ours (the .NET Interactive kernel, a script runner) has no deps file naming
/// TorchSharp's natives; TorchSharp 0.107 then copies the unpatched <c>libLibTorchSharp.so</c> from the NuGet cache into
/// <c>cpu/</c> beside TorchSharp.dll and fails on Debian 12. Before that, it asks the loader for "torch_cpu" and
/// "LibTorchSharp" by name, and the loader answers with a library already loaded under that soname. So loading the
/// patched copy by its path first is enough. Where the build did not patch (libstdc++ new enough), this does nothing.
/// </summary>
public static class TorchNatives
{
    public const string CompatLibrary = "libpruninggame_glibcxx_compat.so";
    private static readonly Lazy<string?> Loaded = new(LoadPatched);

    /// <summary>The patched library loaded, or null when the build did not patch (nothing to do).</summary>
    public static string? EnsurePatchedLoaded() => Loaded.Value;

    // Runs before any code of this assembly: every workbench call that reaches TorchSharp comes after it.
#pragma warning disable CA2255   // a library module initializer is the point: hosts we do not control load this assembly
    [ModuleInitializer]
    internal static void OnAssemblyLoad()
    {
        try { EnsurePatchedLoaded(); }
        catch (DllNotFoundException e) { Console.Error.WriteLine(e.Message); }   // TorchSharp's own failure follows, with its trace
    }
#pragma warning restore CA2255

    private static string? LoadPatched()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var torchSharp = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (string.IsNullOrEmpty(torchSharp)) return null;
        var native = Path.Combine(torchSharp, "runtimes", "linux-x64", "native");
        if (!File.Exists(Path.Combine(native, CompatLibrary))) return null;
        var library = Path.Combine(native, "libLibTorchSharp.so");
        try
        {
            NativeLibrary.Load(library);   // its RUNPATH ($ORIGIN) brings libtorch_cpu.so and the compat library from the same folder
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"TorchSharp's patched native library '{library}' did not load: {e.Message} " +
                                           "Rebuild the workbench (dotnet build) so build/glibcxx-compat patches it again.", e);
        }
        return library;
    }
}
