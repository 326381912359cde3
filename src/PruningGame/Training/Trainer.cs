using PruningGame.Infrastructure;
using System.Diagnostics;
using PruningGame.Data;
using PruningGame.Models;
using TorchSharp;
using static TorchSharp.torch;
using PruningGame.Configuration;
using PruningGame.Methods;
using PruningGame.RunRecords;

namespace PruningGame.Training;

/// <summary>The outcome of a finished run.</summary>
public sealed record RunResult(string Folder, RunSummary Summary, IReadOnlyList<EpochRecord> Epochs);

/// <summary>
/// Trains any <see cref="ParticipatingNetwork"/> under any <see cref="PruningMethod"/> and writes the run folder.
/// Deterministic: the same config and seed on the same machine give the same numbers (the seed fixes the
/// initialisation; each epoch's shuffle is derived from the seed and the epoch, so a resumed run replays exactly).
/// The seed goes into libtorch's process-global generator, which module initialisation draws from: two trainers
/// running at the same time in one process are not deterministic. Sweeps run each run in its own process.
/// </summary>
public sealed class Trainer(ITrainingObserver? observer = null)
{
    private readonly ITrainingObserver observer = observer ?? SilentObserver.Instance;

    /// <summary>
    /// Runs <paramref name="config"/> on <paramref name="data"/>, writing under <paramref name="resultsRoot"/>: for tests, which
    /// train on data made in memory. Everything else starts runs through <c>RunLauncher</c>, which validates the config and
    /// loads the dataset it names.
    /// </summary>
    internal RunResult Run(RunConfig config, Dataset data, string resultsRoot, EnvironmentSnapshot environment, bool resume = false, string? runId = null)
    {
        RunPreflight.Check(config, data);
        using var folder = RunFolder.Claim(resultsRoot, config, runId, resume);
        return Run(folder, data, environment);
    }

