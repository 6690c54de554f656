using System.Runtime.InteropServices;
using SkiaSharp;

namespace ReaderKit.FaceModels.Tests;

/// <summary>
/// Writes a real photo (face-api's demo/sample1.jpg from npm) as each model's input: padded to a square with black,
/// centred, bilinear-resized, then normalised the way the JS libraries feed each model.
/// </summary>
internal static class PhotoInputs
{
    public const string RelativePath = "@vladmandic/face-api/demo/sample1.jpg";

    public static void Write(string nodeModules, string directory)
    {
        Directory.CreateDirectory(directory);
        using SKBitmap photo = SKBitmap.Decode(Path.Combine(nodeModules, RelativePath))
            ?? throw new InvalidOperationException($"{RelativePath} could not be decoded");
        Write(photo, 256, v => (v / 127.5f) - 1f, Path.Combine(directory, "blazeface.photo.input.f32"));
        Write(photo, 150, v => v, Path.Combine(directory, "face_recognition.photo.input.f32"));
        Write(photo, 192, v => v / 255f, Path.Combine(directory, "facemesh.photo.input.f32"));
        Write(photo, 224, v => v, Path.Combine(directory, "faceres.photo.input.f32"));
        Write(photo, 224, v => v, Path.Combine(directory, "faceres_deep.photo.input.f32"));
        Write(photo, 112, v => v, Path.Combine(directory, "mobileface.photo.input.f32"));
        Write(photo, 112, v => v / 255f, Path.Combine(directory, "mobilefacenet.photo.input.f32"));
    }

    private static void Write(SKBitmap photo, int size, Func<float, float> normalise, string file)
    {
        int side = Math.Max(photo.Width, photo.Height);
        float scale = (float)size / side;
        using var target = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(target))
        using (SKImage image = SKImage.FromBitmap(photo))
        {
            canvas.Clear(SKColors.Black);
            float w = photo.Width * scale, h = photo.Height * scale;
            var dest = SKRect.Create((size - w) / 2, (size - h) / 2, w, h);
            canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        ReadOnlySpan<byte> rgba = target.GetPixelSpan();
        var values = new float[size * size * 3];
        for (int i = 0, p = 0; i < size * size; i++, p += 4)
        {
            values[3 * i] = normalise(rgba[p]);
            values[(3 * i) + 1] = normalise(rgba[p + 1]);
            values[(3 * i) + 2] = normalise(rgba[p + 2]);
        }

        File.WriteAllBytes(file, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }
}
