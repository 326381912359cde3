using PruningGame.Models;
using static TorchSharp.torch;

namespace PruningGame.Tests.Models;

public sealed class CompactionTests
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("lenet5")]
    public void Compact_model_computes_what_the_masked_network_computes(string kind)
    {
        random.manual_seed(3);
        ParticipatingNetwork model = kind == "mlp" ? new ParticipatingMlp([784, 64, 32, 10]) : new ParticipatingLeNet5();
        var rng = new Random(5);
        using (no_grad())
            foreach (var g in model.PlayerGroups)
                g.Layer.Participation.copy_(rand(g.PlayerCount) * 0.9 + 0.1);
        var keep = model.PlayerGroups.Select(g => Enumerable.Range(0, g.PlayerCount).Select(_ => rng.NextDouble() > 0.4).ToArray()).ToArray();
        var x = rand(16, 784);

        var compact = model.Compact(keep);
        Tensor masked;
        using (model.UseEvaluationMasks(keep))
            masked = model.forward(x);
        var difference = (compact.forward(x) - masked).abs().max().item<float>();

        Assert.True(difference < 1e-5, $"max |compact − masked| = {difference}");
        Assert.Equal(keep.Sum(k => k.Count(b => b)), compact.TotalPlayers);
        Assert.True(compact.ParameterCount() < model.ParameterCount());
        Assert.All(compact.PlayerGroups, g => Assert.True(g.Layer.Participation.eq(1).all().item<bool>()));
    }

    [Fact]
    public void A_layer_with_every_player_removed_leaves_only_the_output_bias()
    {
        var model = new ParticipatingMlp([10, 4, 3]);
        var compact = model.Compact([new bool[4]]);
        var output = compact.forward(rand(2, 10));
        var bias = ((ParticipatingMlp)compact).parameters().Last();
        Assert.Equal(0, compact.TotalPlayers);
        Assert.True(output[0].allclose(bias) && output[1].allclose(bias));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]   // fc2 emptied: the output layer has no input left
    public void A_lenet5_layer_with_every_player_removed_compacts_to_what_the_masked_network_computes(int emptied)
    {
        random.manual_seed(4);
        var model = new ParticipatingLeNet5();
        var keep = model.PlayerGroups.Select((g, i) => Enumerable.Range(0, g.PlayerCount).Select(p => i != emptied && p % 2 == 0).ToArray()).ToArray();
        var x = rand(4, 784);
        var compact = model.Compact(keep);
        Tensor masked;
        using (model.UseEvaluationMasks(keep))
            masked = model.forward(x);
        Assert.True((compact.forward(x) - masked).abs().max().item<float>() < 1e-5);
        Assert.Equal(0, compact.PlayerGroups[emptied].PlayerCount);
    }

    [Fact]
    public void Multiply_adds_count_every_layer_of_the_paper_mlp()
    {
        var model = new ParticipatingMlp([784, 512, 256, 10]);
        Assert.Equal(784L * 512 + 512L * 256 + 256L * 10, model.MultiplyAdds);
        Assert.Equal(535_818, model.ParameterCount());
        Assert.Equal(536_586, model.ParameterCount(includeParticipations: true));   // the paper's count (PAPER.md §5)
    }
}
