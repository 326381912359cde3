using PruningGame.Models;
using PruningGame.Training;
using static TorchSharp.torch;

namespace PruningGame.Tests.Training;

public sealed class EvaluationTests
{
    private static IReadOnlyList<IReadOnlyList<bool[]>?> Masks(ParticipatingNetwork model, Generator generator)
    {
        bool[] Random(int n, double keep) => rand(n, generator: generator).data<float>().ToArray().Select(u => u < keep).ToArray();
        var sizes = model.PlayerGroups.Select(g => g.PlayerCount).ToArray();
        return
        [
            null,
            sizes.Select(n => Random(n, 0.5)).ToArray(),
            sizes.Select(n => Enumerable.Repeat(true, n).ToArray()).ToArray(),
            sizes.Select((n, k) => k == 0 ? Random(n, 0.1) : Random(n, 0.9)).ToArray(),
        ];
    }

    public static TheoryData<string> Networks => new() { "mlp", "lenet5" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Outputs_under_several_masks_at_once_equal_one_masked_forward_each_bit_for_bit(string kind)
    {
        random.manual_seed(31);
        ParticipatingNetwork model = kind == "mlp" ? new ParticipatingMlp([784, 40, 20, 10]) : new ParticipatingLeNet5();
        using (no_grad())
            foreach (var group in model.PlayerGroups)
                group.Layer.Participation.copy_(rand(group.PlayerCount) * 0.8 + 0.1);
        var generator = new Generator(32);
        var masks = Masks(model, generator);
        var x = rand(64, 1, 28, 28, generator: generator);
        using var _ = no_grad();
        var together = model.ForwardUnderMasks(x, masks);
        for (var m = 0; m < masks.Count; m++)
        {
            Tensor alone;
            if (masks[m] is { } keep)
                using (model.UseEvaluationMasks(keep)) alone = model.forward(x);
            else alone = model.forward(x);
            Assert.True(together[m].equal(alone).all().item<bool>(), $"{kind}, mask set {m}: outputs differ from a masked forward pass");
        }
        Assert.False(together[0].equal(together[1]).all().item<bool>(), "the masks must change the output, or the test shows nothing");
    }

    [Fact]
    public void Accuracies_in_one_pass_equal_the_accuracy_of_each_mask_alone()
    {
        random.manual_seed(33);
        var model = new ParticipatingMlp([784, 30, 10]);
        var generator = new Generator(34);
        var images = rand(5000, 784, generator: generator);      // more than one evaluation chunk
        var labels = randint(0, 10, 5000, generator: generator);
        var masks = Masks(model, generator);
        var together = Evaluation.Accuracies(model, masks, images, labels);
        Assert.Equal(Evaluation.Accuracy(model, images, labels), together[0]);
        for (var m = 1; m < masks.Count; m++)
            Assert.Equal(Evaluation.PrunedAccuracy(model, masks[m]!, images, labels), together[m]);
    }
}
