namespace ReaderKit.Face.Imaging;

/// <summary>
/// A decoded 8-bit RGBA image (alpha always 255) with rows packed top to bottom. This layout is SkiaSharp's
/// <c>Rgba8888</c>, so the image can go to Skia for resizing without conversion.
/// </summary>
public sealed class FaceImage
{
    /// <summary>Largest accepted side, in pixels: bounds memory for hostile or corrupt inputs.</summary>
    public const int MaxSide = 8192;

    /// <summary>Creates an image over <paramref name="rgba"/> (taken, not copied).</summary>
    public FaceImage(int width, int height, byte[] rgba)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} is outside 1..{MaxSide}");
        }

        if (rgba.Length != checked(width * height * 4))
        {
            throw new ArgumentException("pixel buffer length does not match width*height*4", nameof(rgba));
        }

        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>RGBA bytes, <c>Width*Height*4</c>.</summary>
    public byte[] Rgba { get; }

    /// <summary>Creates a uniformly filled image.</summary>
    public static FaceImage Filled(int width, int height, byte r, byte g, byte b)
    {
        var px = new byte[width * height * 4];
        for (var i = 0; i < px.Length; i += 4)
        {
            px[i] = r;
            px[i + 1] = g;
            px[i + 2] = b;
            px[i + 3] = 255;
        }

        return new FaceImage(width, height, px);
    }

    /// <summary>Luma plane (BT.601: 0.299 R + 0.587 G + 0.114 B), one byte per pixel.</summary>
    public byte[] ToLuma()
    {
        var luma = new byte[Width * Height];
        var px = Rgba;
        for (int i = 0, j = 0; j < luma.Length; i += 4, j++)
        {
            // Fixed-point BT.601 weights (sum 1024).
            luma[j] = (byte)(((306 * px[i]) + (601 * px[i + 1]) + (117 * px[i + 2]) + 512) >> 10);
        }

        return luma;
    }

    /// <summary>A greyscale copy (R = G = B = luma), like the chip photo.</summary>
    public FaceImage ToGreyscale()
    {
        var luma = ToLuma();
        var px = new byte[Rgba.Length];
        for (int i = 0, j = 0; j < luma.Length; i += 4, j++)
        {
            px[i] = px[i + 1] = px[i + 2] = luma[j];
            px[i + 3] = 255;
        }

        return new FaceImage(Width, Height, px);
    }

    /// <summary>A left-right mirrored copy.</summary>
    public FaceImage Mirror()
    {
        var px = new byte[Rgba.Length];
        var stride = Width * 4;
        for (var y = 0; y < Height; y++)
        {
            var row = y * stride;
            for (var x = 0; x < Width; x++)
            {
                Buffer.BlockCopy(Rgba, row + (x * 4), px, row + ((Width - 1 - x) * 4), 4);
            }
        }

        return new FaceImage(Width, Height, px);
    }

    /// <summary>Copies the pixels of <paramref name="rect"/> (clipped to the image) into a new image.</summary>
    public FaceImage Crop(PixelRect rect)
    {
        var r = rect.Clip(Width, Height);
        if (r.Width <= 0 || r.Height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rect), "crop rectangle does not overlap the image");
        }

        var px = new byte[r.Width * r.Height * 4];
        for (var y = 0; y < r.Height; y++)
        {
            Buffer.BlockCopy(Rgba, (((r.Y + y) * Width) + r.X) * 4, px, y * r.Width * 4, r.Width * 4);
        }

        return new FaceImage(r.Width, r.Height, px);
    }
}
