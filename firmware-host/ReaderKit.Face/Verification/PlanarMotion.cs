using ReaderKit.Face.Detection;
using ReaderKit.Face.Landmarks;

namespace ReaderKit.Face.Verification;

/// <summary>
/// The parallax test: a flat object (a print, a phone or tablet screen) seen by a pinhole camera moves between two views by one
/// plane-to-plane homography, so its landmarks in one frame map onto the other with only detection noise left over; a head has
/// depth (nose ≈ half an eye distance in front of the cheeks), so turning it moves near and far points differently and no
/// homography fits. <see cref="Residual"/> fits the least-squares homography (normalised DLT, Hartley) from the FaceMesh
/// landmarks of a frontal frame to those of a turned frame and returns the RMS residual in eye distances.
/// </summary>
public static class PlanarMotion
{
    /// <summary>
    /// MediaPipe FaceMesh face-oval (silhouette) indices: the model places them on the visible outline, which slides over the
    /// head as it turns, so they are not fixed points of the surface and are left out of the fit.
    /// </summary>
    public static IReadOnlySet<int> SilhouetteIndices { get; } = new HashSet<int>
    {
        10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58,
        132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
    };

    /// <summary>Landmark indices used for the fit: every mesh point except the silhouette.</summary>
    public static IReadOnlyList<int> FitIndices { get; } = [.. Enumerable.Range(0, FaceMesh.LandmarkCount).Where(i => !SilhouetteIndices.Contains(i))];

    /// <summary>RMS residual (in eye distances of <paramref name="to"/>) of the best homography mapping <paramref name="from"/> onto <paramref name="to"/>.</summary>
    public static double Residual(FaceMesh from, FaceMesh to) => Measure(from, to).Residual;

    /// <summary>
    /// Fits the homography from <paramref name="from"/> to <paramref name="to"/> (landmarks <see cref="FitIndices"/>) and returns its RMS
    /// residual in eye distances of <paramref name="to"/> and its anisotropy at the face centre (ratio of the singular values of its
    /// Jacobian − 1): how much the face was foreshortened in one direction, i.e. how far it rotated out of the image plane, whether it is
    /// a head or a sheet. NaN when the fit is degenerate.
    /// </summary>
    public static PlanarFit Measure(FaceMesh from, FaceMesh to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var src = FitIndices.Select(i => from[i].XY).ToArray();
        var dst = FitIndices.Select(i => to[i].XY).ToArray();
        var h = Fit(src, dst);
        var eyes = (Mid(to, FaceMeshIndex.LeftEyeOuter, FaceMeshIndex.LeftEyeInner) - Mid(to, FaceMeshIndex.RightEyeOuter, FaceMeshIndex.RightEyeInner)).Length;
        if (h is null || !(eyes > 1e-6))
        {
            return new PlanarFit(double.NaN, double.NaN);
        }

        var sum = 0.0;
        for (var i = 0; i < src.Length; i++)
        {
            var d = Apply(h, src[i]) - dst[i];
            sum += (d.X * d.X) + (d.Y * d.Y);
        }

        return new PlanarFit(Math.Sqrt(sum / src.Length) / eyes, Anisotropy(h, new Point2(src.Average(p => p.X), src.Average(p => p.Y)), eyes));
    }

    // Singular-value ratio − 1 of the homography's Jacobian at p (finite differences over a tenth of an eye distance).
    private static double Anisotropy(double[] h, Point2 p, double step)
    {
        var e = step / 10;
        var o = Apply(h, p);
        var dx = (Apply(h, new Point2(p.X + e, p.Y)) - o) * (1 / e);
        var dy = (Apply(h, new Point2(p.X, p.Y + e)) - o) * (1 / e);
        // JᵀJ = [[a, b], [b, c]]
        double a = (dx.X * dx.X) + (dx.Y * dx.Y), b = (dx.X * dy.X) + (dx.Y * dy.Y), c = (dy.X * dy.X) + (dy.Y * dy.Y);
        var mean = (a + c) / 2;
        var spread = Math.Sqrt((((a - c) / 2) * ((a - c) / 2)) + (b * b));
        var small = mean - spread;
        return small > 1e-12 ? Math.Sqrt((mean + spread) / small) - 1 : double.NaN;
    }

