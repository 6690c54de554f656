using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Evaluation;

/// <summary>Error rates of one descriptor configuration on one subset (or on all subsets pooled: <see cref="Subset"/> = "all").</summary>
public sealed record EvaluationRow(
    string Subset,
    string Configuration,
    VerificationReport Report,
    int Identities,
    int Images,
    int FailedImages,
    IReadOnlyList<double> GenuineScores,
    IReadOnlyList<double> ImpostorScores)
{
    /// <summary>The image pair behind each entry of <see cref="GenuineScores"/> (same order).</summary>
    public IReadOnlyList<ImagePair> GenuineImages { get; init; } = [];

    /// <summary>The image pair behind each entry of <see cref="ImpostorScores"/> (same order).</summary>
    public IReadOnlyList<ImagePair> ImpostorImages { get; init; } = [];
}
