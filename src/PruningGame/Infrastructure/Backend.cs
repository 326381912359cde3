using System.Reflection;

namespace PruningGame.Infrastructure;

/// <summary>The TorchSharp backend this build was compiled against ("cpu" or "cuda").</summary>
public static class Backend
{
    public static string Name { get; } =
        typeof(Backend).Assembly.GetCustomAttribute<TorchBackendAttribute>()?.Backend ?? "unknown";
}
