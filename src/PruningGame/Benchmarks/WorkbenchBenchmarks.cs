using System.Runtime.InteropServices;
using PruningGame.Data;
using PruningGame.Game;
using PruningGame.Models;
using PruningGame.Configuration;
using PruningGame.Experiments;
using PruningGame.Training;
using PruningGame.RunRecords;
using TorchSharp;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Benchmarks;

/// <summary>
/// What the game costs and what pruning buys, measured side by side in one process (issue 8): the game's training
/// step against a plain dense step, the participation update's scaling in N and d, achieved GFLOP/s against the
/// machine's sgemm at the same shapes, inference of the compacted against the dense model, and dataset loading.
/// </summary>
public static class WorkbenchBenchmarks
{
    private static readonly int[] PaperSizes = [784, 512, 256, 10];
    private const int Batch = 128;

    public static BenchReport Run(int repeats = 7, Action<string>? progress = null)
    {
        var measurements = new List<Measurement>();
        void Add(Measurement m) { measurements.Add(m); progress?.Invoke($"{m.Group}: {m.Name} = {m.Median:G4} {m.Unit}"); }
        random.manual_seed(1);
        Infrastructure.NativeAllocator.KeepFreedMemory();   // as the trainer does
        TrainingSteps(repeats, Add);
        ParticipationUpdateScaling(repeats, Add);
        Throughput(repeats, Add);
        Inference(repeats, Add);
        DatasetLoading(Add);
        MemoryOverEpochs(Add);
        return new BenchReport(MachineName(), Infrastructure.CpuIdentity.Describe(), Environment.ProcessorCount, get_num_threads(), RuntimeInformation.OSDescription, DateTimeOffset.UtcNow, measurements, Infrastructure.EnvironmentSnapshot.CurrentGitCommit());
    }

    private static (Tensor X, Tensor Y) Batch128() => (rand(Batch, 784), randint(0, 10, Batch));

    /// <summary>
    /// The trainer's own step (<see cref="Trainer.Step"/>) for a method on an MLP of <paramref name="sizes"/>, as the
    /// trainer sets it up: the method attached, its extra parameters in the optimizer, an epoch started.
    /// </summary>
    private static Action TrainerStep(MethodSpec spec, int[] sizes, Tensor x, Tensor y)
    {
        var model = new ParticipatingMlp(sizes);
        var config = new RunConfig { Model = new ModelSpec { LayerSizes = sizes }, Method = spec };
        var method = Factories.BuildMethod(spec);
        var context = new TrainingContext(model, config, CPU) { StepsPerEpoch = 469, BatchSize = (int)x.shape[0] };
        method.Attach(context);
        var optimizer = Trainer.BuildOptimizer(config.Training, model.WeightParameters().Concat(method.ExtraParameters(context)));
        method.OnEpochStart(context);
        return () => Trainer.Step(context, method, optimizer, x, y);
    }

    private static MethodSpec PaperGame(double eta = 0) => MethodSpec.ForGame(new GameOptions { Beta = 0.5, Eta = eta });

