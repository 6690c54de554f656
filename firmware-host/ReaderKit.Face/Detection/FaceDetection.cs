namespace ReaderKit.Face.Detection;

/// <summary>One detected face in source-image pixels: box, detector confidence (0..1) and the six BlazeFace keypoints.</summary>
public sealed record FaceDetection(FaceBox Box, float Score, IReadOnlyList<Point2> Keypoints)
{
    public Point2 this[FaceKeypoint k] => Keypoints[(int)k];

    /// <summary>Distance between the eye keypoints, in pixels.</summary>
    public double EyeDistance => (this[FaceKeypoint.LeftEye] - this[FaceKeypoint.RightEye]).Length;
}
