namespace ReaderKit.Jpeg2000;

/// <summary>Colour interpretation of a decoded <see cref="Jp2Image"/>.</summary>
public enum Jp2ColourSpace
{
    /// <summary>One component: luminance.</summary>
    Grey,

    /// <summary>Three components, interleaved R, G, B (sYCC input is converted to RGB by the decoder).</summary>
    Rgb,

    /// <summary>Grey plus alpha (two components, interleaved).</summary>
    GreyAlpha,

    /// <summary>RGB plus alpha (four components, interleaved).</summary>
    RgbAlpha,
}

/// <summary>
/// A decoded JPEG 2000 image: 8-bit samples, components interleaved row by row
/// (<c>Pixels[(y * Width + x) * Components + c]</c>). Higher precisions are scaled to 8 bits.
/// </summary>
public sealed record Jp2Image(int Width, int Height, int Components, Jp2ColourSpace ColourSpace, byte[] Pixels)
{
    /// <summary>Luminance view: grey images are copied as is; RGB uses BT.601 weights (0.299, 0.587, 0.114); alpha is dropped.</summary>
    public GreyImage ToGrey()
    {
        var grey = new byte[Width * Height];
        switch (ColourSpace)
        {
            case Jp2ColourSpace.Grey:
                Pixels.AsSpan(0, grey.Length).CopyTo(grey);
                break;
            case Jp2ColourSpace.GreyAlpha:
                for (int i = 0; i < grey.Length; i++)
                {
                    grey[i] = Pixels[i * 2];
                }

                break;
            default:
                for (int i = 0, p = 0; i < grey.Length; i++, p += Components)
                {
                    // Fixed-point BT.601 luma, rounded.
                    int y = (19595 * Pixels[p]) + (38470 * Pixels[p + 1]) + (7471 * Pixels[p + 2]) + 32768;
                    grey[i] = (byte)(y >> 16);
                }

                break;
        }

        return new GreyImage(Width, Height, grey);
    }
}

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

/// <summary>Upper bounds checked before any pixel memory is allocated; everything beyond them is a <see cref="Jp2DecodeException"/>.</summary>
/// <param name="MaxInputBytes">Largest accepted encoded input (the chip photo is a few KB; default 4 MiB).</param>
/// <param name="MaxPixels">Largest accepted width × height (default 4096 × 4096).</param>
/// <param name="MaxComponents">Largest accepted number of components (default 4: RGB + alpha).</param>
/// <param name="MaxDimension">Largest accepted width or height (default 16384).</param>
public sealed record Jp2DecodeLimits(
    int MaxInputBytes = 4 * 1024 * 1024,
    long MaxPixels = 4096L * 4096,
    int MaxComponents = 4,
    int MaxDimension = 16384)
{
    /// <summary>Defaults suitable for card photos and test images.</summary>
    public static Jp2DecodeLimits Default { get; } = new();
}

/// <summary>Output wrapper of an encoded image.</summary>
public enum Jp2Container
{
    /// <summary>JP2 file format (ISO/IEC 15444-1 Annex I boxes around the codestream) — what the card stores.</summary>
    Jp2,

    /// <summary>Raw J2K codestream (starts with SOC FF 4F).</summary>
    J2k,
}

/// <summary>
/// Encoder settings. Give at most one of <see cref="CompressionRatio"/> and <see cref="TargetBytes"/>; with neither and
/// <see cref="Reversible"/> = true the image is stored losslessly.
/// </summary>
public sealed record Jp2EncodeOptions
{
    /// <summary>Raw size ÷ compressed size (e.g. 30 gives a chip-like ~11 KB for 300×300 grey). Must be ≥ 1.</summary>
    public float? CompressionRatio { get; init; }

    /// <summary>Approximate upper bound on the output size in bytes; the encoder retries with higher ratios until it fits.</summary>
    public int? TargetBytes { get; init; }

    /// <summary>Reversible 5/3 wavelet (lossless when no rate is set) instead of the irreversible 9/7 wavelet.</summary>
    public bool Reversible { get; init; }

    /// <summary>JP2 container (default) or raw codestream.</summary>
    public Jp2Container Container { get; init; } = Jp2Container.Jp2;

    /// <summary>Wavelet resolution levels (1–33); reduced automatically for small images. Default 6.</summary>
    public int Resolutions { get; init; } = 6;
}