    /// <summary>Trains <see cref="RunFolder.Config"/> into a folder this process has claimed (resuming from its checkpoint if any).</summary>
    public RunResult Run(RunFolder folder, Dataset data, EnvironmentSnapshot environment)
    {
        var config = folder.Config;
        var device = Factories.ResolveDevice(config.Training.Device);
        NativeAllocator.KeepFreedMemory();
        if (folder.StaleOwner is { } stale) observer.Message($"Took over '{folder.Path}' from a process that died holding it ({stale}).");
        if (config.Training.Threads > 0) set_num_threads(config.Training.Threads);
        random.manual_seed(config.Training.Seed);

        var model = Factories.BuildModel(config.Model, device);
        var method = Factories.BuildMethod(config.Method);
        var context = new TrainingContext(model, config, device);
        method.Attach(context);
        using var optimizer = BuildOptimizer(config.Training, model.WeightParameters().Concat(method.ExtraParameters(context)));

        var trainX = data.TrainImages.to(device);
        var trainY = data.TrainLabels.to(device);
        var testX = data.TestImages.to(device);
        var testY = data.TestLabels.to(device);
        var trainCount = trainX.shape[0];
        var batch = config.Training.BatchSize;
        context.StepsPerEpoch = (int)((trainCount + batch - 1) / batch);
        var calibrationCount = Math.Min(TrainingContext.CalibrationSamples, trainCount);
        context.CalibrationBatch = () => (trainX.narrow(0, 0, calibrationCount), trainY.narrow(0, 0, calibrationCount));

        var records = new List<EpochRecord>();
        var trajectory = new List<TrajectoryPoint>();
        var sample = TrajectorySample(model, config.Training.TrajectorySamplePerLayer);
        var playerEpochs = new List<PlayerEpochRecord>();
        var logsPlayers = true;
        var startEpoch = 0;
        if (Checkpoint.Exists(folder.Path))
        {
            var restored = Checkpoint.Load(folder.Path, model, optimizer, method);
            startEpoch = restored.EpochsDone;
            records.AddRange(restored.Records);
            trajectory.AddRange(restored.Trajectory);
            playerEpochs.AddRange(folder.ReadPlayerEpochs(startEpoch));
            // A log without every player at every epoch so far (a checkpoint older than the log, or a log deleted to resume)
            // cannot be completed: the run then records none, rather than a log that starts midway.
            logsPlayers = playerEpochs.Count == (startEpoch + 1) * model.TotalPlayers;
            if (!logsPlayers)
            {
                playerEpochs.Clear();
                folder.DeletePlayerEpochs();
                observer.Message($"{RunFiles.PlayerEpochs} holds no log of epochs 0 to {startEpoch}: this run records no per-player log.");
            }
            observer.Message($"Resuming {folder.Path} after epoch {startEpoch}.");
        }
        else
        {
            folder.WriteConfig(config);
            folder.WriteJson(RunFiles.Environment, environment);
            trajectory.AddRange(RecordTrajectory(model, sample, epoch: 0));
            playerEpochs.AddRange(PlayerReport.EpochRows(model, 0, benefits: null));
        }

        observer.RunStarted(config, folder.Path, config.Training.Epochs, context.StepsPerEpoch);
        var runClock = Stopwatch.StartNew();
        model.train();
        for (var epoch = startEpoch; epoch < config.Training.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            context.Epoch = epoch;
            random.manual_seed(config.Training.Seed * 1_000_003 + epoch);   // per-epoch RNG for stochastic methods
            method.OnEpochStart(context);
            var order = Shuffle(trainCount, config.Training.Seed, epoch, device);
            double lossSum = 0;
            for (var step = 0; step < context.StepsPerEpoch; step++)
            {
                using var scope = NewDisposeScope();
                context.Step = step;
                var start = (long)step * batch;
                var index = order.narrow(0, start, Math.Min(batch, trainCount - start));
                context.BatchSize = (int)index.shape[0];
                var lossValue = Step(context, method, optimizer, trainX.index_select(0, index), trainY.index_select(0, index));
                if (!float.IsFinite(lossValue))
                    throw new TrainingDivergedException(epoch + 1, step, "the loss", folder.Path, Checkpoint.Exists(folder.Path));
                CheckParticipations(model, epoch, step, folder.Path);
                lossSum += lossValue;
                observer.StepFinished(epoch, step, lossValue);
            }
            order.Dispose();
            method.OnEpochEnd(context);

            var record = Measure(model, method, context, testX, testY, epoch + 1, lossSum / context.StepsPerEpoch, epochClock.Elapsed.TotalSeconds);
            records.Add(record);
            trajectory.AddRange(RecordTrajectory(model, sample, epoch + 1));
            folder.WriteMetrics(records);
            if (logsPlayers)
            {
                playerEpochs.AddRange(PlayerReport.EpochRows(model, epoch + 1, method.EpochBenefits(context)));
                folder.WritePlayerEpochs(playerEpochs);
            }
            Checkpoint.Save(folder.Path, epoch + 1, model, optimizer, method, records, trajectory);
            observer.EpochFinished(record);
        }

        var summary = Finish(folder, config, model, method, context, testX, testY, records, trajectory, runClock.Elapsed.TotalSeconds);
        return new RunResult(folder.Path, summary, records);
    }

