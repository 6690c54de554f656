namespace ReaderKit.Jpeg2000;

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
