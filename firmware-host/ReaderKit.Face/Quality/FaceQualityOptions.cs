using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Quality;

/// <summary>Limits of the quality gates. Defaults were chosen from the measurements in the README.</summary>
public sealed record FaceQualityOptions
{
    /// <summary>Minimum distance between the eye keypoints in source pixels.</summary>
    public double MinEyeDistancePixels { get; init; } = 20;

    /// <summary>A second face counts when its box is at least this fraction of the largest face's width.</summary>
    public double SecondFaceRelativeSize { get; init; } = 0.4;

    /// <summary>Largest absolute yaw estimate, degrees.</summary>
    public double MaxYawDegrees { get; init; } = 30;

    /// <summary>Largest absolute roll, degrees.</summary>
    public double MaxRollDegrees { get; init; } = 25;

    /// <summary>Minimum variance of the Laplacian in the chip's central face region.</summary>
    public double MinSharpness { get; init; } = 15;

    /// <summary>Mean luma window of the chip's central face region.</summary>
    public double MinMeanLuma { get; init; } = 40;

    /// <summary>Upper end of the mean luma window.</summary>
    public double MaxMeanLuma { get; init; } = 220;

    /// <summary>Largest fraction of clipped (≤5 or ≥250) pixels in the central face region.</summary>
    public double MaxClippedFraction { get; init; } = 0.3;

    /// <summary>Minimum eye-region contrast relative to the face's contrast; 0 disables the closed-eyes gate.</summary>
    public double MinEyeOpenness { get; init; } = 0.2;
}
