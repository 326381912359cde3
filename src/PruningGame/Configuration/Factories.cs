using PruningGame.Models;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Configuration;

/// <summary>Builds models and pruning methods from their config names.</summary>
public static class Factories
{
    public static ParticipatingNetwork BuildModel(ModelSpec spec, Device device) => spec.Kind switch
    {
        "mlp" => new ParticipatingMlp(spec.LayerSizes, device),
        "lenet5" => new ParticipatingLeNet5(10, device),
        _ => throw new ArgumentException($"Unknown model kind '{spec.Kind}' (expected 'mlp' or 'lenet5').", nameof(spec)),
    };

    /// <summary>Every method name <see cref="BuildMethod"/> accepts.</summary>
    public static IReadOnlyList<string> MethodNames { get; } =
        ["game", "equilibrium", "dense", "random", "magnitude-oneshot", "magnitude-iterative", "gmp-neuron", "gmp-weight", "slimming", "l0"];

    public static PruningMethod BuildMethod(MethodSpec spec) => spec.Name switch
    {
        "game" => new GameMethod(spec.Game ?? throw new ArgumentException("Method 'game' needs its 'game' options.", nameof(spec))),
        "equilibrium" => new EquilibriumPruningMethod(spec.Game ?? throw new ArgumentException("Method 'equilibrium' needs its 'game' options.", nameof(spec))),
        "dense" => new Methods.Baselines.DenseMethod(),
        "random" => new Methods.Baselines.RandomPruningMethod(Baseline(spec)),
        "magnitude-oneshot" => new Methods.Baselines.OneShotMagnitudeMethod(Baseline(spec)),
        "magnitude-iterative" => new Methods.Baselines.IterativeMagnitudeMethod(Baseline(spec)),
        "gmp-neuron" => new Methods.Baselines.GradualNeuronMethod(Baseline(spec)),
        "gmp-weight" => new Methods.Baselines.GradualWeightMethod(Baseline(spec)),
        "slimming" => new Methods.Baselines.NetworkSlimmingMethod(Baseline(spec)),
        "l0" => new Methods.Baselines.L0Method(Baseline(spec)),
        _ => throw new ArgumentException($"Unknown method '{spec.Name}'. Known: {string.Join(", ", MethodNames)}.", nameof(spec)),
    };

    private static BaselineOptions Baseline(MethodSpec spec) =>
        spec.Baseline ?? throw new ArgumentException($"Method '{spec.Name}' needs its 'baseline' options (targetSparsity, strength, fineTuneEpochs).", nameof(spec));

    /// <summary>Whether <paramref name="name"/> names a device this workbench knows ("cpu", "cuda", "cuda:N"), available or not.</summary>
    public static bool IsKnownDevice(string name) =>
        name is "cpu" or "cuda" || (name.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), out var n) && n >= 0);

    /// <summary>Parses "cpu", "cuda" or "cuda:N"; a CUDA device on a machine without CUDA is a clear error.</summary>
    public static Device ResolveDevice(string name)
    {
        if (name == "cpu") return CPU;
        if (IsKnownDevice(name))
        {
            if (!cuda.is_available())
                throw new InvalidOperationException(
                    $"Device '{name}' was requested but CUDA is not available here (TorchSharp backend: {Infrastructure.Backend.Name}). " +
                    "Build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU, or use --device cpu.");
            return device(name);
        }
        throw new ArgumentException($"Unknown device '{name}' (expected cpu, cuda or cuda:N).", nameof(name));
    }
}