    /// <summary>
    /// The game's training step against the dense method's, both the trainer's own step on the paper's MLP; and, for
    /// reference, a plain TorchSharp MLP (no participations, TorchSharp's Adam) trained on the same batch. Measured with one
    /// torch thread, the setting of every sweep and main-job run (one thread per worker), and with every core.
    /// </summary>
    private static void TrainingSteps(int repeats, Action<Measurement> add)
    {
        var threads = get_num_threads();
        try
        {
            foreach (var count in new[] { 1, Environment.ProcessorCount }.Distinct())
            {
                set_num_threads(count);
                TrainingSteps(repeats, count, add);
            }
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static void TrainingSteps(int repeats, int threads, Action<Measurement> add)
    {
        var (x, y) = Batch128();
        var plain = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10));
        using var plainOptimizer = optim.Adam(plain.parameters(), 1e-3);
        void PlainStep()
        {
            using var scope = NewDisposeScope();
            plainOptimizer.zero_grad();
            nn.functional.cross_entropy(plain.forward(x), y).backward();
            plainOptimizer.step();
        }
        var denseStep = TrainerStep(new MethodSpec { Name = "dense", Game = null }, PaperSizes, x, y);
        var gameStep = TrainerStep(PaperGame(), PaperSizes, x, y);

        // Interleaved in short blocks, the order alternating, so that drift in machine load affects the three alike: this
        // host's step time drifts by 10-30 % within minutes, and with 21 pairs of 100-step blocks the median ratio moved
        // between 1.01 and 1.06 from one bench run to the next. 30× the repeats of 10-step pairs (two warm-up steps each)
        // took that to about ±0.01.
        List<double> plainTimes = [], denseTimes = [], gameTimes = [];
        for (var i = 0; i < 20; i++) { PlainStep(); denseStep(); gameStep(); }
        for (var r = 0; r < 30 * repeats; r++)
        {
            (Action Step, List<double> Times)[] order = r % 2 == 0
                ? [(PlainStep, plainTimes), (denseStep, denseTimes), (gameStep, gameTimes)]
                : [(PlainStep, plainTimes), (gameStep, gameTimes), (denseStep, denseTimes)];
            foreach (var (step, times) in order)
                times.AddRange(Timing.MillisecondsPerCall(step, warmup: 2, repeats: 1, inner: 10));
        }
        var setting = threads == 1 ? "1 torch thread (the sweeps' and main job's setting)" : $"{threads} torch threads";
        add(Measurement.Of("training step", $"dense method, trainer's step, MLP 784-512-256-10, batch 128, Adam, {setting}", denseTimes, "ms"));
        add(Measurement.Of("training step", $"game (Algorithm 1), trainer's step, same model, batch and optimizer, {setting}", gameTimes, "ms"));
        add(Measurement.Of("training step", $"plain TorchSharp MLP step (no participations), for reference, {setting}", plainTimes, "ms"));
        add(Measurement.Of("training step", $"game / dense step time, {setting}", gameTimes.Zip(denseTimes, (g, d) => g / d).ToList(), "×", "goal ≤ 1.05"));
        add(Measurement.Of("training step", $"game / plain MLP step time, {setting}", gameTimes.Zip(plainTimes, (g, d) => g / d).ToList(), "×"));
    }

    /// <summary>
    /// What the game adds to the trainer's step as players N and group size d grow: the game's step minus the dense
    /// method's, on an MLP d → N → 10 (one participating layer of N players with rows of d + 1), batch 128.
    /// </summary>
    private static void ParticipationUpdateScaling(int repeats, Action<Measurement> add)
    {
        foreach (var (n, d) in new[] { (256, 256), (512, 256), (1024, 256), (2048, 256), (512, 512), (512, 1024), (512, 2048) })
            foreach (var eta in new[] { 0.0, 0.1 })
            {
                var (x, y) = (rand(Batch, d), randint(0, 10, Batch));
                int[] sizes = [d, n, 10];
                var denseStep = TrainerStep(new MethodSpec { Name = "dense", Game = null }, sizes, x, y);
                var gameStep = TrainerStep(PaperGame(eta), sizes, x, y);
                List<double> extra = [];
                for (var r = 0; r < repeats; r++)
                {
                    var dense = Timing.MillisecondsPerCall(denseStep, warmup: 3, repeats: 1, inner: 20)[0];
                    var game = Timing.MillisecondsPerCall(gameStep, warmup: 3, repeats: 1, inner: 20)[0];
                    extra.Add(game - dense);
                }
                add(Measurement.Of("participation update", $"N={n} d={d} {(eta > 0 ? "with" : "without")} competition: game step − dense step",
                                   extra, "ms", $"N·d = {(long)n * d}"));
            }
    }

