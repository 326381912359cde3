namespace PruningGame.Reporting;

/// <summary>Up to three panels a row, one per configuration: the axis suffix and domains of panel <c>g</c>.</summary>
public sealed record PanelGrid(int Count)
{
    public int Columns => Math.Min(3, Math.Max(1, Count));
    public int Rows => (Count + Columns - 1) / Columns;

    /// <summary>Plotly's axis suffix ("", "2", …), the panel's x and y domains, and whether it sits in the bottom row or the first column.</summary>
    public (string Suffix, double[] XDomain, double[] YDomain, bool Bottom, bool FirstColumn) Panel(int g, double gap = 0.06)
    {
        int row = g / Columns, col = g % Columns;
        double[] x = [col / (double)Columns + (col > 0 ? gap / 2 : 0), (col + 1) / (double)Columns - (col < Columns - 1 ? gap / 2 : 0)];
        double[] y = [1 - (row + 1) / (double)Rows + 0.12, 1 - row / (double)Rows - 0.07];
        return (g == 0 ? "" : (g + 1).ToString(), x, y, g + Columns >= Count, col == 0);
    }
}
