using PruningGame.Game;
using PruningGame.Theory;

namespace PruningGame.Tests.Theory;

/// <summary>
/// The equilibrium solve under garbage-collector pressure from another thread, as in a sweep worker (its parent-watch
/// thread allocates) or a notebook kernel. Before the game's formulas passed kept-alive Scalars (Infrastructure/Scalars),
/// TorchSharp could free a Scalar libtorch was still reading, and this aborted the test host within a few rounds.
/// </summary>
public sealed class ScalarLifetimeTests
{
    [Fact]
    public void Best_response_dynamics_and_the_Nash_gap_survive_collections_during_native_calls()
    {
        var rng = new Random(1);
        const int players = 300, dimensions = 50;
        var theta = new double[players, dimensions];
        for (var i = 0; i < players; i++)
        for (var k = 0; k < dimensions; k++) theta[i, k] = rng.NextDouble() - 0.5;
        var benefit = Enumerable.Range(0, players).Select(_ => rng.NextDouble() * 0.01).ToArray();
        var game = PlayerGame.FromParameters(benefit, theta, new GameOptions { Beta = 0.001, Gamma = 0.003, Eta = 0.0001 });

        using var stop = new CancellationTokenSource();
        var collections = GC.CollectionCount(0);
        var pressure = new Thread(() =>
        {
            var sink = new List<byte[]>();
            while (!stop.IsCancellationRequested)
            {
                sink.Add(new byte[64 * 1024]);      // below the large-object threshold: gen-0 collections, many of them
                if (sink.Count > 64) sink.Clear();
            }
        }) { IsBackground = true };
        pressure.Start();
        try
        {
            (double Gap, int Player)? first = null;
            // At least 12 rounds, and on until the pressure has forced the collections the last assertion asks for: gen 0's
            // budget grows with the processor's cache, and on a CI machine with a large one 12 rounds once saw fewer than 100.
            for (var round = 0; round < 12 || (GC.CollectionCount(0) - collections <= 100 && round < 1000); round++)
            {
                var result = GameTheory.Equilibrium(game, maxIterations: 60);
                var gap = GameTheory.NashGap(game, result.Profile);
                first ??= gap;
                Assert.Equal(first, gap);            // the same game gives the same digits, round after round
            }
        }
        finally
        {
            stop.Cancel();
            pressure.Join();
        }
        Assert.True(GC.CollectionCount(0) - collections > 100, "the pressure thread should have forced many collections");
    }
}
