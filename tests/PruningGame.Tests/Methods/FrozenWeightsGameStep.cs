using PruningGame.Configuration;
using PruningGame.Game;
using PruningGame.Methods;
using PruningGame.Models;
using PruningGame.Training;
using static TorchSharp.torch;

namespace PruningGame.Tests.Methods;

/// <summary>
/// The trainer's own step (<see cref="Trainer.Step"/>) for the game, set up as the trainer does (method attached, its extra
/// parameters in the optimizer, an epoch started), with the weights frozen (SGD at learning rate 0): only s moves, so a
/// test can check the participations' step against Eq. 13 and 17–18 computed by hand on an unchanged network.
/// </summary>
internal sealed class FrozenWeightsGameStep : IDisposable
{
    private readonly TrainingContext context;
    private readonly GameMethod method;
    private readonly TorchSharp.Modules.OptimizerHelper optimizer;

    public FrozenWeightsGameStep(ParticipatingMlp model, GameOptions options, int batchSize, int stepsPerEpoch = 1)
    {
        var config = new RunConfig { Method = MethodSpec.ForGame(options), Training = new TrainingOptions { Optimizer = OptimizerKind.SgdMomentum, LearningRate = 0, Momentum = 0 } };
        method = new GameMethod(options);
        context = new TrainingContext(model, config, CPU) { StepsPerEpoch = stepsPerEpoch, BatchSize = batchSize };
        method.Attach(context);
        optimizer = Trainer.BuildOptimizer(config.Training, model.WeightParameters().Concat(method.ExtraParameters(context)));
        method.OnEpochStart(context);
    }

    public float Take(Tensor inputs, Tensor labels) => Trainer.Step(context, method, optimizer, inputs, labels);

    public void Dispose() => optimizer.Dispose();
}
