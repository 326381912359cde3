using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PruningGame.Cli;

internal static class CommonOptions
{
    public static Option<string> Results() => new("--results")
    {
        Description = "Results root (default: results/ of the repository).",
        DefaultValueFactory = _ => WorkbenchPaths.ResultsRoot(),
    };

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>
    /// An option whose bad value reads as a person would say it ("--epochs expects a whole number, not 'two'"), not as a CLR
    /// type name; a whole number past <paramref name="largest"/> (its type's bound) is said to be too large.
    /// </summary>
    private static Option<T> Parsed<T>(string name, string description, string expected, TryParse<T> tryParse, Func<T>? fallback, long? largest = null)
    {
        var option = new Option<T>(name) { Description = description };
        if (fallback is not null) option.DefaultValueFactory = _ => fallback();
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (tryParse(text, out var value)) return value;
            // A number too large for its type reads as "not a number" to .NET; say what is wrong with it.
            var tooLarge = largest is { } bound && System.Numerics.BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big)
                           && System.Numerics.BigInteger.Abs(big) > bound ? " (it is too large)" : "";
            result.AddError($"{name} expects {expected}, not '{text}'{tooLarge}.");
            return default;
        };
        return option;
    }

    private static bool WholeNumber(string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>A count (seeds, workers, repeats): a whole number of at least 1, refused at parsing otherwise.</summary>
    public static Option<int> Count(string name, string description, int fallback) =>
        Parsed<int>(name, description, "a whole number of at least 1", (string t, out int v) => WholeNumber(t, out v) && v >= 1, () => fallback, int.MaxValue);

    public static Option<int?> OptionalInt(string name, string description) =>
        Parsed<int?>(name, description, "a whole number", (string t, out int? v) => { var ok = WholeNumber(t, out var n); v = n; return ok; }, null, int.MaxValue);

    public static Option<long?> OptionalLong(string name, string description) =>
        Parsed<long?>(name, description, "a whole number",
                      (string t, out long? v) => { var ok = long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n); v = n; return ok; }, null, long.MaxValue);

    public static Option<double> Double(string name, string description, double fallback) =>
        Parsed<double>(name, description, "a number such as 0.5",
                       (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v), () => fallback);
}
