using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>What a check found; each maps to one <see cref="PadOutcome"/>.</summary>
public enum PadFinding
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>No natural motion in the face region over the observed frames (photo or screen held still, frozen video).</summary>
    StaticPresentation,

    /// <summary>Screen-like periodic pattern (moiré / pixel grid) in the face region.</summary>
    ScreenPatternDetected,

    /// <summary>The requested blink or head turn was not observed in the frames given.</summary>
    ChallengeNotCompleted,

    /// <summary>The head turned the opposite way to the request.</summary>
    ChallengeWrongDirection,

    /// <summary>Not enough frames with a face to decide.</summary>
    InsufficientFrames,

    /// <summary>An external sensor (IR/depth) is not available.</summary>
    SensorUnavailable,
}
