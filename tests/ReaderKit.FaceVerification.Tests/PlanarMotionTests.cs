using ReaderKit.Face.Detection;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Verification;

namespace ReaderKit.Face.Verification.Tests;

public sealed class PlanarMotionTests
{
    private const double Camera = 700;

    // 468 points: the eye corners at fixed places (they set the eye distance), the rest spread over a face-sized area with a
    // head-like depth (a dome, nose forward); depth = 0 makes them a flat sheet.
    private static List<(double X, double Y, double Z)> Points(bool flat, int seed = 3)
    {
        var random = new Random(seed);
        var pts = new List<(double, double, double)>();
        for (var i = 0; i < FaceMesh.LandmarkCount; i++)
        {
            double x = (random.NextDouble() - 0.5) * 120, y = (random.NextDouble() - 0.5) * 150;
            var nose = 35 * Math.Exp(-((x * x) + ((y - 10) * (y - 10))) / 300);
            pts.Add((x, y, flat ? 0 : -(40 * (1 - (((x * x) + (y * y)) / 12000))) - nose));
        }

        pts[FaceMeshIndex.RightEyeOuter] = (-45, -20, flat ? 0 : -25);
        pts[FaceMeshIndex.RightEyeInner] = (-15, -20, flat ? 0 : -30);
        pts[FaceMeshIndex.LeftEyeInner] = (15, -20, flat ? 0 : -30);
        pts[FaceMeshIndex.LeftEyeOuter] = (45, -20, flat ? 0 : -25);
        return pts;
    }

    // Rotates about the vertical axis through z = pivot, moves, and projects with a pinhole camera.
    private static FaceMesh View(List<(double X, double Y, double Z)> pts, double yawDegrees, double pitchDegrees = 0, double dx = 0, double dy = 0, double pivot = 60)
    {
        var (sy, cy) = Math.SinCos(yawDegrees * Math.PI / 180);
        var (sp, cp) = Math.SinCos(pitchDegrees * Math.PI / 180);
        var projected = pts.Select(p =>
        {
            var z0 = p.Z - pivot;
            var x = (p.X * cy) - (z0 * sy);
            var z1 = (p.X * sy) + (z0 * cy);
            var y = (p.Y * cp) - (z1 * sp);
            var z = (p.Y * sp) + (z1 * cp) + pivot;
            var f = Camera / (Camera + z);
            return new Point3(320 + ((x + dx) * f), 240 + ((y + dy) * f), z);
        }).ToList();
        return new FaceMesh(projected, 1, default);
    }

    [Theory]
    [InlineData(25, 0)]
    [InlineData(-30, 8)]
    [InlineData(10, -12)]
    public void A_sheet_moves_by_one_homography_whatever_its_pose(double yaw, double pitch)
    {
        var sheet = Points(flat: true);
        var fit = PlanarMotion.Measure(View(sheet, 0), View(sheet, yaw, pitch, dx: 30, dy: -12));
        Assert.True(fit.Residual < 1e-6, $"residual {fit.Residual}");
    }

    [Theory]
    [InlineData(15, 0.04)]
    [InlineData(-25, 0.06)]
    [InlineData(30, 0.06)]
    public void A_head_turning_leaves_parallax_the_homography_cannot_explain(double yaw, double floor)
    {
        var head = Points(flat: false);
        var fit = PlanarMotion.Measure(View(head, 0), View(head, yaw));
        Assert.True(fit.Residual > floor, $"residual {fit.Residual}");
    }

    [Fact]
    public void A_head_that_does_not_turn_has_no_parallax()
    {
        var head = Points(flat: false);
        var fit = PlanarMotion.Measure(View(head, 0), View(head, 0, dx: 15, dy: 8));
        Assert.True(fit.Residual < 0.01, $"residual {fit.Residual}");
    }

    [Fact]
    public void Foreshortening_follows_the_rotation_of_a_sheet()
    {
        var sheet = Points(flat: true);
        var still = PlanarMotion.Measure(View(sheet, 0), View(sheet, 0, dx: 20));
        var turned = PlanarMotion.Measure(View(sheet, 0), View(sheet, 30));
        Assert.True(still.Anisotropy < 0.005, $"still {still.Anisotropy}");
        Assert.InRange(turned.Anisotropy, (1 / Math.Cos(Math.PI / 6)) - 1 - 0.06, (1 / Math.Cos(Math.PI / 6)) - 1 + 0.06); // plus perspective
    }

    [Fact]
    public void Fit_recovers_a_known_homography()
    {
        double[] h = [1.1, 0.05, 12, -0.03, 0.95, -7, 0.0004, -0.0002, 1];
        var random = new Random(5);
        var src = Enumerable.Range(0, 40).Select(_ => new Point2(random.NextDouble() * 600, random.NextDouble() * 400)).ToList();
        var dst = src.Select(p => PlanarMotion.Apply(h, p)).ToList();
        var fitted = PlanarMotion.Fit(src, dst)!;
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(h[i], fitted[i], 6);
        }
    }

    [Fact]
    public void Silhouette_points_are_left_out_of_the_fit()
    {
        Assert.Equal(36, PlanarMotion.SilhouetteIndices.Count);
        Assert.Equal(FaceMesh.LandmarkCount - 36, PlanarMotion.FitIndices.Count);
        Assert.DoesNotContain(FaceMeshIndex.LeftFaceEdge, PlanarMotion.FitIndices);
        Assert.Contains(FaceMeshIndex.NoseTip, PlanarMotion.FitIndices);
    }
}
