using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>Limits of <see cref="ScreenReplayDetector"/>.</summary>
public sealed record ScreenReplayOptions
{
    /// <summary>Side of the resampled face patch (power of two).</summary>
    public int PatchSize { get; init; } = 128;

    /// <summary>
    /// Peak-to-median ratio of the mid/high-frequency spectrum above which a periodic (screen/moiré) pattern is reported.
    /// Calibrated so that none of the bona fide sample photos exceeds it (README).
    /// </summary>
    public double MaxPeakRatio { get; init; } = 80;

    /// <summary>Fraction of frames (with a face) that must show the pattern.</summary>
    public double MinFlaggedFraction { get; init; } = 0.5;
}
