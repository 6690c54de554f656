using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Quality;

/// <summary>A quality decision with its measurements (null when no face was found).</summary>
public sealed record FaceQualityReport(FaceQualityOutcome Outcome, FaceQualityMetrics? Metrics)
{
    public bool IsAccepted => Outcome == FaceQualityOutcome.Accepted;
}
