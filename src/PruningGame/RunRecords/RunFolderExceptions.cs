namespace PruningGame.RunRecords;

/// <summary>The run asked for has finished already: nothing to train (not an error; a new run takes --new or another id).</summary>
public sealed class RunFinishedException(string runFolder)
    : Exception($"Already finished: '{runFolder}' (summary.json). Nothing to do; to train it again as a separate run, add --new or give another --run-id.")
{
    public string RunFolder { get; } = runFolder;
}

/// <summary>Another process holds the run folder's lock.</summary>
public sealed class RunFolderBusyException(string runFolder, string holder)
    : InvalidOperationException($"Run folder '{runFolder}' is in use by {holder}. Wait for it to finish, or stop that process; " +
                                "a lock left by a killed process is released by the system and taken over automatically.")
{
    public string RunFolder { get; } = runFolder;
    public string Holder { get; } = holder;
}
