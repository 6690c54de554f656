using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Quality;

/// <summary>
/// Head pose estimated from the BlazeFace keypoints alone (no 3-D model): roll from the eye line; yaw from how far the nose tip
/// sits off the eye midpoint along the eye line, assuming the nose tip protrudes 0.6 inter-eye distances in front of the eyes
/// (<c>yaw = atan(offset / (0.6 · projected eye distance))</c>). Signed: positive yaw means the nose points to the image's right.
/// An estimate good to roughly ±10°, enough for a frontal gate and a turn challenge.
/// </summary>
public readonly record struct HeadPose(double YawDegrees, double RollDegrees)
{
    /// <summary>Nose-tip depth in front of the eye plane, in inter-eye distances (anthropometric average).</summary>
    public const double NoseDepthRatio = 0.6;

    /// <summary>Estimates the pose of <paramref name="face"/>.</summary>
    public static HeadPose From(FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        var a = face[FaceKeypoint.RightEye];
        var b = face[FaceKeypoint.LeftEye];
        var (left, right) = a.X <= b.X ? (a, b) : (b, a);
        var eye = right - left;
        var distance = eye.Length;
        if (distance < 1e-6)
        {
            return new HeadPose(90, 0);
        }

        var roll = Math.Atan2(eye.Y, eye.X) * 180 / Math.PI;
        var unit = eye * (1 / distance);
        var nose = face[FaceKeypoint.NoseTip] - Point2.Midpoint(left, right);
        var along = (nose.X * unit.X) + (nose.Y * unit.Y);
        var yaw = Math.Atan(along / (NoseDepthRatio * distance)) * 180 / Math.PI;
        return new HeadPose(yaw, roll);
    }
}