    /// <summary>Least-squares homography (3×3, row-major, h[8] = 1) mapping <paramref name="src"/> to <paramref name="dst"/>; null if degenerate.</summary>
    public static double[]? Fit(IReadOnlyList<Point2> src, IReadOnlyList<Point2> dst)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        if (src.Count != dst.Count || src.Count < 4)
        {
            throw new ArgumentException("need at least 4 point pairs");
        }

        var (ts, ns) = Normalisation(src);
        var (td, nd) = Normalisation(dst);

        // Normal equations of the 8-unknown linear system (h33 = 1) on normalised points.
        var ata = new double[8, 8];
        var atb = new double[8];
        Span<double> row = stackalloc double[8];
        for (var i = 0; i < src.Count; i++)
        {
            var (x, y) = (ns[i].X, ns[i].Y);
            var (u, v) = (nd[i].X, nd[i].Y);
            row[0] = x; row[1] = y; row[2] = 1; row[3] = 0; row[4] = 0; row[5] = 0; row[6] = -u * x; row[7] = -u * y;
            Accumulate(ata, atb, row, u);
            row[0] = 0; row[1] = 0; row[2] = 0; row[3] = x; row[4] = y; row[5] = 1; row[6] = -v * x; row[7] = -v * y;
            Accumulate(ata, atb, row, v);
        }

        var hn = Solve(ata, atb);
        if (hn is null)
        {
            return null;
        }

        // H = Td⁻¹ · Hn · Ts
        double[] hm = [hn[0], hn[1], hn[2], hn[3], hn[4], hn[5], hn[6], hn[7], 1];
        var h = Multiply(Inverse(td), Multiply(hm, ts));
        return Math.Abs(h[8]) < 1e-12 ? null : [.. h.Select(v => v / h[8])];
    }

    /// <summary>Applies a homography to a point.</summary>
    public static Point2 Apply(IReadOnlyList<double> h, Point2 p)
    {
        ArgumentNullException.ThrowIfNull(h);
        var w = (h[6] * p.X) + (h[7] * p.Y) + h[8];
        return new Point2(((h[0] * p.X) + (h[1] * p.Y) + h[2]) / w, ((h[3] * p.X) + (h[4] * p.Y) + h[5]) / w);
    }

    private static Point2 Mid(FaceMesh m, int a, int b) => Point2.Midpoint(m[a].XY, m[b].XY);

    private static void Accumulate(double[,] ata, double[] atb, ReadOnlySpan<double> row, double rhs)
    {
        for (var r = 0; r < 8; r++)
        {
            if (row[r] == 0)
            {
                continue;
            }

            for (var c = 0; c < 8; c++)
            {
                ata[r, c] += row[r] * row[c];
            }

            atb[r] += row[r] * rhs;
        }
    }

    // Centroid at the origin, mean distance √2 (Hartley); returns the 3×3 transform and the transformed points.
    private static (double[] T, Point2[] Points) Normalisation(IReadOnlyList<Point2> pts)
    {
        double cx = pts.Average(p => p.X), cy = pts.Average(p => p.Y);
        var mean = pts.Average(p => Math.Sqrt(((p.X - cx) * (p.X - cx)) + ((p.Y - cy) * (p.Y - cy))));
        var s = mean > 1e-12 ? Math.Sqrt(2) / mean : 1;
        return ([s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1], [.. pts.Select(p => new Point2((p.X - cx) * s, (p.Y - cy) * s))]);
    }

    private static double[]? Solve(double[,] a, double[] b)
    {
        const int n = 8;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(m[pivot, col]) < 1e-12)
            {
                return null;
            }

            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[r, c] -= f * m[col, c];
                }

                x[r] -= f * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            var sum = x[r];
            for (var c = r + 1; c < n; c++)
            {
                sum -= m[r, c] * x[c];
            }

            x[r] = sum / m[r, r];
        }

        return x;
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                r[(i * 3) + j] = (a[i * 3] * b[j]) + (a[(i * 3) + 1] * b[3 + j]) + (a[(i * 3) + 2] * b[6 + j]);
            }
        }

        return r;
    }

    // Inverse of a similarity-normalisation matrix [s 0 tx; 0 s ty; 0 0 1].
    private static double[] Inverse(double[] t) => [1 / t[0], 0, -t[2] / t[0], 0, 1 / t[4], -t[5] / t[4], 0, 0, 1];
}
