namespace PruningGame.Data;

/// <summary>A dataset file that is missing, malformed or fails its checksum. The message names the file and what to do.</summary>
public sealed class DatasetException(string message, Exception? inner = null) : Exception(message, inner);
