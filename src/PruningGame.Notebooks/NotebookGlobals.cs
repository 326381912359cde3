namespace PruningGame.Notebooks;

/// <summary>What a notebook cell sees as globals in the headless runner: the kernel's <c>display</c> function.</summary>
public sealed class NotebookGlobals
{
    internal List<object?> Displayed { get; } = [];

    /// <summary>Shows a value below the cell, formatted like the .NET Interactive kernel does.</summary>
    public void display(object? value) => Displayed.Add(value);
}