    /// <summary>
    /// One training step, the one the epoch loop runs and the benchmark times: the method's hooks around forward,
    /// backward and the weight optimizer's step, in <see cref="PruningMethod"/>'s order. For the game this is Algorithm 1's
    /// step (Eq. 16–18). Returns the batch's loss; NaN, with the weights untouched, when the loss or the method's penalty
    /// is not finite.
    /// </summary>
    public static float Step(TrainingContext context, PruningMethod method, TorchSharp.Modules.OptimizerHelper optimizer, Tensor inputs, Tensor labels)
    {
        using var scope = NewDisposeScope();
        ReleaseGradients(context.Model, optimizer);
        method.BeforeForward(context);
        var loss = nn.functional.cross_entropy(context.Model.forward(inputs), labels);
        var penalty = method.Penalty(context);
        var objective = penalty is null ? loss : loss + penalty;
        objective.backward();
        var lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue) || (penalty is not null && !float.IsFinite(penalty.item<float>())))
            return float.NaN;
        method.AfterBackward(context);
        optimizer.step();
        method.AfterOptimizerStep(context);
        return lossValue;
    }

    /// <summary>
    /// Clears last step's gradients by releasing them rather than zeroing them: backward then stores each fresh gradient
    /// instead of adding it into a zeroed buffer, two passes fewer over the weights per step. 0 + g is g, so the numbers
    /// are the same. The optimizer's own zeroing covers parameters outside the model (none of today's methods have any).
    /// </summary>
    private static void ReleaseGradients(ParticipatingNetwork model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        foreach (var parameter in model.parameters()) parameter.grad = null;
        optimizer.zero_grad();
    }

    /// <summary>The weight optimizer of <paramref name="options"/> over <paramref name="parameters"/>.</summary>
    public static TorchSharp.Modules.OptimizerHelper BuildOptimizer(TrainingOptions options, IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        options.Optimizer switch
        {
            OptimizerKind.Adam => new FusedAdam(parameters, options.LearningRate),
            OptimizerKind.SgdMomentum => optim.SGD(parameters, options.LearningRate, options.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
        };

    /// <summary>A permutation of the training set fixed by (seed, epoch) alone.</summary>
    private static Tensor Shuffle(long count, long seed, int epoch, Device device)
    {
        var rng = new Random(ShuffleSeed(seed, epoch));
        var order = new long[count];
        for (long i = 0; i < count; i++) order[i] = i;
        rng.Shuffle(order);
        return tensor(order, device: device);
    }

    /// <summary>
    /// The shuffle's seed for (seed, epoch): a fixed SplitMix64 mix, the same in every process. (HashCode.Combine is
    /// randomised per process, which made runs from the same config differ between invocations.)
    /// </summary>
    public static int ShuffleSeed(long seed, int epoch)
    {
        unchecked
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch + 0x5EEDUL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    private static void CheckParticipations(ParticipatingNetwork model, int epoch, int step, string folder)
    {
        foreach (var group in model.PlayerGroups)
        {
            using var finite = group.Layer.Participation.isfinite().all();
            if (!finite.item<bool>())
                throw new TrainingDivergedException(epoch + 1, step, $"a participation of layer '{group.Name}'", folder, Checkpoint.Exists(folder));
        }
    }

    private static EpochRecord Measure(ParticipatingNetwork model, PruningMethod method, TrainingContext context,
                                       Tensor testX, Tensor testY, int epoch, double trainLoss, double seconds)
    {
        var ownKeep = method.KeepMasks(context);
        var byCriterion = method.KeepMasksByCriterion(context);
        var accuracies = new PrunedAccuracies(model, byCriterion.Values.Append(ownKeep), testX, testY);
        var gated = accuracies.Gated;
        var criteria = byCriterion.Select(c => CriterionEvaluation.Measure(model, c.Key, c.Value, accuracies.Of(c.Value))).ToList();
        // The method's own rule is one of its criteria (the game's): measured once.
        var own = byCriterion.Select((c, i) => (c.Value, Record: criteria[i])).FirstOrDefault(c => PrunedAccuracies.SameMasks(c.Value, ownKeep)).Record
                  ?? CriterionEvaluation.Measure(model, "own", ownKeep, accuracies.Of(ownKeep));
        var total = own.Layers.Sum(l => l.Total);
        return new EpochRecord
        {
            Epoch = epoch,
            TrainLoss = trainLoss,
            TestAccuracyGated = gated,
            TestAccuracyPruned = own.TestAccuracyPruned,
            NeuronSparsity = own.NeuronSparsity,
            MeanParticipation = total == 0 ? 0 : own.Layers.Sum(l => l.MeanParticipation * l.Total) / total,
            ActiveNeurons = own.ActiveNeurons,
            Layers = own.Layers,
            Collapse = method.CheckCollapse(context),
            WeightSparsity = method.WeightSparsity(context),
            WallSeconds = seconds,
            Criteria = criteria,
        };
    }

    private static (string Layer, int[] Players)[] TrajectorySample(ParticipatingNetwork model, int perLayer) =>
        model.PlayerGroups.Select(g =>
        {
            var n = g.PlayerCount;
            var count = Math.Min(perLayer, n);
            return (g.Name, Enumerable.Range(0, count).Select(i => (int)((long)i * n / count)).ToArray());
        }).ToArray();

    private static IEnumerable<TrajectoryPoint> RecordTrajectory(ParticipatingNetwork model, (string Layer, int[] Players)[] sample, int epoch)
    {
        var points = new List<TrajectoryPoint>();
        for (var k = 0; k < sample.Length; k++)
        {
            var s = model.PlayerGroups[k].Layer.Participation.detach().cpu().data<float>().ToArray();
            points.AddRange(sample[k].Players.Select(i => new TrajectoryPoint(epoch, sample[k].Layer, i, s[i])));
        }
        return points;
    }

    private RunSummary Finish(RunFolder folder, RunConfig config, ParticipatingNetwork model, PruningMethod method, TrainingContext context,
                              Tensor testX, Tensor testY, List<EpochRecord> records, List<TrajectoryPoint> trajectory, double seconds)
    {
        var slice = config.Method.Game?.PlayerSlice ?? Game.PlayerSlice.IncomingRowAndBias;
        var keep = method.KeepMasks(context);
        var players = PlayerReport.Build(model, keep, slice);
        folder.WriteParticipation(players);
        folder.WriteTrajectories(trajectory);

        var last = records[^1];
        var denseLatencyMs = 0.0;
        var own = CriterionEvaluation.Summarise(model, keep, new CriterionRecord("own", last.TestAccuracyPruned, last.NeuronSparsity, last.ActiveNeurons, last.Layers),
            slice, testX, testY, compaction =>
            {
                AtomicFile.Write(folder.PathOf(RunFiles.Compact), stream => compaction.Compact.save(stream));
                denseLatencyMs = compaction.DenseLatencyMs;
            });
        var criteria = method.KeepMasksByCriterion(context);
        // The method's own rule is one of its criteria (the game's): compacted and measured once, as in Measure.
        var byCriterion = criteria.Count == 0 ? null : criteria.ToDictionary(c => c.Key, c => PrunedAccuracies.SameMasks(c.Value, keep)
            ? own
            : CriterionEvaluation.Summarise(model, c.Value, last.Criteria.Single(r => r.Criterion == c.Key), slice, testX, testY));
        var epsilon = config.Method.Epsilon;
        var stats = ParticipationStatistics.From(players.Select(p => p.Participation).ToList(), epsilon);
        var summary = new RunSummary
        {
            Experiment = config.Experiment,
            RunId = folder.RunId,
            Method = method.Name,
            Label = config.Label,
            Dataset = config.Dataset.Name,
            Model = model.Architecture,
            Seed = config.Training.Seed,
            Epochs = config.Training.Epochs,
            TestAccuracyGated = last.TestAccuracyGated,
            NeuronsTotal = model.TotalPlayers,
            TotalPerLayer = last.Layers.ToDictionary(l => l.Name, l => l.Total),
            WeightSparsity = last.WeightSparsity,
            ParticipationBins = stats.Bins(epsilon),
            BimodalityCoefficient = stats.BimodalityCoefficient,
            DenseParameters = model.ParameterCount(),
            DenseMultiplyAdds = model.MultiplyAdds,
            DenseLatencyMs = denseLatencyMs,
            WallSeconds = records.Sum(r => r.WallSeconds),
            Criteria = byCriterion,
        }.WithRemoval(own);
        if (method.Report() is { } report) folder.WriteJson(RunFiles.MethodReport, report);
        folder.WriteSummary(summary);
        observer.RunFinished(folder.Path, seconds);
        return summary;
    }
}
