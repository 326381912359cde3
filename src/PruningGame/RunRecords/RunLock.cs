using System.Diagnostics;

namespace PruningGame.RunRecords;

/// <summary>
/// The exclusive claim of one process on a run folder: an OS file lock on <c>.lock</c> (released by the kernel when the
/// process dies, however it dies) and, beside it, <c>.owner</c> naming the holder (pid, host, start time). A folder whose
/// <c>.owner</c> survives while nobody holds the lock was left by a killed process: the lock is stale and is taken over.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string LockFile = ".lock";
    public const string OwnerFile = ".owner";

    private readonly FileStream stream;
    private readonly string folder;

    private RunLock(FileStream stream, string folder, string? staleOwner)
    {
        this.stream = stream;
        this.folder = folder;
        StaleOwner = staleOwner;
    }

    /// <summary>The holder recorded by a process that died holding this folder, or null when the lock was free and clean.</summary>
    public string? StaleOwner { get; }

    /// <summary>Who this process is, as written into <c>.owner</c>.</summary>
    public static string Me() =>
        $"pid {Environment.ProcessId} on {Environment.MachineName}, started {Process.GetCurrentProcess().StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z";

    /// <summary>Takes the lock, or returns null with the holder's description when another process holds it.</summary>
    public static RunLock? TryAcquire(string folder, out string? holder)
    {
        holder = null;
        var lockPath = Path.Combine(folder, LockFile);
        var ownerPath = Path.Combine(folder, OwnerFile);
        FileStream stream;
        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Unix: a second process (or a second open here) fails.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && File.Exists(lockPath))
        {
            holder = ReadOwner(ownerPath) ?? "another process (it has not written .owner yet)";
            return null;
        }
        var stale = ReadOwner(ownerPath);
        try
        {
            Infrastructure.AtomicFile.WriteAllText(ownerPath, Me() + "\n");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunLock(stream, folder, stale);
    }

    /// <summary>Whether another process holds <paramref name="folder"/> right now (and who).</summary>
    public static bool IsHeldElsewhere(string folder, out string? holder)
    {
        holder = null;
        if (!File.Exists(Path.Combine(folder, LockFile))) return false;
        using var probe = TryAcquireWithoutOwner(folder, out holder);
        return probe is null;
    }

    private static FileStream? TryAcquireWithoutOwner(string folder, out string? holder)
    {
        holder = null;
        try
        {
            return new FileStream(Path.Combine(folder, LockFile), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException))
        {
            holder = ReadOwner(Path.Combine(folder, OwnerFile)) ?? "another process";
            return null;
        }
    }

    private static string? ReadOwner(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim() : null; }
        catch (IOException) { return null; }
    }

    public void Dispose()
    {
        try { File.Delete(Path.Combine(folder, OwnerFile)); }
        catch (IOException) { }   // a full disk or a vanished folder: the kernel still releases the lock below
        catch (UnauthorizedAccessException) { }
        stream.Dispose();
    }
}
