using Plotly.NET;

namespace PruningGame.Reporting;

/// <summary>plotly.js as bundled by Plotly.NET (2.28.0), for offline pages.</summary>
public static class PlotlyScript
{
    public const string FileName = "plotly.min.js";
    private const string Resource = "Plotly.NET.plotly-2.28.0.min.js";

    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"Plotly.NET no longer embeds '{Resource}'; update {nameof(PlotlyScript)}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => Source.Value;

    /// <summary>Writes plotly.min.js into <paramref name="folder"/> unless an identical copy is there.</summary>
    public static string WriteBeside(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path) || new FileInfo(path).Length != System.Text.Encoding.UTF8.GetByteCount(Text))
            Infrastructure.AtomicFile.WriteAllText(path, Text);
        return path;
    }
}
