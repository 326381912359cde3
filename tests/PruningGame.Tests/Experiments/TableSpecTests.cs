using PruningGame.Experiments;

namespace PruningGame.Tests.Experiments;

public sealed class TableSpecTests
{
    private sealed record Row(string Name, Aggregate? Accuracy, string Hidden);

    private static readonly TableSpec<Row> Spec = new([
        ColumnSpec.Text<Row>("name", r => r.Name, "name"),
        ColumnSpec.CsvOnly<Row>("hidden", r => r.Hidden),
        ColumnSpec.Measured<Row>("accuracy %", r => r.Accuracy, "accuracy", scale: 100),
        ColumnSpec.Text<Row>("note", r => r.Name.Length > 3 ? "long" : "short"),
    ]);

    private static readonly Row[] Rows =
    [
        new("a|b", new Aggregate(0.85, 0.0625, 2), "x"),
        new("c,d", null, "y\"z"),
    ];

    [Fact]
    public void Markdown_shows_the_displayed_columns_in_order_and_escapes_a_pipe()
    {
        var lines = Spec.Markdown(Rows).Split('\n');
        Assert.Equal("| name | accuracy % | note |", lines[0]);
        Assert.Equal("|---|---|---|", lines[1]);
        Assert.Equal(@"| a\|b | 85.00 ± 6.25 | short |", lines[2]);
        Assert.Equal("| c,d | – | short |", lines[3]);        // a row without the quantity shows a dash
        Assert.Equal("", lines[4]);
    }

    [Fact]
    public void Csv_writes_every_field_in_column_order_at_full_precision_and_quotes_what_needs_it()
    {
        var lines = Spec.Csv(Rows).Split('\n');
        Assert.Equal("name,hidden,accuracy_mean,accuracy_std", lines[0]);   // a display-only column writes nothing
        Assert.Equal("a|b,x,0.85,0.0625", lines[1]);
        Assert.Equal("\"c,d\",\"y\"\"z\",,", lines[2]);                  // a missing quantity writes empty fields
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public void Cells_are_those_of_the_displayed_columns()
    {
        Assert.Equal(["name", "accuracy %", "note"], Spec.Displayed.Select(c => c.Header));
        Assert.Equal(["c,d", "–", "short"], Spec.Cells(Rows[1]));
    }
}
