using System.Security.Cryptography;
using ReaderKit.Face.Landmarks;

namespace ReaderKit.Face.Liveness;

/// <summary>Thresholds of <see cref="ActiveChallengeDetector"/>; calibration in the README (PAD section).</summary>
public sealed record ActiveChallengeOptions
{
    /// <summary>Mesh yaw change from the starting pose, degrees, that counts as a turn.</summary>
    public double MinTurnDegrees { get; init; } = 15;

    /// <summary>An eye counts as closed when its eye aspect ratio is at most this fraction of its own sequence median (the open-eye baseline).</summary>
    public double ClosedRatio { get; init; } = 0.85;

    /// <summary>Eyes count as open again (and before the blink) when both are at least this fraction of their baseline.</summary>
    public double ReopenedRatio { get; init; } = 0.9;

    /// <summary>A mean eye aspect ratio at or below this counts as closed whatever the baseline (a real closed eye; open eyes measured 0.2–0.45).</summary>
    public double ClosedEyeAspectRatio { get; init; } = 0.12;

    /// <summary>
    /// Eyes also count as closed when the appearance score (<see cref="ChallengeMeasurement.EyeAppearance"/>) falls to this fraction of
    /// its own baseline: FaceMesh without the iris refinement barely closes its eye contour (README), while the iris and sclera
    /// vanishing from the eye region is a strong cue. Ignored for measurements without a score (NaN).
    /// </summary>
    public double ClosedContrastRatio { get; init; } = 0.8;

    /// <summary>
    /// The appearance cue counts only when both eye aspect ratios are also at or below this fraction of their baseline in the same
    /// frame: the lids must move a little too. Without it a bent print's tremor changed the eye regions enough to fake a blink
    /// (virtual kiosk, one attempt); a rendered blink's FaceMesh contour drops to 0.75–0.89.
    /// </summary>
    public double AppearanceEyeAspectRatio { get; init; } = 0.92;

    /// <summary>Frames with a measured face needed.</summary>
    public int MinFrames { get; init; } = 6;

    /// <summary>Frames used as the starting pose of a turn.</summary>
    public int BaselineFrames { get; init; } = 3;

    /// <summary>FaceMesh face-presence confidence below which a frame counts as having no face.</summary>
    public double MinMeshConfidence { get; init; } = 0.5;
}
