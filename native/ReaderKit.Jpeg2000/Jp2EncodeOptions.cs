namespace ReaderKit.Jpeg2000;

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
