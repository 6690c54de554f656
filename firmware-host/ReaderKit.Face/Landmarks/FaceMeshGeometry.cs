namespace ReaderKit.Face.Landmarks;

/// <summary>Measurements on a <see cref="FaceMesh"/>: eye aspect ratio and head pose (formulas in the README).</summary>
public static class FaceMeshGeometry
{
    /// <summary>
    /// Eye aspect ratio of one eye: mean 3-D distance of the three lid pairs (<see cref="FaceMeshIndex.RightEyeLids"/> /
    /// <see cref="FaceMeshIndex.LeftEyeLids"/>) divided by the 3-D corner-to-corner distance. The 3-D distances (z in the same
    /// pixel scale) keep the ratio from rising as the eye width foreshortens in a head turn. Open eyes ≈ 0.25–0.35, closed ≈ 0.05–0.1.
    /// </summary>
    public static double EyeAspectRatio(FaceMesh mesh, FaceSide eye)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var (outer, inner, lids) = eye == FaceSide.Right
            ? (FaceMeshIndex.RightEyeOuter, FaceMeshIndex.RightEyeInner, FaceMeshIndex.RightEyeLids)
            : (FaceMeshIndex.LeftEyeOuter, FaceMeshIndex.LeftEyeInner, FaceMeshIndex.LeftEyeLids);
        var width = (mesh[outer] - mesh[inner]).Length;
        if (!(width > 1e-6))
        {
            return double.NaN;
        }

        var open = 0.0;
        foreach (var (upper, lower) in lids)
        {
            open += (mesh[upper] - mesh[lower]).Length;
        }

        return open / lids.Count / width;
    }

    /// <summary>Mean eye aspect ratio of both eyes.</summary>
    public static double MeanEyeAspectRatio(FaceMesh mesh) => (EyeAspectRatio(mesh, FaceSide.Right) + EyeAspectRatio(mesh, FaceSide.Left)) / 2;

    /// <summary>
    /// Head pose from two 3-D mesh axes. Across = subject's right face edge → left face edge (234 → 454); roll = its angle in the image;
    /// yaw = <c>atan2(across.z, |across.xy|)</c> (the subject's left edge moving away from the camera is a turn to their left).
    /// Down = forehead top → chin (10 → 152); pitch = <c>atan2(−down.z, |down.xy|)</c> (the chin coming nearer is chin up). Both are
    /// rotations of an anatomical axis out of the image plane, independent of the face's size and in-plane position; a neutral face
    /// is not exactly 0 (anatomy, model bias), so challenges compare against the person's starting pose.
    /// </summary>
    public static MeshHeadPose HeadPose(FaceMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var across = mesh[FaceMeshIndex.LeftFaceEdge] - mesh[FaceMeshIndex.RightFaceEdge];
        var down = mesh[FaceMeshIndex.Chin] - mesh[FaceMeshIndex.ForeheadTop];
        var acrossPlane = Math.Sqrt((across.X * across.X) + (across.Y * across.Y));
        var downPlane = Math.Sqrt((down.X * down.X) + (down.Y * down.Y));
        const double Deg = 180 / Math.PI;
        return new MeshHeadPose(
            Math.Atan2(across.Z, acrossPlane) * Deg,
            Math.Atan2(-down.Z, downPlane) * Deg,
            Math.Atan2(across.Y, across.X) * Deg);
    }
}
