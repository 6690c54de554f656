using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Alignment;

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
    public static FaceImage Warp(FaceImage image, SimilarityTransform chipToSource, int size) => Warp(image, chipToSource, size, useSimd: true);

    /// <summary><see cref="Warp(FaceImage, SimilarityTransform, int)"/>; <paramref name="useSimd"/> false forces the portable path (tests).</summary>
    internal static FaceImage Warp(FaceImage image, SimilarityTransform chipToSource, int size, bool useSimd)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var n = chipToSource.Scale > 1.5 ? Math.Min(4, (int)Math.Ceiling(chipToSource.Scale)) : 1;
        Span<double> offsets = stackalloc double[n];
        for (var s = 0; s < n; s++)
        {
            offsets[s] = (s + 0.5) / n;
        }

        var output = new byte[size * size * 4];
        if (useSimd && Avx.IsSupported && Sse41.IsSupported)
        {
            WarpVector(image, chipToSource, size, offsets, output);
        }
        else
        {
            WarpScalar(image, chipToSource, size, offsets, output);
        }

        return new FaceImage(size, size, output);
    }

    // Both paths use the same arithmetic, in the same order, as SimilarityTransform.Apply and a per-sample, per-corner
    // accumulation in double: the chip is bit-identical to the straightforward implementation (pinned by a test).
    private static void WarpScalar(FaceImage image, SimilarityTransform t, int size, ReadOnlySpan<double> offsets, byte[] output)
    {
        var n = offsets.Length;
        var inv = 1.0 / (n * n);
        for (var v = 0; v < size; v++)
        {
            for (var u = 0; u < size; u++)
            {
                double r = 0, g = 0, bl = 0;
                for (var sy = 0; sy < n; sy++)
                {
                    var y = v + offsets[sy] - 0.5;
                    for (var sx = 0; sx < n; sx++)
                    {
                        var x = u + offsets[sx] - 0.5;
                        SampleBilinear(image, (t.A * x) - (t.B * y) + t.Tx, (t.B * x) + (t.A * y) + t.Ty, ref r, ref g, ref bl);
                    }
                }

                var o = ((v * size) + u) * 4;
                output[o] = ToByte(r * inv);
                output[o + 1] = ToByte(g * inv);
                output[o + 2] = ToByte(bl * inv);
                output[o + 3] = 255;
            }
        }
    }

    /// <summary>x64: the four channels of a pixel in one 256-bit double vector (lane-wise the same operations as the scalar path).</summary>
    private static void WarpVector(FaceImage image, SimilarityTransform t, int size, ReadOnlySpan<double> offsets, byte[] output)
    {
        var n = offsets.Length;
        var inv = 1.0 / (n * n);
        var px = image.Rgba;
        var (w, h) = (image.Width, image.Height);
        for (var v = 0; v < size; v++)
        {
            for (var u = 0; u < size; u++)
            {
                var acc = Vector256<double>.Zero;
                for (var sy = 0; sy < n; sy++)
                {
                    var y = v + offsets[sy] - 0.5;
                    for (var sx = 0; sx < n; sx++)
                    {
                        var x = u + offsets[sx] - 0.5;
                        var sxp = (t.A * x) - (t.B * y) + t.Tx;
                        var syp = (t.B * x) + (t.A * y) + t.Ty;
                        var x0 = (int)Math.Floor(sxp);
                        var y0 = (int)Math.Floor(syp);
                        var fx = sxp - x0;
                        var fy = syp - y0;
                        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h)
                        {
                            var i = ((y0 * w) + x0) * 4;
                            var j = i + (w * 4);
                            acc += Pixel(px, i) * Vector256.Create((1 - fy) * (1 - fx));
                            acc += Pixel(px, i + 4) * Vector256.Create((1 - fy) * fx);
                            acc += Pixel(px, j) * Vector256.Create(fy * (1 - fx));
                            acc += Pixel(px, j + 4) * Vector256.Create(fy * fx);
                            continue;
                        }

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
                                if (xx >= 0 && xx < w)
                                {
                                    acc += Pixel(px, ((yy * w) + xx) * 4) * Vector256.Create(wy * (dx == 0 ? 1 - fx : fx));
                                }
                            }
                        }
                    }
                }

                var o = ((v * size) + u) * 4;
                output[o] = ToByte(acc.GetElement(0) * inv);
                output[o + 1] = ToByte(acc.GetElement(1) * inv);
                output[o + 2] = ToByte(acc.GetElement(2) * inv);
                output[o + 3] = 255;
            }
        }
    }

    /// <summary>RGBA bytes at <paramref name="index"/> as four doubles (callers have bounds-checked the pixel).</summary>
    private static Vector256<double> Pixel(byte[] px, int index)
    {
        Debug.Assert(index >= 0 && index + 4 <= px.Length, "pixel index out of range");
        var rgba = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(px), index));
        return Avx.ConvertToVector256Double(Sse41.ConvertToVector128Int32(Vector128.CreateScalarUnsafe(rgba).AsByte()));
    }

    private static byte ToByte(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);

    /// <summary>Adds the bilinear sample at (x, y) to the sums; outside the image counts as black (as dlib does).</summary>
    private static void SampleBilinear(FaceImage image, double x, double y, ref double r, ref double g, ref double b)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var px = image.Rgba;
        var w = image.Width;
        var h = image.Height;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h)
        {
            // Interior: all four neighbours exist. Adding a zero-weight term leaves the sums unchanged, so no weight test is needed.
            var i = ((y0 * w) + x0) * 4;
            var j = i + (w * 4);
            var w00 = (1 - fy) * (1 - fx);
            var w01 = (1 - fy) * fx;
            var w10 = fy * (1 - fx);
            var w11 = fy * fx;
            r += px[i] * w00;
            g += px[i + 1] * w00;
            b += px[i + 2] * w00;
            r += px[i + 4] * w01;
            g += px[i + 5] * w01;
            b += px[i + 6] * w01;
            r += px[j] * w10;
            g += px[j + 1] * w10;
            b += px[j + 2] * w10;
            r += px[j + 4] * w11;
            g += px[j + 5] * w11;
            b += px[j + 6] * w11;
            return;
        }

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
                var i = ((yy * w) + xx) * 4;
                r += px[i] * wgt;
                g += px[i + 1] * wgt;
                b += px[i + 2] * wgt;
            }
        }
    }
}
