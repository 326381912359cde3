using System.Diagnostics;
using PruningGame.RunRecords;
using PruningGame.Tests.Training;
using PruningGame.Training;

namespace PruningGame.Tests.RunRecords;

/// <summary>
/// Full and read-only file systems, made for real: a small tmpfs per test (the tests run as root, as CI does). A failed
/// write names the file and leaves nothing half-written behind.
/// </summary>
public sealed class IoFailureTests : IDisposable
{
    private readonly string mount = TinyProblem.TempRoot();

    private static void Sh(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"'{command}' failed ({error.Trim()}); these tests need root, as CI has");
    }

    public void Dispose() => Sh($"umount '{mount}' 2>/dev/null || true");

    /// <summary>
    /// After epoch <paramref name="epoch"/> fills the disk, then frees just enough for the next metrics.csv and one
    /// model file: the next checkpoint's model file is written and its optimizer file (or index) is not, the case that
    /// leaves an orphan behind unless the writer cleans up.
    /// </summary>
    private sealed class FillDiskAfterEpoch(int epoch, string filler, string folder) : ITrainingObserver
    {
        public void EpochFinished(EpochRecord record)
        {
            if (record.Epoch != epoch) return;
            const int page = 4096;
            var model = new FileInfo(Path.Combine(folder, $"checkpoint-e{epoch}.model.bin")).Length;
            using var stream = new FileStream(filler, FileMode.Create);
            var block = new byte[page];
            try { while (true) { stream.Write(block); stream.Flush(); } }
            catch (IOException) { }   // the disk is full now
            stream.SetLength(Math.Max(0, stream.Length - ((model + page - 1) / page * page + page)));
        }
    }

    [Fact]
    public void A_full_disk_while_checkpointing_names_the_folder_and_leaves_only_the_previous_complete_checkpoint()
    {
        Sh($"mount -t tmpfs -o size=2m tmpfs '{mount}'");
        var config = TinyProblem.Config("full", epochs: 3);
        using var data = TinyProblem.Data();
        var filler = Path.Combine(mount, "filler");

        var folder = RunFolder.PathFor(mount, config, "r");
        var error = Assert.ThrowsAny<IOException>(() =>
            new Trainer(new FillDiskAfterEpoch(1, filler, folder)).Run(config, data, mount, TinyProblem.Environment, runId: "r"));
        Assert.Contains(folder, error.Message);
        var left = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(left, n => n!.StartsWith("checkpoint-e2", StringComparison.Ordinal) || n.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Contains("checkpoint-e1.model.bin", left);

        File.Delete(filler);   // space again: the same run resumes and finishes
        var resumed = new Trainer().Run(config, data, mount, TinyProblem.Environment, resume: true, runId: "r");
        Assert.Equal(3, resumed.Summary.Epochs);
    }

    [Fact]
    public void A_read_only_results_folder_is_an_io_error_naming_the_path_and_makes_nothing()
    {
        Sh($"mount -t tmpfs -o size=1m,ro tmpfs '{mount}'");
        var config = TinyProblem.Config("readonly", epochs: 1);
        using var data = TinyProblem.Data();

        var error = Assert.ThrowsAny<Exception>(() => new Trainer().Run(config, data, mount, TinyProblem.Environment));
        Assert.True(error is IOException or UnauthorizedAccessException, error.GetType().Name);
        Assert.Contains(mount, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(mount));
    }
}
