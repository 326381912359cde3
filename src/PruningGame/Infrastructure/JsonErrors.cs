using System.Text;
using System.Text.Json;

namespace PruningGame.Infrastructure;

/// <summary>
/// System.Text.Json's errors in a file author's words, without .NET type names: a value of the wrong kind is named by its
/// field with the kind expected ("'training.epochs' (line 4) must be an integer"), a field the section does not have by
/// its name with the fields it does have, a field given twice as such. Other errors (broken syntax, a truncated file)
/// keep System.Text.Json's message, with its position counted as an editor counts it (from 1, in characters). The line
/// is given only for text of several lines: JSON the workbench generated on one line (a sweep's expanded run) has no
/// line worth pointing at.
/// </summary>
public static class JsonErrors
{
    private const string ConversionPrefix = "The JSON value could not be converted to ";
    private const string UnmappedPrefix = "The JSON property '";
    private const string UnmappedMiddle = "' could not be mapped to any .NET member contained in type '";

    public static string Describe(JsonException e, string json, JsonSerializerOptions options)
    {
        var line = e.LineNumber is { } l && json.AsSpan().Trim().Contains('\n') ? $" (line {l + 1})" : "";
        var field = FieldOf(e.Path);
        if (e.Message.StartsWith(ConversionPrefix, StringComparison.Ordinal))
        {
            var typeName = e.Message[ConversionPrefix.Length..].Split(". Path: ")[0].TrimEnd('.');
            // A record read through its constructor names itself, not the parameter that failed: take the field's own type.
            var expected = Expected(MemberType(typeName, field, options) ?? typeName);
            return field is null ? $"the JSON{line} must be {expected}." : $"'{field}'{line} must be {expected}.";
        }
        if (e.Message.StartsWith("Duplicate property '", StringComparison.Ordinal) && field is not null)
            return $"'{field}'{line} is given twice.";
        var middle = e.Message.IndexOf(UnmappedMiddle, StringComparison.Ordinal);
        if (e.Message.StartsWith(UnmappedPrefix, StringComparison.Ordinal) && middle > 0 && field is not null)
        {
            var typeName = e.Message[(middle + UnmappedMiddle.Length)..].TrimEnd('.', '\'');
            var fields = typeof(JsonErrors).Assembly.GetType(typeName) is { } type ? $" (its fields: {string.Join(", ", JsonFields.Names(type, options))})" : "";
            return $"'{field}'{line} is not a field here{fields}.";
        }
        return Positioned(e, json, field);
    }

    /// <summary>
    /// System.Text.Json's own message (broken syntax, a truncated file) with the position an editor shows: its
    /// "LineNumber: 2 | BytePositionInLine: 28" counts lines from 0 and bytes, not characters, from 0.
    /// </summary>
    private static string Positioned(JsonException e, string json, string? field)
    {
        // A file with nothing in it, or nothing but comments: System.Text.Json speaks of tokens and "isFinalBlock".
        if (string.IsNullOrWhiteSpace(json)) return "the file is empty: it holds no JSON.";
        if (e.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal)) return "the file holds no JSON value (only comments or blank space).";
        var message = e.Message;
        var tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail < 0) tail = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (tail < 0) return message;
        // Broken syntax is never JSON the workbench generated, so its position is given on one line too.
        var where = new List<string>();
        var lines = json.Split('\n');
        if (e.LineNumber is { } line && line < lines.Length)
        {
            var multiline = json.AsSpan().Trim().Contains('\n');
            if (multiline) where.Add($"line {line + 1}");
            if (e.BytePositionInLine is { } position)
            {
                var bytes = Encoding.UTF8.GetBytes(lines[line]);
                var column = Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(bytes.Length, position)) + 1;
                where.Add(multiline ? $"column {column}" : $"character {column}");
            }
        }
        if (field is not null) where.Add($"in '{field}'");
        return where.Count == 0 ? message[..tail] : $"{message[..tail]} ({string.Join(", ", where)})";
    }

    private static string? MemberType(string typeName, string? field, JsonSerializerOptions options)
    {
        if (field is null || field.EndsWith(']') || typeof(JsonErrors).Assembly.GetType(typeName) is not { IsClass: true } type) return null;
        return JsonFields.TypeOf(type, field[(field.LastIndexOf('.') + 1)..], options)?.ToString();
    }

    /// <summary>The path as the file spells it ("training.epochs", "model.layerSizes[1]"), or null for the whole document.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var field = path.StartsWith('$') ? path[1..] : path;
        return field.StartsWith('.') ? field[1..] : field;
    }

    private static string Expected(string typeName)
    {
        const string nullable = "System.Nullable`1[";
        if (typeName.StartsWith(nullable, StringComparison.Ordinal)) typeName = typeName[nullable.Length..^1];
        switch (typeName)
        {
            case "System.Int32": return $"an integer from {int.MinValue} to {int.MaxValue}";
            case "System.Int64": return "an integer";
            case "System.Double" or "System.Single": return "a number";
            case "System.String": return "a string";
            case "System.Boolean": return "true or false";
        }
        var outer = typeName.Split('`', '[')[0];   // the type itself, not its type arguments
        if (outer.EndsWith("Dictionary", StringComparison.Ordinal) || outer.EndsWith("JsonObject", StringComparison.Ordinal)) return "a JSON object";
        if (typeName.EndsWith("[]", StringComparison.Ordinal) || outer.EndsWith("List", StringComparison.Ordinal)
            || outer.EndsWith("IEnumerable", StringComparison.Ordinal) || outer.EndsWith("JsonArray", StringComparison.Ordinal))
            return "a list";
        return typeof(JsonErrors).Assembly.GetType(typeName) switch
        {
            { IsEnum: true } type => $"one of {string.Join(", ", Enum.GetNames(type))}",
            { IsClass: true } => "a JSON object",
            _ => "a value of another kind",
        };
    }
}
