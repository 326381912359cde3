using System.Diagnostics;

namespace PruningGame.Infrastructure;

/// <summary>
/// Ends a worker process when the process that started it is gone (killed, even with SIGKILL, which leaves no chance
/// to stop children): the parent passes its pid and start time in the environment, and the worker polls them.
/// </summary>
public static class ParentWatch
{
    public const string PidVariable = "PRUNINGGAME_PARENT_PID";
    public const string StartVariable = "PRUNINGGAME_PARENT_START";

    /// <summary>The variables a parent sets on a worker it starts.</summary>
    public static IReadOnlyDictionary<string, string> ForChild()
    {
        using var me = Process.GetCurrentProcess();
        return new Dictionary<string, string>
        {
            [PidVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [StartVariable] = me.StartTime.ToUniversalTime().Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>In a worker: polls the parent every <paramref name="interval"/> and calls <paramref name="onParentGone"/> once it has gone.</summary>
    public static void StartFromEnvironment(Action onParentGone, TimeSpan? interval = null)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(PidVariable), out var pid)) return;
        long.TryParse(Environment.GetEnvironmentVariable(StartVariable), out var startTicks);
        var thread = new Thread(() =>
        {
            while (IsAlive(pid, startTicks)) Thread.Sleep(interval ?? TimeSpan.FromSeconds(1));
            onParentGone();
        }) { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }

    /// <summary>Whether process <paramref name="pid"/> runs and is the same process (same start time, so not a reused pid).</summary>
    public static bool IsAlive(int pid, long startTicks)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited || IsZombie(pid)) return false;
            return startTicks == 0 || process.StartTime.ToUniversalTime().Ticks == startTicks;
        }
        catch (ArgumentException) { return false; }          // no such process
        catch (InvalidOperationException) { return false; }  // it exited while we looked
    }

    /// <summary>A killed process that its own parent has not reaped yet still has a pid; /proc shows it as state Z.</summary>
    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is 'Z' or 'X';
        }
        catch (IOException) { return false; }   // no /proc (not Linux): rely on HasExited
        catch (UnauthorizedAccessException) { return false; }
    }
}
