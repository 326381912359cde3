using PruningGame.Infrastructure;

namespace PruningGame.Tests.Infrastructure;

public sealed class CsvTextTests
{
    [Fact]
    public void Fields_written_with_commas_quotes_and_line_breaks_read_back_unchanged()
    {
        string[] fields = ["plain", "bin_[0,0.01)", "say \"hi\"", "two\nlines", ""];
        var text = CsvText.Row(["a", "b", "c", "d", "e"]) + "\n" + CsvText.Row(fields) + "\r\n\n";
        var records = CsvText.Parse(text, "t.csv");
        Assert.Equal(2, records.Count);
        Assert.Equal(fields, records[1]);
    }

    [Theory]
    [InlineData("a,b\n\"open,1\n", "ends inside a quoted field")]
    [InlineData("a,b\nx\"y,1\n", "line 2: a quote inside an unquoted field")]
    public void Malformed_csv_is_refused_naming_the_file_and_where(string text, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => CsvText.Parse(text, "bad.csv"));
        Assert.Contains("'bad.csv'", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
