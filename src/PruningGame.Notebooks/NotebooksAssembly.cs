namespace PruningGame.Notebooks; internal static class NotebooksAssembly { }
