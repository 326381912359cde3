using System.Text.Json;

namespace PruningGame.Infrastructure;

/// <summary>
/// System.Text.Json's errors in a file author's words. A value of the wrong kind is named by its field and line with the
/// kind expected ("'training.epochs' (line 4) must be an integer"), not by a .NET type name; every other error (broken
/// syntax, a truncated file) keeps System.Text.Json's message, which already gives the path and position.
/// </summary>
public static class JsonErrors
{
    private const string ConversionPrefix = "The JSON value could not be converted to ";

    public static string Describe(JsonException e)
    {
        if (string.IsNullOrEmpty(e.Path) || e.Path == "$" || !e.Message.StartsWith(ConversionPrefix, StringComparison.Ordinal))
            return e.Message;
        var field = e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
        var typeName = e.Message[ConversionPrefix.Length..].Split(". Path: ")[0];
        return $"'{field}'{line} must be {Expected(typeName)}.";
    }

    private static string Expected(string typeName)
    {
        const string nullable = "System.Nullable`1[";
        if (typeName.StartsWith(nullable, StringComparison.Ordinal)) typeName = typeName[nullable.Length..^1];
        if (typeName.EndsWith("[]", StringComparison.Ordinal)) return "a list";
        switch (typeName)
        {
            case "System.Int32" or "System.Int64": return "an integer";
            case "System.Double" or "System.Single": return "a number";
            case "System.String": return "a string";
            case "System.Boolean": return "true or false";
        }
        var type = typeof(JsonErrors).Assembly.GetType(typeName);
        if (type is { IsEnum: true }) return $"one of {string.Join(", ", Enum.GetNames(type))}";
        if (type is not null && type.IsGenericType) return "a JSON object or list";
        return type is not null ? "a JSON object" : $"a value of type {typeName}";
    }
}
