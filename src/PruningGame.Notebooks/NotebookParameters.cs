using System.Globalization;
using System.Text.RegularExpressions;

namespace PruningGame.Notebooks;

/// <summary>One parameter declared in a notebook's cell tagged "parameters": its name, C# type and default.</summary>
public sealed record NotebookParameter(string Name, string Type, string Default);

/// <summary>
/// papermill's convention for C#: the cell tagged "parameters" declares plain literals (<c>var quick = true;</c>); values
/// given on the command line are checked against those declarations and injected as a cell right after it.
/// </summary>
public static partial class NotebookParameters
{
    [GeneratedRegex(@"^\s*(var|bool|int|long|double|float|string|[A-Za-z_][\w<>?,\[\] ]*?)\s+([A-Za-z_]\w*)\s*=\s*(.+?);", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    /// <summary>Every top-level declaration of the cell, in order, with its initialiser's text.</summary>
    public static IEnumerable<(string Type, string Name, string Initializer)> Declarations(string source) =>
        Declaration().Matches(source).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value.Trim()));

    /// <summary>The declarations a value can be given for: those whose default is a bool, number or string literal.</summary>
    public static IReadOnlyList<NotebookParameter> Declared(string source) =>
        Declarations(source).Select(d => (d.Name, Type: TypeOf(d.Type, d.Initializer), d.Initializer))
            .Where(d => d.Type is not null).Select(d => new NotebookParameter(d.Name, d.Type!, d.Initializer)).ToList();

    /// <summary>The injected cell's code, after checking every value against its declaration; the message names the parameter.</summary>
    public static string InjectedCode(IReadOnlyList<NotebookParameter> declared, IReadOnlyDictionary<string, string> values, string notebook)
    {
        var lines = new List<string> { "// Parameters injected by `workbench notebook run --param`" };
        foreach (var (name, value) in values)
        {
            var parameter = declared.FirstOrDefault(p => p.Name == name)
                ?? throw new NotebookException($"Notebook '{notebook}' has no parameter '{name}'; its parameters cell declares " +
                                               (declared.Count == 0 ? "none." : string.Join(", ", declared.Select(p => $"{p.Name} ({p.Type}, default {p.Default})")) + "."));
            lines.Add($"var {name} = {Literal(parameter, value, notebook)};");
        }
        return string.Join('\n', lines) + "\n";
    }

    private static string Literal(NotebookParameter parameter, string value, string notebook)
    {
        var literal = parameter.Type switch
        {
            "bool" => value is "true" or "false" ? value : null,
            "int" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i.ToString(CultureInfo.InvariantCulture) : null,
            "long" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l.ToString(CultureInfo.InvariantCulture) + "L" : null,
            // A finite number only: NaN and an overflow to ∞ would be written as C# that does not compile ("NaNd").
            "double" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) + "d" : null,
            "float" => float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) + "f" : null,
            _ => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true),
        };
        return literal ?? throw new NotebookException(
            $"Notebook '{notebook}': parameter '{parameter.Name}' expects {parameter.Type} (default {parameter.Default}); '{value}' is not one" +
            (parameter.Type == "bool" ? " (use true or false)." : "."));
    }

    private static string? TypeOf(string declared, string initializer) => declared switch
    {
        "bool" or "int" or "long" or "double" or "float" or "string" => declared,
        "var" when initializer is "true" or "false" => "bool",
        "var" when initializer.StartsWith('"') && initializer.EndsWith('"') => "string",
        "var" when IntegerLiteral().IsMatch(initializer) => "int",
        "var" when initializer.EndsWith('L') && IntegerLiteral().IsMatch(initializer[..^1]) => "long",
        "var" when FloatLiteral().IsMatch(initializer) => initializer.EndsWith('f') ? "float" : "double",
        _ => null,
    };

    [GeneratedRegex(@"^-?\d[\d_]*$")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"^-?(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?[dDfF]?$")]
    private static partial Regex FloatLiteral();
}
