namespace PruningGame.Cli;

/// <summary>
/// One line for a file-system failure: what happened to which path, and what to do. The advice fits every command:
/// the folder options are named by what they are (<c>--results</c> for commands that write runs, <c>--out</c> for those
/// that write tables and figures), and <c>--resume</c> only for a training run.
/// </summary>
internal static class IoErrors
{
    private const int NoSpace = 28;        // ENOSPC
    private const int ReadOnlyFs = 30;     // EROFS

    public static string Explain(Exception e)
    {
        var message = PruningGame.Infrastructure.ExpectedErrors.Message(e).TrimEnd('.', ' ');
        if (e is UnauthorizedAccessException)
            return $"{message}. This user may not read or write there: fix the permissions, or choose another folder (--results for runs, --out for tables and figures).";
        if (message.Contains("--resume", StringComparison.Ordinal)) return message + ".";   // the thrower said what to do already
        if (PruningGame.Infrastructure.ExpectedErrors.IsPathThroughFile(e)) return message + ": give a folder there.";
        return (e.HResult & 0xFFFF) switch
        {
            NoSpace => $"{message}. The disk is full: free space (nothing half-written was kept), then rerun the same command (add --resume to continue a training run).",
            ReadOnlyFs => $"{message}. The folder is on a read-only file system: choose a writable one (--results for runs, --out for tables and figures).",
            _ => $"{message}. Check that the path exists, is a folder where a folder is expected, is writable and has free space; then rerun the same command (add --resume to continue a training run).",
        };
    }
}
