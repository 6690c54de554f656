using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Alignment;

/// <summary>
/// A 2-D similarity transform <c>x' = a·x − b·y + tx, y' = b·x + a·y + ty</c> (uniform scale, rotation, translation, no reflection).
/// </summary>
public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    public double Scale => Math.Sqrt((A * A) + (B * B));

    public double RotationRadians => Math.Atan2(B, A);

    public Point2 Apply(Point2 p) => new((A * p.X) - (B * p.Y) + Tx, (B * p.X) + (A * p.Y) + Ty);

    /// <summary>The inverse transform.</summary>
    public SimilarityTransform Invert()
    {
        var d = (A * A) + (B * B);
        if (d <= 0)
        {
            throw new InvalidOperationException("degenerate transform");
        }

        var ia = A / d;
        var ib = -B / d;
        return new SimilarityTransform(ia, ib, -((ia * Tx) - (ib * Ty)), -((ib * Tx) + (ia * Ty)));
    }

    /// <summary>Least-squares similarity mapping each <paramref name="from"/> point onto the matching <paramref name="to"/> point.</summary>
    public static SimilarityTransform Estimate(IReadOnlyList<Point2> from, IReadOnlyList<Point2> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count != to.Count || from.Count < 2)
        {
            throw new ArgumentException("need at least two corresponding points");
        }

        var n = from.Count;
        Point2 mf = default, mt = default;
        for (var i = 0; i < n; i++)
        {
            mf += from[i];
            mt += to[i];
        }

        mf *= 1.0 / n;
        mt *= 1.0 / n;
        double num1 = 0, num2 = 0, den = 0;
        for (var i = 0; i < n; i++)
        {
            var p = from[i] - mf;
            var q = to[i] - mt;
            num1 += (p.X * q.X) + (p.Y * q.Y);
            num2 += (p.X * q.Y) - (p.Y * q.X);
            den += (p.X * p.X) + (p.Y * p.Y);
        }

        if (den <= 1e-12)
        {
            throw new ArgumentException("source points are coincident");
        }

        var a = num1 / den;
        var b = num2 / den;
        return new SimilarityTransform(a, b, mt.X - ((a * mf.X) - (b * mf.Y)), mt.Y - ((b * mf.X) + (a * mf.Y)));
    }
}
