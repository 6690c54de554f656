using SkiaSharp;

namespace ReaderKit.Face.Imaging;

/// <summary>Resizing helpers on SkiaSharp (mipmapped linear sampling, which box-filters strong downscales).</summary>
public static class ImageResampler
{
    /// <summary>Scales <paramref name="image"/> to <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static FaceImage Resize(FaceImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Letterbox(image, width, height, new SKRect(0, 0, width, height));
    }

    /// <summary>
    /// Draws <paramref name="image"/> into a black <paramref name="width"/>×<paramref name="height"/> canvas at <paramref name="destination"/>.
    /// </summary>
    public static FaceImage Letterbox(FaceImage image, int width, int height, SKRect destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var source = FaceImageDecoder.ToBitmap(image);
        using var sourceImage = SKImage.FromBitmap(source);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var target = new SKBitmap(info);
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Black);
            using var paint = new SKPaint();
            canvas.DrawImage(sourceImage, destination, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        }

        return FaceImageDecoder.FromBitmap(target);
    }
}
