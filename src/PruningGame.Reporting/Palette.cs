namespace PruningGame.Reporting;

/// <summary>A colour-blind-safe qualitative palette (Okabe–Ito), assigned to labels in a stable order.</summary>
public static class Palette
{
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    private static readonly string[] Symbols = ["circle", "square", "triangle-up", "diamond"];
    private static readonly string[] Dashes = ["solid", "dash", "dashdot", "longdash"];

    public static string Color(int index) => Colors[index % Colors.Length];

    /// <summary>Past eight labels colours repeat; the marker symbol changes with each round so no two labels look alike.</summary>
    public static string Symbol(int index) => Symbols[index / Colors.Length % Symbols.Length];

    /// <summary>The line dash that goes with <see cref="Symbol"/>: solid for the first eight labels, then dashed.</summary>
    public static string Dash(int index) => Dashes[index / Colors.Length % Dashes.Length];

    public static string Translucent(int index, double alpha = 0.18)
    {
        var hex = Color(index);
        int r = Convert.ToInt32(hex[1..3], 16), g = Convert.ToInt32(hex[3..5], 16), b = Convert.ToInt32(hex[5..7], 16);
        return $"rgba({r},{g},{b},{alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }
}
