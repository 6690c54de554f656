namespace ReaderKit.Face.Imaging;

/// <summary>
/// Separable triangle-filter resampling (bilinear when enlarging, an area-like tent of width 1/scale when shrinking, so a
/// 640×480 frame shrinks to the detector input without aliasing). Writes normalised RGB floats straight into a model tensor.
/// Reuses an internal buffer: one instance per thread.
/// </summary>
public sealed class SeparableResampler
{
    private readonly (int Start, float[] Weights)[] _horizontal;
    private readonly (int Start, float[] Weights)[] _vertical;
    private readonly int _srcWidth;
    private readonly int _srcHeight;
    private float[]? _rows;

    /// <summary>Prepares the filter taps for <paramref name="srcWidth"/>×<paramref name="srcHeight"/> → <paramref name="dstWidth"/>×<paramref name="dstHeight"/>.</summary>
    public SeparableResampler(int srcWidth, int srcHeight, int dstWidth, int dstHeight)
    {
        _srcWidth = srcWidth;
        _srcHeight = srcHeight;
        DstWidth = dstWidth;
        DstHeight = dstHeight;
        _horizontal = Taps(srcWidth, dstWidth);
        _vertical = Taps(srcHeight, dstHeight);
    }

    public int DstWidth { get; }

    public int DstHeight { get; }

    /// <summary>True when this resampler was built for an image of this size.</summary>
    public bool Fits(FaceImage image) => image is not null && image.Width == _srcWidth && image.Height == _srcHeight;

    /// <summary>
    /// Resamples <paramref name="image"/> into <paramref name="tensor"/> (NHWC RGB, row length <paramref name="tensorWidth"/>)
    /// at (<paramref name="offsetX"/>, <paramref name="offsetY"/>), storing <c>value · scale + bias</c>.
    /// </summary>
    public void ResampleInto(FaceImage image, Span<float> tensor, int tensorWidth, int offsetX, int offsetY, float scale, float bias)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!Fits(image))
        {
            throw new ArgumentException("image size does not match the resampler", nameof(image));
        }

        // Horizontal pass: every source row → DstWidth RGB floats.
        // Intermediate buffer reused across calls (the detector resamples every frame); not thread-safe.
        var rows = _rows ??= new float[_srcHeight * DstWidth * 3];
        var px = image.Rgba;
        for (var y = 0; y < _srcHeight; y++)
        {
            var srcRow = y * _srcWidth * 4;
            var dstRow = y * DstWidth * 3;
            for (var x = 0; x < DstWidth; x++)
            {
                var (start, weights) = _horizontal[x];
                float r = 0, g = 0, b = 0;
                var i = srcRow + (start * 4);
                foreach (var w in weights)
                {
                    r += px[i] * w;
                    g += px[i + 1] * w;
                    b += px[i + 2] * w;
                    i += 4;
                }

                rows[dstRow + (x * 3)] = r;
                rows[dstRow + (x * 3) + 1] = g;
                rows[dstRow + (x * 3) + 2] = b;
            }
        }

        // Vertical pass into the tensor.
        var rowLength = DstWidth * 3;
        for (var y = 0; y < DstHeight; y++)
        {
            var (start, weights) = _vertical[y];
            var dst = tensor.Slice((((offsetY + y) * tensorWidth) + offsetX) * 3, rowLength);
            dst.Clear();
            for (var k = 0; k < weights.Length; k++)
            {
                var w = weights[k];
                var src = rows.AsSpan((start + k) * rowLength, rowLength);
                for (var j = 0; j < rowLength; j++)
                {
                    dst[j] += src[j] * w;
                }
            }

            for (var j = 0; j < rowLength; j++)
            {
                dst[j] = (dst[j] * scale) + bias;
            }
        }
    }

    private static (int Start, float[] Weights)[] Taps(int src, int dst)
    {
        var ratio = (double)src / dst;
        var radius = Math.Max(1.0, ratio);
        var taps = new (int, float[])[dst];
        for (var o = 0; o < dst; o++)
        {
            var centre = ((o + 0.5) * ratio) - 0.5;
            var first = Math.Max(0, (int)Math.Ceiling(centre - radius));
            var last = Math.Min(src - 1, (int)Math.Floor(centre + radius));
            if (last < first)
            {
                first = last = Math.Clamp((int)Math.Round(centre), 0, src - 1);
            }

            var w = new float[last - first + 1];
            double sum = 0;
            for (var s = first; s <= last; s++)
            {
                var v = Math.Max(0, 1 - (Math.Abs(s - centre) / radius));
                w[s - first] = (float)v;
                sum += v;
            }

            if (sum <= 0)
            {
                w = [1f];
                first = Math.Clamp((int)Math.Round(centre), 0, src - 1);
                sum = 1;
            }

            for (var k = 0; k < w.Length; k++)
            {
                w[k] = (float)(w[k] / sum);
            }

            taps[o] = (first, w);
        }

        return taps;
    }
}
