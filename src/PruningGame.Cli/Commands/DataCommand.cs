using System.CommandLine;
using PruningGame.Data;
using Spectre.Console;

namespace PruningGame.Cli.Commands;

/// <summary>`workbench data list|verify|fetch`.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the catalogued datasets, where they are searched and whether they are present.");
        list.SetAction(_ =>
        {
            var locator = DatasetLocator.Default();
            AnsiConsole.MarkupLine("Searched, in order: " + Markup.Escape(string.Join("  →  ", locator.SearchRoots.Select(r => r + "/<name>/"))));
            var table = new Table().AddColumns("dataset", "found in", "files");
            foreach (var entry in DatasetCatalog.All)
            {
                var located = locator.TryFind(entry);
                table.AddRow(entry.Name, located is null ? "[yellow]not found[/]" : Markup.Escape(located.Directory),
                             Markup.Escape(string.Join(", ", entry.Files.Select(f => f.Name))));
            }
            table.AddRow(SyntheticTeacher.Name, "generated", "teacher network with redundant units (tests)");
            AnsiConsole.Write(table);
            return 0;
        });

        var name = new Argument<string?>("name") { Description = "Dataset to verify (default: every one present).", Arity = ArgumentArity.ZeroOrOne };
        var verify = new Command("verify", "Verify every file of a dataset against its catalogued SHA-256.") { name };
        verify.SetAction(parse =>
        {
            var entries = parse.GetValue(name) is { } n ? [DatasetCatalog.Get(n)] : DatasetCatalog.All;
            var failed = false;
            foreach (var entry in entries)
            {
                var located = DatasetLocator.Default().TryFind(entry);
                if (located is null)
                {
                    AnsiConsole.MarkupLine($"[yellow]{entry.Name}[/]: {Markup.Escape(DatasetLocator.Default().MissingMessage(entry))}");
                    failed |= parse.GetValue(name) is not null;
                    continue;
                }
                var table = new Table().Title($"{entry.Name} in {Markup.Escape(located.Directory)}").AddColumns("file", "check", "SHA-256 of content");
                foreach (var file in entry.Files)
                {
                    try
                    {
                        var v = DatasetFiles.Verify(entry, file, located.FilePaths[file.Name]);
                        table.AddRow(Markup.Escape(Path.GetFileName(v.Path)), v.Verified ? $"[green]ok[/] ({v.How})" : $"[yellow]{Markup.Escape(v.How)}[/]", v.ContentSha256);
                    }
                    catch (DatasetException e)
                    {
                        failed = true;
                        table.AddRow(Markup.Escape(file.Name), "[red]FAILED[/]", Markup.Escape(e.Message));
                    }
                }
                AnsiConsole.Write(table);
            }
            return failed ? 1 : 0;
        });

        var fetchName = new Argument<string>("name") { Description = "mnist or fashion-mnist." };
        var fetch = new Command("fetch", "Download a dataset into data/<name>/ from its canonical URLs and verify it.") { fetchName };
        fetch.SetAction(async (parse, _) =>
        {
            var directory = await DataFetcher.FetchAsync(parse.GetValue(fetchName)!, Path.Combine(WorkbenchPaths.RepositoryRoot(), "data"),
                                                         log: m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"));
            AnsiConsole.MarkupLine($"[green]Fetched and verified[/] into {Markup.Escape(directory)}");
            return 0;
        });

        return new Command("data", "Datasets: list, verify, fetch.") { list, verify, fetch };
    }
}
