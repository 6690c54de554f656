using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Quality;

/// <summary>Measurements behind a quality decision.</summary>
public sealed record FaceQualityMetrics(
    int FacesFound, double EyeDistancePixels, HeadPose Pose, double Sharpness, double MeanLuma, double ClippedFraction, double EyeOpenness);
