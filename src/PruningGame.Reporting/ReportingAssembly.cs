namespace PruningGame.Reporting; internal static class ReportingAssembly { }
