using PruningGame.Configuration;
using PruningGame.RunRecords;

namespace PruningGame.Training;

/// <summary>Receives progress from the trainer (the CLI draws it with Spectre.Console; tests ignore it).</summary>
public interface ITrainingObserver
{
    void RunStarted(RunConfig config, string runFolder, int totalEpochs, int stepsPerEpoch) { }
    void StepFinished(int epoch, int step, double loss) { }
    void EpochFinished(EpochRecord record) { }
    /// <summary>The run's summary is written: the run in <paramref name="runFolder"/> is finished.</summary>
    void RunFinished(string runFolder, double seconds) { }
    void Message(string text) { }
}

public sealed class SilentObserver : ITrainingObserver
{
    public static readonly SilentObserver Instance = new();
}
