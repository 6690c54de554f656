namespace ReaderKit.Face.Detection;

/// <summary>A point in image pixel coordinates (x right, y down).</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Point2 operator *(Point2 a, double s) => new(a.X * s, a.Y * s);

    public double Length => Math.Sqrt((X * X) + (Y * Y));

    public static Point2 Midpoint(Point2 a, Point2 b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);
}

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

/// <summary>BlazeFace keypoint order (the subject's right eye appears on the image's left in an unmirrored photo).</summary>
public enum FaceKeypoint
{
    RightEye = 0,
    LeftEye = 1,
    NoseTip = 2,
    Mouth = 3,
    RightEar = 4,
    LeftEar = 5,
}

/// <summary>One detected face in source-image pixels: box, detector confidence (0..1) and the six BlazeFace keypoints.</summary>
public sealed record FaceDetection(FaceBox Box, float Score, IReadOnlyList<Point2> Keypoints)
{
    public Point2 this[FaceKeypoint k] => Keypoints[(int)k];

    /// <summary>Distance between the eye keypoints, in pixels.</summary>
    public double EyeDistance => (this[FaceKeypoint.LeftEye] - this[FaceKeypoint.RightEye]).Length;
}
