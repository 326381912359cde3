using System.Text.Json;
using System.Text.Json.Serialization;
using PruningGame.Game;
using PruningGame.Infrastructure;

namespace PruningGame.Configuration;

/// <summary>Which network to train: "mlp" (with <see cref="LayerSizes"/>), "lenet-300-100" or "lenet5".</summary>
public sealed record ModelSpec
{
    public string Kind { get; init; } = "mlp";
    /// <summary>For "mlp": input, hidden..., output. The paper's model is 784-512-256-10.</summary>
    public int[] LayerSizes { get; init; } = [784, 512, 256, 10];

    public static ModelSpec PaperMlp => new();
    public static ModelSpec LeNet300100 => new() { Kind = "mlp", LayerSizes = [784, 300, 100, 10] };
    public static ModelSpec LeNet5 => new() { Kind = "lenet5", LayerSizes = [] };
}

/// <summary>Which data: a catalogue name and optional subset sizes (null = all).</summary>
public sealed record DatasetSpec
{
    public string Name { get; init; } = "fashion-mnist";
    public int? TrainSamples { get; init; }
    public int? TestSamples { get; init; }
}

[JsonConverter(typeof(StrictEnumConverter))]
public enum OptimizerKind
{
    Adam,
    SgdMomentum,
}

/// <summary>The weight optimizer and loop settings (PAPER.md §5 and §7, choice 5).</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 128;
    /// <summary>Not stated by the paper; Adam with lr 1e-3 is our documented default.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Momentum for SgdMomentum.</summary>
    public double Momentum { get; init; } = 0.9;
    public long Seed { get; init; } = 1;
    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Torch intra-op threads; 0 = leave the library default.</summary>
    public int Threads { get; init; } = 2;
    /// <summary>How many players per layer <c>trajectories.csv</c> follows.</summary>
    public int TrajectorySamplePerLayer { get; init; } = 32;
    /// <summary>Set when a resumed run was given more epochs than it started with: the epochs it was started with.</summary>
    public int? ExtendedFromEpochs { get; init; }
}

/// <summary>
/// A pruning method by name with its options: "game" uses <see cref="Game"/>; baselines use <see cref="Baseline"/>.
/// </summary>
public sealed record MethodSpec
{
    public string Name { get; init; } = "game";
    public GameOptions? Game { get; init; } = new();
    public BaselineOptions? Baseline { get; init; }

    /// <summary>The method's ε: the game's, a gate-based baseline's, or the paper's default.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Epsilon => Game?.Epsilon ?? Baseline?.Epsilon ?? GameOptions.DefaultEpsilon;

    public static MethodSpec ForGame(GameOptions options) => new() { Name = "game", Game = options };

    public static MethodSpec ForBaseline(string name, BaselineOptions options) => new() { Name = name, Game = null, Baseline = options };
}

/// <summary>Options shared by the classic pruning baselines.</summary>
public sealed record BaselineOptions
{
    /// <summary>Fraction of players (or weights, for weight-level methods) to remove, in [0, 1).</summary>
    public double TargetSparsity { get; init; }
    /// <summary>Penalty strength for regularisation methods (network slimming's L1, L0's λ).</summary>
    public double Strength { get; init; }
    /// <summary>Epochs, out of the run's budget, spent fine-tuning after pruning.</summary>
    public int FineTuneEpochs { get; init; }
    /// <summary>
    /// The collapse threshold ε of gate-based methods: a gate below it is removed (the role of
    /// <see cref="GameOptions.Epsilon"/>, Algorithm 1 step 3, and the same default).
    /// </summary>
    public double Epsilon { get; init; } = GameOptions.DefaultEpsilon;
}

