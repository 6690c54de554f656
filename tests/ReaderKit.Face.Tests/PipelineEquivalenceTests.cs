using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;
using SkiaSharp;

namespace ReaderKit.Face.Tests;

/// <summary>
/// The latency-optimised stages (SIMD letterbox, bound ORT buffers, fast warp, direct JPEG decode) against plain reference
/// implementations written for clarity: same pixels, same detections, same embedding within float rounding.
/// </summary>
public sealed class PipelineEquivalenceTests : IClassFixture<ModelFixture>
{
    private readonly ModelFixture _fx;

    public PipelineEquivalenceTests(ModelFixture fixture) => _fx = fixture;

    [Theory]
    [InlineData(1.0, 0.0, 40.0, 30.0, 150)] // identity-like, n = 1
    [InlineData(2.3, 0.4, -35.0, 20.0, 150)] // rotated, supersampled (n = 3), partly outside the image
    [InlineData(0.7, -0.2, 10.0, 90.0, 97)] // enlarging, rotated the other way
    [InlineData(5.0, 0.0, -100.0, -100.0, 64)] // n = 4 cap, mostly outside
    public void Warp_is_bit_identical_to_the_per_sample_reference(double a, double b, double tx, double ty, int size)
    {
        var image = TestImages.Noise(211, 157, seed: 7, amplitude: 120);
        var colour = TestImages.Gradient(211, 157);
        foreach (var source in new[] { image, colour })
        {
            var t = new SimilarityTransform(a, b, tx, ty);
            var reference = ReferenceWarp(source, t, size).Rgba;
            Assert.Equal(reference, FaceAligner.Warp(source, t, size, useSimd: true).Rgba);
            Assert.Equal(reference, FaceAligner.Warp(source, t, size, useSimd: false).Rgba);
        }
    }

