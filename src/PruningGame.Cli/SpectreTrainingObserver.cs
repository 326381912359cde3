using PruningGame.Configuration;
using PruningGame.RunRecords;
using PruningGame.Training;
using Spectre.Console;

namespace PruningGame.Cli;

/// <summary>
/// Draws training progress: one bar per run (steps), a line per epoch with the headline numbers, and where the finished
/// run is, unless it trains into a scratch folder that is about to go (<paramref name="folderIsTemporary"/>, as for verify).
/// </summary>
internal sealed class SpectreTrainingObserver(ProgressTask task, string label, bool folderIsTemporary) : ITrainingObserver
{
    private int stepsPerEpoch = 1;

    public void RunStarted(RunConfig config, string runFolder, int totalEpochs, int stepsPerEpoch)
    {
        this.stepsPerEpoch = stepsPerEpoch;
        task.MaxValue = (double)totalEpochs * stepsPerEpoch;
    }

    public void StepFinished(int epoch, int step, double loss)
    {
        task.Value = (double)epoch * stepsPerEpoch + step + 1;
        if (step % 50 == 0) task.Description = $"{Markup.Escape(label)} e{epoch + 1} loss {loss:F3}";
    }

    public void EpochFinished(EpochRecord r) =>
        AnsiConsole.MarkupLine(
            $"[grey]{Markup.Escape(label)}[/] epoch {r.Epoch,2}: loss {r.TrainLoss:F4}  acc pruned [bold]{r.TestAccuracyPruned:P2}[/] (gated {r.TestAccuracyGated:P2})  " +
            $"sparsity {r.NeuronSparsity:P1}  active {r.ActiveNeurons}  mean s {r.MeanParticipation:F3}  {r.WallSeconds:F1}s");

    public void RunFinished(string runFolder, double seconds) =>
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(folderIsTemporary ? $"Trained again in {seconds:F1} s." : $"Finished {runFolder} in {seconds:F1} s.")}[/]");

    public void Message(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
}
