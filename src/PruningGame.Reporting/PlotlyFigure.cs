using Microsoft.FSharp.Collections;
using Plotly.NET;

namespace PruningGame.Reporting;

/// <summary>
/// Builds Plotly.NET charts from plotly.js trace and layout attributes (Plotly.NET's dynamic objects), which keeps
/// every attribute plotly.js documents within reach: bands, dashed lines, error bars, shapes, subplots.
/// </summary>
public sealed class PlotlyFigure
{
    private readonly List<Trace> traces = [];
    private readonly Layout layout = new();

    public PlotlyFigure Add(string type, params (string Key, object? Value)[] attributes)
    {
        var trace = new Trace2D(type);
        foreach (var (key, value) in attributes)
            if (value is not null) trace.SetProperty(key, value);
        traces.Add(trace);
        return this;
    }

    private bool hasMargin;

    public PlotlyFigure Layout(string key, object value)
    {
        hasMargin |= key == "margin";
        layout.SetProperty(key, value);
        return this;
    }

    public int TraceCount => traces.Count;

    /// <summary>The chart with the style's size and font, a white background and the legend below the plot.</summary>
    public GenericChart ToChart(FigureStyle style, string title)
    {
        layout.SetProperty("width", style.Width);
        layout.SetProperty("height", style.Height);
        layout.SetProperty("font", new { family = style.FontFamily, size = style.FontSize });
        layout.SetProperty("title", new { text = title, font = new { size = style.FontSize + 2 } });
        layout.SetProperty("paper_bgcolor", "white");
        layout.SetProperty("plot_bgcolor", "white");
        if (!hasMargin)
            layout.SetProperty("margin", new { l = 60, r = 20, t = 50 + style.FontSize, b = 60 });
        var chart = GenericChart.ofTraceObjects(true, ListModule.OfSeq(traces));
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Axis attributes with the style's light grid; unset options are left out (plotly.js rejects nulls).</summary>
    public static object Axis(string title, bool log = false, double[]? range = null, string? tickformat = null, string? anchor = null, double[]? domain = null)
    {
        var axis = new Dictionary<string, object>
        {
            ["title"] = new { text = title },
            ["showgrid"] = true,
            ["gridcolor"] = "#e5e5e5",
            ["zeroline"] = false,
            ["showline"] = true,
            ["linecolor"] = "#444",
            ["ticks"] = "outside",
        };
        if (log) { axis["type"] = "log"; axis["dtick"] = 1; }   // one tick per decade
        if (range is not null) axis["range"] = log ? range.Select(Math.Log10).ToArray() : range;
        if (tickformat is not null) axis["tickformat"] = tickformat;
        if (anchor is not null) axis["anchor"] = anchor;
        if (domain is not null) axis["domain"] = domain;
        return axis;
    }
}
