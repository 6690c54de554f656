using System.Diagnostics;
using ReaderKit.Jpeg2000;
using Xunit.Abstractions;

namespace ReaderKit.Jpeg2000.Tests;

public class Jp2CodecTests
{
    private readonly ITestOutputHelper _output;

    public Jp2CodecTests(ITestOutputHelper output) => _output = output;

    private static readonly byte[] Jp2Signature = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    [Fact]
    public void Library_is_loadable_and_reports_a_2x_version()
    {
        Assert.StartsWith("2.", Jp2Codec.LibraryVersion(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300, 400, 20f, 34.0)]
    [InlineData(300, 300, 30f, 30.0)]
    [InlineData(97, 131, 8f, 34.0)]
    public void Lossy_round_trip_keeps_dimensions_and_quality(int width, int height, float ratio, double minPsnr)
    {
        GreyImage source = TestImages.Portrait(width, height);
        byte[] jp2 = Jp2Codec.Encode(source, new Jp2EncodeOptions { CompressionRatio = ratio });

        Assert.Equal(Jp2Signature, jp2[..12]);
        Assert.True(jp2.Length < source.Pixels.Length / ratio * 1.2 + 400, $"{jp2.Length} bytes for ratio {ratio}");
        Jp2Image decoded = Jp2Codec.Decode(jp2);
        Assert.Equal((width, height, 1, Jp2ColourSpace.Grey), (decoded.Width, decoded.Height, decoded.Components, decoded.ColourSpace));
        double psnr = TestImages.Psnr(source.Pixels, decoded.Pixels);
        Assert.True(psnr >= minPsnr, $"PSNR {psnr:F1} dB < {minPsnr} dB");
        Assert.False(double.IsPositiveInfinity(psnr), "a lossy encode should not be bit-exact");
    }

    [Fact]
    public void Reversible_without_rate_is_lossless()
    {
        GreyImage source = TestImages.Portrait(120, 90, seed: 7);
        byte[] jp2 = Jp2Codec.Encode(source, new Jp2EncodeOptions { Reversible = true });
        GreyImage decoded = Jp2Codec.DecodeGrey(jp2);
        Assert.Equal(source.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Raw_codestream_and_container_carry_the_same_image()
    {
        GreyImage source = TestImages.Portrait(160, 200, seed: 3);
        byte[] j2k = Jp2Codec.Encode(source, new Jp2EncodeOptions { Reversible = true, Container = Jp2Container.J2k });
        byte[] jp2 = Jp2Codec.Encode(source, new Jp2EncodeOptions { Reversible = true, Container = Jp2Container.Jp2 });

        Assert.Equal(new byte[] { 0xFF, 0x4F, 0xFF, 0x51 }, j2k[..4]);
        Assert.Equal(Jp2Signature, jp2[..12]);
        Assert.True(jp2.AsSpan().EndsWith(j2k), "the JP2 file ends with the same codestream in its jp2c box");
        Assert.Equal(source.Pixels, Jp2Codec.Decode(j2k).Pixels);
        Assert.Equal(source.Pixels, Jp2Codec.Decode(jp2).Pixels);
        Assert.True(Jp2Codec.LooksLikeJpeg2000(j2k) && Jp2Codec.LooksLikeJpeg2000(jp2));

        byte[] lossyJ2k = Jp2Codec.Encode(source, new Jp2EncodeOptions { CompressionRatio = 15, Container = Jp2Container.J2k });
        Assert.True(TestImages.Psnr(source.Pixels, Jp2Codec.Decode(lossyJ2k).Pixels) > 32);
    }

    [Theory]
    [InlineData(11_000)]
    [InlineData(4_000)]
    public void Target_bytes_is_an_upper_bound(int target)
    {
        GreyImage source = TestImages.Portrait(300, 400, seed: 5);
        byte[] jp2 = Jp2Codec.Encode(source, new Jp2EncodeOptions { TargetBytes = target });
        Assert.InRange(jp2.Length, target / 3, target);
        Assert.Equal(300, Jp2Codec.Decode(jp2).Width);
    }

    [Fact]
    public void Tiny_images_encode_with_reduced_resolution_levels()
    {
        foreach ((int w, int h) in new[] { (1, 1), (2, 7), (31, 3) })
        {
            GreyImage source = TestImages.Portrait(w, h);
            byte[] jp2 = Jp2Codec.Encode(source, new Jp2EncodeOptions { Reversible = true });
            Assert.Equal(source.Pixels, Jp2Codec.DecodeGrey(jp2).Pixels);
        }
    }

    [Fact]
    public void Truncated_input_is_a_typed_error_at_every_cut()
    {
        byte[] jp2 = Jp2Codec.Encode(TestImages.Portrait(64, 64), new Jp2EncodeOptions { CompressionRatio = 10 });
        int malformed = 0;
        for (int length = 0; length < jp2.Length - 2; length += Math.Max(1, jp2.Length / 97))
        {
            var error = Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode(jp2.AsSpan(0, length)));
            Assert.Contains(error.Reason, new[] { Jp2DecodeError.Malformed, Jp2DecodeError.UnknownFormat });
            if (error.Reason == Jp2DecodeError.Malformed)
            {
                malformed++;
            }
        }

        Assert.True(malformed > 50, $"only {malformed} cuts reached the codec");
    }

    [Fact]
    public void Corrupted_bytes_never_escape_as_anything_but_a_typed_error()
    {
        byte[] original = Jp2Codec.Encode(TestImages.Portrait(64, 48), new Jp2EncodeOptions { CompressionRatio = 6 });
        var random = new Random(42);
        int failures = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] corrupt = (byte[])original.Clone();
            int flips = 1 + random.Next(8);
            for (int i = 0; i < flips; i++)
            {
                corrupt[12 + random.Next(corrupt.Length - 12)] = (byte)random.Next(256);
            }

            try
            {
                Jp2Image image = Jp2Codec.Decode(corrupt, new Jp2DecodeLimits(MaxPixels: 1 << 20, MaxDimension: 4096));
                Assert.Equal(image.Width * image.Height * image.Components, image.Pixels.Length);
            }
            catch (Jp2DecodeException)
            {
                failures++;
            }
        }

        Assert.True(failures > 0, "some corruptions must be detected");
    }

