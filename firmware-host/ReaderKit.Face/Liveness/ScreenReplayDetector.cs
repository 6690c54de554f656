using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>
/// Screen-replay cue: a face shown on a phone or tablet and filmed again carries a periodic pattern (the display's pixel grid
/// and its moiré with the camera's sensor) that natural skin does not. The face box is resampled to a square patch, windowed
/// (Hann), Fourier transformed, and the largest magnitude in the mid/high-frequency ring (0.2–0.5 of the sampling rate)
/// is compared with the ring's median. Isolated strong peaks → screen-like.
/// This is a cue, not a certified PAD: it misses displays whose pixel pitch is below the camera's resolution at that distance,
/// and strong regular textures (e.g. a patterned scarf inside the box) can trigger it.
/// </summary>
public sealed class ScreenReplayDetector : IPresentationAttackDetector
{
    private readonly ScreenReplayOptions _options;

    public ScreenReplayDetector(ScreenReplayOptions? options = null)
    {
        _options = options ?? new ScreenReplayOptions();
        if (_options.PatchSize < 16 || (_options.PatchSize & (_options.PatchSize - 1)) != 0)
        {
            throw new ArgumentException("patch size must be a power of two ≥ 16", nameof(options));
        }
    }

    public string Name => "screen-replay";

    public ValueTask<PadCheckResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var ratios = new List<double>();
        foreach (var f in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (f.Face is not null)
            {
                ratios.Add(PeakRatio(f.Image, f.Face.Box, f.OriginX, f.OriginY));
            }
        }

        if (ratios.Count == 0)
        {
            return ValueTask.FromResult(PadCheckResult.Undecided(Name, PadFinding.InsufficientFrames, "no frame with a face"));
        }

        var flagged = ratios.Count(r => r > _options.MaxPeakRatio);
        var max = ratios.Max();
        var detail = $"{flagged}/{ratios.Count} frames above peak ratio {_options.MaxPeakRatio} (max {max:0.0})";
        return ValueTask.FromResult((double)flagged / ratios.Count >= _options.MinFlaggedFraction
            ? PadCheckResult.Fail(Name, PadFinding.ScreenPatternDetected, max, detail)
            : PadCheckResult.Pass(Name, max, detail));
    }

    /// <summary>Peak-to-median spectral ratio of the face box in <paramref name="image"/>.</summary>
    public double PeakRatio(FaceImage image, FaceBox box) => PeakRatio(image, box, 0, 0);

    /// <summary>Peak-to-median spectral ratio of the face box (frame coordinates) in <paramref name="image"/>, a crop of the frame whose first pixel is frame pixel (<paramref name="originX"/>, <paramref name="originY"/>).</summary>
    public double PeakRatio(FaceImage image, FaceBox box, int originX, int originY)
    {
        ArgumentNullException.ThrowIfNull(image);
        // Never upsample: halve the patch until every cell averages at least one pixel.
        var n = _options.PatchSize;
        while (n > 16 && (n > box.Width || n > box.Height))
        {
            n /= 2;
        }

        if (n > box.Width || n > box.Height)
        {
            return 0;
        }

        var re = new double[n * n];
        var im = new double[n * n];
        // Area-average the box into n×n cells (point sampling would skip fine screen patterns).
        var px = image.Rgba;
        var counts = new int[n * n];
        var x0 = (int)Math.Max(originX, Math.Floor(box.X));
        var y0 = (int)Math.Max(originY, Math.Floor(box.Y));
        var x1 = (int)Math.Min(originX + image.Width, Math.Ceiling(box.Right));
        var y1 = (int)Math.Min(originY + image.Height, Math.Ceiling(box.Bottom));
        for (var y = y0; y < y1; y++)
        {
            var v = Math.Clamp((int)((y - box.Y) * n / box.Height), 0, n - 1);
            for (var x = x0; x < x1; x++)
            {
                var u = Math.Clamp((int)((x - box.X) * n / box.Width), 0, n - 1);
                var i = (((y - originY) * image.Width) + (x - originX)) * 4;
                re[(v * n) + u] += (0.299 * px[i]) + (0.587 * px[i + 1]) + (0.114 * px[i + 2]);
                counts[(v * n) + u]++;
            }
        }

        double mean = 0;
        for (var k = 0; k < re.Length; k++)
        {
            re[k] = counts[k] == 0 ? 0 : re[k] / counts[k];
            mean += re[k];
        }

        mean /= n * n;
        for (var v = 0; v < n; v++)
        {
            var wv = 0.5 - (0.5 * Math.Cos(2 * Math.PI * v / (n - 1)));
            for (var u = 0; u < n; u++)
            {
                var wu = 0.5 - (0.5 * Math.Cos(2 * Math.PI * u / (n - 1)));
                re[(v * n) + u] = (re[(v * n) + u] - mean) * wu * wv;
            }
        }

        Fft.Transform2D(re, im, n);
        var ring = new List<double>();
        double peak = 0;
        for (var v = 0; v < n; v++)
        {
            var fv = v <= n / 2 ? v : v - n;
            for (var u = 0; u < n; u++)
            {
                var fu = u <= n / 2 ? u : u - n;
                var r = Math.Sqrt((fu * fu) + (fv * fv)) / n;
                if (r < 0.2 || r > 0.5)
                {
                    continue;
                }

                var m = Math.Sqrt((re[(v * n) + u] * re[(v * n) + u]) + (im[(v * n) + u] * im[(v * n) + u]));
                ring.Add(m);
                peak = Math.Max(peak, m);
            }
        }

        ring.Sort();
        var median = ring.Count == 0 ? 0 : ring[ring.Count / 2];
        return median <= 1e-9 ? 0 : peak / median;
    }
}