/// <summary>Everything a run needs; <c>config.json</c> in a run folder is this record, and rerunning it alone reproduces the run.</summary>
public sealed record RunConfig
{
    public string Experiment { get; init; } = "adhoc";
    /// <summary>
    /// The setting this run is a seed of: a preset's name, or a sweep variant's label ("&lt;preset&gt;_&lt;variant&gt;",
    /// "&lt;series&gt;@&lt;setting&gt;"). Reports group runs by it, and the run id is "&lt;label&gt;-seed&lt;k&gt;".
    /// </summary>
    public string Label { get; init; } = "custom";
    public ModelSpec Model { get; init; } = new();
    public DatasetSpec Dataset { get; init; } = new();
    public TrainingOptions Training { get; init; } = new();
    public MethodSpec Method { get; init; } = new();

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,   // e.g. an undefined bimodality (all s equal) is NaN
        AllowDuplicateProperties = false,   // "epochs": 1, "epochs": 500 is a mistake, not the last value
    };

    /// <summary>How a workbench JSON file is read as a document (comments and trailing commas allowed), as <see cref="Json"/> reads it.</summary>
    public static readonly JsonDocumentOptions JsonDocument = new() { AllowTrailingCommas = Json.AllowTrailingCommas, CommentHandling = Json.ReadCommentHandling };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a config file; errors name the file and what is wrong.</summary>
    public static RunConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Run config '{path}' does not exist.", path);
        return FromJson(File.ReadAllText(path), path);
    }

    /// <summary>A run config from JSON text, validated; <paramref name="source"/> names it in every error (a file's path, or a sweep's run).</summary>
    public static RunConfig FromJson(string json, string source = "<json>")
    {
        try
        {
            return (JsonSerializer.Deserialize<RunConfig>(json, Json)
                    ?? throw new InvalidDataException($"Run config {source} is empty (null).")).Validate(source);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Run config {source} is not a valid run config: {JsonErrors.Describe(e, json, Json)} {RenamedFields.HintForJson(json)}".TrimEnd(), e);
        }
    }

    /// <summary>Checks every field a run depends on; the message names the source, field and value.</summary>
    public RunConfig Validate(string source = "<config>")
    {
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        void Fail(string field, object? value, string rule) => throw Invalid(source, field, value, rule);

        // JSON null in place of a section or a name (the record's defaults apply only to absent fields).
        (string Field, object? Value)[] required =
        [
            ("experiment", Experiment), ("label", Label), ("model", Model), ("dataset", Dataset), ("training", Training), ("method", Method),
        ];
        foreach (var (field, value) in required)
            if (value is null) Fail(field, null, "it must be present (omit it for the default, never null)");
        (string Field, object? Value)[] requiredInside =
        [
            ("model.kind", Model.Kind), ("model.layerSizes", Model.LayerSizes), ("dataset.name", Dataset.Name),
            ("training.device", Training.Device), ("method.name", Method.Name),
        ];
        foreach (var (field, value) in requiredInside)
            if (value is null) Fail(field, null, "it must be present (omit it for the default, never null)");
        // Both name folders under the results root (runs/<experiment>/<label>-seed<seed>): plain names, never a path out of it.
        if (!IsFolderName(Experiment)) Fail("experiment", Experiment, "it must be a plain, non-empty folder name (no '/', not '.' or '..')");
        if (!IsFolderName(Label)) Fail("label", Label, "it must be a plain, non-empty folder name (no '/', not '.' or '..')");
        if (Training.Epochs < 1) Fail("training.epochs", Training.Epochs, "it must be >= 1");
        if (Training.BatchSize < 1) Fail("training.batchSize", Training.BatchSize, "it must be >= 1");
        if (!double.IsFinite(Training.LearningRate) || Training.LearningRate <= 0)
            Fail("training.learningRate", Training.LearningRate, "it must be a finite number > 0");
        if (!Factories.IsKnownDevice(Training.Device)) Fail("training.device", Training.Device, "it must be cpu, cuda or cuda:N");
        if (Training.Threads is < 0 or > MaxThreads) Fail("training.threads", Training.Threads, $"it must be in [0, {MaxThreads}] (0: the library's default)");
        if (!double.IsFinite(Training.Momentum) || Training.Momentum is < 0 or >= 1)
            Fail("training.momentum", Training.Momentum, "it must be in [0, 1)");
        if (Training.TrajectorySamplePerLayer < 0) Fail("training.trajectorySamplePerLayer", Training.TrajectorySamplePerLayer, "it must be >= 0");
        if (Training.ExtendedFromEpochs is { } startedWith && (startedWith < 1 || startedWith >= Training.Epochs))
            Fail("training.extendedFromEpochs", startedWith, $"it must be in [1, epochs) = [1, {Training.Epochs}): the epochs a resumed run started with");
        if (Model.Kind is not ("mlp" or "lenet5")) Fail("model.kind", Model.Kind, "it must be 'mlp' or 'lenet5'");
        if (Model.Kind == "mlp" && (Model.LayerSizes.Length < 3 || Model.LayerSizes.Any(n => n < 1)))
            Fail("model.layerSizes", "[" + string.Join(",", Model.LayerSizes) + "]", "an mlp needs input, at least one hidden layer and output sizes, all >= 1");
        if (Dataset.TrainSamples is < 1) Fail("dataset.trainSamples", Dataset.TrainSamples, "it must be >= 1 or absent");
        if (Dataset.TestSamples is < 1) Fail("dataset.testSamples", Dataset.TestSamples, "it must be >= 1 or absent");
        if (!Factories.MethodNames.Contains(Method.Name))
            Fail("method.name", Method.Name, $"it must be one of {string.Join(", ", Factories.MethodNames)}");
        if (Method.Name is not ("game" or "equilibrium" or "dense") && Method.Baseline is null)
            Fail("method.baseline", null, $"method '{Method.Name}' needs baseline options (targetSparsity, strength, fineTuneEpochs)");
        if (Method.Baseline is { } options && (options.FineTuneEpochs < 0 || options.FineTuneEpochs >= Training.Epochs))
            Fail("method.baseline.fineTuneEpochs", options.FineTuneEpochs, $"it must be in [0, epochs) = [0, {Training.Epochs})");
        if (Method.Name is "game" or "equilibrium")
        {
            if (Method.Game is null) Fail("method.game", null, $"the {Method.Name} method needs its game options");
            try { Method.Game!.Validate(); }
            catch (InvalidGameOptionException e) { Fail("method.game." + e.Field, e.Value, e.Rule); }
            if (Method.Name == "equilibrium" && Method.Game.PruneCriterion != PruneCriterion.Participation)
                Fail("method.game.pruneCriterion", Method.Game.PruneCriterion,
                     "the equilibrium method removes the players its equilibrium sets to 0, so only 'Participation' applies");
        }
        if (Method.Baseline is { } withStrength && (!double.IsFinite(withStrength.Strength) || withStrength.Strength < 0))
            Fail("method.baseline.strength", withStrength.Strength, "it must be a finite number >= 0");
        if (Method.Baseline is { } b && (b.TargetSparsity < 0 || b.TargetSparsity >= 1))
            Fail("method.baseline.targetSparsity", b.TargetSparsity, "it must be in [0, 1)");
        if (Method.Baseline is { } withThreshold && withThreshold.Epsilon is not (> 0 and < 1))
            Fail("method.baseline.epsilon", withThreshold.Epsilon, "it must be in (0, 1), like the game's ε");
        return this;
    }

    /// <summary>
    /// Refuses a 'dataset.name' that is none of <see cref="Data.Datasets.Names"/>: checked where runs are launched or expanded
    /// from configs, not in <see cref="Validate"/>, because a trainer given its data directly (tests, notebooks) may call it anything.
    /// </summary>
    public void RequireKnownDataset(string source)
    {
        if (!Data.Datasets.Names.Contains(Dataset.Name))
            throw Invalid(source, "dataset.name", Dataset.Name, $"it must be one of {string.Join(", ", Data.Datasets.Names)}");
    }

    private static InvalidDataException Invalid(string source, string field, object? value, string rule) =>
        new($"Run config {source}: '{field}' = {value ?? "null"} is invalid: {rule}.");

    /// <summary>Most torch threads a run may ask for: far above any machine's cores, far below what hangs libtorch.</summary>
    public const int MaxThreads = 1024;

    /// <summary>A name that is one folder: not empty or blank, no path separator or other invalid character, not "." or "..".</summary>
    public static bool IsFolderName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name.IndexOfAny(['/', '\\']) < 0
        && name is not ("." or "..") && name.Trim() == name;
}
