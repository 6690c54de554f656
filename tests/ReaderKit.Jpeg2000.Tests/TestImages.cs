using ReaderKit.Jpeg2000;

namespace ReaderKit.Jpeg2000.Tests;

/// <summary>Deterministic synthetic portraits: smooth shading, an ellipse "face", edges and mild noise.</summary>
internal static class TestImages
{
    public static GreyImage Portrait(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        double cx = width / 2.0, cy = height * 0.45, rx = width * 0.3, ry = height * 0.38;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double background = 60 + (100.0 * y / height);
                double dx = (x - cx) / rx, dy = (y - cy) / ry;
                double face = dx * dx + dy * dy < 1 ? 170 - (40 * (dx * dx + dy * dy)) : background;
                bool eye = Math.Abs(y - (cy - (ry * 0.2))) < height * 0.03 && Math.Abs(Math.Abs(x - cx) - (rx * 0.4)) < width * 0.06;
                double v = (eye ? 40 : face) + random.Next(-4, 5);
                pixels[(y * width) + x] = (byte)Math.Clamp(v, 0, 255);
            }
        }

        return new GreyImage(width, height, pixels);
    }

    public static double Psnr(byte[] a, byte[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        double mse = sum / a.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
