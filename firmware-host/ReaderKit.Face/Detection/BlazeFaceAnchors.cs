namespace ReaderKit.Face.Detection;

/// <summary>BlazeFace anchors: 16×16 cells × 2 (stride 16) then 8×8 cells × 6 (stride 32), centres in input pixels.</summary>
public static class BlazeFaceAnchors
{
    /// <summary>Anchor count for the 256-px full-range model.</summary>
    public const int Count = 896;

    /// <summary>Generates the anchor centres in the model's output order (row-major cells, anchors per cell innermost).</summary>
    public static Point2[] Generate(int inputSize = 256)
    {
        ReadOnlySpan<(int Stride, int PerCell)> layers = [(16, 2), (32, 6)];
        var anchors = new List<Point2>(Count);
        foreach (var (stride, perCell) in layers)
        {
            var cells = inputSize / stride;
            for (var y = 0; y < cells; y++)
            {
                for (var x = 0; x < cells; x++)
                {
                    for (var k = 0; k < perCell; k++)
                    {
                        anchors.Add(new Point2((x + 0.5) * stride, (y + 0.5) * stride));
                    }
                }
            }
        }

        return [.. anchors];
    }
}
