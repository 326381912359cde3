using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PruningGame.Infrastructure;

/// <summary>The fields a JSON file may give for a record type, as System.Text.Json reads them.</summary>
public static class JsonFields
{
    /// <summary>
    /// <paramref name="type"/>'s public properties with a public setter or init that are not always ignored, named as the
    /// attribute or <paramref name="options"/>' naming policy spells them.
    /// </summary>
    public static IEnumerable<string> Names(Type type, JsonSerializerOptions options) => Fields(type, options).Select(f => f.Name);

    /// <summary>The type of the field a file names <paramref name="name"/> in <paramref name="type"/>, or null when it has none.</summary>
    public static Type? TypeOf(Type type, string name, JsonSerializerOptions options) =>
        Fields(type, options).FirstOrDefault(f => f.Name == name).Property?.PropertyType;

    private static IEnumerable<(string Name, PropertyInfo Property)> Fields(Type type, JsonSerializerOptions options) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name, p));
}
