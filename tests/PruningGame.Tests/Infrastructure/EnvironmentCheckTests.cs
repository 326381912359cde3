using PruningGame.Infrastructure;

namespace PruningGame.Tests.Infrastructure;

/// <summary>`workbench doctor` against the repository's environment.json, whatever state that file is in.</summary>
public sealed class EnvironmentCheckTests
{
    private static CheckResult PinnedLine(string? environmentJson, out IReadOnlyList<CheckResult> all)
    {
        var root = Directory.CreateTempSubdirectory("pruninggame-doctor-").FullName;
        if (environmentJson is not null) File.WriteAllText(Path.Combine(root, "environment.json"), environmentJson);
        all = EnvironmentCheck.Run(root);
        return all.Single(r => r.Name == "environment.json");
    }

    [Theory]
    [InlineData("", "is damaged")]
    [InlineData("{\"sdk\": \"10.0.401\", \"torchBackend\": ", "is damaged")]
    [InlineData("{\"torchBackend\": \"cpu\", \"defaultThreads\": 2}", "has no 'sdk'")]
    [InlineData("{\"sdk\": \"10.0.401\", \"torchBackend\": \"cpu\", \"defaultThreads\": \"two\"}", "'defaultThreads' must be")]
    [InlineData("null", "is empty")]
    [InlineData(null, "not found")]
    public void A_damaged_or_incomplete_environment_json_is_a_missing_requirement_naming_the_file_and_field_not_a_crash(string? text, string expected)
    {
        var line = PinnedLine(text, out var all);

        Assert.Equal(CheckStatus.Missing, line.Status);
        Assert.Contains("environment.json'", line.Detail);
        Assert.Contains(expected, line.Detail);
        Assert.Contains("git checkout -- environment.json", line.Detail);
        Assert.False(EnvironmentCheck.AllRequiredPresent(all));
        Assert.Contains("the SDK pin is unknown", all.Single(r => r.Name == ".NET runtime").Detail);
    }

    [Fact]
    public void A_complete_environment_json_is_read_and_its_pins_shown()
    {
        var line = PinnedLine("{\"description\": \"x\", \"sdk\": \"10.0.401\", \"torchBackend\": \"cpu\", \"defaultThreads\": 3, \"packages\": {}}", out var all);

        Assert.Equal(CheckStatus.Ok, line.Status);
        Assert.Contains("SDK pinned: 10.0.401", all.Single(r => r.Name == ".NET runtime").Detail);
        Assert.Contains("runs default to 3", all.Single(r => r.Name == "CPU threads").Detail);
        Assert.Contains("pinned 'cpu'", all.Single(r => r.Name == "TorchSharp").Detail);
    }
}
