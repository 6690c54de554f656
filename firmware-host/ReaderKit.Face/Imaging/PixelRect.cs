namespace ReaderKit.Face.Imaging;

/// <summary>An integer pixel rectangle.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>The part of this rectangle inside a <paramref name="width"/>×<paramref name="height"/> image.</summary>
    public PixelRect Clip(int width, int height)
    {
        var x0 = Math.Clamp(X, 0, width);
        var y0 = Math.Clamp(Y, 0, height);
        var x1 = Math.Clamp(X + Width, 0, width);
        var y1 = Math.Clamp(Y + Height, 0, height);
        return new PixelRect(x0, y0, Math.Max(0, x1 - x0), Math.Max(0, y1 - y0));
    }
}
