namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>Bowyer–Watson Delaunay triangulation of a 2-D point set (a few hundred points, built once per head model).</summary>
internal static class Delaunay
{
    /// <summary>Triangles as index triples into <paramref name="xs"/>/<paramref name="ys"/>, counter-clockwise in y-down coordinates not guaranteed.</summary>
    public static List<(int A, int B, int C)> Triangulate(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var n = xs.Count;
        double minX = xs.Min(), maxX = xs.Max(), minY = ys.Min(), maxY = ys.Max();
        var d = Math.Max(maxX - minX, maxY - minY) * 20;
        double mx = (minX + maxX) / 2, my = (minY + maxY) / 2;
        var px = new List<double>(xs) { mx - d, mx, mx + d };
        var py = new List<double>(ys) { my - d, my + d, my - d };
        var triangles = new List<(int A, int B, int C)> { (n, n + 1, n + 2) };
        for (var p = 0; p < n; p++)
        {
            var bad = triangles.Where(t => InCircumcircle(px, py, t, px[p], py[p])).ToList();
            var edges = new List<(int, int)>();
            foreach (var t in bad)
            {
                foreach (var e in new[] { (t.A, t.B), (t.B, t.C), (t.C, t.A) })
                {
                    var shared = bad.Any(o => o != t && HasEdge(o, e.Item1, e.Item2));
                    if (!shared)
                    {
                        edges.Add(e);
                    }
                }
            }

            triangles.RemoveAll(bad.Contains);
            triangles.AddRange(edges.Select(e => (e.Item1, e.Item2, p)));
        }

        return [.. triangles.Where(t => t.A < n && t.B < n && t.C < n)];
    }

    private static bool HasEdge((int A, int B, int C) t, int u, int v) =>
        (t.A == u || t.B == u || t.C == u) && (t.A == v || t.B == v || t.C == v);

    private static bool InCircumcircle(List<double> x, List<double> y, (int A, int B, int C) t, double qx, double qy)
    {
        double ax = x[t.A] - qx, ay = y[t.A] - qy, bx = x[t.B] - qx, by = y[t.B] - qy, cx = x[t.C] - qx, cy = y[t.C] - qy;
        var det = (((ax * ax) + (ay * ay)) * ((bx * cy) - (cx * by)))
                - (((bx * bx) + (by * by)) * ((ax * cy) - (cx * ay)))
                + (((cx * cx) + (cy * cy)) * ((ax * by) - (bx * ay)));
        var orient = ((x[t.B] - x[t.A]) * (y[t.C] - y[t.A])) - ((y[t.B] - y[t.A]) * (x[t.C] - x[t.A]));
        return orient > 0 ? det > 0 : det < 0;
    }
}