    [Fact]
    public void Garbage_and_empty_input_are_unknown_format()
    {
        Assert.Equal(Jp2DecodeError.UnknownFormat, Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode([])).Reason);
        Assert.Equal(Jp2DecodeError.UnknownFormat, Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode("\u00FF\u00D8\u00FF\u00E0JFIF"u8)).Reason);
    }

    [Fact]
    public void Header_only_codestream_with_huge_dimensions_is_rejected_before_allocation()
    {
        // SOC + SIZ declaring 60000 x 60000, 1 component, then nothing.
        byte[] siz =
        [
            0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x29, 0x00, 0x00,
            0x00, 0x00, 0xEA, 0x60, 0x00, 0x00, 0xEA, 0x60, // Xsiz, Ysiz
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // XOsiz, YOsiz
            0x00, 0x00, 0xEA, 0x60, 0x00, 0x00, 0xEA, 0x60, // XTsiz, YTsiz
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // XTOsiz, YTOsiz
            0x00, 0x01, 0x07, 0x01, 0x01,                   // Csiz=1, Ssiz=8 bit, XRsiz, YRsiz
        ];
        var error = Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode(siz));
        Assert.Contains(error.Reason, new[] { Jp2DecodeError.ImageTooLarge, Jp2DecodeError.Malformed });
    }

    [Fact]
    public void Limits_are_enforced()
    {
        byte[] jp2 = Jp2Codec.Encode(TestImages.Portrait(200, 100), new Jp2EncodeOptions { CompressionRatio = 10 });

        Assert.Equal(Jp2DecodeError.InputTooLarge,
            Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode(jp2, new Jp2DecodeLimits(MaxInputBytes: jp2.Length - 1))).Reason);
        Assert.Equal(Jp2DecodeError.ImageTooLarge,
            Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode(jp2, new Jp2DecodeLimits(MaxPixels: 200 * 100 - 1))).Reason);
        Assert.Equal(Jp2DecodeError.ImageTooLarge,
            Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode(jp2, new Jp2DecodeLimits(MaxDimension: 199))).Reason);
        Assert.Equal(Jp2DecodeError.TooManyComponents,
            Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode(jp2, new Jp2DecodeLimits(MaxComponents: 0))).Reason);

        // Exactly at the limits still decodes.
        Jp2Image ok = Jp2Codec.Decode(jp2, new Jp2DecodeLimits(MaxInputBytes: jp2.Length, MaxPixels: 200 * 100, MaxComponents: 1, MaxDimension: 200));
        Assert.Equal(200, ok.Width);
    }

    [Fact]
    public void Invalid_encode_options_are_argument_errors()
    {
        GreyImage image = TestImages.Portrait(32, 32);
        Assert.Throws<ArgumentException>(() => Jp2Codec.Encode(image, new Jp2EncodeOptions { CompressionRatio = 10, TargetBytes = 100 }));
        Assert.Throws<ArgumentException>(() => Jp2Codec.Encode(image, new Jp2EncodeOptions { CompressionRatio = 0.5f }));
        Assert.Throws<ArgumentException>(() => Jp2Codec.Encode(image, new Jp2EncodeOptions { TargetBytes = 0 }));
        Assert.Throws<ArgumentException>(() => new GreyImage(3, 3, new byte[8]));
    }

    [Fact]
    public void Rgb_round_trips_through_the_colour_transform()
    {
        GreyImage r = TestImages.Portrait(90, 70, seed: 11), g = TestImages.Portrait(90, 70, seed: 12), b = TestImages.Portrait(90, 70, seed: 13);
        var rgb = new byte[90 * 70 * 3];
        for (int i = 0; i < 90 * 70; i++)
        {
            (rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2]) = (r.Pixels[i], (byte)(255 - g.Pixels[i]), (byte)(b.Pixels[i] / 2));
        }

        var source = new Jp2Image(90, 70, 3, Jp2ColourSpace.Rgb, rgb);
        Jp2Image lossless = Jp2Codec.Decode(Jp2Codec.Encode(source, new Jp2EncodeOptions { Reversible = true }));
        Assert.Equal((3, Jp2ColourSpace.Rgb), (lossless.Components, lossless.ColourSpace));
        Assert.Equal(rgb, lossless.Pixels);
        Assert.Equal(source.ToGrey().Pixels, lossless.ToGrey().Pixels);

        Jp2Image lossy = Jp2Codec.Decode(Jp2Codec.Encode(source, new Jp2EncodeOptions { CompressionRatio = 10 }));
        Assert.True(TestImages.Psnr(rgb, lossy.Pixels) > 30);
        Assert.Throws<ArgumentException>(() => Jp2Codec.Encode(source with { ColourSpace = Jp2ColourSpace.RgbAlpha }));
        Assert.Throws<ArgumentException>(() => Jp2Codec.Encode(source with { Pixels = new byte[10] }));
    }

    [Fact]
    public void Rgb_to_grey_uses_bt601_weights()
    {
        var rgb = new Jp2Image(3, 1, 3, Jp2ColourSpace.Rgb, [255, 0, 0, 0, 255, 0, 10, 20, 30]);
        Assert.Equal(new byte[] { 76, 150, 18 }, rgb.ToGrey().Pixels);
        var greyAlpha = new Jp2Image(2, 1, 2, Jp2ColourSpace.GreyAlpha, [9, 255, 200, 0]);
        Assert.Equal(new byte[] { 9, 200 }, greyAlpha.ToGrey().Pixels);
    }

    [Fact]
    public void Concurrent_decodes_are_independent()
    {
        byte[][] inputs = Enumerable.Range(1, 4)
            .Select(seed => Jp2Codec.Encode(TestImages.Portrait(80 + seed, 60, seed), new Jp2EncodeOptions { CompressionRatio = 12 }))
            .ToArray();
        byte[][] expected = inputs.Select(i => Jp2Codec.Decode(i).Pixels).ToArray();
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            Assert.Equal(expected[i % 4], Jp2Codec.Decode(inputs[i % 4]).Pixels);
        });
    }

    [Fact]
    public void Repeated_decode_and_failed_decode_do_not_grow_memory()
    {
        byte[] jp2 = Jp2Codec.Encode(TestImages.Portrait(300, 400), new Jp2EncodeOptions { CompressionRatio = 25 });
        byte[] truncated = jp2[..(jp2.Length / 2)];
        void Round()
        {
            Assert.Equal(300, Jp2Codec.Decode(jp2).Width);
            Assert.Throws<Jp2DecodeException>(() => Jp2Codec.Decode(truncated));
            Assert.NotEmpty(Jp2Codec.Encode(TestImages.Portrait(40, 40), new Jp2EncodeOptions { CompressionRatio = 5 }));
        }

        for (int i = 0; i < 30; i++)
        {
            Round();
        }

        long rssBefore = Rss();
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < 300; i++)
        {
            Round();
        }

        long managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        long rssAfter = Rss();

        _output.WriteLine($"300 rounds: managed {managedAfter - managedBefore} B, RSS {(rssAfter - rssBefore) / 1024} KiB");

        // 300 rounds each touch ≈ 1 MB of native buffers; a leak of even one image per round would add > 30 MB.
        Assert.True(managedAfter - managedBefore < 4 * 1024 * 1024, $"managed heap grew {managedAfter - managedBefore} bytes");
        Assert.True(rssAfter - rssBefore < 24 * 1024 * 1024, $"RSS grew {(rssAfter - rssBefore) / 1024} KiB");
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
