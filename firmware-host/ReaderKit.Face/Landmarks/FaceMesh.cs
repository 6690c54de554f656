using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Landmarks;

/// <summary>A 3-D landmark: x right and y down in source-image pixels; z depth in the same pixel scale, smaller = nearer the camera.</summary>
public readonly record struct Point3(double X, double Y, double Z)
{
    public static Point3 operator -(Point3 a, Point3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Euclidean length in 3-D.</summary>
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    /// <summary>The image-plane part.</summary>
    public Point2 XY => new(X, Y);
}

/// <summary>Crop fed to FaceMesh: centre and side of the square in source pixels and its rotation (radians, image y down).</summary>
public readonly record struct FaceMeshCrop(Point2 Center, double Side, double RotationRadians);

/// <summary>
/// The 468 FaceMesh landmarks of one face in source-image pixels (MediaPipe canonical order, see <see cref="FaceMeshIndex"/>),
/// the model's face-presence confidence (0..1), the crop that was used last and how many model runs it took (1 + refinements).
/// </summary>
public sealed record FaceMesh(IReadOnlyList<Point3> Landmarks, double FaceConfidence, FaceMeshCrop Crop, int Runs = 1)
{
    /// <summary>Number of landmarks the model produces.</summary>
    public const int LandmarkCount = 468;

    public Point3 this[int index] => Landmarks[index];
}

/// <summary>Options of <see cref="FaceMeshLandmarker"/>. Defaults follow @vladmandic/human 3.3.6 where it has one (see the README).</summary>
public sealed record FaceMeshOptions
{
    /// <summary>The BlazeFace box is enlarged by this factor around its centre and squared (longer side) before cropping (Human's <c>face.detector.scale</c>).</summary>
    public double BoxScale { get; init; } = 1.4;

    /// <summary>Rotate the crop upright by the eye line (as MediaPipe's own face-landmark graph does) when the roll exceeds <see cref="MinRotationDegrees"/>.</summary>
    public bool RotateUpright { get; init; } = true;

    /// <summary>Roll below this is not corrected (Human's 0.2 rad "large angle" limit ≈ 11.5°).</summary>
    public double MinRotationDegrees { get; init; } = 11.5;

    /// <summary>
    /// Re-crops centred on the mesh's own bounding box (the box Human tracks the next frame with) at most this many times. The
    /// mesh, especially the eyelids, depends strongly on where the crop sits: shifting the detector box by 13 % of its width
    /// changed the eye aspect ratio by 0.38–1.20× with one run and 0.86–1.08× after two refinements (README).
    /// </summary>
    public int MaxRefinements { get; init; } = 2;

    /// <summary>No further refinement once the crop centre moves less than this fraction of the crop side.</summary>
    public double RefineTolerance { get; init; } = 0.02;

    /// <summary>Largest crop side, in source pixels, cut out directly; larger crops are sampled by the supersampling warp instead.</summary>
    public int MaxDirectCropSide { get; init; } = 2048;
}