    /// <summary>Achieved GFLOP/s of the game's training steps against sgemm at the same shapes (the machine's limit).</summary>
    private static void Throughput(int repeats, Action<Measurement> add)
    {
        // Training ≈ 3 matrix products per layer (forward, input gradient, weight gradient), 2 FLOPs per multiply-add.
        long macsPerSample = PaperSizes.Zip(PaperSizes.Skip(1), (a, b) => (long)a * b).Sum();
        var flopsPerStep = 6.0 * macsPerSample * Batch;
        var (x, y) = Batch128();
        var gameStep = TrainerStep(PaperGame(), PaperSizes, x, y);
        var stepMs = Timing.MillisecondsPerCall(gameStep, warmup: 10, repeats: repeats, inner: 30);
        add(Measurement.Of("throughput", "game training, achieved", stepMs.Select(ms => flopsPerStep / (ms * 1e6)).ToList(), "GFLOP/s",
                           "6 × multiply-adds × batch per step"));

        // The same products as bare sgemm calls: forward, input-gradient and weight-gradient shapes of each layer.
        var shapes = PaperSizes.Zip(PaperSizes.Skip(1), (a, b) => (In: a, Out: b)).ToList();
        var operands = shapes.SelectMany(s => new[]
        {
            (A: rand(Batch, s.In), B: rand(s.In, s.Out)),     // forward
            (A: rand(Batch, s.Out), B: rand(s.Out, s.In)),    // input gradient
            (A: rand(s.In, Batch), B: rand(Batch, s.Out)),    // weight gradient
        }).ToList();
        var gemmMs = Timing.MillisecondsPerCall(() =>
        {
            using var scope = NewDisposeScope();
            foreach (var (a, b) in operands) a.mm(b);
        }, warmup: 10, repeats: repeats, inner: 30);
        add(Measurement.Of("throughput", "sgemm at the training step's shapes (limit)", gemmMs.Select(ms => flopsPerStep / (ms * 1e6)).ToList(), "GFLOP/s"));
        var big = rand(2048, 2048);
        var bigMs = Timing.MillisecondsPerCall(() => { using var scope = NewDisposeScope(); big.mm(big); }, warmup: 2, repeats: repeats, inner: 3);
        add(Measurement.Of("throughput", "sgemm 2048×2048 (machine peak)", bigMs.Select(ms => 2.0 * 2048 * 2048 * 2048 / (ms * 1e6)).ToList(), "GFLOP/s"));
    }

