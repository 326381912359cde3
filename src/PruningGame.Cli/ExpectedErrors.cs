namespace PruningGame.Cli;

/// <summary>The line a user sees for a failure we foresee: the exception's own message, without the
/// "(Parameter 'name')" .NET appends to an argument error, which names a C# parameter, not anything the user typed.</summary>
internal static class ExpectedErrors
{
    public static string Message(Exception e)
    {
        if (e is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (e.Message.EndsWith(suffix, StringComparison.Ordinal)) return e.Message[..^suffix.Length];
        }
        return e.Message;
    }
}
