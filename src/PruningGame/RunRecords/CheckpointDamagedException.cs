namespace PruningGame.RunRecords;

/// <summary>A checkpoint file that cannot be read back (truncated, empty, missing or not a checkpoint).</summary>
public sealed class CheckpointDamagedException(string file, string runFolder, Exception inner)
    : Exception($"Checkpoint file '{file}' is damaged ({Reason(inner)}), so '{runFolder}' cannot resume from it. " +
                           $"Delete '{Path.Combine(runFolder, RunFiles.CheckpointIndex)}' to restart this run from epoch 1 with --resume, " +
                           "or delete the run folder.", inner)
{
    public string File { get; } = file;

    private static string Reason(Exception e) => e switch
    {
        EndOfStreamException => "it ends too early: truncated or empty",
        FileNotFoundException => "it is missing",
        _ => e.Message.TrimEnd('.'),
    };
}
