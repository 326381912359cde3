namespace PruningGame.Infrastructure;

/// <summary>The line a user sees for a failure we foresee (the CLI's error line, a sweep's run log): the exception's own
/// message, without the "(Parameter 'name')" .NET appends to an argument error, which names a C# parameter, not anything
/// the user typed. An <see cref="ArgumentNullException"/> keeps it: its message says nothing else.</summary>
public static class ExpectedErrors
{
    public static string Message(Exception e)
    {
        if (e is ArgumentException { ParamName: { } name } and not ArgumentNullException)
        {
            var suffix = $" (Parameter '{name}')";
            if (e.Message.EndsWith(suffix, StringComparison.Ordinal)) return e.Message[..^suffix.Length];
        }
        return e.Message;
    }
}
