namespace ReaderKit.Face.Quality;

/// <summary>Small no-reference image measures on a luma plane.</summary>
public static class ImageMetrics
{
    /// <summary>Variance of the 4-neighbour Laplacian inside the rectangle (a standard focus/blur measure).</summary>
    public static double LaplacianVariance(ReadOnlySpan<byte> luma, int width, int x0, int y0, int x1, int y1)
    {
        double sum = 0, sumSq = 0;
        long n = 0;
        var height = luma.Length / width;
        x0 = Math.Max(1, x0);
        y0 = Math.Max(1, y0);
        x1 = Math.Min(width - 1, x1);
        y1 = Math.Min(height - 1, y1);
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var i = (y * width) + x;
                double lap = luma[i - 1] + luma[i + 1] + luma[i - width] + luma[i + width] - (4 * luma[i]);
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        }

        if (n == 0)
        {
            return 0;
        }

        var mean = sum / n;
        return (sumSq / n) - (mean * mean);
    }

    /// <summary>Mean luma and the fraction of pixels at or below 5 or at or above 250 inside the rectangle.</summary>
    public static (double Mean, double ClippedFraction) Exposure(ReadOnlySpan<byte> luma, int width, int x0, int y0, int x1, int y1)
    {
        long sum = 0, clipped = 0, n = 0;
        var height = luma.Length / width;
        x0 = Math.Max(0, x0);
        y0 = Math.Max(0, y0);
        x1 = Math.Min(width, x1);
        y1 = Math.Min(height, y1);
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var v = luma[(y * width) + x];
                sum += v;
                if (v <= 5 || v >= 250)
                {
                    clipped++;
                }

                n++;
            }
        }

        return n == 0 ? (0, 1) : ((double)sum / n, (double)clipped / n);
    }

    /// <summary>Spread between the 90th and 10th luma percentiles inside the rectangle (contrast of an eye region).</summary>
    public static double PercentileSpread(ReadOnlySpan<byte> luma, int width, int x0, int y0, int x1, int y1)
    {
        Span<int> histogram = stackalloc int[256];
        var height = luma.Length / width;
        x0 = Math.Max(0, x0);
        y0 = Math.Max(0, y0);
        x1 = Math.Min(width, x1);
        y1 = Math.Min(height, y1);
        var n = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                histogram[luma[(y * width) + x]]++;
                n++;
            }
        }

        if (n == 0)
        {
            return 0;
        }

        return Percentile(histogram, n, 0.9) - Percentile(histogram, n, 0.1);
    }

    private static int Percentile(ReadOnlySpan<int> histogram, int n, double q)
    {
        var target = q * n;
        var cumulative = 0;
        for (var v = 0; v < 256; v++)
        {
            cumulative += histogram[v];
            if (cumulative >= target)
            {
                return v;
            }
        }

        return 255;
    }
}
