using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Plotly.NET;
using PruningGame.Infrastructure;

namespace PruningGame.Reporting;

/// <summary>How an HTML figure gets plotly.js: inlined (one self-contained file) or from a shared plotly.min.js beside it.</summary>
public enum PlotlyJsMode { Inline, SharedFile }

/// <summary>
/// Writes figures as offline HTML, and as SVG, PNG and PDF rendered by a real headless browser (Debian's Chromium,
/// driven from its command line; never a downloaded browser). Every file is written atomically.
/// </summary>
public static class FigureExport
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static void Html(GenericChart chart, string path, PlotlyJsMode mode = PlotlyJsMode.Inline)
    {
        var html = mode == PlotlyJsMode.Inline
            ? GenericChart.toEmbeddedHTML(GenericChart.setDisplayOptions(
                DisplayOptions.init(null, null, null, null, null, null, Microsoft.FSharp.Core.FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full)), chart))
            : Page($"<script src=\"{PlotlyScript.FileName}\"></script>", GenericChart.toChartHTML(chart));
        if (mode == PlotlyJsMode.SharedFile) PlotlyScript.WriteBeside(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, html);
    }

    /// <summary>Renders the chart with plotly.js's own exporter in headless Chromium and returns the SVG text.</summary>
    public static string RenderSvg(GenericChart chart) => Render(chart, "svg", scale: 1);

    public static void Svg(GenericChart chart, string path) => AtomicFile.WriteAllText(path, RenderSvg(chart));

    /// <summary>PNG at <paramref name="dpi"/> (the figure's CSS pixel size × dpi/96).</summary>
    public static void Png(GenericChart chart, string path, int dpi = 96)
    {
        var dataUrl = Render(chart, "png", scale: dpi / 96.0);
        var bytes = Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>A PDF page exactly the figure's size, holding the vector SVG (printed by Chromium).</summary>
    public static void Pdf(GenericChart chart, string path)
    {
        var svg = RenderSvg(chart);
        var (width, height) = Size(chart);
        var page = Page($"<style>@page {{ size: {width}px {height}px; margin: 0 }} html, body {{ margin: 0; padding: 0 }}</style>", svg);
        using var temp = new TempFolder();
        var pagePath = Path.Combine(temp.Path, "figure.html");
        File.WriteAllText(pagePath, page);
        var pdfPath = Path.Combine(temp.Path, "figure.pdf");
        RunChromium(temp.Path, $"--print-to-pdf={pdfPath}", "--no-pdf-header-footer", "file://" + pagePath);
        if (!File.Exists(pdfPath)) throw new InvalidOperationException($"Chromium did not write the PDF for '{path}'.");
        var bytes = File.ReadAllBytes(pdfPath);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    private static (int Width, int Height) Size(GenericChart chart)
    {
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        var layout = figure.RootElement.GetProperty("layout");
        return (layout.TryGetProperty("width", out var w) ? w.GetInt32() : 900, layout.TryGetProperty("height", out var h) ? h.GetInt32() : 560);
    }

    private static string Render(GenericChart chart, string format, double scale)
    {
        var (width, height) = Size(chart);
        var figureJson = GenericChart.toFigureJson(chart);
        var script = $$"""
            <div id="plot"></div><pre id="out"></pre>
            <script>
              const figure = {{figureJson}};
              Plotly.newPlot('plot', figure.data, figure.layout, { staticPlot: true })
                .then(gd => Plotly.toImage(gd, { format: '{{format}}', width: {{width}}, height: {{height}}, scale: {{scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }))
                .then(url => { document.getElementById('out').textContent = 'OK:' + url; })
                .catch(e => { document.getElementById('out').textContent = 'ERROR:' + e; });
            </script>
            """;
        using var temp = new TempFolder();
        var pagePath = Path.Combine(temp.Path, "render.html");
        File.WriteAllText(pagePath, Page($"<script>{PlotlyScript.Text}</script>", script));
        var dom = RunChromium(temp.Path, "--dump-dom", "--virtual-time-budget=30000", "file://" + pagePath);
        var start = dom.IndexOf("<pre id=\"out\">", StringComparison.Ordinal);
        var end = dom.IndexOf("</pre>", start + 1, StringComparison.Ordinal);
        var output = start < 0 || end < 0 ? "" : System.Net.WebUtility.HtmlDecode(dom[(start + 14)..end]);
        if (!output.StartsWith("OK:", StringComparison.Ordinal))
            throw new InvalidOperationException($"Chromium could not render the figure to {format}: {(output.Length == 0 ? "no output (timeout?)" : output)}");
        var url = output[3..];
        return format == "svg" ? Uri.UnescapeDataString(url[(url.IndexOf(',') + 1)..]) : url;
    }

    private static string Page(string head, string body) =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>\n";

    private static string RunChromium(string profileRoot, params string[] arguments)
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Static figure export needs Chromium at {ChromiumPath}: sudo apt-get install chromium (HTML output works without it).");
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                                     "--disable-sync", "--no-first-run", "--disable-extensions", "--allow-file-access-from-files",
                                     $"--user-data-dir={Path.Combine(profileRoot, "profile")}" })
            start.ArgumentList.Add(flag);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish rendering within 120 s.");
        }
        return stdout.Result;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("pruninggame-figure-").FullName;

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { /* Chromium may still hold its profile briefly; the OS cleans /tmp. */ }
        }
    }
}
