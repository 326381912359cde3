using PruningGame.Configuration;
using PruningGame.Data;
using PruningGame.Game;
using PruningGame.Training;
using static TorchSharp.torch;

namespace PruningGame.Reporting.Tests;

/// <summary>Real run folders from the trainer on a seconds-fast problem: two configurations × two seeds, plus one baseline.</summary>
public sealed class RunFixtures : IDisposable
{
    public RunFixtures()
    {
        Root = Directory.CreateTempSubdirectory("pruninggame-reporting-").FullName;
        using var data = Tiny();
        foreach (var (label, beta) in new[] { ("gentle", 0.05), ("harsh", 2.0) })
            foreach (var seed in new long[] { 1, 2 })
                new Trainer().Run(Config(label, seed, MethodSpec.ForGame(new GameOptions { Beta = beta, ParticipationLearningRate = 0.05 })), data, Root, PruningGame.Infrastructure.EnvironmentSnapshot.Capture(data.Checksums));
        new Trainer().Run(Config("magnitude-50", 1, MethodSpec.ForBaseline("magnitude-oneshot", new BaselineOptions { TargetSparsity = 0.5, FineTuneEpochs = 1 })), data, Root, PruningGame.Infrastructure.EnvironmentSnapshot.Capture(data.Checksums));
        Runs = RunData.LoadAll(Root);
    }

    public string Root { get; }
    public IReadOnlyList<RunData> Runs { get; }
    public const int Epochs = 3;

    private static RunConfig Config(string label, long seed, MethodSpec method) => new()
    {
        Experiment = "fixture",
        Label = label,
        Model = new ModelSpec { Kind = "mlp", LayerSizes = [20, 16, 8, 3] },
        Dataset = new DatasetSpec { Name = "tiny" },
        Training = new TrainingOptions { Epochs = Epochs, BatchSize = 32, Seed = seed, LearningRate = 1e-2, TrajectorySamplePerLayer = 4 },
        Method = method,
    };

    private static Dataset Tiny()
    {
        var generator = new Generator(7);
        var teacher = randn(20, 3, generator: generator);
        var x = randn(256, 20, generator: generator);
        var t = randn(128, 20, generator: generator);
        return new Dataset("tiny", x, x.matmul(teacher).argmax(1), t, t.matmul(teacher).argmax(1), new Dictionary<string, string>());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
