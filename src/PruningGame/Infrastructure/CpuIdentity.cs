using System.Runtime.InteropServices;

namespace PruningGame.Infrastructure;

/// <summary>
/// Which processor a run or a benchmark ran on, from /proc/cpuinfo. A hypervisor may name every host "AMD EPYC";
/// the family, model, stepping and microcode still tell the hosts apart, and they matter: libtorch's matrix products
/// pick their code path per processor, so the same config and seed give the same digits only on the same kind of host.
/// </summary>
public static class CpuIdentity
{
    private const string CpuInfo = "/proc/cpuinfo";

    /// <summary>The model name ("AMD EPYC"), or the architecture where /proc/cpuinfo is absent.</summary>
    public static string Model() => Field("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>The model name with family, model, stepping and microcode, e.g. "AMD EPYC (family 25, model 1, stepping 1, microcode 0x1000065)".</summary>
    public static string Describe()
    {
        var details = new[] { ("family", Field("cpu family")), ("model", Field("model")), ("stepping", Field("stepping")), ("microcode", Field("microcode")) }
            .Where(d => d.Item2 is not null).Select(d => $"{d.Item1} {d.Item2}").ToList();
        return details.Count == 0 ? Model() : $"{Model()} ({string.Join(", ", details)})";
    }

    /// <summary>"f25-m1" (family and model) where /proc/cpuinfo gives them, else "": tells hosts apart in folder names.</summary>
    public static string FamilyModelTag() =>
        Field("cpu family") is { } family && Field("model") is { } model ? $"f{family}-m{model}" : "";

    private static string? Field(string name)
    {
        if (!File.Exists(CpuInfo)) return null;
        try
        {
            var line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.Split(':', 2)[0].Trim() == name);
            return line?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
