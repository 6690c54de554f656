using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Landmarks;

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
