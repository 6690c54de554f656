namespace ReaderKit.Jpeg2000;

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
