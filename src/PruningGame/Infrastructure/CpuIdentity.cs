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

    private static string? Field(string name) => FirstProcessor.Value.GetValueOrDefault(name);

    // The first processor's "name : value" lines, read once: the file does not change while a process runs.
    private static readonly Lazy<Dictionary<string, string>> FirstProcessor = new(ReadFirstProcessor);

    private static Dictionary<string, string> ReadFirstProcessor()
    {
        var fields = new Dictionary<string, string>();
        if (!File.Exists(CpuInfo)) return fields;
        try
        {
            foreach (var line in File.ReadLines(CpuInfo))
            {
                if (line.Trim().Length == 0) break;   // a blank line ends the first processor's block
                var parts = line.Split(':', 2);
                if (parts.Length == 2) fields.TryAdd(parts[0].Trim(), parts[1].Trim());
            }
        }
        catch (IOException)
        {
            fields.Clear();
        }
        return fields;
    }
}
