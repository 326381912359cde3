using System.Text.RegularExpressions;
using Plotly.NET;

namespace PruningGame.Reporting.Tests;

public sealed class FigureTests(RunFixtures fixtures) : IClassFixture<RunFixtures>
{
    private static int Traces(GenericChart chart) => GenericChart.getTraces(chart).Length;

    [Fact]
    public void Figure1_draws_a_band_and_a_line_per_configuration_and_panel_plus_the_gated_accuracy()
    {
        var game = fixtures.Runs.Where(r => r.Summary.Method == "game").ToList();
        // 2 configurations × (4 panels × (2 band edges + mean line) + 1 gated line)
        Assert.Equal(2 * (4 * 3 + 1), Traces(PaperFigures.Figure1(game)));
    }

    [Fact]
    public void Frontier_puts_weight_and_neuron_methods_in_separate_named_series()
    {
        var points = FrontierFigures.Table(fixtures.Runs).Points;
        var magnitude = Assert.Single(points, p => p.Series == "magnitude-oneshot");
        Assert.Equal(50.0, FrontierFigures.X(magnitude, FrontierAxis.Sparsity).X, 9);
        Assert.False(magnitude.WeightLevel);
        Assert.Equal(2, Traces(FrontierFigures.Frontier(fixtures.Runs)));   // game, magnitude-oneshot
    }

    [Fact]
    public void Labels_past_the_palette_still_get_a_distinct_colour_and_marker()
    {
        var looks = Enumerable.Range(0, 32).Select(i => (Palette.Color(i), Palette.Symbol(i), Palette.Dash(i))).ToList();
        Assert.Equal(looks.Count, looks.Distinct().Count());
    }

    [Fact]
    public void Self_contained_html_has_no_external_script_reference()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "figure.html");
        FigureExport.Html(PaperFigures.Figure2(fixtures.Runs), path, PlotlyJsMode.Inline);
        var html = File.ReadAllText(path);
        Assert.DoesNotMatch(new Regex("<script[^>]+src=", RegexOptions.IgnoreCase), html);
        Assert.Contains("plotly.js v2.28.0", html);
    }

    [Fact]
    public void Shared_plotly_mode_references_one_local_copy()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        FigureExport.Html(PaperFigures.Figure2(fixtures.Runs), Path.Combine(folder, "a.html"), PlotlyJsMode.SharedFile);
        var html = File.ReadAllText(Path.Combine(folder, "a.html"));
        Assert.Contains("<script src=\"plotly.min.js\">", html);
        Assert.True(new FileInfo(Path.Combine(folder, "plotly.min.js")).Length > 3_000_000);
        Assert.True(html.Length < 100_000);
    }

    [Fact]
    public void Headless_chromium_renders_the_frontier_with_one_point_per_setting()
    {
        Assert.True(File.Exists(FigureExport.ChromiumPath), "Chromium is needed for static export: sudo apt-get install chromium");
        var svg = FigureExport.RenderSvg(FrontierFigures.Frontier(fixtures.Runs));
        Assert.StartsWith("<svg", svg);
        Assert.Equal(2, Regex.Matches(svg, "class=\"trace scatter").Count);
        var points = Regex.Matches(svg, "class=\"point\"").Count;
        Assert.Equal(FrontierFigures.Table(fixtures.Runs).Points.Count, points);
    }

    [Fact]
    public void A_png_export_is_not_blank()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "figure.png");
        FigureExport.Png(PaperFigures.KeptPerLayer(fixtures.Runs), path, dpi: 96);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"a drawn chart compresses to more than a blank page ({bytes.Length} bytes)");
    }

    [Fact]
    public void A_figure_set_writes_each_format_once_and_refuses_an_empty_list()
    {
        var folder = Directory.CreateTempSubdirectory("pruninggame-figures-").FullName;
        // The baseline run alone: the game runs' collapse diagnosis reads a catalogued dataset, which the fixture's is not.
        var runs = fixtures.Runs.Where(r => r.Summary.Label == "magnitude-50").ToList();
        var written = FigureSet.Write(runs, folder, ["html", "html"]);
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(FigureSet.For(runs).Count, written.Count(f => f.EndsWith(".html", StringComparison.Ordinal)));

        var error = Assert.Throws<ArgumentException>(() => FigureSet.Write(runs, folder, []));
        Assert.Contains("No figure format", error.Message);
    }

    [Fact]
    public void A_folder_mixing_the_game_with_a_baseline_says_which_runs_the_training_figures_leave_out()
    {
        var games = fixtures.Runs.Count(r => r.Summary.Method == "game");
        Assert.True(games > 0 && games < fixtures.Runs.Count, "the fixture mixes game runs and a baseline");
        Assert.Equal(games, FigureSet.TrainingRuns(fixtures.Runs).Count);
        Assert.Equal($"Figures 1 and 2 and the trajectories draw the {games} game runs only; the other 1 (magnitude-oneshot) are in kept-per-layer and the frontier figures.",
                     FigureSet.LeftOutOfTrainingFigures(fixtures.Runs));

        var baselineOnly = fixtures.Runs.Where(r => r.Summary.Method != "game").ToList();
        Assert.Same(baselineOnly, FigureSet.TrainingRuns(baselineOnly));
        Assert.Null(FigureSet.LeftOutOfTrainingFigures(baselineOnly));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(1.0)]
    public void Figure2_refuses_a_threshold_that_is_no_participation(double epsilon) =>
        Assert.Contains("no collapse threshold", Assert.Throws<ArgumentException>(() => PaperFigures.Figure2(fixtures.Runs, epsilon)).Message);
}
