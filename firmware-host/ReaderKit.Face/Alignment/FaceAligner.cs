using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Alignment;

/// <summary>An aligned face chip and the transform from chip pixels to source pixels.</summary>
public sealed record AlignedFace(FaceImage Chip, SimilarityTransform ChipToSource);

/// <summary>
/// Warps a detected face onto a <see cref="ChipTemplate"/> with a least-squares similarity transform and bilinear sampling.
/// When the source is more than 1.5× larger than the chip, each chip pixel averages an n×n grid of bilinear samples
/// (n = ceil(scale), at most 4), like dlib's pyramid-based chip extraction avoids aliasing.
/// </summary>
public static class FaceAligner
{
    /// <summary>Aligns <paramref name="detection"/> from <paramref name="image"/> onto <paramref name="template"/>.</summary>
    public static AlignedFace Align(FaceImage image, FaceDetection detection, ChipTemplate template)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(template);
        var chipToSource = SimilarityTransform.Estimate(template.Points, ChipTemplate.SourcePoints(detection));
        return new AlignedFace(Warp(image, chipToSource, template.Size), chipToSource);
    }

    /// <summary>Samples a <paramref name="size"/>² chip where chip pixel (u, v) comes from <c>chipToSource(u, v)</c>.</summary>
    public static FaceImage Warp(FaceImage image, SimilarityTransform chipToSource, int size)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scale = chipToSource.Scale;
        var n = scale > 1.5 ? Math.Min(4, (int)Math.Ceiling(scale)) : 1;
        var output = new byte[size * size * 4];
        Span<double> acc = stackalloc double[3];
        for (var v = 0; v < size; v++)
        {
            for (var u = 0; u < size; u++)
            {
                acc.Clear();
                for (var sy = 0; sy < n; sy++)
                {
                    for (var sx = 0; sx < n; sx++)
                    {
                        var p = chipToSource.Apply(new Point2(u + ((sx + 0.5) / n) - 0.5, v + ((sy + 0.5) / n) - 0.5));
                        SampleBilinear(image, p.X, p.Y, acc);
                    }
                }

                var o = ((v * size) + u) * 4;
                var inv = 1.0 / (n * n);
                output[o] = (byte)Math.Clamp((int)Math.Round(acc[0] * inv), 0, 255);
                output[o + 1] = (byte)Math.Clamp((int)Math.Round(acc[1] * inv), 0, 255);
                output[o + 2] = (byte)Math.Clamp((int)Math.Round(acc[2] * inv), 0, 255);
                output[o + 3] = 255;
            }
        }

        return new FaceImage(size, size, output);
    }

    /// <summary>Adds the bilinear sample at (x, y) to <paramref name="acc"/>; outside the image counts as black (as dlib does).</summary>
    private static void SampleBilinear(FaceImage image, double x, double y, Span<double> acc)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var px = image.Rgba;
        var w = image.Width;
        var h = image.Height;
        for (var dy = 0; dy <= 1; dy++)
        {
            var yy = y0 + dy;
            if (yy < 0 || yy >= h)
            {
                continue;
            }

            var wy = dy == 0 ? 1 - fy : fy;
            for (var dx = 0; dx <= 1; dx++)
            {
                var xx = x0 + dx;
                if (xx < 0 || xx >= w)
                {
                    continue;
                }

                var wgt = wy * (dx == 0 ? 1 - fx : fx);
                if (wgt == 0)
                {
                    continue;
                }

                var i = ((yy * w) + xx) * 4;
                acc[0] += px[i] * wgt;
                acc[1] += px[i + 1] * wgt;
                acc[2] += px[i + 2] * wgt;
            }
        }
    }
}
