using System.Text;

namespace PruningGame.Infrastructure;

/// <summary>Writes files to a temporary name beside the target and renames, so a reader never sees half a file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(contents);
            stream.Write(bytes);
        });

    /// <summary>
    /// Makes <paramref name="folder"/> and writes and removes a file in it: a long job that will write its results there
    /// (a benchmark, an executed notebook) fails at once with the file system's reason, not after its work.
    /// </summary>
    public static void RequireWritableFolder(string folder)
    {
        var check = Path.Combine(folder, $".write-check.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Write(check, _ => { });
        File.Delete(check);
    }

    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                if (stream.CanWrite) stream.Flush(flushToDisk: true);   // some writers (TorchSharp's save) close the stream themselves
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
