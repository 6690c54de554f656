using System.Numerics;
using SkiaSharp;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>
/// Pinhole camera of the virtual kiosk: projects textured meshes (<see cref="Surface"/>) at a camera distance of
/// <see cref="CameraDistance"/> pixels (≈ 50 cm for a face of 190 px), draws them far-to-near (painter's order), adds
/// exposure flicker and sensor noise, and encodes a JPEG like a UVC/MJPEG camera.
/// </summary>
internal static class FrameRenderer
{
    public const int Width = LiveCamera.FrameWidth;
    public const int Height = LiveCamera.FrameHeight;

    /// <summary>Distance from the camera's centre of projection to the plane z = 0, in pixels.</summary>
    public const float CameraDistance = 700;

    public static SKPoint Project(Vector3 p)
    {
        var f = CameraDistance / (CameraDistance + p.Z);
        return new SKPoint((Width / 2f) + (p.X * f), (Height / 2f) + (p.Y * f));
    }

    /// <summary>Draws the surfaces (in order; each depth-sorted internally) over a plain background.</summary>
    public static SKBitmap Draw(IEnumerable<Surface> surfaces, SKColor background)
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(background);
        foreach (var s in surfaces)
        {
            DrawSurface(canvas, s);
        }

        return bitmap;
    }

    /// <summary>Exposure change (gain, offset) and Gaussian sensor noise, then JPEG quality 90.</summary>
    public static byte[] Expose(SKBitmap bitmap, double gain, double offset, double noiseSigma, Random random)
    {
        var px = bitmap.GetPixelSpan();
        var rgba = new byte[px.Length];
        px.CopyTo(rgba);
        for (var i = 0; i < rgba.Length; i += 4)
        {
            for (var c = 0; c < 3; c++)
            {
                var noise = noiseSigma > 0 ? Gaussian(random) * noiseSigma : 0;
                rgba[i + c] = (byte)Math.Clamp(Math.Round((rgba[i + c] * gain) + offset + noise), 0, 255);
            }
        }

        using var data = SKData.CreateCopy(rgba);
        using var image = SKImage.FromPixels(bitmap.Info, data, bitmap.RowBytes);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return encoded.ToArray();
    }

    private static void DrawSurface(SKCanvas canvas, Surface s)
    {
        var triangles = s.Triangles.Length / 3;
        var order = new int[triangles];
        var depth = new float[triangles];
        for (var t = 0; t < triangles; t++)
        {
            order[t] = t;
            depth[t] = -(s.World[s.Triangles[3 * t]].Z + s.World[s.Triangles[(3 * t) + 1]].Z + s.World[s.Triangles[(3 * t) + 2]].Z);
        }

        Array.Sort(depth, order); // most negative first = farthest first
        var positions = new SKPoint[triangles * 3];
        var texs = new SKPoint[triangles * 3];
        for (var k = 0; k < triangles; k++)
        {
            var t = order[k];
            for (var v = 0; v < 3; v++)
            {
                var idx = s.Triangles[(3 * t) + v];
                positions[(3 * k) + v] = Project(s.World[idx]);
                texs[(3 * k) + v] = s.TexCoords[idx];
            }
        }

        using var vertices = SKVertices.CreateCopy(SKVertexMode.Triangles, positions, texs, null);
        using var shader = s.Texture.ToShader(SKShaderTileMode.Clamp, SKShaderTileMode.Clamp, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var paint = new SKPaint { Shader = shader, IsAntialias = true };
        canvas.DrawVertices(vertices, SKBlendMode.Modulate, paint);
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
