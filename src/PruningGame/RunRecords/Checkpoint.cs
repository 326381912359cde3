using PruningGame.Infrastructure;
using System.Text.Json;
using PruningGame.Models;
using static TorchSharp.torch;
using PruningGame.Configuration;
using PruningGame.Methods;

namespace PruningGame.RunRecords;

/// <summary>
/// The state at the end of an epoch: weights and participations, optimizer state, the method's own state and
/// the epoch records so far. Files carry the epoch in their name and <c>checkpoint.json</c>, written last, names
/// the complete set; so a run killed at any moment leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    private const string Index = RunFiles.CheckpointIndex;

    private sealed record IndexFile(int EpochsDone, string Model, string Optimizer, string Method, List<EpochRecordDto> Records,
                                    List<TrajectoryPoint> Trajectory);

    public sealed record Restored(int EpochsDone, IReadOnlyList<EpochRecord> Records, IReadOnlyList<TrajectoryPoint> Trajectory);

    public static bool Exists(string runFolder) => File.Exists(Path.Combine(runFolder, Index));

    public static void Save(string runFolder, int epochsDone, ParticipatingNetwork model, TorchSharp.Modules.OptimizerHelper optimizer,
                            PruningMethod method, IReadOnlyList<EpochRecord> records, IReadOnlyList<TrajectoryPoint> trajectory)
    {
        var previous = Exists(runFolder) ? ReadIndex(runFolder) : null;
        var names = new { Model = $"checkpoint-e{epochsDone}.model.bin", Optimizer = $"checkpoint-e{epochsDone}.optim.bin", Method = $"checkpoint-e{epochsDone}.method.bin" };
        try
        {
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
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a folder gone read-only: drop this epoch's partial set, so nothing but the previous
            // complete checkpoint stays behind to fill the disk or confuse a resume.
            CleanOrphans(runFolder);
            throw new IOException($"Could not write the checkpoint of epoch {epochsDone} in '{runFolder}': {e.Message}. " +
                                  "Free space or make the folder writable, then rerun with --resume " +
                                  (previous is null ? "(no earlier checkpoint exists: it restarts from epoch 1)." : $"(it continues after epoch {previous.EpochsDone})."), e)
            {
                HResult = e.HResult,   // keeps the errno (ENOSPC, EROFS) for whoever explains it
            };
        }
        if (previous is not null && previous.EpochsDone != epochsDone)
            foreach (var old in new[] { previous.Model, previous.Optimizer, previous.Method })
                File.Delete(Path.Combine(runFolder, old));
    }

    public static Restored Load(string runFolder, ParticipatingNetwork model, TorchSharp.Modules.OptimizerHelper optimizer, PruningMethod method)
    {
        var index = ReadIndex(runFolder);
        Read(runFolder, index.Model, stream => model.load(stream));
        Read(runFolder, index.Optimizer, stream =>
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            optimizer.load_state_dict(reader);
        });
        Read(runFolder, index.Method, stream => method.LoadState(ReadTensors(stream, model.PlayerGroups[0].Layer.Participation.device)));
        return new Restored(index.EpochsDone, index.Records.Select(r => r.ToRecord()).ToList(), index.Trajectory);
    }

    /// <summary>Reads one checkpoint file to its end; a missing, truncated or otherwise unreadable file is named, with what to do.</summary>
    private static void Read(string runFolder, string name, Action<Stream> read)
    {
        var path = Path.Combine(runFolder, name);
        try
        {
            using var stream = File.OpenRead(path);
            read(stream);
            if (stream.CanSeek && stream.Position != stream.Length)
                throw new InvalidDataException($"{stream.Length - stream.Position} bytes remain after the last value");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException
                                      or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            throw new CheckpointDamagedException(path, runFolder, e);
        }
    }

    /// <summary>
    /// Removes what a killed or failed writer can leave in a run folder: atomic-write temporaries, and checkpoint files
    /// that checkpoint.json does not name (a set the writer never completed).
    /// </summary>
    public static void CleanOrphans(string runFolder)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (Exists(runFolder) && ReadIndex(runFolder) is { } index) keep.UnionWith([index.Model, index.Optimizer, index.Method]);
        }
        catch (CheckpointDamagedException)
        {
            return;   // a damaged index: leave every file for the person who reads the error
        }
        foreach (var file in Directory.EnumerateFiles(runFolder))
        {
            var name = Path.GetFileName(file);
            var orphan = (name.StartsWith("checkpoint-e", StringComparison.Ordinal) && name.EndsWith(".bin", StringComparison.Ordinal) && !keep.Contains(name))
                         || (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal));
            if (orphan) File.Delete(file);
        }
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
            throw new CheckpointDamagedException(path, runFolder, e);
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
            writer.Write(cpuCopy.dim());                        // a long: 8 bytes, as ReadTensors reads it
            foreach (var d in cpuCopy.shape) writer.Write(d);
            foreach (var v in cpuCopy.data<float>()) writer.Write(v);
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(Stream stream, Device device)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var count = reader.ReadInt32();
        if (count < 0) throw new InvalidDataException($"it holds {count} tensors");
        var result = new Dictionary<string, Tensor>();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var dimensions = reader.ReadInt64();
            if (dimensions is < 0 or > 8) throw new InvalidDataException($"tensor '{name}' has {dimensions} dimensions");
            var shape = new long[dimensions];
            for (var d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
            var remaining = stream.CanSeek ? (stream.Length - stream.Position) / sizeof(float) : long.MaxValue;
            var elements = 1L;
            foreach (var size in shape)
            {
                if (size < 0 || (size > 0 && elements > remaining / size))
                    throw new InvalidDataException($"tensor '{name}' has shape [{string.Join(", ", shape)}], more values than the file holds");
                elements *= size;
            }
            var values = new float[elements];
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
