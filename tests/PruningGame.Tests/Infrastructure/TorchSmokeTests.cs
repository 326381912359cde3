using TorchSharp;
using static TorchSharp.torch;

namespace PruningGame.Tests.Infrastructure;

public sealed class TorchSmokeTests
{
    [Fact]
    public void Matrix_product_and_backward_pass_give_hand_computed_values()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1, 2, 3, 4 }, 2, 2).requires_grad_();
        var x = tensor(new float[] { 1, -1 }, 2, 1);
        var y = w.matmul(x);                     // [1-2, 3-4] = [-1, -1]
        Assert.Equal(new float[] { -1, -1 }, y.data<float>().ToArray());
        var loss = y.pow(2).sum();               // d/dw_ij = 2 y_i x_j
        loss.backward();
        Assert.Equal(new float[] { -2, 2, -2, 2 }, w.grad!.data<float>().ToArray());
    }
}
