using PruningGame.Infrastructure;
using System.Text.Json;
using PruningGame.Models;
using static TorchSharp.torch;
using PruningGame.Methods;

namespace PruningGame.Training;

/// <summary>
/// The state at the end of an epoch: weights and participations, optimizer state, the method's own state and
/// the epoch records so far. Files carry the epoch in their name and <c>checkpoint.json</c>, written last, names
/// the complete set; so a run killed at any moment leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    private const string Index = "checkpoint.json";

    private sealed record IndexFile(int EpochsDone, string Model, string Optimizer, string Method, List<EpochRecordDto> Records,
                                    List<TrajectoryPoint> Trajectory);

    public sealed record TrajectoryPoint(int Epoch, string Layer, int Player, double Participation);

    public sealed record Restored(int EpochsDone, IReadOnlyList<EpochRecord> Records, IReadOnlyList<TrajectoryPoint> Trajectory);

    public static bool Exists(string runFolder) => File.Exists(Path.Combine(runFolder, Index));

    public static void Save(string runFolder, int epochsDone, ParticipatingNetwork model, TorchSharp.Modules.OptimizerHelper optimizer,
                            PruningMethod method, IReadOnlyList<EpochRecord> records, IReadOnlyList<TrajectoryPoint> trajectory)
    {
        var previous = Exists(runFolder) ? ReadIndex(runFolder) : null;
        var names = new { Model = $"checkpoint-e{epochsDone}.model.bin", Optimizer = $"checkpoint-e{epochsDone}.optim.bin", Method = $"checkpoint-e{epochsDone}.method.bin" };
        AtomicFile.Write(Path.Combine(runFolder, names.Model), stream => model.save(stream));
        AtomicFile.Write(Path.Combine(runFolder, names.Optimizer), stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            optimizer.save_state_dict(writer);
        });
        AtomicFile.Write(Path.Combine(runFolder, names.Method), stream => WriteTensors(stream, method.State()));
        var index = new IndexFile(epochsDone, names.Model, names.Optimizer, names.Method,
                                  records.Select(EpochRecordDto.From).ToList(), trajectory.ToList());
        AtomicFile.WriteAllText(Path.Combine(runFolder, Index), JsonSerializer.Serialize(index, RunConfig.Json));
        if (previous is not null && previous.EpochsDone != epochsDone)
            foreach (var old in new[] { previous.Model, previous.Optimizer, previous.Method })
                File.Delete(Path.Combine(runFolder, old));
    }

    public static Restored Load(string runFolder, ParticipatingNetwork model, TorchSharp.Modules.OptimizerHelper optimizer, PruningMethod method)
    {
        var index = ReadIndex(runFolder);
        using (var stream = File.OpenRead(Path.Combine(runFolder, index.Model)))
            model.load(stream);
        using (var reader = new BinaryReader(File.OpenRead(Path.Combine(runFolder, index.Optimizer))))
            optimizer.load_state_dict(reader);
        using (var stream = File.OpenRead(Path.Combine(runFolder, index.Method)))
        {
            var state = ReadTensors(stream, model.PlayerGroups[0].Layer.Participation.device);
            method.LoadState(state);
        }
        return new Restored(index.EpochsDone, index.Records.Select(r => r.ToRecord()).ToList(), index.Trajectory);
    }

    private static IndexFile ReadIndex(string runFolder)
    {
        var path = Path.Combine(runFolder, Index);
        try
        {
            return JsonSerializer.Deserialize<IndexFile>(File.ReadAllText(path), RunConfig.Json)
                   ?? throw new InvalidDataException($"Checkpoint index '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Checkpoint index '{path}' is corrupt: {e.Message}", e);
        }
    }

    private static void WriteTensors(Stream stream, IReadOnlyDictionary<string, Tensor> tensors)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            using var cpuCopy = tensor.detach().to_type(float32).cpu().contiguous();
            writer.Write(name);
            writer.Write(cpuCopy.dim());
            foreach (var d in cpuCopy.shape) writer.Write(d);
            foreach (var v in cpuCopy.data<float>()) writer.Write(v);
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(Stream stream, Device device)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var count = reader.ReadInt32();
        var result = new Dictionary<string, Tensor>();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var shape = new long[reader.ReadInt32()];
            for (var d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (var j = 0; j < values.Length; j++) values[j] = reader.ReadSingle();
            result[name] = tensor(values, shape, device: device);
        }
        return result;
    }

    /// <summary>EpochRecord with settable, serialisable members (its AccuracyGap is derived).</summary>
    private sealed record EpochRecordDto(int Epoch, double TrainLoss, double TestAccuracyGated, double TestAccuracyPruned,
        double NeuronSparsity, double MeanParticipation, int ActiveNeurons, List<LayerRecord> Layers, CollapseCheck? Collapse,
        double WeightSparsity, double WallSeconds, List<CriterionRecord>? Criteria)
    {
        public static EpochRecordDto From(EpochRecord r) => new(r.Epoch, r.TrainLoss, r.TestAccuracyGated, r.TestAccuracyPruned,
            r.NeuronSparsity, r.MeanParticipation, r.ActiveNeurons, r.Layers.ToList(), r.Collapse, r.WeightSparsity, r.WallSeconds, r.Criteria.ToList());

        public EpochRecord ToRecord() => new()
        {
            Epoch = Epoch, TrainLoss = TrainLoss, TestAccuracyGated = TestAccuracyGated, TestAccuracyPruned = TestAccuracyPruned,
            NeuronSparsity = NeuronSparsity, MeanParticipation = MeanParticipation, ActiveNeurons = ActiveNeurons, Layers = Layers,
            Collapse = Collapse, WeightSparsity = WeightSparsity, WallSeconds = WallSeconds, Criteria = Criteria ?? [],
        };
    }
}
