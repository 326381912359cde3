using System.Text.Json;
using System.Text.Json.Serialization;

namespace PruningGame.Infrastructure;

/// <summary>
/// Every option of a config or record file is one of its enum's names, spelled exactly. System.Text.Json's own enum
/// converter also reads numbers, other casings and comma-joined names, which it ORs together: "TaylorPerSample,SharedLoss"
/// was read as FisherPerSample, and a combination that names no option at all loaded and then failed when the run
/// folder was written. Anything else is refused with the names it may be (<see cref="JsonErrors"/>). Every option enum
/// names it in its <c>[JsonConverter]</c> attribute, so any serializer options read it the same way.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => v.ToString(), v => v, StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException();   // System.Text.Json adds the path and "could not be converted to <T>"

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Enum.IsDefined(value) ? value.ToString() : throw new JsonException($"{value} is not a {typeof(T).Name}."));
    }
}
