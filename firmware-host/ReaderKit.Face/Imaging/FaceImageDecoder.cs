using System.Runtime.InteropServices;
using SkiaSharp;

namespace ReaderKit.Face.Imaging;

/// <summary>
/// Decodes JPEG/PNG/WebP camera frames and files with SkiaSharp, honouring the EXIF orientation, into <see cref="FaceImage"/>.
/// JPEG 2000 chip photos go through <c>ChipPhotoDecoder</c> instead.
/// </summary>
public static class FaceImageDecoder
{
    /// <summary>Decodes <paramref name="encoded"/>; throws <see cref="FaceImageFormatException"/> on any malformed input.</summary>
    public static FaceImage Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new FaceImageFormatException("empty image");
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new FaceImageFormatException("unrecognised or corrupt image data");
        var size = codec.Info;
        if (size.Width <= 0 || size.Height <= 0 || size.Width > FaceImage.MaxSide || size.Height > FaceImage.MaxSide)
        {
            throw new FaceImageFormatException($"image size {size.Width}x{size.Height} is outside 1..{FaceImage.MaxSide}");
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var origin = codec.EncodedOrigin;
        if (origin is not (SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default))
        {
            using var bitmap = new SKBitmap(info);
            CheckResult(codec.GetPixels(info, bitmap.GetPixels()));
            using var oriented = ApplyOrigin(bitmap, origin);
            return FromBitmap(oriented ?? bitmap);
        }

        // Common case (camera frames): decode straight into the managed pixel array, no intermediate bitmap or copy.
        var px = GC.AllocateUninitializedArray<byte>(checked(size.Width * size.Height * 4));
        var handle = GCHandle.Alloc(px, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }

        CheckResult(result);

        // Opaque sources (JPEG) already carry alpha 255; an incomplete image is filled with transparent black by Skia.
        if (size.AlphaType != SKAlphaType.Opaque || result != SKCodecResult.Success)
        {
            for (var i = 3; i < px.Length; i += 4)
            {
                px[i] = 255;
            }
        }

        return new FaceImage(size.Width, size.Height, px);
    }

    private static void CheckResult(SKCodecResult result)
    {
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new FaceImageFormatException($"image decode failed: {result}");
        }
    }

    /// <summary>Encodes <paramref name="image"/> as JPEG (used by tests, the simulator and face-eval).</summary>
    public static byte[] EncodeJpeg(FaceImage image, int quality = 90)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> as PNG.</summary>
    public static byte[] EncodePng(FaceImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    internal static SKBitmap ToBitmap(FaceImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(image.Rgba, 0, bitmap.GetPixels(), image.Rgba.Length);
        return bitmap;
    }

    internal static FaceImage FromBitmap(SKBitmap bitmap)
    {
        SKBitmap? converted = null;
        try
        {
            var source = bitmap;
            if (bitmap.ColorType != SKColorType.Rgba8888 || bitmap.AlphaType == SKAlphaType.Premul)
            {
                converted = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
                if (!bitmap.CopyTo(converted, SKColorType.Rgba8888))
                {
                    using var canvas = new SKCanvas(converted);
                    using var img = SKImage.FromBitmap(bitmap);
                    canvas.DrawImage(img, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
                }

                source = converted;
            }

            var px = new byte[source.Width * source.Height * 4];
            System.Runtime.InteropServices.Marshal.Copy(source.GetPixels(), px, 0, px.Length);
            for (var i = 3; i < px.Length; i += 4)
            {
                px[i] = 255;
            }

            return new FaceImage(source.Width, source.Height, px);
        }
        finally
        {
            converted?.Dispose();
        }
    }

    private static SKBitmap? ApplyOrigin(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return null;
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var w = swap ? bitmap.Height : bitmap.Width;
        var h = swap ? bitmap.Width : bitmap.Height;
        var rotated = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(rotated);
        var bw = bitmap.Width;
        var bh = bitmap.Height;
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, bw, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, bw, 0, -1, bh, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, bh, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, bh, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, bh, -1, 0, bw, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, bw, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(m);
        using var img = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(img, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return rotated;
    }
}
