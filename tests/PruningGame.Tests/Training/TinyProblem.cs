using PruningGame.Configuration;
using PruningGame.Data;
using static TorchSharp.torch;

namespace PruningGame.Tests.Training;

/// <summary>A seconds-fast classification problem and a config for it, for trainer tests.</summary>
internal static class TinyProblem
{
    public static Dataset Data(int train = 512, int test = 256, int features = 20, int classes = 3, long seed = 7)
    {
        var generator = new Generator((ulong)seed);
        var teacher = randn(features, classes, generator: generator);
        Tensor Images(int n) => randn(n, features, generator: generator);
        var trainX = Images(train);
        var testX = Images(test);
        return new Dataset("tiny", trainX, trainX.matmul(teacher).argmax(1), testX, testX.matmul(teacher).argmax(1),
                           new Dictionary<string, string> { ["tiny"] = $"seed {seed}" });
    }

    public static RunConfig Config(string experiment, int epochs = 3, long seed = 1, double beta = 0.5, double gamma = 0.0) => new()
    {
        Experiment = experiment,
        Label = "tiny",
        Model = new ModelSpec { Kind = "mlp", LayerSizes = [20, 16, 8, 3] },
        Dataset = new DatasetSpec { Name = "tiny" },
        Training = new TrainingOptions { Epochs = epochs, BatchSize = 32, Seed = seed, LearningRate = 1e-2, TrajectorySamplePerLayer = 4 },
        Method = new MethodSpec { Name = "game", Game = new PruningGame.Game.GameOptions { Beta = beta, Gamma = gamma, ParticipationLearningRate = 0.05 } },
    };

    /// <summary>The environment record every tiny run writes (captured once: it asks git and libtorch).</summary>
    public static PruningGame.Infrastructure.EnvironmentSnapshot Environment { get; } =
        PruningGame.Infrastructure.EnvironmentSnapshot.Capture(new Dictionary<string, string> { ["tiny"] = "generated" });

    public static string TempRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "pruninggame-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }
}
