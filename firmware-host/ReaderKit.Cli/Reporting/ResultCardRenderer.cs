using ReaderKit.Contracts;
using ReaderKit.Face.Imaging;
using ReaderKit.Forms;
using ReaderKit.Jpeg2000;
using SkiaSharp;

namespace ReaderKit.Cli.Reporting;

/// <summary>
/// Draws a <see cref="ResultCard"/> as a PNG: the chip photo (left half) beside the best live frame (right half), each
/// fitted into its half of the photo band, then the card's <see cref="ResultCard.Lines"/> below, PASS lines green and
/// FAIL lines red. The width is fixed; the height grows with the number of lines (<see cref="SizeOf"/>). A demo and
/// test tool, not verification code: it decodes bytes the host already verified and returned.
/// </summary>
internal static class ResultCardRenderer
{
    /// <summary>Card width in pixels.</summary>
    public const int Width = 1200;

    /// <summary>Height of the photo band.</summary>
    public const int PhotoBand = 420;

    private const int Margin = 20;
    private const int LineHeight = 24;
    private const float TextSize = 17;

    private static readonly Lazy<SKTypeface> Typeface = new(LoadTypeface);

    /// <summary>The PNG's size for <paramref name="card"/>.</summary>
    public static (int Width, int Height) SizeOf(ResultCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return (Width, PhotoBand + (2 * Margin) + (card.Lines.Count * LineHeight) + Margin);
    }

    /// <summary>Renders the card as PNG bytes.</summary>
    public static byte[] RenderPng(ResultCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var (width, height) = SizeOf(card);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        var half = width / 2;
        using var font = new SKFont(Typeface.Value, TextSize);
        using (var chip = DecodeChipPhoto(card.ChipPhotoJpeg2000))
        {
            DrawFitted(canvas, chip, SKRect.Create(Margin, Margin, half - (2 * Margin), PhotoBand - (2 * Margin)), "chip photo: not available", font);
        }

        using (var live = card.LiveFrameJpeg is { Length: > 0 } jpeg ? SKBitmap.Decode(jpeg) : null)
        {
            DrawFitted(canvas, live, SKRect.Create(half + Margin, Margin, half - (2 * Margin), PhotoBand - (2 * Margin)), "live frame: not available", font);
        }

        using var text = new SKPaint { IsAntialias = true };
        var y = PhotoBand + Margin + LineHeight;
        var lines = card.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            text.Color = line.StartsWith("PASS ", StringComparison.Ordinal) ? new SKColor(0, 120, 40)
                : line.StartsWith("FAIL ", StringComparison.Ordinal) ? new SKColor(190, 0, 0)
                : i == 1 ? (card.Verdict == VerdictKind.Accepted ? new SKColor(0, 120, 40) : new SKColor(190, 0, 0))
                : SKColors.Black;
            canvas.DrawText(Fit(line, font, width - (2 * Margin)), Margin, y, SKTextAlign.Left, font, text);
            y += LineHeight;
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKBitmap? DecodeChipPhoto(byte[]? jpeg2000)
    {
        if (jpeg2000 is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            var grey = Jp2Codec.DecodeGrey(jpeg2000, ChipPhotoDecoder.Limits);
            var bitmap = new SKBitmap(new SKImageInfo(grey.Width, grey.Height, SKColorType.Gray8, SKAlphaType.Opaque));
            grey.Pixels.AsSpan().CopyTo(bitmap.GetPixelSpan());
            return bitmap;
        }
        catch (Jp2DecodeException)
        {
            return null;
        }
    }

    private static void DrawFitted(SKCanvas canvas, SKBitmap? bitmap, SKRect box, string missing, SKFont font)
    {
        using var frame = new SKPaint { Color = new SKColor(200, 200, 200), Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        canvas.DrawRect(box, frame);
        if (bitmap is null)
        {
            using var grey = new SKPaint { Color = new SKColor(120, 120, 120), IsAntialias = true };
            canvas.DrawText(missing, box.MidX, box.MidY, SKTextAlign.Center, font, grey);
            return;
        }

        var scale = Math.Min(box.Width / bitmap.Width, box.Height / bitmap.Height);
        var w = bitmap.Width * scale;
        var h = bitmap.Height * scale;
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, SKRect.Create(box.MidX - (w / 2), box.MidY - (h / 2), w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    /// <summary>The line, cut with an ellipsis to fit <paramref name="width"/>.</summary>
    private static string Fit(string line, SKFont font, float width)
    {
        if (font.MeasureText(line) <= width)
        {
            return line;
        }

        var n = line.Length;
        while (n > 0 && font.MeasureText(string.Concat(line.AsSpan(0, n), "…")) > width)
        {
            n--;
        }

        return string.Concat(line.AsSpan(0, n), "…");
    }

    /// <summary>A font with Japanese glyphs when the system has one (check reasons quote 照合番号B), else the default face.</summary>
    private static SKTypeface LoadTypeface()
    {
        try
        {
            return JapaneseFont.Load();
        }
        catch (FormFontUnavailableException)
        {
            return SKTypeface.Default;
        }
    }
}
