using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Landmarks;

/// <summary>A 3-D landmark: x right and y down in source-image pixels; z depth in the same pixel scale, smaller = nearer the camera.</summary>
public readonly record struct Point3(double X, double Y, double Z)
{
    public static Point3 operator -(Point3 a, Point3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Euclidean length in 3-D.</summary>
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    /// <summary>The image-plane part.</summary>
    public Point2 XY => new(X, Y);
}
