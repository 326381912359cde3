using PruningGame.Game;
using PruningGame.Reporting;
using static TorchSharp.torch;

namespace PruningGame.Reporting.Tests;

/// <summary>The diagnosis' "costs alone" participation is what Algorithm 1's own step gives with no benefit.</summary>
public sealed class CollapseDiagnosisTests
{
    [Theory]
    [InlineData(0.5, 0.0, 0.6)]
    [InlineData(0.1, 0.0, 1.3)]
    [InlineData(0.05, 0.05, 0.6)]
    [InlineData(0.001, 0.1, 2.0)]
    public void Cost_decay_matches_the_ascent_step_iterated_with_a_zero_benefit(double beta, double gamma, double thetaNorm)
    {
        var options = new GameOptions { Beta = beta, Gamma = gamma, ParticipationLearningRate = 0.001 };
        const long steps = 9380;
        var s = ones(1, dtype: float64);
        var terms = new UtilityTerms(zeros(1, dtype: float64), full(1, thetaNorm * thetaNorm, dtype: float64), null);
        for (var t = 0; t < steps; t++)
        {
            var next = PlayerUtility.AscentStep(s, terms, options);
            s.Dispose();
            s = next;
        }
        var expected = CollapseDiagnosis.CostDecay(beta, gamma, 0.001, thetaNorm, steps);
        Assert.Equal(expected, s.item<double>(), Math.Max(1e-9, 0.002 * expected));
    }
}

/// <summary>Every committed collapse-diagnosis.csv is what the diagnosis gives on the committed runs (so a clone remakes it).</summary>
public sealed class CommittedCollapseDiagnosisTests
{
    [Fact]
    public void Every_committed_collapse_diagnosis_equals_the_diagnosis_of_its_committed_runs()
    {
        var files = Directory.EnumerateFiles(Path.Combine(PruningGame.Tests.Repository.Root(), "results"), "collapse-diagnosis.csv", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 4, $"only {files.Count} committed collapse-diagnosis.csv files");
        foreach (var file in files)
        {
            var experiment = Path.GetDirectoryName(Path.GetDirectoryName(file))!;
            Assert.Equal(File.ReadAllText(file), CollapseDiagnosis.Csv(CollapseDiagnosis.Of(RunData.LoadAll(experiment))));   // as `workbench figures` writes it
        }
    }
}
