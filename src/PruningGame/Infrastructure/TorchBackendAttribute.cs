namespace PruningGame;

/// <summary>Records which TorchSharp package (cpu or cuda) this build was compiled against.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TorchBackendAttribute(string backend) : Attribute
{
    public string Backend { get; } = backend;
}
