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
        return e.Message;
    }
}
