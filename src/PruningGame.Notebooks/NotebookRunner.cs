using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace PruningGame.Notebooks;

/// <summary>Where and why a cell failed.</summary>
public sealed record CellFailure(int CellIndex, int Line, string SourceLine, string ExceptionType, string Message)
{
    public override string ToString() => $"cell {CellIndex}, line {Line}: {SourceLine.Trim()}\n  {ExceptionType}: {Message}";
}

public sealed record NotebookRunResult(string OutputPath, int CellsRun, CellFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Executes a notebook's C# cells in order with Roslyn scripting (the dialect of the .NET Interactive C# kernel),
/// state carried from cell to cell, and writes the executed notebook with every cell's outputs: what it printed
/// (stream), what it passed to <c>display</c> (display_data) and its final expression (execute_result), formatted as
/// text/plain and text/html by Microsoft.DotNet.Interactive.Formatting. A failing cell stops the run; the partial
/// notebook is still written.
/// </summary>
public static partial class NotebookRunner
{
    private static readonly string[] Imports =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading.Tasks"];

    public static async Task<NotebookRunResult> RunAsync(string notebookPath, IReadOnlyDictionary<string, string> parameters, string outputPath,
                                                         Action<int, int>? progress = null)
    {
        var notebook = NotebookDocument.Load(notebookPath);
        InjectParameters(notebook, parameters);
        WorkbenchFormatters.Register();
        WorkbenchFormatters.ResetPlotly();

        var directory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var references = new HashSet<Assembly>(DefaultReferences());
        var globals = new NotebookGlobals();
        ScriptState<object>? state = null;
        var executionCount = 0;
        var codeCells = notebook.Cells.Select((c, i) => (Cell: c!.AsObject(), Index: i)).Where(c => c.Cell["cell_type"]!.GetValue<string>() == "code").ToList();
        CellFailure? failure = null;
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = directory;   // notebooks use paths relative to themselves, as in Jupyter
        try
        {
            foreach (var (cell, index) in codeCells)
            {
                executionCount++;
                progress?.Invoke(executionCount, codeCells.Count);
                var outputs = new JsonArray();
                cell["outputs"] = outputs;
                cell["execution_count"] = executionCount;
                var source = NotebookDocument.Source(cell);
                var clock = Stopwatch.StartNew();
                var console = new StringWriter();
                var originalOut = Console.Out;
                globals.Displayed.Clear();
                try
                {
                    var code = CellDirectives.Rewrite(source, directory, index, references);
                    var options = ScriptOptions.Default.WithReferences(references).WithImports(Imports)
                        .WithFilePath($"cell{index}.csx").WithEmitDebugInformation(true).WithFileEncoding(System.Text.Encoding.UTF8)
                        .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory));
                    Console.SetOut(console);
                    state = state is null
                        ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals))
                        : await state.ContinueWithAsync(code, options);
                    Console.SetOut(originalOut);
                    AddStream(outputs, console.ToString());
                    foreach (var shown in globals.Displayed) outputs.Add(Rich("display_data", shown, null));
                    if (state.ReturnValue is not null && !(state.ReturnValue is Task))
                        outputs.Add(Rich("execute_result", state.ReturnValue, executionCount));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Console.SetOut(originalOut);
                    AddStream(outputs, console.ToString());
                    foreach (var shown in globals.Displayed) outputs.Add(Rich("display_data", shown, null));
                    failure = Describe(e, index, source);
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "error",
                        ["ename"] = failure.ExceptionType,
                        ["evalue"] = failure.Message,
                        ["traceback"] = new JsonArray(failure.ToString().Split('\n').Select(l => (JsonNode)l).ToArray()),
                    });
                }
                finally
                {
                    Console.SetOut(originalOut);
                    cell["metadata"] ??= new JsonObject();
                    cell["metadata"]!["execution_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
                }
                if (failure is not null) break;
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            notebook.Save(outputPath);
        }
        return new NotebookRunResult(outputPath, executionCount, failure);
    }

    /// <summary>Like papermill: a cell tagged "injected-parameters" right after the cell tagged "parameters" (or first).</summary>
    public static void InjectParameters(NotebookDocument notebook, IReadOnlyDictionary<string, string> parameters)
    {
        if (parameters.Count == 0) return;
        var code = "// Parameters injected by `workbench notebook run --param`\n" +
                   string.Concat(parameters.Select(p => $"var {ValidName(p.Key)} = {Literal(p.Value)};\n"));
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["id"] = "injected-parameters",   // nbformat 4.5 requires every cell to have an id
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["tags"] = new JsonArray("injected-parameters"),
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            },
            ["outputs"] = new JsonArray(),
            ["source"] = NotebookDocument.Lines(code),
        };
        notebook.Cells.Insert(notebook.ParametersCellIndex() + 1, cell);
    }

    private static string ValidName(string name) =>
        IdentifierPattern().IsMatch(name) ? name : throw new ArgumentException($"Parameter name '{name}' is not a C# identifier.", nameof(name));

    /// <summary>The value as a C# literal: bool, int, double, or else a string.</summary>
    public static string Literal(string value) =>
        value is "true" or "false" ? value
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? value
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString("R", CultureInfo.InvariantCulture) + "d"
        : Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    private static IEnumerable<Assembly> DefaultReferences() =>
    [
        typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(Console).Assembly,
        typeof(Training.Trainer).Assembly, typeof(Reporting.PaperFigures).Assembly, typeof(NotebookRunner).Assembly,
        typeof(TorchSharp.torch).Assembly, typeof(Plotly.NET.GenericChart).Assembly, typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly,
        typeof(Deedle.Frame).Assembly, typeof(Microsoft.Data.Analysis.DataFrame).Assembly, typeof(Formatter).Assembly,
    ];

    private static void AddStream(JsonArray outputs, string text)
    {
        if (text.Length == 0) return;
        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = NotebookDocument.Lines(text) });
    }

    private static JsonObject Rich(string type, object? value, int? executionCount)
    {
        var data = new JsonObject
        {
            ["text/plain"] = NotebookDocument.Lines(value is null ? "<null>" : Formatter.ToDisplayString(value, "text/plain")),
        };
        if (value is not null && value is not string && !value.GetType().IsPrimitive)
            data["text/html"] = NotebookDocument.Lines(Formatter.ToDisplayString(value, "text/html"));
        var output = new JsonObject { ["output_type"] = type, ["data"] = data, ["metadata"] = new JsonObject() };
        if (executionCount is not null) output["execution_count"] = executionCount;
        return output;
    }

    private static CellFailure Describe(Exception e, int cellIndex, string source)
    {
        var lines = source.Split('\n');
        string At(int line) => line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";
        if (e is CompilationErrorException compile)
        {
            var first = compile.Diagnostics.First();
            var line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
            return new CellFailure(cellIndex, line, At(line), "CompilationError", string.Join("; ", compile.Diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture))));
        }
        if (e is NotebookException directive)
        {
            var match = Regex.Match(directive.Message, @"line (\d+)");
            var line = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new CellFailure(cellIndex, line, At(line), nameof(NotebookException), directive.Message);
        }
        var inner = e is AggregateException { InnerException: { } i } ? i : e;
        var frame = Regex.Match(inner.StackTrace ?? "", $@"cell{cellIndex}\.csx:line (\d+)");
        var failedLine = frame.Success ? int.Parse(frame.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new CellFailure(cellIndex, failedLine, At(failedLine), inner.GetType().Name, inner.Message);
    }
}