    /// <summary>Dense against compacted inference (the paper's Extreme Beta size: 37 of 768 neurons, 25 + 12) at batch 1, 128 and 4096.</summary>
    private static void Inference(int repeats, Action<Measurement> add)
    {
        var dense = new ParticipatingMlp(PaperSizes);
        var keep = new[] { Enumerable.Range(0, 512).Select(i => i < 25).ToArray(), Enumerable.Range(0, 256).Select(i => i < 12).ToArray() };
        var compact = dense.Compact(keep);
        dense.eval();
        compact.eval();
        add(new Measurement("inference", "parameters dense → compact", dense.ParameterCount(), compact.ParameterCount(), compact.ParameterCount(), "count", 1,
                            $"reduction {(double)dense.ParameterCount() / compact.ParameterCount():F1}×"));
        foreach (var batch in new[] { 1, 128, 4096 })
        {
            var input = rand(batch, 784);
            List<double> Latency(nn.Module<Tensor, Tensor> model) => Timing.MillisecondsPerCall(() =>
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                _ = model.forward(input).sum().item<float>();
            }, warmup: 5, repeats: repeats, inner: batch == 4096 ? 5 : 50);
            var d = Latency(dense);
            var c = Latency(compact);
            add(Measurement.Of("inference", $"dense latency, batch {batch}", d, "ms"));
            add(Measurement.Of("inference", $"compact latency, batch {batch}", c, "ms"));
            add(Measurement.Of("inference", $"compact throughput, batch {batch}", c.Select(ms => batch / ms * 1000).ToList(), "samples/s"));
            add(Measurement.Of("inference", $"speed-up, batch {batch}", d.Zip(c, (a, b) => a / b).ToList(), "×"));
        }
        add(new Measurement("inference", "process peak resident memory after inference", Timing.PeakResidentMiB(), Timing.PeakResidentMiB(), Timing.PeakResidentMiB(), "MiB", 1, "VmHWM of the whole benchmark process"));
    }

    /// <summary>Fashion-MNIST: cold (decompress, verify, write the decoded cache) and cached (verify the cache, convert).</summary>
    private static void DatasetLoading(Action<Measurement> add)
    {
        if (!Datasets.IsPresent("fashion-mnist")) return;
        var cold = new List<double>();
        var warm = new List<double>();
        for (var r = 0; r < 3; r++)
        {
            var cache = Directory.CreateTempSubdirectory("pruninggame-bench-cache-").FullName;
            try
            {
                var files = new DatasetFiles(cache);
                cold.AddRange(Timing.MillisecondsPerCall(() => Datasets.Load("fashion-mnist", files: files).Dispose(), warmup: 0, repeats: 1));
                warm.AddRange(Timing.MillisecondsPerCall(() => Datasets.Load("fashion-mnist", files: files).Dispose(), warmup: 0, repeats: 1));
            }
            finally
            {
                Directory.Delete(cache, recursive: true);
            }
        }
        add(Measurement.Of("dataset", "Fashion-MNIST load, cold (decompress + verify + cache)", cold, "ms"));
        add(Measurement.Of("dataset", "Fashion-MNIST load, cached (verify + convert)", warm, "ms"));
    }

    /// <summary>
    /// Resident memory after each epoch of a real run (the game on the paper's MLP, the synthetic teacher dataset), started
    /// the way every run starts (<see cref="RunLauncher"/>): every step runs in a dispose scope, so after the first epoch
    /// the figure must stay flat.
    /// </summary>
    private static void MemoryOverEpochs(Action<Measurement> add)
    {
        const int epochs = 8;
        var root = Directory.CreateTempSubdirectory("pruninggame-bench-memory-").FullName;
        try
        {
            var observer = new ResidentMemoryObserver();
            var config = new RunConfig
            {
                Experiment = "bench-memory",
                Dataset = new DatasetSpec { Name = "synthetic" },
                Training = new TrainingOptions { Epochs = epochs, Threads = 0, TrajectorySamplePerLayer = 4 },
                Method = MethodSpec.ForGame(new GameOptions { Beta = 0.5 }),
            };
            RunLauncher.Launch(config, root, new LaunchOptions(), observer);
            var after = observer.AfterEpoch;
            add(new Measurement("memory", "resident memory after epoch 1", after[0], after[0], after[0], "MiB", 1, "a launched run: game, paper MLP, synthetic dataset (4,096 samples)"));
            add(new Measurement("memory", $"resident memory after epoch {epochs}", after[^1], after[^1], after[^1], "MiB", 1, ""));
            var growth = after.Skip(1).Zip(after.Skip(2), (a, b) => b - a).ToList();
            add(Measurement.Of("memory", $"growth per epoch, epochs 2–{epochs}", growth, "MiB", "flat means ≈ 0"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class ResidentMemoryObserver : ITrainingObserver
    {
        public List<double> AfterEpoch { get; } = [];
        public void EpochFinished(EpochRecord record) => AfterEpoch.Add(Timing.ResidentMiB());
    }

    /// <summary>
    /// A stable folder name for this kind of machine: CPU model, family and model numbers, core count (amd-epyc-f25-m1-2c).
    /// The numbers came in on 2026-12-03, when a second host also named "AMD EPYC" measured differently; the reports
    /// of the host before them stay in amd-epyc-2c.
    /// </summary>
    public static string MachineName()
    {
        var model = new string(Infrastructure.CpuIdentity.Model().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-");
        var tag = Infrastructure.CpuIdentity.FamilyModelTag();
        return (tag.Length == 0 ? model : $"{model}-{tag}") + $"-{Environment.ProcessorCount}c";
    }
}
