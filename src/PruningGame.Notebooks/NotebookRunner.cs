using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace PruningGame.Notebooks;

/// <summary>
/// Where a cell failed. <see cref="CellNumber"/> counts every cell of the user's notebook from 1, markdown included, as
/// Jupyter and VS Code show them (0 for the injected parameters cell); <see cref="Line"/> is known for compile errors.
/// </summary>
public sealed record CellFailure(int CellNumber, int Line, string SourceLine, string ExceptionType, string Message)
{
    public string Cell => CellNumber == 0 ? "the injected parameters cell" : $"cell {CellNumber}";

    public override string ToString() =>
        Line > 0 ? $"{Cell}, line {Line}: {SourceLine.Trim()}\n  {ExceptionType}: {Message}" : $"{Cell}\n  {ExceptionType}: {Message}";
}

public sealed record NotebookRunResult(string OutputPath, int CellsRun, CellFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Executes a notebook's C# cells in order in the .NET Interactive C# kernel, in this process — the kernel VS Code and
/// Jupyter use — and writes the executed notebook with what each cell printed, displayed and returned, as the kernel's
/// formatters render it. A failing cell stops the run; the notebook executed so far is still written.
/// </summary>
public static class NotebookRunner
{
    public static async Task<NotebookRunResult> RunAsync(string notebookPath, IReadOnlyDictionary<string, string> parameters, string outputPath,
                                                         Action<int, int>? progress = null)
    {
        var document = NotebookFile.Load(notebookPath);
        var positions = Enumerable.Range(1, document.Elements.Count).ToList();   // each cell's number in the user's notebook
        InjectParameters(document, positions, parameters, notebookPath);
        WorkbenchFormatters.ResetPlotly();

        var codeCells = document.Elements.Select((cell, i) => (Cell: cell, Number: positions[i])).Where(c => NotebookFile.IsCode(c.Cell)).ToList();
        var executionCount = 0;
        CellFailure? failure = null;
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;   // as Jupyter: paths relative to the notebook
        try
        {
            using var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers().UseValueSharing() };
            kernel.DefaultKernelName = "csharp";
            foreach (var (cell, number) in codeCells)
            {
                executionCount++;
                progress?.Invoke(executionCount, codeCells.Count);
                cell.Outputs.Clear();
                cell.ExecutionOrder = executionCount;
                var clock = Stopwatch.StartNew();
                var result = await kernel.SendAsync(new SubmitCode(cell.Contents, "csharp"));
                failure = Record(result.Events, cell, number, executionCount);
                cell.Metadata ??= new Dictionary<string, object>();
                cell.Metadata["execution_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
                if (failure is not null) break;
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            NotebookFile.Save(document, outputPath);
        }
        return new NotebookRunResult(outputPath, executionCount, failure);
    }

    /// <summary>Like papermill: a cell tagged "injected-parameters" right after the cell tagged "parameters". Checks every value first.</summary>
    private static void InjectParameters(InteractiveDocument document, List<int> positions, IReadOnlyDictionary<string, string> values, string notebookPath)
    {
        if (values.Count == 0) return;
        var index = NotebookFile.ParametersCellIndex(document);
        if (index < 0) throw new NotebookException($"Notebook '{notebookPath}' has no cell tagged 'parameters', so it takes no --param values.");
        var code = NotebookParameters.InjectedCode(NotebookParameters.Declared(document.Elements[index].Contents), values, notebookPath);
        document.Elements.Insert(index + 1, new InteractiveDocumentElement(code, "csharp")
        {
            Id = "injected-parameters",
            Metadata = new Dictionary<string, object> { ["tags"] = new object[] { "injected-parameters" } },
        });
        positions.Insert(index + 1, 0);
    }

    private static CellFailure? Record(IReadOnlyList<KernelEvent> events, InteractiveDocumentElement cell, int number, int executionCount)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced output:
                    AddStream(cell, "stdout", output);
                    break;
                case StandardErrorValueProduced error:
                    AddStream(cell, "stderr", error);
                    break;
                case ReturnValueProduced value:
                    var result = new ReturnValueElement { ExecutionOrder = executionCount };
                    foreach (var f in value.FormattedValues) result.Data[f.MimeType] = f.Value;
                    cell.Outputs.Add(result);
                    break;
                case DisplayedValueProduced shown:
                    cell.Outputs.Add(new DisplayElement(shown.FormattedValues.ToDictionary(f => f.MimeType, f => (object)f.Value)));
                    break;
                case CommandFailed failed:
                    var failure = Describe(failed, events.OfType<DiagnosticsProduced>().FirstOrDefault(), cell.Contents, number);
                    cell.Outputs.Add(new ErrorElement(failure.Message, failure.ExceptionType, failure.ToString().Split('\n')));
                    return failure;
            }
        }
        return null;
    }

    private static void AddStream(InteractiveDocumentElement cell, string name, DisplayEvent output)
    {
        var text = string.Concat(output.FormattedValues.Where(f => f.MimeType == PlainTextFormatter.MimeType).Select(f => f.Value));
        if (cell.Outputs.Count > 0 && cell.Outputs[^1] is TextElement previous && previous.Name == name)
            cell.Outputs[^1] = new TextElement(previous.Text + text, name);   // one stream output per run of writes, as Jupyter shows it
        else
            cell.Outputs.Add(new TextElement(text, name));
    }

    private static CellFailure Describe(CommandFailed failed, DiagnosticsProduced? diagnostics, string source, int number)
    {
        var lines = source.Split('\n');
        var error = diagnostics?.Diagnostics.FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        if (error is not null)   // a compile error: the kernel reports it as diagnostics with a line
        {
            var line = error.LinePositionSpan.Start.Line + 1;
            var text = line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";
            return new CellFailure(number, line, text, "CompilationError",
                string.Join("; ", diagnostics!.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.Message)));
        }
        var exception = failed.Exception is AggregateException { InnerException: { } inner } ? inner : failed.Exception;
        return exception is null
            ? new CellFailure(number, 0, "", "Error", failed.Message)
            : new CellFailure(number, 0, "", exception.GetType().Name, exception.Message);
    }
}
