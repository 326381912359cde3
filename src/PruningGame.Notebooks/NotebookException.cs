namespace PruningGame.Notebooks;

/// <summary>A notebook file that cannot be read or is not a C# .NET Interactive notebook. The message names the file.</summary>
public sealed class NotebookException(string message, Exception? inner = null) : Exception(message, inner);