    [Theory]
    [InlineData(640, 480, 256, 192)]
    [InlineData(333, 517, 165, 256)] // odd sizes, rows shorter than a SIMD vector multiple
    [InlineData(100, 80, 256, 205)] // enlarging
    [InlineData(7, 5, 3, 2)] // rows shorter than one SIMD vector
    public void Letterbox_resampler_matches_a_double_precision_reference(int sw, int sh, int dw, int dh)
    {
        var image = TestImages.Noise(sw, sh, seed: 3, amplitude: 127);
        var side = Math.Max(dw, dh) + 4;
        var tensor = new float[side * side * 3];
        Array.Fill(tensor, -7f);
        new SeparableResampler(sw, sh, dw, dh).ResampleInto(image, tensor, side, 2, 1, 1 / 127.5f, -1f);
        var reference = ReferenceResample(image, dw, dh);
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var got = tensor[(((y * side) + x) * 3) + c];
                    var inside = x >= 2 && x < 2 + dw && y >= 1 && y < 1 + dh;
                    var expected = inside ? (reference[((((y - 1) * dw) + (x - 2)) * 3) + c] / 127.5) - 1 : -7;
                    Assert.True(Math.Abs(got - expected) < 1e-5, $"({x},{y},{c}): {got} vs {expected}");
                }
            }
        }
    }

    [Fact]
    public void Jpeg_decode_matches_a_skia_bitmap_decode_and_alpha_is_opaque()
    {
        var jpeg = FaceImageDecoder.EncodeJpeg(TestImages.Gradient(123, 77), 85);
        var decoded = FaceImageDecoder.Decode(jpeg);
        using var bitmap = SKBitmap.Decode(jpeg, new SKImageInfo(123, 77, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.Equal(bitmap.Bytes, decoded.Rgba);
        Assert.All(Enumerable.Range(0, decoded.Width * decoded.Height), i => Assert.Equal(255, decoded.Rgba[(i * 4) + 3]));
    }

    [Fact]
    public void Png_with_transparency_decodes_with_opaque_alpha()
    {
        var info = new SKImageInfo(20, 10, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        bitmap.Erase(new SKColor(10, 200, 30, 0));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var decoded = FaceImageDecoder.Decode(png.ToArray());
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(255, decoded.Rgba[(i * 4) + 3]));
    }

    [Fact]
    public void Pipeline_embedding_matches_a_plain_reference_path()
    {
        // Reference: double-precision letterbox, unoptimised ORT sessions run with freshly allocated tensors, per-sample warp.
        var models = FaceModelFiles.Locate();
        using var plain = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, IntraOpNumThreads = 1 };
        using var detector = new InferenceSession(models.Detector, plain);
        using var embedder = new InferenceSession(models.Embedder, plain);
        foreach (var image in _fx.FaceCrops(3).Take(2).Append(_fx.Sample(1)))
        {
            var analysis = _fx.Analyzer.Analyze(image, FaceImageRole.Live);
            Assert.NotNull(analysis.Face);
            var referenceFaces = ReferenceDetect(detector, image);
            var face = referenceFaces.OrderByDescending(f => f.Box.Area).First();
            Assert.Equal(referenceFaces.Count, analysis.Detections.Count);
            for (var k = 0; k < 6; k++)
            {
                Assert.True((face.Keypoints[k] - analysis.Face.Keypoints[k]).Length < 0.05, $"keypoint {k}: {face.Keypoints[k]} vs {analysis.Face.Keypoints[k]}");
            }

            var t = SimilarityTransform.Estimate(ChipTemplate.Dlib.Points, ChipTemplate.SourcePoints(face));
            var chip = ReferenceWarp(image, t, 150);
            var reference = ReferenceEmbed(embedder, chip);
            var optimised = _fx.Analyzer.Embed(analysis.Aligned!.Chip);
            Assert.True(reference.CosineSimilarity(optimised) > 0.9999, $"cosine {reference.CosineSimilarity(optimised)}");
        }
    }

    private static List<FaceDetection> ReferenceDetect(InferenceSession session, FaceImage image)
    {
        const int side = 256;
        var scale = (double)side / Math.Max(image.Width, image.Height);
        var w = Math.Clamp((int)Math.Round(image.Width * scale), 1, side);
        var h = Math.Clamp((int)Math.Round(image.Height * scale), 1, side);
        var (padX, padY) = ((side - w) / 2, (side - h) / 2);
        var resampled = ReferenceResample(image, w, h);
        var input = new DenseTensor<float>([1, side, side, 3]);
        input.Fill(-1f);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    input[0, padY + y, padX + x, c] = (float)((resampled[(((y * w) + x) * 3) + c] / 127.5) - 1);
                }
            }
        }

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), input)]);
        var ordered = results.OrderByDescending(r => r.AsTensor<float>().Dimensions[1]).ToList();
        var logits = ordered.Where(r => r.AsTensor<float>().Dimensions[2] == 1).SelectMany(r => r.AsTensor<float>().ToArray()).ToArray();
        var regressors = ordered.Where(r => r.AsTensor<float>().Dimensions[2] == 16).SelectMany(r => r.AsTensor<float>().ToArray()).ToArray();
        var letterbox = new LetterboxTransform((double)w / image.Width, padX, padY) with { ScaleY = (double)h / image.Height };
        return [.. BlazeFaceDecoder.Decode(logits, regressors, BlazeFaceAnchors.Generate(), letterbox, new BlazeFaceOptions())];
    }

    private static Embedding.FaceEmbedding ReferenceEmbed(InferenceSession session, FaceImage chip)
    {
        var input = new DenseTensor<float>([1, 150, 150, 3]);
        for (var y = 0; y < 150; y++)
        {
            for (var x = 0; x < 150; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    input[0, y, x, c] = chip.Rgba[(((y * 150) + x) * 4) + c];
                }
            }
        }

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), input)]);
        return new Embedding.FaceEmbedding(results[0].AsTensor<float>().ToArray());
    }

    /// <summary>Direct 2-D tent filter in double (the separable resampler's definition), RGB 0..255, no normalisation.</summary>
    private static double[] ReferenceResample(FaceImage image, int dw, int dh)
    {
        var (wx, sx) = Taps(image.Width, dw);
        var (wy, sy) = Taps(image.Height, dh);
        var output = new double[dw * dh * 3];
        for (var y = 0; y < dh; y++)
        {
            for (var x = 0; x < dw; x++)
            {
                for (var j = 0; j < wy[y].Length; j++)
                {
                    for (var i = 0; i < wx[x].Length; i++)
                    {
                        var p = ((((sy[y] + j) * image.Width) + sx[x] + i) * 4);
                        for (var c = 0; c < 3; c++)
                        {
                            output[(((y * dw) + x) * 3) + c] += image.Rgba[p + c] * wx[x][i] * wy[y][j];
                        }
                    }
                }
            }
        }

        return output;
    }

    private static (double[][] Weights, int[] Start) Taps(int src, int dst)
    {
        var ratio = (double)src / dst;
        var radius = Math.Max(1.0, ratio);
        var weights = new double[dst][];
        var start = new int[dst];
        for (var o = 0; o < dst; o++)
        {
            var centre = ((o + 0.5) * ratio) - 0.5;
            var first = Math.Max(0, (int)Math.Ceiling(centre - radius));
            var last = Math.Min(src - 1, (int)Math.Floor(centre + radius));
            var w = Enumerable.Range(first, last - first + 1).Select(s => Math.Max(0, 1 - (Math.Abs(s - centre) / radius))).ToArray();
            var sum = w.Sum();
            weights[o] = w.Select(v => v / sum).ToArray();
            start[o] = first;
        }

        return (weights, start);
    }

    /// <summary>The straightforward warp: every sub-sample through <see cref="SimilarityTransform.Apply"/>, per-corner bounds checks.</summary>
    private static FaceImage ReferenceWarp(FaceImage image, SimilarityTransform chipToSource, int size)
    {
        var n = chipToSource.Scale > 1.5 ? Math.Min(4, (int)Math.Ceiling(chipToSource.Scale)) : 1;
        var output = new byte[size * size * 4];
        for (var v = 0; v < size; v++)
        {
            for (var u = 0; u < size; u++)
            {
                var acc = new double[3];
                for (var sy = 0; sy < n; sy++)
                {
                    for (var sx = 0; sx < n; sx++)
                    {
                        var p = chipToSource.Apply(new Point2(u + ((sx + 0.5) / n) - 0.5, v + ((sy + 0.5) / n) - 0.5));
                        var x0 = (int)Math.Floor(p.X);
                        var y0 = (int)Math.Floor(p.Y);
                        for (var dy = 0; dy <= 1; dy++)
                        {
                            for (var dx = 0; dx <= 1; dx++)
                            {
                                var (xx, yy) = (x0 + dx, y0 + dy);
                                if (xx < 0 || yy < 0 || xx >= image.Width || yy >= image.Height)
                                {
                                    continue;
                                }

                                var wgt = (dy == 0 ? 1 - (p.Y - y0) : p.Y - y0) * (dx == 0 ? 1 - (p.X - x0) : p.X - x0);
                                var i = ((yy * image.Width) + xx) * 4;
                                for (var c = 0; c < 3; c++)
                                {
                                    acc[c] += image.Rgba[i + c] * wgt;
                                }
                            }
                        }
                    }
                }

                for (var c = 0; c < 3; c++)
                {
                    output[(((v * size) + u) * 4) + c] = (byte)Math.Clamp((int)Math.Round(acc[c] * (1.0 / (n * n))), 0, 255);
                }

                output[(((v * size) + u) * 4) + 3] = 255;
            }
        }

        return new FaceImage(size, size, output);
    }
}
