using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Tests;

internal static class TestImages
{
    public static FaceImage Gradient(int w, int h)
    {
        var px = new byte[w * h * 4];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = ((y * w) + x) * 4;
                px[i] = (byte)(x * 255 / Math.Max(1, w - 1));
                px[i + 1] = (byte)(y * 255 / Math.Max(1, h - 1));
                px[i + 2] = (byte)((x + y) % 256);
                px[i + 3] = 255;
            }
        }

        return new FaceImage(w, h, px);
    }

    /// <summary>Deterministic pseudo-random texture (a stand-in for skin and hair detail).</summary>
    public static FaceImage Noise(int w, int h, int seed, int amplitude = 60)
    {
        var r = new Random(seed);
        var px = new byte[w * h * 4];
        for (var i = 0; i < px.Length; i += 4)
        {
            var v = (byte)Math.Clamp(128 + r.Next(-amplitude, amplitude), 0, 255);
            px[i] = px[i + 1] = px[i + 2] = v;
            px[i + 3] = 255;
        }

        return new FaceImage(w, h, px);
    }
}
