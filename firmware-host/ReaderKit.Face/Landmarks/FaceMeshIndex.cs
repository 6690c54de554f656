namespace ReaderKit.Face.Landmarks;

/// <summary>
/// Landmark indices of the MediaPipe 468-point canonical face mesh used by ReaderKit (the same indices as MediaPipe's
/// <c>face_mesh_connections.py</c> and Human's <c>facemeshcoords.ts</c>). "Left/right" are the subject's own: in an unmirrored
/// camera frame the subject's right eye appears on the image's left.
/// </summary>
public static class FaceMeshIndex
{
    /// <summary>Subject's right eye, outer corner (temporal canthus).</summary>
    public const int RightEyeOuter = 33;

    /// <summary>Subject's right eye, inner corner (nasal canthus).</summary>
    public const int RightEyeInner = 133;

    /// <summary>Subject's left eye, inner corner.</summary>
    public const int LeftEyeInner = 362;

    /// <summary>Subject's left eye, outer corner.</summary>
    public const int LeftEyeOuter = 263;

    /// <summary>
    /// Upper/lower eyelid pairs of the subject's right eye, outer to inner: (160,144), (159,145), (158,153). Each pair is one upper
    /// and one lower lid-contour point at about the same position along the eye (MediaPipe's eye contour: upper 33-246-161-160-159-158-157-173-133,
    /// lower 33-7-163-144-145-153-154-155-133), i.e. the 6-point EAR pairs plus the lid midpoints.
    /// </summary>
    public static IReadOnlyList<(int Upper, int Lower)> RightEyeLids { get; } = [(160, 144), (159, 145), (158, 153)];

    /// <summary>Lid pairs of the subject's left eye, inner to outer: (385,380), (386,374), (387,373) (mirror of <see cref="RightEyeLids"/>).</summary>
    public static IReadOnlyList<(int Upper, int Lower)> LeftEyeLids { get; } = [(385, 380), (386, 374), (387, 373)];

    /// <summary>Nose tip.</summary>
    public const int NoseTip = 1;

    /// <summary>Face silhouette at cheekbone height, subject's right side (image left).</summary>
    public const int RightFaceEdge = 234;

    /// <summary>Face silhouette at cheekbone height, subject's left side.</summary>
    public const int LeftFaceEdge = 454;

    /// <summary>Top of the forehead on the mid-line (silhouette).</summary>
    public const int ForeheadTop = 10;

    /// <summary>Chin on the mid-line (silhouette).</summary>
    public const int Chin = 152;
}
