using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ReaderKit.Face.Imaging;

/// <summary>
/// Separable triangle-filter resampling (bilinear when enlarging, an area-like tent of width 1/scale when shrinking, so a
/// 640×480 frame shrinks to the detector input without aliasing). Writes normalised RGB floats straight into a model tensor.
/// The vertical pass runs first over whole RGBA rows with SIMD (<see cref="Vector{T}"/>), then the horizontal pass filters
/// each RGBA pixel of that row as one 4-lane vector; the filter taps are precomputed. Reuses an internal buffer: one instance per thread.
/// </summary>
public sealed class SeparableResampler
{
    private readonly Taps _horizontal;
    private readonly Taps _vertical;
    private readonly int _srcWidth;
    private readonly int _srcHeight;
    private float[]? _row;

    /// <summary>Prepares the filter taps for <paramref name="srcWidth"/>×<paramref name="srcHeight"/> → <paramref name="dstWidth"/>×<paramref name="dstHeight"/>.</summary>
    public SeparableResampler(int srcWidth, int srcHeight, int dstWidth, int dstHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(srcWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(srcHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dstWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dstHeight);
        _srcWidth = srcWidth;
        _srcHeight = srcHeight;
        DstWidth = dstWidth;
        DstHeight = dstHeight;
        _horizontal = Taps.Create(srcWidth, dstWidth);
        _vertical = Taps.Create(srcHeight, dstHeight);
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

        if (offsetX < 0 || offsetY < 0 || offsetX + DstWidth > tensorWidth || (offsetY + DstHeight) * tensorWidth * 3 > tensor.Length)
        {
            throw new ArgumentException("the resampled image does not fit the tensor", nameof(tensor));
        }

        var rowLength = _srcWidth * 4;
        var row = _row ??= new float[rowLength];
        var px = image.Rgba;
        for (var y = 0; y < DstHeight; y++)
        {
            // Vertical pass: one filtered RGBA source-width row (alpha is filtered too, then ignored; it keeps the SIMD loop simple).
            var vStart = _vertical.Start[y];
            var vWeights = _vertical.Row(y);
            row.AsSpan().Clear();
            for (var k = 0; k < vWeights.Length; k++)
            {
                AccumulateRow(px.AsSpan((vStart + k) * rowLength, rowLength), vWeights[k], row);
            }

            // Horizontal pass into the tensor row: one RGBA pixel of the filtered row is one 4-lane vector.
            var dst = tensor.Slice((((offsetY + y) * tensorWidth) + offsetX) * 3, DstWidth * 3);
            var pixels = MemoryMarshal.Cast<float, Vector128<float>>(row.AsSpan());
            var vScale = Vector128.Create(scale);
            var vBias = Vector128.Create(bias);
            for (var x = 0; x < DstWidth; x++)
            {
                var hWeights = _horizontal.Row(x);
                var first = _horizontal.Start[x];
                var acc = Vector128<float>.Zero;
                for (var k = 0; k < hWeights.Length; k++)
                {
                    acc += pixels[first + k] * Vector128.Create(hWeights[k]);
                }

                var value = (acc * vScale) + vBias;
                dst[x * 3] = value.GetElement(0);
                dst[(x * 3) + 1] = value.GetElement(1);
                dst[(x * 3) + 2] = value.GetElement(2);
            }
        }
    }

    /// <summary><c>acc[i] += src[i] · weight</c> over a byte row, widened to floats in SIMD lanes.</summary>
    private static void AccumulateRow(ReadOnlySpan<byte> src, float weight, Span<float> acc)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && src.Length >= Vector<byte>.Count)
        {
            var w = new Vector<float>(weight);
            var accVectors = MemoryMarshal.Cast<float, Vector<float>>(acc);
            var lanes = Vector<float>.Count;
            for (; i <= src.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(src[i..]), out var lo16, out var hi16);
                Vector.Widen(lo16, out var a, out var b);
                Vector.Widen(hi16, out var c, out var d);
                var v = i / lanes;
                accVectors[v] += Vector.ConvertToSingle(a) * w;
                accVectors[v + 1] += Vector.ConvertToSingle(b) * w;
                accVectors[v + 2] += Vector.ConvertToSingle(c) * w;
                accVectors[v + 3] += Vector.ConvertToSingle(d) * w;
            }
        }

        for (; i < src.Length; i++)
        {
            acc[i] += src[i] * weight;
        }
    }

    /// <summary>Filter taps of one axis: for output o, weights <c>Row(o)</c> apply to source samples <c>Start[o]</c>, <c>Start[o] + 1</c>, ….</summary>
    private sealed class Taps
    {
        private readonly float[] _weights;
        private readonly int[] _offset;
        private readonly int[] _count;

        private Taps(int[] start, float[] weights, int[] offset, int[] count)
        {
            Start = start;
            _weights = weights;
            _offset = offset;
            _count = count;
        }

        public int[] Start { get; }

        public ReadOnlySpan<float> Row(int output) => _weights.AsSpan(_offset[output], _count[output]);

        public static Taps Create(int src, int dst)
        {
            var ratio = (double)src / dst;
            var radius = Math.Max(1.0, ratio);
            var start = new int[dst];
            var offset = new int[dst];
            var count = new int[dst];
            var weights = new List<float>();
            for (var o = 0; o < dst; o++)
            {
                var centre = ((o + 0.5) * ratio) - 0.5;
                var first = Math.Max(0, (int)Math.Ceiling(centre - radius));
                var last = Math.Min(src - 1, (int)Math.Floor(centre + radius));
                if (last < first)
                {
                    first = last = Math.Clamp((int)Math.Round(centre), 0, src - 1);
                }

                var w = new double[last - first + 1];
                double sum = 0;
                for (var s = first; s <= last; s++)
                {
                    var v = Math.Max(0, 1 - (Math.Abs(s - centre) / radius));
                    w[s - first] = v;
                    sum += v;
                }

                if (sum <= 0)
                {
                    w = [1.0];
                    first = Math.Clamp((int)Math.Round(centre), 0, src - 1);
                    sum = 1;
                }

                start[o] = first;
                offset[o] = weights.Count;
                count[o] = w.Length;
                foreach (var v in w)
                {
                    weights.Add((float)(v / sum));
                }
            }

            return new Taps(start, [.. weights], offset, count);
        }
    }
}
