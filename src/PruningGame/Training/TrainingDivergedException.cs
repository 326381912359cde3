namespace PruningGame.Training;

/// <summary>A non-finite loss or participation: the run stops, keeping its last good checkpoint if it has one.</summary>
public sealed class TrainingDivergedException(int epoch, int step, string where, string runFolder, bool checkpointExists)
    : Exception($"Training diverged at epoch {epoch}, step {step}: {where} is NaN or infinite. " +
                (checkpointExists
                    ? $"The last good checkpoint is kept in '{runFolder}'. "
                    : $"It diverged before its first checkpoint, so '{runFolder}' holds nothing to resume. ") +
                "Lower the learning rates or the game's costs, then start again with --new or another --run-id (a resume must keep the run's config).")
{
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public string Where { get; } = where;
    public bool CheckpointExists { get; } = checkpointExists;
}
