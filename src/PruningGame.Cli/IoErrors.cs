namespace PruningGame.Cli;

/// <summary>One line for a file-system failure: what happened to which path, and what to do.</summary>
internal static class IoErrors
{
    private const int NoSpace = 28;        // ENOSPC
    private const int ReadOnlyFs = 30;     // EROFS

    public static string Explain(Exception e)
    {
        var message = e.Message.TrimEnd('.', ' ');
        if (e is UnauthorizedAccessException)
            return $"{message}. This user may not write there: choose a writable folder with --results, or fix the folder's permissions.";
        if (message.Contains("--resume", StringComparison.Ordinal)) return message + ".";   // the thrower said what to do already
        return (e.HResult & 0xFFFF) switch
        {
            NoSpace => $"{message}. The disk is full: free space (nothing half-written was kept), then rerun the same command with --resume.",
            ReadOnlyFs => $"{message}. The folder is on a read-only file system: choose a writable folder with --results.",
            _ => $"{message}. Check that the folder exists, is writable and has free space (or choose another with --results), then rerun with --resume.",
        };
    }
}
