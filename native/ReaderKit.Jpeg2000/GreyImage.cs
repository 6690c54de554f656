namespace ReaderKit.Jpeg2000;

/// <summary>An 8-bit greyscale image, row-major, no padding (<c>Pixels.Length == Width * Height</c>).</summary>
public sealed record GreyImage
{
    /// <summary>Creates a grey image; the pixel buffer is used as is (not copied).</summary>
    /// <exception cref="ArgumentException">The buffer length does not match the dimensions.</exception>
    public GreyImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)width * height != pixels.Length)
        {
            throw new ArgumentException($"Expected {(long)width * height} pixels for {width}x{height}, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major 8-bit luminance samples.</summary>
    public byte[] Pixels { get; }
}
