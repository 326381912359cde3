using PruningGame.RunRecords;

namespace PruningGame.Tests.RunRecords;

public sealed class PlayerEpochsCsvTests
{
    private static string TempFile(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pg-player-epochs-").FullName, RunFiles.PlayerEpochs);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void What_is_written_reads_back_including_absent_benefits_and_a_layer_name_that_needs_quotes()
    {
        PlayerEpochRecord[] rows =
        [
            new(0, "fc1", 0, 1.0, null, null, 0.5773503, 1.25),
            new(3, "conv,1", 7, 0.0123457, -0.000123457, 0.0456789, 2.5, 0.1),
        ];
        Assert.Equal(rows, PlayerEpochsCsv.Read(TempFile(PlayerEpochsCsv.Text(rows))));
    }

    [Fact]
    public void Columns_are_read_by_name_and_a_missing_one_is_named_with_the_file()
    {
        var reordered = TempFile("layer,epoch,player,participation,benefit_mean,benefit_magnitude_mean,outgoing_norm,incoming_norm\nfc2,4,1,0.5,,,2,3\n");
        var row = Assert.Single(PlayerEpochsCsv.Read(reordered));
        Assert.Equal(new PlayerEpochRecord(4, "fc2", 1, 0.5, null, null, 3, 2), row);

        var missing = TempFile("epoch,layer,player,participation,benefit_mean,benefit_magnitude_mean,incoming_norm\n0,fc1,0,1,,,1\n");
        var error = Assert.Throws<InvalidDataException>(() => PlayerEpochsCsv.Read(missing));
        Assert.Contains(missing, error.Message);
        Assert.Contains("'outgoing_norm'", error.Message);
    }
}
