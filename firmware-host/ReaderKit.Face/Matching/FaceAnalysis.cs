using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Models;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Matching;

/// <summary>
/// Everything learned about one image: detections, the chosen face, its dlib chip (quality gates), the quality decision and
/// the descriptors (one per configured <see cref="DescriptorModel"/>; <see cref="Embedding"/> is the first).
/// </summary>
public sealed record FaceAnalysis(
    FaceQualityReport Quality, IReadOnlyList<FaceDetection> Detections, FaceDetection? Face, AlignedFace? Aligned, FaceEmbedding? Embedding)
{
    /// <summary>One descriptor per configured model, in <see cref="FaceMatchOptions.Descriptors"/> order (empty when not usable).</summary>
    public IReadOnlyList<FaceEmbedding> Descriptors { get; init; } = Embedding is null ? [] : [Embedding];

    public FaceQualityOutcome Outcome => Quality.Outcome;

    public bool IsUsable => Quality.IsAccepted && Embedding is not null;
}
