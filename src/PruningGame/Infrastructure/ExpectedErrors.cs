namespace PruningGame.Infrastructure;

/// <summary>The line a user sees for a failure we foresee (the CLI's error line, a sweep's run log): the exception's own
/// message, without the "(Parameter 'name')" .NET appends to an argument error, which names a C# parameter, not anything
/// the user typed. An <see cref="ArgumentNullException"/> keeps it: its message says nothing else.</summary>
public static class ExpectedErrors
{
    public static string Message(Exception e)
    {
        // Only for the workbench's own argument errors, whose messages say what is wrong; a .NET helper's ("The value cannot
        // be an empty string.") needs the parameter's name.
        if (e is ArgumentException { ParamName: { } name } and not ArgumentNullException
            && e.TargetSite?.Module.Assembly.GetName().Name is { } assembly
            && (assembly.StartsWith("PruningGame", StringComparison.Ordinal) || assembly == "workbench"))   // the CLI's assembly is workbench.dll
        {
            var suffix = $" (Parameter '{name}')";
            if (e.Message.EndsWith(suffix, StringComparison.Ordinal)) return e.Message[..^suffix.Length];
        }
        if (e is IOException && FileInTheWay(e.Message) is { } file)
            return $"{e.Message.TrimEnd('.', ' ')}: '{file}' is a file, where a folder is expected.";
        return e.Message;
    }

    /// <summary>Whether <paramref name="e"/> failed on a path that runs through a file: a wrong path given, not a file system that refused.</summary>
    public static bool IsPathThroughFile(Exception e) => e is IOException && FileInTheWay(e.Message) is not null;

    /// <summary>
    /// The file where a folder was wanted in the quoted path of <paramref name="message"/>, if one is: .NET says only "Could
    /// not find a part of the path '/tmp/a-file/bench/x'" when --results names a file.
    /// </summary>
    private static string? FileInTheWay(string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.LastIndexOf('\'');   // a path may hold an apostrophe
        if (end <= start + 1) return null;
        var path = message[(start + 1)..end];
        // .NET's "The file '/tmp/x' already exists" when a folder was to be made there: the path itself is the file.
        if (message.StartsWith("The file '", StringComparison.Ordinal) && message.Contains("already exists", StringComparison.Ordinal) && File.Exists(path))
            return path;
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
            if (File.Exists(folder)) return folder;
        return null;
    }
}
