namespace ReaderKit.Face.Detection;

/// <summary>An axis-aligned box: top-left corner, width and height, in pixels.</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double Area => Math.Max(0, Width) * Math.Max(0, Height);

    public Point2 Center => new(X + (Width / 2), Y + (Height / 2));

    /// <summary>Intersection over union with <paramref name="other"/> (0 when either box is empty).</summary>
    public double IntersectionOverUnion(FaceBox other)
    {
        var ix = Math.Max(0, Math.Min(Right, other.Right) - Math.Max(X, other.X));
        var iy = Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y));
        var inter = ix * iy;
        var union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }

    public static FaceBox FromCenter(double cx, double cy, double w, double h) => new(cx - (w / 2), cy - (h / 2), w, h);
}
