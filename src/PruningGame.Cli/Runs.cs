using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.RunRecords;
using PruningGame.Training;
using Spectre.Console;

namespace PruningGame.Cli;

/// <summary>Runs one config in this process with a progress display, and prints run summaries.</summary>
internal static class Runs
{
    public static RunResult RunOne(RunConfig config, string resultsRoot, LaunchOptions options, string source) =>
        WithProgress($"{config.Label} s{config.Training.Seed}", observer => RunLauncher.Launch(config, resultsRoot, options, observer, source: source));

    /// <summary>
    /// Trains through <paramref name="train"/> with a progress bar labelled <paramref name="label"/> and a line per epoch;
    /// <paramref name="folderIsTemporary"/> when the run's folder is deleted afterwards, so the last line does not point at it.
    /// </summary>
    public static T WithProgress<T>(string label, Func<ITrainingObserver, T> train, bool folderIsTemporary = false)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label));
                result = train(new SpectreTrainingObserver(task, label, folderIsTemporary));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>How a sweep's child processes start this CLI: the apphost, or `dotnet &lt;dll&gt;` under `dotnet run`.</summary>
    public static IReadOnlyList<string> ChildCommand()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(Runs).Assembly.Location] : [host];
    }

    /// <summary>The CLI's sweep options: child processes for several workers, a line per event.</summary>
    public static SweepOptions Sweep(int workers) => new()
    {
        Workers = workers,
        ChildCommand = ChildCommand(),
        Report = line => AnsiConsole.MarkupLine(Markup.Escape(line)),
    };

    /// <summary>Names the started, unfinished runs under <paramref name="root"/> that a summary of it left out, if any.</summary>
    public static void SayUnfinished(string root)
    {
        var unfinished = RunSummaries.UnfinishedRuns(root);
        if (unfinished.Count == 0) return;
        AnsiConsole.MarkupLine($"[yellow]Left out {unfinished.Count} unfinished run{(unfinished.Count == 1 ? "" : "s")} (no {RunFiles.Summary}; resume with `workbench run <folder> --resume`):[/]");
        foreach (var folder in unfinished.Take(10)) AnsiConsole.MarkupLine($"  {Markup.Escape(folder)}");
        if (unfinished.Count > 10) AnsiConsole.MarkupLine($"  … and {unfinished.Count - 10} more.");
    }

    public static void PrintSummary(RunSummary s, string folder)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(s.Label)}[/] seed {s.Seed} on {Markup.Escape(s.Dataset)}");
        table.AddColumn("measure");
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        foreach (var (measure, value) in RunSummaryRows.Of(s)) Row(measure, value);
        Row("run folder", folder);
        AnsiConsole.Write(table);
    }
}
