using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace PruningGame.Notebooks;

/// <summary>
/// Rewrites a cell's kernel directives for Roslyn scripting, keeping line numbers:
/// <c>#!</c> magics and <c>#i</c> sources are dropped; <c>#r "nuget: Name, Version"</c> is satisfied by the assembly of
/// that name the runner already carries (the workbench's own dependencies) and refused otherwise;
/// <c>#r "path.dll"</c> (relative to the notebook) maps to the already loaded assembly of the same name — so a
/// notebook's first cell can load the locally built workbench in the real kernel — or else is loaded from the path.
/// </summary>
public static partial class CellDirectives
{
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*([^,"]+)(?:,\s*([^"]+))?"\s*$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^\s*#r\s+"([^"]+)"\s*$""")]
    private static partial Regex PathReference();

    public static string Rewrite(string source, string notebookDirectory, int cellIndex, ICollection<Assembly> references)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith("#!", StringComparison.Ordinal) || line.TrimStart().StartsWith("#i ", StringComparison.Ordinal))
            {
                lines[i] = "// " + line.Trim();
                continue;
            }
            if (NugetReference().Match(line) is { Success: true } nuget)
            {
                var name = nuget.Groups[1].Value.Trim();
                var assembly = TryLoad(name)
                    ?? throw new NotebookException($"Cell {cellIndex}, line {i + 1}: package '{name}' is not available to the headless runner " +
                                                   "(it provides the workbench and its dependencies only; no package feed is used).");
                references.Add(assembly);
                lines[i] = $"// nuget: {name} (provided by the workbench)";
                continue;
            }
            if (PathReference().Match(line) is { Success: true } path)
            {
                var full = Path.GetFullPath(Path.Combine(notebookDirectory, path.Groups[1].Value));
                var loaded = TryLoad(Path.GetFileNameWithoutExtension(full));
                if (loaded is not null)
                {
                    references.Add(loaded);
                    lines[i] = $"// #r {Path.GetFileName(full)} (already loaded by the runner)";
                }
                else if (File.Exists(full))
                {
                    references.Add(AssemblyLoadContext.Default.LoadFromAssemblyPath(full));
                    lines[i] = $"// #r {full}";
                }
                else
                    throw new NotebookException($"Cell {cellIndex}, line {i + 1}: assembly '{full}' does not exist (build the workbench first: dotnet build).");
            }
        }
        return string.Join('\n', lines);
    }

    private static Assembly? TryLoad(string name)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null) return loaded;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
