using System.Diagnostics;
using System.Globalization;

namespace PruningGame.Infrastructure;

/// <summary>
/// Ends a worker process when the process that started it is gone (killed, even with SIGKILL, which leaves no chance
/// to stop children): the parent passes its pid and start stamp in the environment, and the worker polls them.
/// </summary>
public static class ParentWatch
{
    public const string PidVariable = "PRUNINGGAME_PARENT_PID";
    public const string StartVariable = "PRUNINGGAME_PARENT_START";

    /// <summary>The variables a parent sets on a worker it starts.</summary>
    public static IReadOnlyDictionary<string, string> ForChild() => new Dictionary<string, string>
    {
        [PidVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        [StartVariable] = StartStamp(Environment.ProcessId) ?? "",
    };

    /// <summary>In a worker: polls the parent every <paramref name="interval"/> and calls <paramref name="onParentGone"/> once it has gone.</summary>
    public static void StartFromEnvironment(Action onParentGone, TimeSpan? interval = null)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(PidVariable), CultureInfo.InvariantCulture, out var pid)) return;
        var stamp = Environment.GetEnvironmentVariable(StartVariable);
        var thread = new Thread(() =>
        {
            while (IsAlive(pid, stamp)) Thread.Sleep(interval ?? TimeSpan.FromSeconds(1));
            onParentGone();
        }) { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    /// <summary>
    /// Whether process <paramref name="pid"/> runs and is the same process: same start stamp (so not a reused pid), and not
    /// a zombie (killed, its own parent has not reaped it yet). Without /proc only existence is checked.
    /// </summary>
    public static bool IsAlive(int pid, string? stamp)
    {
        var stat = ReadStat(pid);
        if (stat is not null)
            return stat[0] is not ("Z" or "X") && (string.IsNullOrEmpty(stamp) || stat[19] == stamp);
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }          // no such process
        catch (InvalidOperationException) { return false; }  // it exited while we looked
    }

    /// <summary>The process's start time in clock ticks since boot (/proc/&lt;pid&gt;/stat field 22): exact, unlike a wall-clock start time.</summary>
    public static string? StartStamp(int pid) => ReadStat(pid)?[19];

    /// <summary>/proc/&lt;pid&gt;/stat from field 3 (state) on, or null when there is no such process or no /proc.</summary>
    private static string[]? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
