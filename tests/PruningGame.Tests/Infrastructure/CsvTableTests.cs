using PruningGame.Infrastructure;

namespace PruningGame.Tests.Infrastructure;

public sealed class CsvTableTests
{
    private static CsvTable Written(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("csvtable-").FullName, "participation.csv");
        File.WriteAllText(path, text);
        return CsvTable.Read(path);
    }

    [Fact]
    public void A_missing_column_is_an_error_naming_the_file_the_column_and_those_there_are()
    {
        var table = Written("layer,player,participation\nfc1,0,0.5\n");
        var error = Assert.Throws<InvalidDataException>(() => table.Number(0, "theta_norm"));
        Assert.Contains(table.Path, error.Message);
        Assert.Contains("'theta_norm'", error.Message);
        Assert.Contains("layer, player, participation", error.Message);
        Assert.DoesNotContain("migrations", error.Message);
    }

    [Fact]
    public void A_column_under_its_name_from_before_issue_16_names_the_migration()
    {
        var table = Written("layer,player,participation,theta_norm,effective_norm\nfc1,0,0.5,2,1\n");
        var error = Assert.Throws<InvalidDataException>(() => table.Number(0, "gated_theta_norm"));
        Assert.Contains("'effective_norm' (now 'gated_theta_norm')", error.Message);
        Assert.Contains("build/migrations/issue16_names.py", error.Message);
    }
}
