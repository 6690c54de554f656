using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>Limits of <see cref="StaticPresentationDetector"/>.</summary>
public sealed record StaticPresentationOptions
{
    /// <summary>Frames with a face needed before deciding (≈1 s at 10–15 fps).</summary>
    public int MinFrames { get; init; } = 10;

    /// <summary>Grid the face box is averaged to before differencing (averaging suppresses sensor noise).</summary>
    public int Grid { get; init; } = 24;

    /// <summary>Floor of the largest mean absolute grey-level change from the first frame in the face box grid.</summary>
    public double MinFrameDifference { get; init; } = 1.5;

    /// <summary>Floor of the largest keypoint displacement from the first frame, in eye distances.</summary>
    public double MinKeypointMotion { get; init; } = 0.02;
}
