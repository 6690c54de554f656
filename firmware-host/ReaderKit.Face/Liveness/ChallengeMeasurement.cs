using System.Security.Cryptography;
using ReaderKit.Face.Landmarks;

namespace ReaderKit.Face.Liveness;

/// <summary>What the challenge measures in one frame: FaceMesh head yaw (degrees, &gt; 0 = subject's left) and the two eye aspect ratios.</summary>
public readonly record struct ChallengeMeasurement(double YawDegrees, double RightEyeAspectRatio, double LeftEyeAspectRatio)
{
    /// <summary>
    /// An appearance-based eye openness score, higher = more open, NaN when not measured: the face verifier gives the normalised
    /// cross-correlation of the aligned eye regions with those of an open-eye reference frame (the less-changed eye of the two), so a
    /// closed lid, which replaces iris and sclera by skin, lowers it whatever the person's eye contrast.
    /// </summary>
    public double EyeAppearance { get; init; } = double.NaN;

    /// <summary>Measures one mesh (see <see cref="FaceMeshGeometry"/>).</summary>
    public static ChallengeMeasurement From(FaceMesh mesh) => new(
        FaceMeshGeometry.HeadPose(mesh).YawDegrees,
        FaceMeshGeometry.EyeAspectRatio(mesh, FaceSide.Right),
        FaceMeshGeometry.EyeAspectRatio(mesh, FaceSide.Left));
}
