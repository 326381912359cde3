namespace PruningGame.Reporting;

/// <summary>Size and typography of a figure. Sizes are CSS pixels (96 per inch); PNG resolution comes from <see cref="Dpi"/>.</summary>
public sealed record FigureStyle(int Width, int Height, int FontSize, string FontFamily, int Dpi)
{
    /// <summary>For screens and notebooks.</summary>
    public static FigureStyle Screen { get; } = new(900, 560, 13, "Arial, Helvetica, sans-serif", 96);

    /// <summary>One column of a two-column paper: 3.5 in wide, 9 pt type, 300 dpi.</summary>
    public static FigureStyle PaperColumn { get; } = new(336, 240, 9, "Times New Roman, Times, serif", 300);

    /// <summary>Both columns of a two-column paper: 7.2 in wide, 9 pt type, 300 dpi.</summary>
    public static FigureStyle PaperWide { get; } = new(691, 400, 9, "Times New Roman, Times, serif", 300);

    public static FigureStyle Named(string name) => name switch
    {
        "screen" => Screen,
        "paper" or "paper-wide" => PaperWide,
        "paper-column" => PaperColumn,
        _ => throw new ArgumentException($"Unknown figure style '{name}' (screen, paper or paper-wide, paper-column).", nameof(name)),
    };

    public FigureStyle WithHeight(int height) => this with { Height = height };
}
