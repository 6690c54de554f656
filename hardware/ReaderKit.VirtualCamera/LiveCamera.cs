using System.Globalization;
using SkiaSharp;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCamera;

/// <summary>How the virtual person behaves in front of the camera.</summary>
public enum LivePresentation
{
    /// <summary>A live person: small natural head motion and lighting flicker between frames.</summary>
    Live,

    /// <summary>A printed photo held perfectly still: every frame identical (a presentation attack).</summary>
    StaticPhoto,

    /// <summary>Nobody in front of the camera: background only.</summary>
    Empty,
}

/// <summary>
/// The simulator's camera: colour 640×480 JPEG frames of a persona's sample face, framed differently from the chip
/// photo (wider, in colour, from the original photo), as a file/sequence camera source replays them. Deterministic
/// for a given seed.
/// </summary>
public static class LiveCamera
{
    public const int FrameWidth = 640;
    public const int FrameHeight = 480;

    /// <summary>Renders <paramref name="count"/> JPEG frames.</summary>
    public static IReadOnlyList<byte[]> Frames(Persona persona, int count, LivePresentation presentation = LivePresentation.Live, int seed = 1, string? sampleDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return Frames(PersonaFaces.For(persona), count, presentation, seed, sampleDirectory);
    }

    /// <summary>Renders <paramref name="count"/> JPEG frames of one sample face.</summary>
    public static IReadOnlyList<byte[]> Frames(SampleFace face, int count, LivePresentation presentation = LivePresentation.Live, int seed = 1, string? sampleDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var source = SampleFaces.LoadSource(face, sampleDirectory);
        using var image = SKImage.FromBitmap(source);
        var random = new Random(seed);
        var frames = new List<byte[]>(count);
        double dx = 0, dy = 0, angle = 0;
        for (var i = 0; i < count; i++)
        {
            if (presentation == LivePresentation.Live)
            {
                // Random walk of a few pixels and a fraction of a degree: a person standing at a kiosk.
                dx = Math.Clamp(dx + ((random.NextDouble() - 0.5) * 6), -12, 12);
                dy = Math.Clamp(dy + ((random.NextDouble() - 0.5) * 4), -8, 8);
                angle = Math.Clamp(angle + ((random.NextDouble() - 0.5) * 1.2), -4, 4);
            }

            var brightness = presentation == LivePresentation.Live ? (float)((random.NextDouble() - 0.5) * 0.06) : 0f;
            frames.Add(Render(image, face, presentation, dx, dy, angle, brightness));
        }

        return frames;
    }

    /// <summary>Writes the frames as frame-0000.jpg … into <paramref name="directory"/> (created if needed).</summary>
    public static IReadOnlyList<string> WriteFrames(string directory, Persona persona, int count, LivePresentation presentation = LivePresentation.Live, int seed = 1)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        var frames = Frames(persona, count, presentation, seed);
        for (var i = 0; i < frames.Count; i++)
        {
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"frame-{i:0000}.jpg"));
            File.WriteAllBytes(path, frames[i]);
            paths.Add(path);
        }

        return paths;
    }

    private static byte[] Render(SKImage source, SampleFace face, LivePresentation presentation, double dx, double dy, double angle, float brightness)
    {
        using var frame = new SKBitmap(new SKImageInfo(FrameWidth, FrameHeight, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(new SKColor(90, 96, 104));
            if (presentation != LivePresentation.Empty)
            {
                // The face fills about 40 % of the frame height, as at a kiosk 40–60 cm from the camera.
                var scale = FrameHeight * 0.4 / face.Size;
                var cx = face.X + (face.Size / 2.0);
                var cy = face.Y + (face.Size / 2.0);
                canvas.Translate((float)((FrameWidth / 2.0) + dx), (float)((FrameHeight / 2.0) + dy));
                canvas.RotateDegrees((float)angle);
                canvas.Scale((float)scale);
                canvas.Translate((float)-cx, (float)-cy);
                using var paint = new SKPaint();
                if (brightness != 0)
                {
                    var b = brightness; // Skia colour-matrix offsets are in 0..1 units
                    paint.ColorFilter = SKColorFilter.CreateColorMatrix(
                    [
                        1, 0, 0, 0, b,
                        0, 1, 0, 0, b,
                        0, 0, 1, 0, b,
                        0, 0, 0, 1, 0,
                    ]);
                }

                // Only the person's own surroundings: other people in the group photo stay out of the kiosk's view.
                var own = SKRect.Create((float)(cx - (1.1 * face.Size)), (float)(cy - (1.1 * face.Size)), (float)(2.2 * face.Size), (float)(2.8 * face.Size));
                canvas.ClipRect(own, SKClipOperation.Intersect, antialias: true);
                canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
            }
        }

        using var snapshot = SKImage.FromBitmap(frame);
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, 90);
        return encoded.ToArray();
    }
}
