namespace ReaderKit.Face.Detection;

/// <summary>BlazeFace keypoint order (the subject's right eye appears on the image's left in an unmirrored photo).</summary>
public enum FaceKeypoint
{
    RightEye = 0,
    LeftEye = 1,
    NoseTip = 2,
    Mouth = 3,
    RightEar = 4,
    LeftEar = 5,
}
