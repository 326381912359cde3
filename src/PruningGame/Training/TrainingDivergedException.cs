namespace PruningGame.Training;

/// <summary>A non-finite loss or participation: the run stops, keeping its last good checkpoint.</summary>
public sealed class TrainingDivergedException(int epoch, int step, string where, string runFolder)
    : Exception($"Training diverged at epoch {epoch}, step {step}: {where} is NaN or infinite. " +
                $"The last good checkpoint is kept in '{runFolder}'; lower the learning rates or the game's costs, then rerun (or --resume).")
{
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public string Where { get; } = where;
}
