using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Tests;

/// <summary>Synthetic edits of real face photos for the FaceMesh tests (no closed-eye or turned-head sequences ship with the npm packages).</summary>
internal static class MeshTestImages
{
    /// <summary>
    /// Closed eyes: inside an ellipse 0.6 × 0.3 eye distances around each BlazeFace eye keypoint, the upper part down to a lid
    /// margin (a shallow downward arc just below the eye centre) is replaced by the skin strip above the eye stretched downwards
    /// (the upper lid drawn over the eye), the part below the margin by the skin strip below the eye; a dark lash line marks the
    /// margin and the ellipse edge is blended.
    /// </summary>
    public static FaceImage PaintEyesShut(FaceImage image, FaceDetection face, bool lash = true)
    {
        var px = (byte[])image.Rgba.Clone();
        var ed = face.EyeDistance;
        foreach (var eye in new[] { face[FaceKeypoint.RightEye], face[FaceKeypoint.LeftEye] })
        {
            var rx = 0.3 * ed;
            var ry = 0.15 * ed;
            var strip = 0.12 * ed;
            for (var y = (int)(eye.Y - ry - 2); y <= (int)(eye.Y + ry + 2); y++)
            {
                for (var x = (int)(eye.X - rx - 2); x <= (int)(eye.X + rx + 2); x++)
                {
                    if (x < 0 || y < 0 || x >= image.Width || y >= image.Height)
                    {
                        continue;
                    }

                    var dx = (x - eye.X) / rx;
                    var dy = (y - eye.Y) / ry;
                    var w = Math.Clamp((1.15 - Math.Sqrt((dx * dx) + (dy * dy))) / 0.3, 0, 1);
                    if (w <= 0)
                    {
                        continue;
                    }

                    var top = eye.Y - ry;
                    var bottom = eye.Y + ry;
                    var margin = eye.Y + (ry * (0.1 + (0.3 * (1 - (dx * dx)))));
                    var sy = y <= margin
                        ? top - strip + ((y - top) / Math.Max(1, margin - top) * strip)
                        : bottom + ((y - margin) / Math.Max(1, bottom - margin) * strip);
                    var src = ((Math.Clamp((int)Math.Round(sy), 0, image.Height - 1) * image.Width) + x) * 4;
                    double r = image.Rgba[src], g = image.Rgba[src + 1], b = image.Rgba[src + 2];
                    if (lash && Math.Abs(y - margin) <= Math.Max(1, 0.015 * ed) && Math.Abs(dx) < 0.9)
                    {
                        (r, g, b) = (r * 0.35, g * 0.3, b * 0.3);
                    }

                    var i = ((y * image.Width) + x) * 4;
                    px[i] = (byte)Math.Round((px[i] * (1 - w)) + (r * w));
                    px[i + 1] = (byte)Math.Round((px[i + 1] * (1 - w)) + (g * w));
                    px[i + 2] = (byte)Math.Round((px[i + 2] * (1 - w)) + (b * w));
                }
            }
        }

        return new FaceImage(image.Width, image.Height, px);
    }

    /// <summary>
    /// A crude head turn: horizontally, the part of the image right of the nose keypoint is scaled by <paramref name="factor"/> about
    /// the nose and the part left of it by <c>2 − factor</c>, so the nose moves off the face centre like a turn (factor &lt; 1 compresses the image-right half).
    /// </summary>
    public static FaceImage SqueezeHalf(FaceImage image, FaceDetection face, double factor)
    {
        var nose = face[FaceKeypoint.NoseTip].X;
        var px = new byte[image.Rgba.Length];
        var left = 2 - factor;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var sx = x >= nose ? nose + ((x - nose) / factor) : nose - ((nose - x) / left);
                var x0 = (int)Math.Floor(sx);
                var fx = sx - x0;
                var o = ((y * image.Width) + x) * 4;
                for (var ch = 0; ch < 3; ch++)
                {
                    var a = Sample(image, x0, y, ch);
                    var b = Sample(image, x0 + 1, y, ch);
                    px[o + ch] = (byte)Math.Round((a * (1 - fx)) + (b * fx));
                }

                px[o + 3] = 255;
            }
        }

        return new FaceImage(image.Width, image.Height, px);
    }

    private static int Sample(FaceImage image, int x, int y, int ch) =>
        x < 0 || x >= image.Width ? 0 : image.Rgba[(((y * image.Width) + x) * 4) + ch];
}
