using ReaderKit.Face.Matching;

namespace ReaderKit.Tap.Faces;

/// <summary>Settings of <see cref="LiveFaceCheck"/>.</summary>
public sealed record LiveFaceCheckOptions
{
    /// <summary>The smallest and largest frame burst accepted (fewer frames cannot show motion; more only cost time).</summary>
    public const int MinFrames = 6;

    /// <inheritdoc cref="MinFrames"/>
    public const int MaxFrames = 60;

    /// <summary>Live frames to capture (clamped to <see cref="MinFrames"/>..<see cref="MaxFrames"/>).</summary>
    public int Frames { get; init; } = 12;

    /// <summary>Face models directory (null: <c>READERKIT_MODELS</c> or the installed location).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Matcher settings (threshold; the matcher refuses thresholds below the measured floor).</summary>
    public FaceMatchOptions Match { get; init; } = new();
}
