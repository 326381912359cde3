using System.Diagnostics;
using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.Infrastructure;
using PruningGame.RunRecords;
using PruningGame.Tests.Training;

namespace PruningGame.Tests.Experiments;

public sealed class SweepRunnerTests
{
    private static SweepRun Run(string id, long seed) => new(id, new RunConfig
    {
        Experiment = "sweep-lock",
        Label = "synthetic",
        Model = new ModelSpec { LayerSizes = [784, 16, 10] },
        Dataset = new DatasetSpec { Name = "synthetic", TrainSamples = 256, TestSamples = 128 },
        Training = new TrainingOptions { Epochs = 1, Seed = seed, TrajectorySamplePerLayer = 2 },
    });

    [Fact]
    public void A_run_no_config_could_train_is_refused_as_such_before_a_finished_run_under_its_id_is_compared()
    {
        var root = TinyProblem.TempRoot();
        var run = Run("a", 1);
        SweepRunner.Execute([run], root, new SweepOptions());
        var unknown = run with { Config = run.Config with { Dataset = run.Config.Dataset with { Name = "nosuch" } } };

        var error = Assert.Throws<InvalidDataException>(() => SweepPlan.Pending([unknown], root));
        Assert.Contains("of run 'sweep-lock/a'", error.Message);
        Assert.Contains("'dataset.name' = nosuch is invalid", error.Message);
    }

    [Fact]
    public void A_second_sweep_skips_the_runs_another_process_holds_and_trains_the_rest()
    {
        var root = TinyProblem.TempRoot();
        var runs = new[] { Run("held", 1), Run("free", 2) };
        var held = RunFolder.PathFor(root, runs[0].Config, "held");
        Directory.CreateDirectory(held);
        using (var other = RunLock.TryAcquire(held, out _))   // the first sweep, training "held" right now
        {
            Assert.NotNull(other);
            var outcome = SweepRunner.Execute(runs, root, new SweepOptions());

            var (run, holder) = Assert.Single(outcome.Busy);
            Assert.Equal("held", run.RunId);
            Assert.Contains($"pid {Environment.ProcessId}", holder);
            Assert.Equal("free", Assert.Single(outcome.Finished).RunId);
            Assert.False(File.Exists(Path.Combine(held, RunFiles.Summary)));
        }
        Assert.Equal(2, SweepRunner.Execute(runs, root, new SweepOptions()).Finished.Count);   // released: now it runs
    }

    [Fact]
    public void A_worker_sees_its_parent_die_even_when_killed_and_never_mistakes_a_reused_pid()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        var start = ParentWatch.StartStamp(parent.Id);
        Assert.NotNull(start);
        Assert.True(ParentWatch.IsAlive(parent.Id, start));
        Assert.False(ParentWatch.IsAlive(parent.Id, start + "0"));   // same pid, another process

        parent.Kill();   // SIGKILL: no chance to stop its children itself
        parent.WaitForExit();
        Assert.False(ParentWatch.IsAlive(parent.Id, start));
    }

    [Fact]
    public void A_worker_trains_its_queue_in_order_skips_what_another_process_holds_and_goes_on_after_a_failure()
    {
        var root = TinyProblem.TempRoot();
        var queue = new[] { Run("first", 1), Run("broken", 2), Run("held", 3), Run("last", 4) };
        var held = RunFolder.PathFor(root, queue[2].Config, "held");
        Directory.CreateDirectory(held);
        var markers = new StringWriter();
        int failures;
        using (RunLock.TryAcquire(held, out _))   // the sweep's other worker, training "held" right now
        {
            failures = SweepRunner.Work(queue, root, run =>
            {
                if (run.RunId == "broken") throw new InvalidOperationException("the dataset vanished");
                RunLauncher.Launch(run.Config, root, new LaunchOptions(Resume: true, RunId: run.RunId));
            }, markers);
        }

        Assert.Equal(1, failures);
        var ends = markers.ToString().Split('\n').Where(l => l.StartsWith("@@end", StringComparison.Ordinal)).Select(l => l.TrimEnd()).ToList();
        Assert.Equal(["@@end 0 finished", "@@end 1 failed: the dataset vanished", "@@end 2 skipped", "@@end 3 finished"], ends);
        Assert.True(RunFolder.IsCompleted(root, queue[3].Config, "last"));
        Assert.False(RunFolder.IsCompleted(root, queue[2].Config, "held"));

        var again = new StringWriter();   // a second pass trains only what is left, the held run now free
        Assert.Equal(1, SweepRunner.Work(queue, root, run =>
        {
            if (run.RunId == "broken") throw new InvalidOperationException("still broken");
            RunLauncher.Launch(run.Config, root, new LaunchOptions(Resume: true, RunId: run.RunId));
        }, again));
        Assert.DoesNotContain("@@run 0", again.ToString());
        Assert.Contains("@@end 2 finished", again.ToString());
    }

    [Fact]
    public void Workers_sharing_a_claims_folder_try_each_run_once_even_one_that_failed()
    {
        var root = TinyProblem.TempRoot();
        var queue = new[] { Run("broken", 1), Run("fine", 2) };
        var claims = Path.Combine(root, "queue.tsv.claims");
        var launched = new List<string>();
        void Launch(SweepRun run)
        {
            lock (launched) launched.Add(run.RunId);
            if (run.RunId == "broken") throw new InvalidOperationException("the dataset vanished");
            RunLauncher.Launch(run.Config, root, new LaunchOptions(Resume: true, RunId: run.RunId));
        }

        var first = new StringWriter();
        Assert.Equal(1, SweepRunner.Work(queue[..1], root, Launch, first, claims));   // worker 1 reaches "broken" first
        var second = new StringWriter();
        Assert.Equal(0, SweepRunner.Work(queue, root, Launch, second, claims));                  // worker 2, same sweep

        Assert.Equal(["broken", "fine"], launched);
        Assert.DoesNotContain("@@run 0", second.ToString());
        Assert.Contains("@@end 1 finished", second.ToString());
        Assert.Equal(1, SweepRunner.Work(queue, root, Launch, new StringWriter(), Path.Combine(root, "next-sweep.claims")));
        Assert.Equal(["broken", "fine", "broken"], launched);                                      // a new sweep tries it again
    }

    [Fact]
    public void A_damaged_queue_line_is_refused_naming_the_file_and_the_line()
    {
        var path = Path.Combine(TinyProblem.TempRoot(), "queue.tsv");
        File.WriteAllText(path, "only-a-run-id\n");
        var error = Assert.Throws<InvalidDataException>(() => SweepRunner.ReadQueue(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("line 1", error.Message);
    }
}
