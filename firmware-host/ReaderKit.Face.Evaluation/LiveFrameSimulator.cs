using ReaderKit.Face.Alignment;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Evaluation;

/// <summary>
/// Stands in for the camera frames of one transaction when a data set has one live photo per attempt: frame 0 is the photo
/// itself, every further frame the photo with the small changes between consecutive frames of a person standing at a kiosk
/// (roll ±2°, scale ±3 %, shift ±1.5 % of the longer side, gain ±6 %, offset ±6 grey levels, pixel noise σ 2), seeded per
/// image and frame so every run sees the same frames. It does NOT model pose, expression or lighting changes within a tap:
/// transaction figures measured with it show what averaging over frame noise buys, not more.
/// </summary>
public static class LiveFrameSimulator
{
    /// <summary>Frame <paramref name="index"/> of the transaction made from <paramref name="photo"/> (0 = the photo unchanged).</summary>
    public static FaceImage Frame(FaceImage photo, int index, int seed)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (index == 0)
        {
            return photo;
        }

        var random = new Random(unchecked((((seed * 31) + index) * 31 * 31) + (photo.Width * 31) + photo.Height));
        double Uniform(double range) => ((random.NextDouble() * 2) - 1) * range;
        var side = Math.Max(photo.Width, photo.Height);
        var angle = Uniform(2) * Math.PI / 180;
        var scale = 1 + Uniform(0.03);
        var (cx, cy) = ((photo.Width / 2.0) + Uniform(0.015 * side), (photo.Height / 2.0) + Uniform(0.015 * side));

        // Output pixel (u, v) samples the photo at centre + R(angle)·scale·((u, v) − centre').
        var a = scale * Math.Cos(angle);
        var b = scale * Math.Sin(angle);
        var (ox, oy) = (photo.Width / 2.0, photo.Height / 2.0);
        var t = new SimilarityTransform(a, b, cx - ((a * ox) - (b * oy)), cy - ((b * ox) + (a * oy)));
        var warped = FaceAligner.Warp(photo, t, side).Crop(new PixelRect(0, 0, photo.Width, photo.Height));

        var gain = 1 + Uniform(0.06);
        var offset = Uniform(6);
        // Noise from a seeded table of 4096 Gaussian samples walked with a random start and an odd stride (cheap on large photos).
        var noise = new double[4096];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = Gaussian(random) * 2;
        }

        var px = warped.Rgba;
        var n = random.Next(noise.Length);
        for (var i = 0; i < px.Length; i += 4)
        {
            for (var c = 0; c < 3; c++)
            {
                n = (n + 2731) & (noise.Length - 1);
                px[i + c] = (byte)Math.Clamp((int)Math.Round((px[i + c] * gain) + offset + noise[n]), 0, 255);
            }
        }

        return warped;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
